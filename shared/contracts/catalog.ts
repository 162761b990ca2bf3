import { z } from 'zod';
import { ZProductCategory } from '../catalog/categories';
import { ZLegalityDocumentType } from '../legality/documents';
import { ZIsoDateTime, ZObjectId, ZPage } from './common';
import { ZPhoto } from './photos';
import { ZPriceTier, ZProductUnit } from './products';

export const CATALOG_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;

const wholeNumber = (label: string) =>
  z.coerce
    .number({ message: `${label} harus angka` })
    .int()
    .min(0)
    .max(1_000_000_000);

/** GET /api/catalog/products — every filter optional; relevance is the default when searching words. */
export const ZCatalogQuery = z
  .strictObject({
    q: z.string().trim().max(100).optional(),
    category: ZProductCategory.optional(),
    /** One seller's products: the seller page. */
    seller: ZObjectId.optional(),
    districtCode: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan tidak valid')
      .optional(),
    halal: z.enum(['true']).optional(),
    certification: ZLegalityDocumentType.optional(),
    priceMin: wholeNumber('Harga minimum').optional(),
    priceMax: wholeNumber('Harga maksimum').optional(),
    moqMax: wholeNumber('Minimum pesanan').optional(),
    leadTimeMax: wholeNumber('Waktu produksi').optional(),
    sort: z.enum(CATALOG_SORTS).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(24),
  })
  .refine((q) => q.priceMin === undefined || q.priceMax === undefined || q.priceMin <= q.priceMax, {
    path: ['priceMax'],
    message: 'Harga maksimum harus lebih besar dari harga minimum',
  });
export type TCatalogQuery = z.infer<typeof ZCatalogQuery>;

/** A product as buyers see it: its approved version only, with the seller and legality badges. */
export const ZCatalogProduct = z.strictObject({
  id: ZObjectId,
  name: z.string(),
  description: z.string(),
  category: ZProductCategory,
  unit: ZProductUnit,
  weightGrams: z.number().int(),
  price: z.number().int(),
  priceTiers: z.array(ZPriceTier),
  minimumOrder: z.number().int(),
  orderIncrement: z.number().int(),
  leadTimeDays: z.number().int(),
  shelfLifeDays: z.number().int().nullable(),
  madeToOrder: z.boolean(),
  badges: z.array(ZLegalityDocumentType),
  /** The live version's photos; the first is the cover. */
  photos: z.array(ZPhoto),
  seller: z.strictObject({ id: ZObjectId, name: z.string(), districtName: z.string().nullable() }),
  approvedAt: ZIsoDateTime,
});
export type TCatalogProduct = z.infer<typeof ZCatalogProduct>;

export const ZCatalogPage = ZPage(ZCatalogProduct);
export const ZCatalogProductParams = z.strictObject({ productId: ZObjectId });
