import {
  PRODUCT_CATEGORIES,
  PRODUCT_CATEGORY_IDS,
  ZProductCategory,
  categoryKind,
  productCategory,
} from './categories';

describe('product categories', () => {
  it('has unique snake_case ids with both labels', () => {
    expect(new Set(PRODUCT_CATEGORY_IDS).size).toBe(PRODUCT_CATEGORIES.length);
    for (const category of PRODUCT_CATEGORIES) {
      expect(category.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(category.label.id.length).toBeGreaterThan(0);
      expect(category.label.en.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['makanan_ringan', 'food'],
    ['minuman', 'food'],
    ['madu_dan_herbal', 'food'],
    ['kosmetik_dan_perawatan', 'cosmetic'],
    ['kerajinan', 'other'],
    ['parsel', 'other'],
    ['lainnya', 'other'],
  ] as const)('%s is %s', (id, kind) => expect(categoryKind(id)).toBe(kind));

  it('accepts known ids and refuses others with an Indonesian message', () => {
    expect(ZProductCategory.parse('kue_dan_roti')).toBe('kue_dan_roti');
    const result = ZProductCategory.safeParse('snacks');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Kategori produk tidak dikenal');
  });

  it('finds a category by id and fails loudly on an unchecked value', () => {
    expect(productCategory('batik_dan_tekstil').label.en).toBe('Batik and textiles');
    expect(() => categoryKind('sepatu' as never)).toThrow(RangeError);
  });
});
