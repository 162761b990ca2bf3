import { unitPriceFor } from '../catalog/pricing';
import { KERIPIK_TEMPE } from '../../test/fixtures';
import { ZProductContent } from './products';

const keripik = KERIPIK_TEMPE;

const issuesOf = (value: unknown) => {
  const parsed = ZProductContent.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('product content rules', () => {
  it('accepts a well-formed product', () => expect(issuesOf(keripik)).toEqual([]));

  it('wants tiers that ask for more and cost less, step by step', () => {
    expect(issuesOf({ ...keripik, priceTiers: [{ minQuantity: 100, unitPrice: 15_500 }] })).toEqual([
      'priceTiers.0.unitPrice',
    ]);
    expect(
      issuesOf({
        ...keripik,
        priceTiers: [
          { minQuantity: 1_000, unitPrice: 12_000 },
          { minQuantity: 100, unitPrice: 11_000 },
        ],
      }),
    ).toEqual(['priceTiers.1.minQuantity']);
    expect(issuesOf({ ...keripik, priceTiers: [{ minQuantity: 10, unitPrice: 14_000 }] })).toEqual([
      'priceTiers.0.minQuantity',
    ]);
  });

  it('wants the minimum order to be a multiple of the order increment', () => {
    expect(issuesOf({ ...keripik, minimumOrder: 25 })).toEqual(['minimumOrder']);
  });

  it('takes stock or capacity, not both, and whole rupiah only', () => {
    expect(issuesOf({ ...keripik, supply: { mode: 'stock', stockOnHand: 10, weeklyCapacity: 5 } })).toEqual([
      'supply',
    ]);
    expect(issuesOf({ ...keripik, price: 15_000.5 })).toEqual(['price']);
  });

  it('prices an order by the deepest tier it reaches', () => {
    expect([20, 99, 100, 999, 1_000, 3_000].map((q) => unitPriceFor(keripik, q))).toEqual([
      15_000, 15_000, 13_500, 13_500, 12_000, 12_000,
    ]);
  });
});
