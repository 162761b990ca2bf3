/**
 * A buyer order's payment, in our terms (any provider maps its own statuses onto these). Provider
 * events arrive late, twice and out of order, so a status only ever moves along this table: what the
 * table does not allow is an older observation and changes nothing.
 */
export const PAYMENT_STATUSES = [
  'requires_payment',
  'processing',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type TPaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_NEXT: Readonly<Record<TPaymentStatus, readonly TPaymentStatus[]>> = {
  requires_payment: ['processing', 'succeeded', 'failed', 'canceled'],
  processing: ['succeeded', 'failed', 'canceled'],
  // The buyer may try again (another card, another bank) after a failed attempt.
  failed: ['processing', 'succeeded', 'canceled'],
  // Final: only a refund (a later slice) follows a payment that succeeded.
  succeeded: [],
  // A canceled intent cannot be confirmed again; paying would need a new one.
  canceled: [],
};

export function canMovePayment(from: TPaymentStatus, to: TPaymentStatus): boolean {
  return PAYMENT_NEXT[from].includes(to);
}

/** Statuses after which the buyer still has to pay (the order waits for payment). */
export const PAYMENT_AWAITED: readonly TPaymentStatus[] = ['requires_payment', 'failed'];
