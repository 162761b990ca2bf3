import fc from 'fast-check';
import { rupiahToStripeIdr, stripeIdrToRupiah } from './stripe-amounts';

const MAX_RUPIAH = Math.floor(Number.MAX_SAFE_INTEGER / 100);

describe('rupiah ↔ Stripe IDR units', () => {
  it('counts Rp 1 as 100', () => {
    expect(rupiahToStripeIdr(1)).toBe(100);
    expect(rupiahToStripeIdr(300_000)).toBe(30_000_000);
    expect(rupiahToStripeIdr(0)).toBe(0);
    expect(stripeIdrToRupiah(30_000_000)).toBe(300_000);
  });

  it('goes there and back unchanged for every whole rupiah amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RUPIAH }), (rupiah) => {
        const units = rupiahToStripeIdr(rupiah);
        expect(Number.isSafeInteger(units)).toBe(true);
        expect(units % 100).toBe(0);
        expect(stripeIdrToRupiah(units)).toBe(rupiah);
      }),
    );
  });

  it('refuses fractions, negatives, non-numbers and amounts past the safe range instead of rounding', () => {
    for (const bad of [1.5, 0.01, -1, -0.5, Number.NaN, Infinity, MAX_RUPIAH + 1]) {
      expect(() => rupiahToStripeIdr(bad)).toThrow(RangeError);
    }
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n) || n < 0),
        (bad) => {
          expect(() => rupiahToStripeIdr(bad)).toThrow(RangeError);
        },
      ),
    );
  });

  it('refuses Stripe amounts that are not whole rupiah or not whole units', () => {
    for (const bad of [150, 1, 99, -100, 100.5, Number.NaN]) {
      expect(() => stripeIdrToRupiah(bad)).toThrow(RangeError);
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).filter((n) => n % 100 !== 0),
        (units) => {
          expect(() => stripeIdrToRupiah(units)).toThrow(/not whole rupiah/);
        },
      ),
    );
  });
});
