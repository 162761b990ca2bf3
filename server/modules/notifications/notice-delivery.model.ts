import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { tenantScoped } from '../../platform/db';
import { NOTICE_CHANNELS } from './notice-channels';

/**
 * One notice to one person by one channel: the record that makes delivery happen once (adr/008). A job
 * claims it (`sending`) before it hands the message over and marks it `sent` after; a `sending` or
 * `failed` record found by a later attempt is taken over and sent again with the same message identity.
 */
const noticeDeliverySchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    notificationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    channel: { type: String, enum: NOTICE_CHANNELS, required: true },
    /** The e-mail address or phone the message went to, as it was then. */
    address: { type: String, required: true },
    state: { type: String, enum: ['sending', 'sent', 'failed'], required: true },
    /** Claims so far; a takeover is guarded by it, so two attempts never both take one record over. */
    attempts: { type: Number, required: true },
    /** Message-ID (e-mail) or WhatsApp reference: the same for every attempt, see notice-delivery.service. */
    messageRef: { type: String, required: true },
    /** The provider's id of the accepted message (wamid…, or the Message-ID the SMTP server took). */
    providerMessageId: { type: String, default: null },
    lastError: { type: String, default: null },
    claimedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true },
);
noticeDeliverySchema.index({ notificationId: 1, userId: 1, channel: 1 }, { unique: true });
noticeDeliverySchema.plugin(tenantScoped);

export const NoticeDeliveryModel = model('NoticeDelivery', noticeDeliverySchema);
export type NoticeDeliveryDoc = InferSchemaType<typeof noticeDeliverySchema> & { _id: Types.ObjectId };
