import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LOCALES } from '../../../shared/contracts/accounts';
import { ORGANISATION_KINDS, ROLES } from '../../../shared/contracts/organisations';
import { tenantScoped } from '../../platform/db';

const userSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    /** Copied from the organisation (it never changes) so a session resolves without a join. */
    organisationKind: { type: String, enum: ORGANISATION_KINDS, required: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    phone: { type: String, default: null },
    locale: { type: String, enum: LOCALES, default: 'id' },
    /** Notices by e-mail and by WhatsApp, each of which the person may switch off (in-app ones always show). */
    notices: {
      email: { type: Boolean, default: true },
      whatsapp: { type: Boolean, default: true },
    },
    roles: { type: [{ type: String, enum: ROLES }], required: true },
    passwordHash: { type: String, required: true },
    failedSignIns: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
    passwordChangedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ organisationId: 1, createdAt: 1 });
userSchema.plugin(tenantScoped);

export const UserModel = model('User', userSchema);
export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId; createdAt: Date };
