import { z } from 'zod';

/**
 * The kind decides which legality documents a product needs (see shared/legality/requirements.ts),
 * so a category's kind is a legal statement, not a display grouping.
 */
export const CATEGORY_KINDS = ['food', 'cosmetic', 'other'] as const;
export const ZCategoryKind = z.enum(CATEGORY_KINDS);
export type TCategoryKind = z.infer<typeof ZCategoryKind>;

type TCategoryDefinition = {
  id: string;
  label: { id: string; en: string };
  kind: TCategoryKind;
};

/**
 * Deliberately small and fixed: buyers (koperasi, hotels, offices) filter by it and Dinkop reports sales
 * by it, so ids are stored in products and reports and must never be renamed; add, do not rename.
 * Examples in the label help a seller pick the right one without a help page.
 */
export const PRODUCT_CATEGORIES = [
  {
    id: 'makanan_ringan',
    label: { id: 'Makanan ringan (keripik, opak, kerupuk)', en: 'Snacks (chips, crackers)' },
    kind: 'food',
  },
  { id: 'kue_dan_roti', label: { id: 'Kue dan roti', en: 'Cakes and bread' }, kind: 'food' },
  {
    id: 'minuman',
    label: { id: 'Minuman (kopi, teh, sirup)', en: 'Drinks (coffee, tea, syrup)' },
    kind: 'food',
  },
  { id: 'bumbu_dan_sambal', label: { id: 'Bumbu dan sambal', en: 'Spices and chilli sauces' }, kind: 'food' },
  {
    id: 'beras_dan_hasil_tani',
    label: { id: 'Beras dan hasil tani', en: 'Rice and farm produce' },
    kind: 'food',
  },
  {
    id: 'olahan_ikan_dan_daging',
    label: { id: 'Olahan ikan dan daging', en: 'Processed fish and meat' },
    kind: 'food',
  },
  { id: 'madu_dan_herbal', label: { id: 'Madu dan herbal', en: 'Honey and herbal products' }, kind: 'food' },
  {
    id: 'kerajinan',
    label: { id: 'Kerajinan (anyaman, rajut)', en: 'Handicrafts (woven, knitted)' },
    kind: 'other',
  },
  { id: 'batik_dan_tekstil', label: { id: 'Batik dan tekstil', en: 'Batik and textiles' }, kind: 'other' },
  { id: 'perlengkapan_rumah', label: { id: 'Perlengkapan rumah', en: 'Household goods' }, kind: 'other' },
  {
    id: 'kosmetik_dan_perawatan',
    label: { id: 'Kosmetik dan perawatan tubuh', en: 'Cosmetics and personal care' },
    kind: 'cosmetic',
  },
  // A parcel's legality is that of the curated products inside it, each checked under its own category.
  { id: 'parsel', label: { id: 'Parsel', en: 'Gift hampers (parcels)' }, kind: 'other' },
  { id: 'lainnya', label: { id: 'Lainnya', en: 'Other' }, kind: 'other' },
] as const satisfies readonly TCategoryDefinition[];

type TCategoryId = (typeof PRODUCT_CATEGORIES)[number]['id'];

export const PRODUCT_CATEGORY_IDS = PRODUCT_CATEGORIES.map((c) => c.id) as [TCategoryId, ...TCategoryId[]];
export const ZProductCategory = z.enum(PRODUCT_CATEGORY_IDS, { message: 'Kategori produk tidak dikenal' });
export type TProductCategory = z.infer<typeof ZProductCategory>;

const kindById = new Map<string, TCategoryKind>(PRODUCT_CATEGORIES.map((c) => [c.id, c.kind]));

export function categoryKind(id: TProductCategory): TCategoryKind {
  const kind = kindById.get(id);
  // Only reachable when an unchecked string (an old database value) slipped past the type.
  if (!kind) throw new RangeError(`unknown product category: ${id}`);
  return kind;
}

export function productCategory(id: TProductCategory): (typeof PRODUCT_CATEGORIES)[number] {
  const category = PRODUCT_CATEGORIES.find((c) => c.id === id);
  if (!category) throw new RangeError(`unknown product category: ${id}`);
  return category;
}
