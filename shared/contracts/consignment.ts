import { z } from 'zod';
import { ZIsoDateTime, ZObjectId, ZPersonName, ZPhone } from './common';
import { ZCalendarDate } from './legality';

/**
 * Galeri and pojok UMKM (docs/adr/015): display points where UMKM products sit on consignment, the
 * stock per point and product, its movements, the sales entered there and the monthly settlement.
 */
export const DISPLAY_POINT_KINDS = ['galeri', 'pojok'] as const;
export const ZDisplayPointKind = z.enum(DISPLAY_POINT_KINDS);
export type TDisplayPointKind = z.infer<typeof ZDisplayPointKind>;

/** The most units one movement or sale may carry: a typo (10000 for 100) should not pass. */
export const CONSIGNMENT_MAX_UNITS = 10_000;
/** The most a unit may cost, in rupiah. */
export const CONSIGNMENT_MAX_UNIT_PRICE = 100_000_000;
/** Sales may be entered for up to this many days back (a corner's paper notes of the past weeks). */
export const SALE_BACKDATE_MAX_DAYS = 62;
export const DISPLAY_POINTS_MAX = 200;
/** A month's sales of one point shown in a list; the settlement counts all of them regardless. */
export const SALES_LIST_MAX = 500;
export const EXPIRING_MAX_DAYS = 90;

const ZUnits = z
  .number({ message: 'Jumlah harus berupa angka' })
  .int('Jumlah harus bilangan bulat')
  .min(1, 'Jumlah minimal 1')
  .max(CONSIGNMENT_MAX_UNITS, `Jumlah maksimal ${CONSIGNMENT_MAX_UNITS}`);
const ZUnitPrice = z
  .number({ message: 'Harga harus berupa angka' })
  .int('Harga dalam rupiah bulat')
  .min(0, 'Harga tidak boleh negatif')
  .max(CONSIGNMENT_MAX_UNIT_PRICE);
const ZNote = z.string().trim().max(300, 'Catatan maksimal 300 karakter');
/** `2026-12`: a settlement month (WIB). */
export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan harus berformat TTTT-BB');
export const ZDistrictCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan berformat 32.15.05');

/** Who keeps the point: a Dinkop user (who then enters its sales), a named person without an account, or nobody. */
export const ZOperatorInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dinkop_user'), userId: ZObjectId }),
  z.strictObject({ kind: z.literal('person'), name: ZPersonName, phone: ZPhone }),
]);

export const ZDisplayPointRequest = z.strictObject({
  name: z.string().trim().min(3, 'Nama minimal 3 karakter').max(120, 'Nama maksimal 120 karakter'),
  kind: ZDisplayPointKind,
  districtCode: ZDistrictCode,
  operator: ZOperatorInput.nullable(),
  /** The agreed commission the point keeps from what it sells, 0–100 with at most two decimals. */
  commissionPercent: z
    .number({ message: 'Komisi harus berupa angka' })
    .min(0, 'Komisi tidak boleh negatif')
    .max(100, 'Komisi maksimal 100%')
    .refine(
      (value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      'Komisi paling banyak dua desimal',
    ),
});
export type TDisplayPointRequest = z.infer<typeof ZDisplayPointRequest>;

export const ZOperator = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dinkop_user'), userId: ZObjectId, name: z.string() }),
  z.strictObject({ kind: z.literal('person'), name: z.string(), phone: z.string() }),
]);

