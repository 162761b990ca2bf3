import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PRODUCT_CATEGORY_IDS } from '../../../shared/catalog/categories';
import { photoSchema } from '../photos';

/** One per UMKM organisation, keyed by its id: the business facts buyers, Dinkop and invoices need. */
const umkmProfileSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    // No default: the sparse unique index below skips a missing NIB, but an explicit null is indexed
    // (only one UMKM could be without a NIB).
    nib: { type: String },
    npwp: { type: String, default: null },
    isPkp: { type: Boolean, default: false },
    category: { type: String, enum: [...PRODUCT_CATEGORY_IDS, null], default: null },
    payoutAccount: {
      type: new Schema({ bankName: String, accountNumber: String, holderName: String }, { _id: false }),
      default: null,
    },
    story: { type: String, default: null },
    programmeTags: { type: [String], default: [] },
    /** Shown as they are, in this order (not curated like product photos). */
    photos: { type: [photoSchema], default: [] },
  },
  { timestamps: true },
);
// One NIB, one UMKM: a second registration of the same business is a duplicate, not a new seller.
umkmProfileSchema.index({ nib: 1 }, { unique: true, sparse: true });

export const UmkmProfileModel = model('UmkmProfile', umkmProfileSchema);
export type UmkmProfileDoc = InferSchemaType<typeof umkmProfileSchema> & {
  _id: Types.ObjectId;
  updatedAt: Date;
};
