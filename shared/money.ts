/** Money is whole rupiah (IDR) held in a JS number; safe up to 2^53, far beyond any order we take. */
export type Rupiah = number;

const rupiahFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** `1250000` → `Rp 1.250.000` (Indonesian grouping, as buyers and sellers write it). */
export function formatRupiah(amount: Rupiah): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`rupiah must be a whole number, got ${amount}`);
  const sign = amount < 0 ? '-' : '';
  return `${sign}Rp ${rupiahFormat.format(Math.abs(amount))}`;
}
