import { Schema, model } from 'mongoose';
import { SALES_STAGES, type TSalesChannel, type TSalesStage } from '../../../shared/contracts/reports';

/**
 * The dashboard's coarse rollup for Dinkop (docs/adr/016): one document per calendar month (or WIB day),
 * stage and kecamatan, holding one cell per (category, buyer type, channel, programme tags) combination.
 * No seller, product or buyer, so a quarter is a few dozen documents per kecamatan however many orders
 * there were. Not tenant-scoped: it mixes every seller and only Dinkop reads it.
 */
export interface SalesCubeCell {
  category: string | null;
  buyerType: string | null;
  channel: TSalesChannel;
  programmeTags: string[];
  orders: number;
  orderLines: number;
  units: number;
  grossRupiah: number;
  ppnRupiah: number;
}

export interface SalesCubeDoc {
  /** `<bucket>|<stage>|<kecamatan code>`: an increment needs no lookup to find its document. */
  _id: string;
  /** `YYYY-MM` (month documents) or `YYYY-MM-DD` (day documents), WIB. */
  bucket: string;
  stage: TSalesStage;
  district: { code: string; name: string };
  cells: Record<string, SalesCubeCell>;
  /** The orders' stages (`<sellerOrderId>:<stage>`) and display sales (`sale:<id>`) added here. */
  appliedKeys: string[];
}

function cubeSchema(collection: string) {
  const schema = new Schema<SalesCubeDoc>(
    {
      _id: { type: String, required: true },
      bucket: { type: String, required: true },
      stage: { type: String, enum: SALES_STAGES, required: true },
      district: { type: new Schema({ code: String, name: String }, { _id: false }), required: true },
      cells: { type: Schema.Types.Mixed, default: {} },
      appliedKeys: { type: [String], default: [] },
    },
    { versionKey: false, collection, minimize: false },
  );
  schema.index({ stage: 1, bucket: 1 });
  return schema;
}

export const SalesCubeMonthModel = model('SalesCubeMonth', cubeSchema('salescubemonths'));
export const SalesCubeDayModel = model('SalesCubeDay', cubeSchema('salescubedays'));

export type CubeGrain = 'month' | 'day';
export const CUBE_MODELS = { month: SalesCubeMonthModel, day: SalesCubeDayModel } as const;