export const ZDisplayPoint = z.strictObject({
  id: ZObjectId,
  name: z.string(),
  kind: ZDisplayPointKind,
  district: z.strictObject({ code: z.string(), name: z.string() }),
  operator: ZOperator.nullable(),
  commissionPercent: z.number(),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TDisplayPoint = z.infer<typeof ZDisplayPoint>;
export const ZListDisplayPointsResponse = z.strictObject({ items: z.array(ZDisplayPoint) });
export const ZDisplayPointParams = z.strictObject({ pointId: ZObjectId });

export const ZDeliveryRequest = z.strictObject({
  productId: ZObjectId,
  units: ZUnits,
  deliveryNoteNumber: z
    .string()
    .trim()
    .min(1, 'Nomor surat jalan wajib diisi')
    .max(60, 'Nomor surat jalan maksimal 60 karakter'),
  /** Without it, the product's shelf life from today decides (none when the product has none). */
  bestBefore: ZCalendarDate.optional(),
  /** The agreed price per unit at this point; required on the product's first delivery here. */
  consignmentPrice: ZUnitPrice.optional(),
});
export type TDeliveryRequest = z.infer<typeof ZDeliveryRequest>;

export const ZStockOutRequest = z.strictObject({
  productId: ZObjectId,
  kind: z.enum(['returned', 'expired_damaged']),
  units: ZUnits,
  note: ZNote.optional(),
});
export type TStockOutRequest = z.infer<typeof ZStockOutRequest>;

export const ZStockCountRequest = z.strictObject({
  productId: ZObjectId,
  countedQuantity: z
    .number({ message: 'Jumlah harus berupa angka' })
    .int('Jumlah harus bilangan bulat')
    .min(0, 'Jumlah tidak boleh negatif')
    .max(CONSIGNMENT_MAX_UNITS * 10),
  note: ZNote.optional(),
});
export type TStockCountRequest = z.infer<typeof ZStockCountRequest>;

export const ZSaleRequest = z.strictObject({
  productId: ZObjectId,
  units: ZUnits,
  /** Defaults to the agreed consignment price of the product at this point. */
  unitPrice: ZUnitPrice.optional(),
  /** WIB date of the sale; defaults to today. */
  soldOn: ZCalendarDate.optional(),
});
export type TSaleRequest = z.infer<typeof ZSaleRequest>;

export const MOVEMENT_KINDS = ['delivered_in', 'sold', 'returned', 'expired_damaged', 'counted'] as const;
export const ZMovementKind = z.enum(MOVEMENT_KINDS);
export type TMovementKind = z.infer<typeof ZMovementKind>;

const ZBy = z.strictObject({
  userId: ZObjectId,
  name: z.string(),
  organisationKind: z.enum(['umkm', 'dinkop']),
});

export const ZStock = z.strictObject({
  id: ZObjectId,
  pointId: ZObjectId,
  sellerOrganisationId: ZObjectId,
  sellerName: z.string(),
  productId: ZObjectId,
  productName: z.string(),
  quantity: z.number().int(),
  consignmentPrice: z.number().int(),
  updatedAt: ZIsoDateTime,
});
export type TStock = z.infer<typeof ZStock>;
export const ZStockQuery = z.strictObject({
  pointId: ZObjectId.optional(),
  sellerOrganisationId: ZObjectId.optional(),
});
export const ZListStockResponse = z.strictObject({ items: z.array(ZStock) });

export const ZMovement = z.strictObject({
  id: ZObjectId,
  pointId: ZObjectId,
  sellerOrganisationId: ZObjectId,
  productId: ZObjectId,
  kind: ZMovementKind,
  /** Signed: what the movement did to the quantity (a count's difference may be either). */
  change: z.number().int(),
  deliveryNoteNumber: z.string().nullable(),
  bestBefore: ZCalendarDate.nullable(),
  countedQuantity: z.number().int().nullable(),
  saleId: z.string().nullable(),
  note: z.string().nullable(),
  by: ZBy,
  at: ZIsoDateTime,
});
export type TMovement = z.infer<typeof ZMovement>;
export const ZMovementsQuery = z.strictObject({
  pointId: ZObjectId.optional(),
  productId: ZObjectId.optional(),
  sellerOrganisationId: ZObjectId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ZListMovementsResponse = z.strictObject({
  items: z.array(ZMovement),
  nextCursor: z.string().nullable(),
});

export const ZDisplaySale = z.strictObject({
  saleId: z.string(),
  soldOn: ZCalendarDate,
  channel: ZDisplayPointKind,
  pointId: ZObjectId,
  sellerOrganisationId: ZObjectId,
  productId: ZObjectId,
  productName: z.string(),
  units: z.number().int(),
  unitPrice: z.number().int(),
  grossRupiah: z.number().int(),
  ppnRupiah: z.number().int(),
  consignmentPrice: z.number().int(),
  enteredBy: ZBy,
  createdAt: ZIsoDateTime,
});
export type TDisplaySale = z.infer<typeof ZDisplaySale>;
export const ZSalesQuery = z.strictObject({
  month: ZMonth,
  pointId: ZObjectId.optional(),
  sellerOrganisationId: ZObjectId.optional(),
});
export const ZListSalesResponse = z.strictObject({ items: z.array(ZDisplaySale), truncated: z.boolean() });

export const ZSettlementQuery = z.strictObject({
  month: ZMonth,
  pointId: ZObjectId.optional(),
  sellerOrganisationId: ZObjectId.optional(),
});
export const ZSettlementRow = z.strictObject({
  pointId: ZObjectId,
  pointName: z.string(),
  channel: ZDisplayPointKind,
  sellerOrganisationId: ZObjectId,
  sellerName: z.string(),
  units: z.number().int(),
  /** Σ units × the consignment price agreed when each unit was sold. */
  consignmentValueRupiah: z.number().int(),
  commissionRupiah: z.number().int(),
  /** What the seller is owed: consignment value − commission. */
  payableRupiah: z.number().int(),
  /** What customers paid, for reference (prices may differ from the consignment price). */
  grossRupiah: z.number().int(),
  ppnRupiah: z.number().int(),
});
export type TSettlementRow = z.infer<typeof ZSettlementRow>;
export const ZSettlementResponse = z.strictObject({
  month: ZMonth,
  rows: z.array(ZSettlementRow),
});

export const ZExpiringQuery = z.strictObject({
  days: z.coerce.number().int().min(0).max(EXPIRING_MAX_DAYS).default(14),
  pointId: ZObjectId.optional(),
  sellerOrganisationId: ZObjectId.optional(),
});
export const ZExpiringItem = z.strictObject({
  stockId: ZObjectId,
  pointId: ZObjectId,
  pointName: z.string(),
  sellerOrganisationId: ZObjectId,
  productId: ZObjectId,
  productName: z.string(),
  /** Units on hand that expire by the window's end (oldest deliveries assumed sold first). */
  units: z.number().int(),
  earliestBestBefore: ZCalendarDate,
  expired: z.boolean(),
});
export const ZExpiringResponse = z.strictObject({ days: z.number().int(), items: z.array(ZExpiringItem) });

/** 409 INSUFFICIENT_STOCK on a sale or stock-out: what the point has of the product now. */
export const ZConsignmentShortDetails = z.strictObject({ available: z.number().int() });
