import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '../../../shared/contracts/organisations';
import { tenantScoped } from '../../platform/db';

const invitationSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true },
    roles: { type: [{ type: String, enum: ROLES }], required: true },
    /** SHA-256 of the token in the link; the token itself is shown once, to the inviting admin. */
    tokenHash: { type: String, required: true },
    invitedByUserId: { type: Schema.Types.ObjectId, required: true },
    invitedByName: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
invitationSchema.index({ tokenHash: 1 }, { unique: true });
invitationSchema.index({ organisationId: 1, email: 1 });
invitationSchema.plugin(tenantScoped);

export const InvitationModel = model('Invitation', invitationSchema);
export type InvitationDoc = InferSchemaType<typeof invitationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
