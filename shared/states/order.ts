/**
 * The seller order's life, in one table read by server and client (the client shows only the buttons a
 * move allows). A buyer order is one seller order per UMKM; its status is derived from theirs.
 */
export const SELLER_ORDER_STATUSES = [
  /** Paid online: waits for the buyer's payment before the seller is asked (on terms, orders start placed). */
  'awaiting_payment',
  'placed',
  'accepted',
  'rejected',
  'in_production',
  'ready_to_ship',
  'shipped',
  'delivered',
  'received',
  'completed',
  'cancelled',
] as const;
export type TSellerOrderStatus = (typeof SELLER_ORDER_STATUSES)[number];

import type { TRole } from '../contracts/organisations';

/**
 * Who makes a move: the selling UMKM, the buying organisation, a Dinkop admin, or the platform itself
 * (a payment arrived or its time ran out; no person can make those moves through the API).
 */
export type TOrderParty = 'seller' | 'buyer' | 'dinkop' | 'platform';
export const ORDER_PARTIES = ['seller', 'buyer', 'dinkop', 'platform'] as const satisfies TOrderParty[];

const SELLER: readonly TRole[] = ['owner', 'staff'];

export const ORDER_MOVES = {
  /** The buyer order's online payment succeeded: the seller is asked now. */
  confirmPayment: { by: 'platform', roles: [], from: ['awaiting_payment'], to: 'placed' },
  /** Not paid within the payment window: what was reserved goes back. */
  expirePayment: { by: 'platform', roles: [], from: ['awaiting_payment'], to: 'cancelled' },
  accept: { by: 'seller', roles: SELLER, from: ['placed'], to: 'accepted' },
  reject: { by: 'seller', roles: SELLER, from: ['placed'], to: 'rejected' },
  startProduction: { by: 'seller', roles: SELLER, from: ['accepted'], to: 'in_production' },
  markReady: { by: 'seller', roles: SELLER, from: ['accepted', 'in_production'], to: 'ready_to_ship' },
  /** Courier name and tracking number required. */
  ship: { by: 'seller', roles: SELLER, from: ['ready_to_ship'], to: 'shipped' },
  markDelivered: { by: 'seller', roles: SELLER, from: ['shipped'], to: 'delivered' },
  /** Receipt confirmation with the BAST (berita acara serah terima) number. */
  confirmReceipt: {
    by: 'buyer',
    roles: ['admin', 'purchaser', 'approver'],
    from: ['shipped', 'delivered'],
    to: 'received',
  },
  /** Closing the order is the buyer's books: admins, approvers and finance. */
  complete: { by: 'buyer', roles: ['admin', 'approver', 'finance'], from: ['received'], to: 'completed' },
  // Not while awaiting payment: the payment covers the whole order; an unpaid order simply expires.
  cancelByBuyer: { by: 'buyer', roles: ['admin', 'purchaser'], from: ['placed'], to: 'cancelled' },
  cancelBySeller: {
    by: 'seller',
    roles: SELLER,
    from: ['placed', 'accepted', 'in_production', 'ready_to_ship'],
    to: 'cancelled',
  },
  cancelByDinkop: {
    by: 'dinkop',
    roles: ['admin'],
    from: [
      'awaiting_payment',
      'placed',
      'accepted',
      'in_production',
      'ready_to_ship',
      'shipped',
      'delivered',
    ],
    to: 'cancelled',
  },
} as const satisfies Record<
  string,
  { by: TOrderParty; roles: readonly TRole[]; from: readonly TSellerOrderStatus[]; to: TSellerOrderStatus }
>;
export type TOrderMove = keyof typeof ORDER_MOVES;
export const ORDER_MOVE_NAMES = Object.keys(ORDER_MOVES) as TOrderMove[];

export function canMoveOrder(move: TOrderMove, from: TSellerOrderStatus): boolean {
  return (ORDER_MOVES[move].from as readonly TSellerOrderStatus[]).includes(from);
}

/** Moves that give reserved stock back: the goods will never leave the seller. */
export const RELEASING_MOVES: readonly TOrderMove[] = [
  'expirePayment',
  'reject',
  'cancelByBuyer',
  'cancelBySeller',
  'cancelByDinkop',
];

/** The goods left the seller: what was reserved is now sold. */
export const CONSUMING_MOVES: readonly TOrderMove[] = ['ship'];

/** Statuses after which nothing more happens to a seller order. */
export const FINAL_SELLER_ORDER_STATUSES: readonly TSellerOrderStatus[] = [
  'rejected',
  'cancelled',
  'completed',
];

export const BUYER_ORDER_STATUSES = [
  'awaiting_payment',
  'placed',
  'in_progress',
  'delivered',
  'received',
  'completed',
  'cancelled',
] as const;
export type TBuyerOrderStatus = (typeof BUYER_ORDER_STATUSES)[number];

const PROGRESS: Record<TSellerOrderStatus, number> = {
  awaiting_payment: 0,
  placed: 0,
  accepted: 1,
  in_production: 2,
  ready_to_ship: 3,
  shipped: 4,
  delivered: 5,
  received: 6,
  completed: 7,
  rejected: -1,
  cancelled: -1,
};

/**
 * The buyer order as its purchaser reads it: cancelled only when every part is off, otherwise as far as
 * its slowest live part has come (placed until all are placed... completed once every live part is).
 */
export function deriveBuyerOrderStatus(parts: readonly TSellerOrderStatus[]): TBuyerOrderStatus {
  const live = parts.filter((status) => PROGRESS[status] >= 0);
  if (live.length === 0) return 'cancelled';
  const slowest = Math.min(...live.map((status) => PROGRESS[status]));
  if (slowest >= PROGRESS.completed) return 'completed';
  if (slowest >= PROGRESS.received) return 'received';
  if (slowest >= PROGRESS.delivered) return 'delivered';
  if (live.every((status) => status === 'awaiting_payment')) return 'awaiting_payment';
  if (live.every((status) => status === 'placed' || status === 'awaiting_payment')) return 'placed';
  return 'in_progress';
}
