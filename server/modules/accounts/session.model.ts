import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so a leaked
 * database does not leak live sessions. Looked up by id, so not tenant-scoped.
 */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    userAgent: { type: String, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// Revoke-all on password change and member removal.
sessionSchema.index({ userId: 1 });
// Real MongoDB drops expired sessions itself; the maintenance job purges them on servers without TTL.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const SessionModel = model('Session', sessionSchema);
export type SessionDoc = InferSchemaType<typeof sessionSchema>;
