import { z } from 'zod';
import { ZProductCategory } from '../catalog/categories';
import { formatRupiah } from '../money';
import { CURATION_CHECKLIST } from '../states/product';
import { ZLegalityDocumentType } from '../legality/documents';
import { ZLegalityDocument } from './legality';
import { ZIsoDateTime, ZObjectId, ZPage, ZPageQuery } from './common';
import { ZPhoto, ZPhotoId } from './photos';

export const PRODUCT_UNITS = [
  'pcs',
  'pak',
  'kotak',
  'dus',
  'botol',
  'toples',
  'kg',
  'gram',
  'liter',
  'lembar',
  'set',
] as const;
export const ZProductUnit = z.enum(PRODUCT_UNITS, { message: 'Satuan tidak dikenal' });
export type TProductUnit = z.infer<typeof ZProductUnit>;

const rupiah = (label: string) =>
  z
    .number({ message: `${label} harus berupa angka` })
    .int(`${label} dalam rupiah bulat, tanpa sen`)
    .min(1, `${label} minimal Rp 1`)
    .max(1_000_000_000, `${label} terlalu besar`);
const quantity = (label: string) =>
  z
    .number({ message: `${label} harus berupa angka` })
    .int(`${label} harus bilangan bulat`)
    .min(1, `${label} minimal 1`)
    .max(10_000_000);

/** Either goods on the shelf, or made to order up to a weekly capacity: a product is one or the other. */
export const ZSupply = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('stock'),
    stockOnHand: z.number().int().min(0, 'Stok tidak boleh negatif').max(10_000_000),
  }),
  z.strictObject({ mode: z.literal('capacity'), weeklyCapacity: quantity('Kapasitas produksi per minggu') }),
]);

export const ZPriceTier = z.strictObject({
  minQuantity: quantity('Jumlah minimum tingkat harga'),
  unitPrice: rupiah('Harga tingkat'),
});

/**
 * What a seller writes about a product; curated as a whole. The rules a buyer relies on are checked
 * here once, for the form and the server alike.
 */
export const ZProductContent = z
  .strictObject({
    name: z.string().trim().min(3, 'Nama produk minimal 3 karakter').max(120),
    description: z
      .string()
      .trim()
      .min(20, 'Deskripsi minimal 20 karakter agar pembeli paham produknya')
      .max(3000),
    category: ZProductCategory,
    unit: ZProductUnit,
    weightGrams: z.number().int().min(1, 'Berat minimal 1 gram').max(1_000_000),
    price: rupiah('Harga'),
    priceTiers: z.array(ZPriceTier).max(5, 'Maksimal 5 tingkat harga'),
    minimumOrder: quantity('Minimum pesanan'),
    orderIncrement: quantity('Kelipatan pesanan'),
    supply: ZSupply,
    leadTimeDays: z.number().int().min(0).max(90, 'Waktu produksi maksimal 90 hari'),
    shelfLifeDays: z.number().int().min(1).max(3650).nullable(),
  })
  .superRefine((product, ctx) => {
    if (product.minimumOrder % product.orderIncrement !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['minimumOrder'],
        message: `Minimum pesanan harus kelipatan ${product.orderIncrement} (kelipatan pesanan)`,
      });
    }
    let previous = { minQuantity: product.minimumOrder, unitPrice: product.price };
    product.priceTiers.forEach((tier, index) => {
      if (tier.minQuantity <= previous.minQuantity) {
        ctx.addIssue({
          code: 'custom',
          path: ['priceTiers', index, 'minQuantity'],
          message: `Jumlah minimum harus lebih dari ${previous.minQuantity}`,
        });
      }
      if (tier.unitPrice >= previous.unitPrice) {
        ctx.addIssue({
          code: 'custom',
          path: ['priceTiers', index, 'unitPrice'],
          message: `Harga tingkat harus lebih murah dari ${formatRupiah(previous.unitPrice)}`,
        });
      }
      previous = tier;
    });
  });
export type TProductContent = z.infer<typeof ZProductContent>;

/**
 * A version of the product as it is kept: what the seller wrote plus its photos, in the order buyers see
 * them. Photos are uploaded one by one, so the content form never carries them.
 */
