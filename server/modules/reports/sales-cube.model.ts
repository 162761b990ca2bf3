import { Schema, model, type Types } from 'mongoose';
import { SALES_STAGES, type TSalesChannel, type TSalesStage } from '../../../shared/contracts/reports';
import { tenantScoped } from '../../platform/db';

/**
 * The sales rollups (docs/adr/016): one document per calendar month (or WIB day), stage and either
 * kecamatan or seller, holding one cell per combination of the finer dimensions. A quarter is then a few
 * documents per kecamatan or seller, however many orders there were.
 *
 * - The **kecamatan cube** has no seller, product or buyer: Dinkop's breakdowns by kecamatan, category,
 *   buyer type, channel and programme, and its series. Not tenant-scoped: it mixes every seller.
 * - The **seller cube** has the seller (the tenant) on the document and the product in its cells: UMKM and
 *   product breakdowns, the top lists, and everything a seller sees of itself.
 *
 * Each document also keeps its cells summed (`totals`), and a kecamatan document its cells summed per
 * dimension (`margins`): a breakdown with no filter on the cells reads those few sums, not every cell.
 */
export interface CubeMeasures {
  /** Counted once per order (on the order's first product), so order-level breakdowns add up. */
  orders: number;
  /** Counted once per order and product: "orders containing it". */
  orderLines: number;
  units: number;
  grossRupiah: number;
  ppnRupiah: number;
  /** Orders timed at this stage (delivery, or the seller's answer), their minutes in total, and those on time. */
  timedOrders: number;
  timedMinutes: number;
  onTimeOrders: number;
}

interface CubeCellDimensions {
  category: string | null;
  buyerType: string | null;
  channel: TSalesChannel;
}

export interface KecamatanCubeCell extends CubeCellDimensions, CubeMeasures {
  programmeTags: string[];
}

export interface SellerCubeCell extends CubeCellDimensions, CubeMeasures {
  productId: string;
  /** The catalog's name as last counted: a label, not a dimension (a rename does not split a product). */
  productName: string;
}

/** The dimensions a kecamatan document keeps its cells summed by. */
export const MARGIN_DIMENSIONS = ['category', 'buyerType', 'channel', 'programme'] as const;
export type MarginDimension = (typeof MARGIN_DIMENSIONS)[number];

/** The cells of one value of a dimension, summed (a programme: the cells of sellers in it). */
export interface MarginEntry extends CubeMeasures {
  value: string | null;
}

interface CubeDocBase {
  /** `<bucket>|<stage>|<kecamatan code or seller id>`: an increment needs no lookup to find it. */
  _id: string;
  /** `YYYY-MM` (month documents) or `YYYY-MM-DD` (day documents), WIB. */
  bucket: string;
  stage: TSalesStage;
  district: { code: string; name: string };
  /** The orders' stages (`<sellerOrderId>:<stage>`) and display sales (`sale:<id>`) added here. */
  appliedKeys: string[];
  totals: CubeMeasures;
}

export interface KecamatanCubeDoc extends CubeDocBase {
  cells: Record<string, KecamatanCubeCell>;
  /** Entries keyed by a digest of the value, as cells are. */
  margins: Record<MarginDimension, Record<string, MarginEntry>>;
}

export interface SellerCubeDoc extends CubeDocBase {
  organisationId: Types.ObjectId;
  /** Labels and the seller's programmes as first counted in this bucket. */
  sellerName: string;
  programmeTags: string[];
  cells: Record<string, SellerCubeCell>;
}

function cubeSchema(collection: string, seller: boolean) {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      ...(seller
        ? {
            organisationId: { type: Schema.Types.ObjectId, required: true },
            sellerName: { type: String, default: '' },
            programmeTags: { type: [String], default: [] },
          }
        : {}),
      bucket: { type: String, required: true },
      stage: { type: String, enum: SALES_STAGES, required: true },
      district: { type: new Schema({ code: String, name: String }, { _id: false }), required: true },
      cells: { type: Schema.Types.Mixed, default: {} },
      totals: { type: Schema.Types.Mixed },
      ...(seller ? {} : { margins: { type: Schema.Types.Mixed } }),
      appliedKeys: { type: [String], default: [] },
    },
    { versionKey: false, collection, minimize: false },
  );
  schema.index({ stage: 1, bucket: 1 });
  if (seller) {
    schema.index({ organisationId: 1, stage: 1, bucket: 1 });
    schema.plugin(tenantScoped);
  }
  return schema;
}

export const CUBE_MODELS = {
  kecamatan: {
    month: model('KecamatanCubeMonth', cubeSchema('salescubemonths', false)),
    day: model('KecamatanCubeDay', cubeSchema('salescubedays', false)),
  },
  seller: {
    month: model('SellerCubeMonth', cubeSchema('sellercubemonths', true)),
    day: model('SellerCubeDay', cubeSchema('sellercubedays', true)),
  },
} as const;

export type CubeKind = keyof typeof CUBE_MODELS;
export type CubeGrain = 'month' | 'day';
export const CUBE_KINDS: readonly CubeKind[] = ['kecamatan', 'seller'];
export const CUBE_GRAINS: readonly CubeGrain[] = ['month', 'day'];
