import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { CREDIT_TERM_DAYS } from '../../../shared/contracts/credit';
import { tenantScoped } from '../../platform/db';

/**
 * What one seller order on terms owes until its invoice is paid (or it is cancelled). Kept on the line
 * itself so that "reserve if the limit allows" is one conditional update, and releasing is idempotent:
 * a release needs the hold, and pulls it in the same update that gives the amount back.
 */
const creditHoldSchema = new Schema(
  {
    orderId: { type: Schema.Types.ObjectId, required: true },
    sellerOrderId: { type: Schema.Types.ObjectId, required: true },
    amountRupiah: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * A buyer organisation's credit line, set by a Dinkop admin. `availableRupiah = limitRupiah −
 * outstandingRupiah` and `outstandingRupiah = Σ holds`, both kept by the same single-document updates.
 */
const creditLineSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    organisationName: { type: String, required: true },
    termDays: { type: Number, enum: CREDIT_TERM_DAYS, required: true },
    limitRupiah: { type: Number, required: true },
    outstandingRupiah: { type: Number, required: true },
    availableRupiah: { type: Number, required: true },
    active: { type: Boolean, required: true },
    holds: { type: [creditHoldSchema], default: [] },
    updatedByUserId: { type: Schema.Types.ObjectId, required: true },
    updatedByName: { type: String, required: true },
  },
  { timestamps: true },
);
creditLineSchema.index({ organisationId: 1 }, { unique: true });
creditLineSchema.plugin(tenantScoped);
export const CreditLineModel = model('CreditLine', creditLineSchema);
export type CreditLineDoc = InferSchemaType<typeof creditLineSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
