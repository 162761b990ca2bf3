import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { NOTIFICATION_KINDS } from '../../../shared/contracts/notifications';
import { ROLES } from '../../../shared/contracts/organisations';
import { tenantScoped } from '../../platform/db';
import { outboxPlugin, type OutboxFields } from '../../platform/outbox';

/**
 * An in-app notice to the members of one organisation, or to those holding one of `roles`. Read state
 * is per person (`readBy`): organisations have a handful of members, so the array stays small.
 */
const notificationSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    roles: { type: [{ type: String, enum: ROLES }], default: [] },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    link: { type: String, default: null },
    /** Makes sending idempotent: a retried job or a repeated sweep writes the same key once. */
    dedupeKey: { type: String, required: true },
    readBy: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
notificationSchema.index({ organisationId: 1, dedupeKey: 1 }, { unique: true });
// A member's list, newest first.
notificationSchema.index({ organisationId: 1, createdAt: -1 });
notificationSchema.plugin(tenantScoped);
// "notice created" goes out in the insert itself; the relay turns it into the delivery job.
notificationSchema.plugin(outboxPlugin);

export const NotificationModel = model('Notification', notificationSchema);
export type NotificationDoc = InferSchemaType<typeof notificationSchema> &
  OutboxFields & {
    _id: Types.ObjectId;
    createdAt: Date;
  };
