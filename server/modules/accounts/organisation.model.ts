import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import {
  BUYER_TYPES,
  ORGANISATION_KINDS,
  ORGANISATION_STATUSES,
} from '../../../shared/contracts/organisations';

const namedRegion = { code: { type: String, required: true }, name: { type: String, required: true } };

/**
 * Region names are copied in at write time: addresses read as they were entered, without joins. Delivery
 * locations keep their addresses in this shape too.
 */
export const addressSchema = new Schema(
  {
    street: { type: String, required: true },
    province: namedRegion,
    regency: namedRegion,
    district: namedRegion,
    village: { type: new Schema(namedRegion, { _id: false }), default: null },
    postalCode: { type: String, default: null },
  },
  { _id: false },
);

const statusChangeSchema = new Schema(
  {
    from: { type: String, enum: [...ORGANISATION_STATUSES, null], default: null },
    to: { type: String, enum: ORGANISATION_STATUSES, required: true },
    byUserId: { type: Schema.Types.ObjectId, default: null },
    byName: { type: String, default: null },
    reason: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const organisationSchema = new Schema(
  {
    kind: { type: String, enum: ORGANISATION_KINDS, required: true },
    buyerType: { type: String, enum: [...BUYER_TYPES, null], default: null },
    name: { type: String, required: true },
    phone: { type: String, default: null },
    address: { type: addressSchema, default: null },
    status: { type: String, enum: ORGANISATION_STATUSES, required: true },
    rejectionReason: { type: String, default: null },
    verifiedAt: { type: Date, default: null },
    /** Audit trail of verification: who moved it, from where, to where, and why. */
    statusHistory: { type: [statusChangeSchema], default: [] },
  },
  { timestamps: true },
);
// Dinkop's verification queue: by status and kind, oldest first.
organisationSchema.index({ status: 1, kind: 1, createdAt: 1 });
organisationSchema.index({ 'address.district.code': 1 });
// Dinkop's UMKM registry: name order, paged by (name, _id).
organisationSchema.index({ kind: 1, name: 1, _id: 1 });

export const OrganisationModel = model('Organisation', organisationSchema);
export type OrganisationDoc = InferSchemaType<typeof organisationSchema> & { _id: Types.ObjectId };
