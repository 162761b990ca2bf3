import fc from 'fast-check';
import { allocate, ppnOf } from './ppn';

describe('PPN for PKP sellers', () => {
  it('is 11% in effect (12% of 11/12), rounded half up, and nothing for non-PKP sellers', () => {
    expect(ppnOf(1_000_000, true)).toEqual({ taxBase: 916_667, ppn: 110_000 });
    expect(ppnOf(15_050, true)).toEqual({ taxBase: 13_796, ppn: 1_656 }); // 1655.5 → 1656
    expect(ppnOf(15_050, false)).toEqual({ taxBase: 0, ppn: 0 });
    expect(() => ppnOf(-1, true)).toThrow(RangeError);
    expect(() => ppnOf(1.5, true)).toThrow(RangeError);
  });

  it('never drifts more than half a rupiah from 11% of the subtotal, nor the base from 11/12', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (subtotal) => {
        const { taxBase, ppn } = ppnOf(subtotal, true);
        expect(Math.abs(ppn - subtotal * 0.11)).toBeLessThanOrEqual(0.5 + 1e-6);
        expect(Math.abs(taxBase - (subtotal * 11) / 12)).toBeLessThanOrEqual(0.5 + 1e-6);
      }),
    );
  });
});

describe('allocating a total over lines', () => {
  it('gives whole rupiah that sum to the total, each within Rp 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500_000_000 }), { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (amounts, total) => {
          const parts = allocate(total, amounts);
          const sum = amounts.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(sum === 0 ? 0 : total);
          parts.forEach((part, i) => {
            expect(Number.isInteger(part)).toBe(true);
            if (sum > 0) expect(Math.abs(part - (total * amounts[i]!) / sum)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
