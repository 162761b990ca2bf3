import type { TProductStatus } from '../contracts/products';

/**
 * The curation state machine of a product's working copy: which move leads from which states to which,
 * and who makes it. Server and client read this one table (the client to show only possible buttons).
 */
export const PRODUCT_MOVES = {
  /** The seller sends the working copy to Dinkop; without complete legality it waits in needs_legality. */
  submit: {
    by: 'seller',
    from: ['draft', 'needs_legality', 'changes_requested'],
    to: ['submitted', 'needs_legality'],
  },
  startReview: { by: 'curator', from: ['submitted'], to: ['in_review'] },
  approve: { by: 'curator', from: ['in_review'], to: ['approved'] },
  requestChanges: { by: 'curator', from: ['in_review'], to: ['changes_requested'] },
  reject: { by: 'curator', from: ['in_review'], to: ['rejected'] },
} as const satisfies Record<
  string,
  { by: 'seller' | 'curator'; from: readonly TProductStatus[]; to: readonly TProductStatus[] }
>;
export type TProductMove = keyof typeof PRODUCT_MOVES;

export function canMove(move: TProductMove, from: TProductStatus): boolean {
  return (PRODUCT_MOVES[move].from as readonly TProductStatus[]).includes(from);
}

/** What a curator checks; "changes requested" names the items that need work, each with a note. */
export const CURATION_CHECKLIST = [
  'legality',
  'photos',
  'description',
  'price',
  'packaging',
  'label',
] as const;
export type TCurationChecklistItem = (typeof CURATION_CHECKLIST)[number];
