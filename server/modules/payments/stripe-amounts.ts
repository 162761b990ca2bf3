import type { Rupiah } from '../../../shared/money';

/**
 * Stripe counts IDR in hundredths (Rp 1 = 100 in `amount`), although rupiah have no sen in practice.
 * The only place that converts; the adapter calls it on every amount that crosses to or from Stripe.
 */
export const STRIPE_IDR_UNITS_PER_RUPIAH = 100;

/** Rupiah → Stripe's `amount` for `currency: 'idr'`. Whole, non-negative rupiah only: never rounded. */
export function rupiahToStripeIdr(rupiah: Rupiah): number {
  if (!Number.isSafeInteger(rupiah) || rupiah < 0) {
    throw new RangeError(`rupiah must be a whole number ≥ 0, got ${rupiah}`);
  }
  const units = rupiah * STRIPE_IDR_UNITS_PER_RUPIAH;
  if (!Number.isSafeInteger(units)) throw new RangeError(`rupiah ${rupiah} is too large for Stripe`);
  return units;
}

/**
 * Stripe's IDR `amount` → rupiah. A value that is not whole rupiah was not made by us (we only ever send
 * whole rupiah), so it is refused rather than rounded.
 */
export function stripeIdrToRupiah(units: number): Rupiah {
  if (!Number.isSafeInteger(units) || units < 0) {
    throw new RangeError(`Stripe IDR amount must be a whole number ≥ 0, got ${units}`);
  }
  if (units % STRIPE_IDR_UNITS_PER_RUPIAH !== 0) {
    throw new RangeError(`Stripe IDR amount ${units} is not whole rupiah`);
  }
  return units / STRIPE_IDR_UNITS_PER_RUPIAH;
}
