import { z } from 'zod';
import { ZProductCategory } from '../catalog/categories';
import { ZObjectId } from './common';
import type { TBuyerType } from './organisations';
import { ZCalendarDate } from './legality';

/**
 * Dinkop's sales monitoring (docs/adr/014): series, breakdowns, top lists and exports read the daily
 * sales rollups; the overview reads the source documents. Dates are calendar days in WIB, both ends
 * included.
 */
export const SALES_STAGES = ['placed', 'accepted', 'delivered', 'completed', 'cancelled'] as const;
export const ZSalesStage = z.enum(SALES_STAGES, { message: 'Tahap penjualan tidak dikenal' });
export type TSalesStage = z.infer<typeof ZSalesStage>;

export const SALES_CHANNELS = ['marketplace', 'galeri', 'pojok'] as const;
export const ZSalesChannel = z.enum(SALES_CHANNELS, { message: 'Saluran penjualan tidak dikenal' });
export type TSalesChannel = z.infer<typeof ZSalesChannel>;

export const BREAKDOWN_DIMENSIONS = [
  'kecamatan',
  'category',
  'umkm',
  'buyerType',
  'channel',
  'programme',
  'product',
] as const;
export const ZBreakdownDimension = z.enum(BREAKDOWN_DIMENSIONS, {
  message: `Dimensi tidak dikenal; pilih salah satu: ${BREAKDOWN_DIMENSIONS.join(', ')}`,
});
export type TBreakdownDimension = z.infer<typeof ZBreakdownDimension>;

export const SERIES_BUCKETS = ['day', 'week', 'month'] as const;
export const ZSeriesBucket = z.enum(SERIES_BUCKETS, { message: 'Satuan waktu harus day, week atau month' });
export type TSeriesBucket = z.infer<typeof ZSeriesBucket>;

/** The longest period one request may cover: two years (a leap day included). */
export const REPORT_MAX_DAYS = 731;
export const BREAKDOWN_PAGE_MAX = 100;
export const TOP_MAX = 50;
/** Rows one export may hold; a breakdown by product over two years stays far below it. */
export const EXPORT_MAX_ROWS = 10_000;

/** A sale without a buyer organisation: sold over the counter at a galeri or pojok. */
export const NO_BUYER_TYPE = 'langsung';

export const BUYER_TYPE_LABELS: Record<TBuyerType | typeof NO_BUYER_TYPE, string> = {
  koperasi_karyawan: 'Koperasi karyawan',
  hotel: 'Hotel',
  restaurant: 'Restoran',
  company: 'Perusahaan',
  government_office: 'Kantor pemerintah',
  minimarket: 'Minimarket',
  langsung: 'Pembeli langsung (galeri/pojok)',
};
export const CHANNEL_LABELS: Record<TSalesChannel, string> = {
  marketplace: 'Marketplace',
  galeri: 'Galeri UMKM',
  pojok: 'Pojok UMKM',
};
export const DIMENSION_LABELS: Record<TBreakdownDimension, string> = {
  kecamatan: 'Kecamatan',
  category: 'Kategori',
  umkm: 'UMKM',
  buyerType: 'Jenis pembeli',
  channel: 'Saluran',
  programme: 'Program',
  product: 'Produk',
};
export const STAGE_LABELS: Record<TSalesStage, string> = {
  placed: 'Dipesan',
  accepted: 'Diterima penjual',
  delivered: 'Terkirim',
  completed: 'Selesai',
  cancelled: 'Dibatalkan',
};

const ZDistrictCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan berformat 32.15.05');
const ZProgrammeTag = z.string().trim().min(1).max(60, 'Nama program maksimal 60 karakter');

const periodFields = {
  from: ZCalendarDate,
  to: ZCalendarDate,
};

/** Inverted and over-long periods are refused with the field that is wrong. */
function checkPeriod(value: { from: string; to: string }, ctx: z.core.$RefinementCtx): void {
  const days = (Date.parse(`${value.to}T00:00:00Z`) - Date.parse(`${value.from}T00:00:00Z`)) / 86_400_000;
  if (days < 0) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'Tanggal akhir tidak boleh sebelum tanggal awal' });
  } else if (days + 1 > REPORT_MAX_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'Periode laporan paling lama 2 tahun' });
  }
}

const salesFilterFields = {
  ...periodFields,
  kecamatan: ZDistrictCode.optional(),
  category: ZProductCategory.optional(),
  programme: ZProgrammeTag.optional(),
  channel: ZSalesChannel.optional(),
  sellerOrganisationId: ZObjectId.optional(),
  /** Which moment of a sale is counted; completed by default (what was really sold, every channel). */
  stage: ZSalesStage.default('completed'),
};

const ZPageNumber = z.coerce
  .number({ message: 'Halaman harus berupa angka' })
  .int()
  .min(1, 'Halaman minimal 1')
  .max(1000, 'Halaman maksimal 1000')
  .default(1);

export const ZSalesFilters = z.strictObject(salesFilterFields).superRefine(checkPeriod);
export type TSalesFilters = z.output<typeof ZSalesFilters>;

