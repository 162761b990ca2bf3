import type { Rupiah } from '../money';

/**
 * PPN (VAT) as PKP sellers must charge it from 2025: 12% on a taxable base (DPP nilai lain) of 11/12 of
 * the price, 11% in effect. Catalog prices are before PPN; a PKP seller's order adds it on top.
 *
 * The rounding rule, written once: DPP and PPN are computed on the seller order's subtotal (not per line),
 * each rounded half up to whole rupiah. Per-line shares (for invoices) are allocated from that total by
 * largest remainder, so lines always sum to the total and no line is off by more than Rp 1.
 */
export const PPN_RATE_PERCENT = 12;

/** round(n / d) half up, for non-negative integers, without floating point. */
function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export interface PpnBreakdown {
  /** Dasar pengenaan pajak: 11/12 of the subtotal. */
  taxBase: Rupiah;
  ppn: Rupiah;
}

export function ppnOf(subtotal: Rupiah, isPkp: boolean): PpnBreakdown {
  if (!Number.isSafeInteger(subtotal) || subtotal < 0) throw new RangeError(`bad subtotal ${subtotal}`);
  if (!isPkp) return { taxBase: 0, ppn: 0 };
  // 12% of 11/12 is 11/100 exactly: compute from the subtotal, so the base's rounding never compounds.
  return { taxBase: divideRoundHalfUp(subtotal * 11, 12), ppn: divideRoundHalfUp(subtotal * 11, 100) };
}

/** Splits `total` over lines in proportion to their amounts; the parts are whole rupiah and sum to `total`. */
export function allocate(total: Rupiah, amounts: readonly Rupiah[]): Rupiah[] {
  const sum = amounts.reduce((a, b) => a + b, 0);
  if (sum === 0) return amounts.map(() => 0);
  const exact = amounts.map((amount) => (total * amount) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}
