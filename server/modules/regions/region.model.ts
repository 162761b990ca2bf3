import { Schema, model } from 'mongoose';
import { REGION_LEVELS, type TRegion } from '../../../shared/contracts/regions';

/** Kemendagri regions, keyed by their official code; reference data shared by all organisations. */
const regionSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    level: { type: String, enum: REGION_LEVELS, required: true },
    parentCode: { type: String, default: null },
  },
  { versionKey: false },
);
// Children of one region, listed by name, is the only query besides lookup by code.
regionSchema.index({ parentCode: 1, name: 1 });

export const RegionModel = model('Region', regionSchema);
export type RegionDoc = Omit<TRegion, 'code'> & { _id: string };