export const ZSalesSeriesQuery = z
  .strictObject({ ...salesFilterFields, bucket: ZSeriesBucket.default('day') })
  .superRefine(checkPeriod);

export const ZSalesBreakdownQuery = z
  .strictObject({
    ...salesFilterFields,
    by: ZBreakdownDimension,
    page: ZPageNumber,
    limit: z.coerce
      .number({ message: 'Jumlah baris harus berupa angka' })
      .int()
      .min(1)
      .max(BREAKDOWN_PAGE_MAX, `Paling banyak ${BREAKDOWN_PAGE_MAX} baris per halaman`)
      .default(50),
  })
  .superRefine(checkPeriod);

export const ZSalesExportQuery = z
  .strictObject({ ...salesFilterFields, by: ZBreakdownDimension })
  .superRefine(checkPeriod);

export const ZSalesTopQuery = z
  .strictObject({
    ...salesFilterFields,
    limit: z.coerce
      .number({ message: 'Jumlah baris harus berupa angka' })
      .int()
      .min(1)
      .max(TOP_MAX, `Paling banyak ${TOP_MAX} baris`)
      .default(10),
  })
  .superRefine(checkPeriod);

export const ZOverviewQuery = z
  .strictObject({
    ...periodFields,
    kecamatan: ZDistrictCode.optional(),
    sellerOrganisationId: ZObjectId.optional(),
  })
  .superRefine(checkPeriod);

export const ZSalesMeasures = z.strictObject({
  /** Orders (display sales) counted once each; in a product or category breakdown, once per product. */
  orders: z.number().int(),
  units: z.number(),
  grossRupiah: z.number().int(),
  ppnRupiah: z.number().int(),
});
export type TSalesMeasures = z.infer<typeof ZSalesMeasures>;

const ZPeriod = z.strictObject({ from: ZCalendarDate, to: ZCalendarDate });

export const ZSalesSeriesResponse = z.strictObject({
  bucket: ZSeriesBucket,
  stage: ZSalesStage,
  period: ZPeriod,
  /** Every bucket of the period in order, empty ones included. `2026-12-05`, `2026-W49` or `2026-12`. */
  points: z.array(z.strictObject({ bucket: z.string(), ...ZSalesMeasures.shape })),
});

export const ZBreakdownRow = z.strictObject({
  key: z.string(),
  label: z.string(),
  current: ZSalesMeasures,
  previous: ZSalesMeasures,
  /** Change of gross value against the previous period, in percent; null when that was zero. */
  grossChangePercent: z.number().nullable(),
});
export type TBreakdownRow = z.infer<typeof ZBreakdownRow>;

export const ZSalesBreakdownResponse = z.strictObject({
  by: ZBreakdownDimension,
  stage: ZSalesStage,
  period: ZPeriod,
  /** The same number of days, ending the day before `period.from`. */
  previousPeriod: ZPeriod,
  rows: z.array(ZBreakdownRow),
  totals: z.strictObject({ current: ZSalesMeasures, previous: ZSalesMeasures }),
  page: z.number().int(),
  limit: z.number().int(),
  totalRows: z.number().int(),
});
export type TSalesBreakdownResponse = z.infer<typeof ZSalesBreakdownResponse>;

const ZTopRow = z.strictObject({ key: z.string(), label: z.string(), ...ZSalesMeasures.shape });
export const ZSalesTopResponse = z.strictObject({
  stage: ZSalesStage,
  period: ZPeriod,
  products: z.array(ZTopRow),
  umkm: z.array(ZTopRow),
});

export const ZOverviewResponse = z.strictObject({
  period: ZPeriod,
  /** UMKM with at least one order placed or one display sale in the period. */
  activeUmkm: z.number().int(),
  /** Products approved for the first time in the period. */
  newlyCuratedProducts: z.number().int(),
  /**
   * Verified UMKM whose NIB is valid on the period's last day and whose approved products lack no
   * required document, out of all verified UMKM (in scope); share is null when there are none.
   */
  legalityCoverage: z.strictObject({
    covered: z.number().int(),
    total: z.number().int(),
    share: z.number().nullable(),
  }),
  /** Orders delivered in the period: hours from placed to delivered, on average. */
  deliveredOrders: z.number().int(),
  averageHoursToDelivery: z.number().nullable(),
  /** Share of those delivered on or before the buyer's requested date (WIB). */
  onTimeDeliveryShare: z.number().nullable(),
  /** Orders the seller accepted or rejected in the period: hours from placed to that answer, on average. */
  answeredOrders: z.number().int(),
  averageResponseHours: z.number().nullable(),
});
export type TOverviewResponse = z.infer<typeof ZOverviewResponse>;

/**
 * Live event after an order event reached the rollups: the day (WIB) whose figures changed, nothing
 * else; open dashboards refetch that day from the series endpoint, which applies the reader's scope.
 */
export const REPORTS_TODAY_CHANGED_EVENT = 'reports.today-changed';
export const ZReportsTodayChangedEvent = z.strictObject({ date: ZCalendarDate });
export type TReportsTodayChangedEvent = z.infer<typeof ZReportsTodayChangedEvent>;