export const ZProductVersion = ZProductContent.safeExtend({ photos: z.array(ZPhoto) });
export type TProductVersion = z.infer<typeof ZProductVersion>;

/** The curation state of the seller's working copy; an approved version may stay live meanwhile. */
export const PRODUCT_STATUSES = [
  'draft',
  'needs_legality',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'rejected',
] as const;
export const ZProductStatus = z.enum(PRODUCT_STATUSES);
export type TProductStatus = z.infer<typeof ZProductStatus>;

/** While Dinkop holds the working copy, the seller cannot change it under the curator's eyes. */
export const LOCKED_FOR_EDITING: readonly TProductStatus[] = ['submitted', 'in_review'];

// --- curation ---

export const ZCurationChecklistItem = z.enum(CURATION_CHECKLIST);

export const ZProductHistoryEntry = z.strictObject({
  from: ZProductStatus.nullable(),
  to: ZProductStatus,
  revision: z.number().int(),
  byName: z.string(),
  byOrganisationKind: z.enum(['umkm', 'dinkop', 'system']),
  at: ZIsoDateTime,
  reason: z.string().nullable(),
  changes: z.array(z.strictObject({ item: ZCurationChecklistItem, note: z.string() })),
  missingLegality: z.array(z.string()),
  /** The live version went off sale (with `missingLegality` as the reasons) or came back. */
  listingChange: z.enum(['unlisted', 'relisted']).nullable(),
});
export type TProductHistoryEntry = z.infer<typeof ZProductHistoryEntry>;

export const ZRequestChangesRequest = z.strictObject({
  changes: z
    .array(
      z.strictObject({
        item: ZCurationChecklistItem,
        note: z.string().trim().min(5, 'Tulis apa yang perlu diperbaiki (minimal 5 karakter)').max(500),
      }),
    )
    .min(1, 'Pilih minimal satu hal yang perlu diperbaiki')
    .max(6),
});
export const ZRejectProductRequest = z.strictObject({
  reason: z.string().trim().min(10, 'Alasan minimal 10 karakter').max(1000),
});
export const ZApproveProductRequest = z.strictObject({ note: z.string().trim().max(500).optional() });

export const ZSellerProduct = z.strictObject({
  id: ZObjectId,
  status: ZProductStatus,
  revision: z.number().int(),
  content: ZProductVersion,
  /** The last approved version, what buyers see; null until the first approval. */
  live: ZProductVersion.nullable(),
  /** Why the product waits in needs_legality: each requirement not met by a valid document. */
  missingLegality: z.array(z.strictObject({ anyOf: z.array(ZLegalityDocumentType), reason: z.string() })),
  history: z.array(ZProductHistoryEntry),
  /** Whether buyers can order the live version now, and if not, why; null until the first approval. */
  listing: z.strictObject({ listed: z.boolean(), offSaleReasons: z.array(z.string()) }).nullable(),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TSellerProduct = z.infer<typeof ZSellerProduct>;

export const ZProductParams = z.strictObject({ productId: ZObjectId });
export const ZProductPhotoParams = ZProductParams.extend({ photoId: ZPhotoId });
export const ZListSellerProductsQuery = ZPageQuery.extend({ status: ZProductStatus.optional() });
export const ZListSellerProductsResponse = ZPage(ZSellerProduct);

// --- Dinkop's side of curation ---

export const ZListCurationQueueQuery = ZPageQuery.extend({
  status: z.enum(['submitted', 'in_review']).default('submitted'),
  category: ZProductCategory.optional(),
  districtCode: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan tidak valid')
    .optional(),
});

export const ZCurationProduct = ZSellerProduct.extend({
  organisationId: ZObjectId,
  seller: z
    .strictObject({
      name: z.string(),
      districtCode: z.string().nullable(),
      districtName: z.string().nullable(),
    })
    .nullable(),
  submittedAt: ZIsoDateTime.nullable(),
});
export const ZListCurationQueueResponse = ZPage(ZCurationProduct);

/** The review page: the product, its seller and the seller's legality documents side by side. */
export const ZCurationReview = ZCurationProduct.extend({ documents: z.array(ZLegalityDocument) });
