import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PRODUCT_IMPORT_STATUSES } from '../../../shared/contracts/product-imports';
import { tenantScoped } from '../../platform/db';

/**
 * One upload of a product CSV and how its job went. Counters and errors are written as absolute values
 * by the job, so a retried job that starts over rewrites them instead of adding to them.
 */
const productImportSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    createdByUserId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: PRODUCT_IMPORT_STATUSES, required: true },
    /** The uploaded CSV in the storage port, under a key the server made. */
    file: {
      type: new Schema({ key: String, size: Number, sha256: String }, { _id: false }),
      required: true,
    },
    rows: {
      type: new Schema(
        { total: Number, processed: Number, created: Number, invalid: Number },
        { _id: false },
      ),
      required: true,
    },
    // `errors` is a reserved name on mongoose documents.
    rowErrors: {
      type: [
        new Schema({ row: Number, column: { type: String, default: null }, message: String }, { _id: false }),
      ],
      default: [],
    },
    rowErrorsTruncated: { type: Boolean, default: false },
    failure: { type: String, default: null },
    createdProductIds: { type: [Schema.Types.ObjectId], default: [] },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// The seller's recent imports, newest first.
productImportSchema.index({ organisationId: 1, createdAt: -1 });
productImportSchema.plugin(tenantScoped);

export const ProductImportModel = model('ProductImport', productImportSchema);
export type ProductImportDoc = InferSchemaType<typeof productImportSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
