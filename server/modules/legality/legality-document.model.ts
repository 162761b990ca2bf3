import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LEGALITY_DOCUMENT_TYPES } from '../../../shared/legality/documents';
import { tenantScoped } from '../../platform/db';

const storedFileSchema = new Schema(
  {
    key: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * A legality document of a UMKM. Dates are calendar dates (`YYYY-MM-DD` strings, compared in WIB),
 * not instants: a certificate valid "until 31 December 2027" is valid all that day in Karawang.
 */
const legalityDocumentSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, enum: LEGALITY_DOCUMENT_TYPES, required: true },
    number: { type: String, required: true },
    issuer: { type: String, required: true },
    issuedOn: { type: String, required: true },
    expiresOn: { type: String, default: null },
    file: { type: storedFileSchema, default: null },
    /**
     * The products this document covers (a P-IRT or BPOM number belongs to one product); empty: the
     * whole business (NIB, a halal certificate covering every product).
     */
    productIds: { type: [Schema.Types.ObjectId], default: [] },
    createdByUserId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
// The seller's vault page, and the same number cannot be entered twice by one UMKM.
legalityDocumentSchema.index({ organisationId: 1, type: 1, number: 1 }, { unique: true });
// The daily expiry sweep (issue 3) reads documents by expiry date across organisations.
legalityDocumentSchema.index({ expiresOn: 1 });
legalityDocumentSchema.plugin(tenantScoped);

export const LegalityDocumentModel = model('LegalityDocument', legalityDocumentSchema);
export type LegalityDocumentDoc = InferSchemaType<typeof legalityDocumentSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
