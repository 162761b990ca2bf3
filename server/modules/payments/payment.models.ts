import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PAYMENT_PROVIDERS } from '../../../shared/contracts/payments';
import { PAYMENT_STATUSES } from '../../../shared/states/payment';
import { tenantScoped } from '../../platform/db';
import { outboxPlugin, type OutboxEntry } from '../../platform/outbox';
import { PROVIDER_EVENT_TYPES, REFUND_STATUSES } from './payment-provider';

const historySchema = new Schema(
  {
    at: { type: Date, required: true },
    from: { type: String, enum: PAYMENT_STATUSES, required: true },
    to: { type: String, enum: PAYMENT_STATUSES, required: true },
    /** The provider event that made us look (null when the change came from a read of our own). */
    eventId: { type: String, default: null },
  },
  { _id: false },
);

/**
 * Money given back for one seller order of a paid buyer order (rejected or cancelled after payment):
 * one per seller order, claimed before the provider is asked, so a retry asks with the same key.
 */
const refundSchema = new Schema(
  {
    sellerOrderId: { type: Schema.Types.ObjectId, required: true },
    amountRupiah: { type: Number, required: true },
    /** null between our claim and the provider's answer. */
    providerRefundId: { type: String, default: null },
    status: { type: String, enum: [...REFUND_STATUSES, 'requested'], required: true },
    requestedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One per buyer order: the provider's payment for it and what we last saw of it. The tenant is the
 * buyer organisation. `status` moves only along shared/states/payment.ts, by updates guarded on the
 * status and version read, each carrying its history entry and its outbox event (`payment.<status>`).
 */
const paymentSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    buyerOrderId: { type: Schema.Types.ObjectId, required: true },
    provider: { type: String, enum: PAYMENT_PROVIDERS, required: true },
    /** null between our insert and the provider's answer (see startPayment). */
    providerPaymentId: { type: String, default: null },
    /**
     * What the buyer's browser needs to confirm this payment. Kept so that reopening the payment step
     * does not depend on reading the provider again; served only to the buyer organisation, never logged.
     */
    clientSecret: { type: String, default: null },
    amountRupiah: { type: Number, required: true },
    status: { type: String, enum: PAYMENT_STATUSES, required: true },
    version: { type: Number, required: true },
    /** When the provider was last read for the status we hold: an older read never overwrites a newer one. */
    observedAt: { type: Date, default: null },
    history: { type: [historySchema], default: [] },
    refunds: { type: [refundSchema], default: [] },
    /** Σ refunds.amountRupiah: guarded so that refunds never add up to more than was paid. */
    refundedRupiah: { type: Number, default: 0 },
    startedByUserId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
// One payment per buyer order: two checkouts racing to pay settle on this index.
paymentSchema.index({ buyerOrderId: 1 }, { unique: true });
// Webhooks name the provider's id. Not unique: documents wait with null until the provider answers.
paymentSchema.index({ provider: 1, providerPaymentId: 1 });
paymentSchema.plugin(tenantScoped);
paymentSchema.plugin(outboxPlugin);
export const PaymentModel = model('Payment', paymentSchema);
export type PaymentDoc = InferSchemaType<typeof paymentSchema> & {
  _id: Types.ObjectId;
  outbox: OutboxEntry[];
  outboxPending: number;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * A webhook event as received and verified, keyed by the provider's event id: the unique index makes a
 * second delivery a no-op. Only what the worker needs to re-read the object is kept, not the payload:
 * the provider, re-read, is the truth. Not tenant-scoped: an event belongs to no organisation until the
 * payment it names is found.
 */
const providerEventSchema = new Schema(
  {
    provider: { type: String, enum: PAYMENT_PROVIDERS, required: true },
    eventId: { type: String, required: true },
    type: { type: String, enum: PROVIDER_EVENT_TYPES, required: true },
    providerType: { type: String, required: true },
    objectId: { type: String, default: null },
    /**
     * queued: a job will apply it; ignored: nothing of ours; deferred: stored for a later slice that
     * handles its kind (refunds), not queued.
     */
    handling: { type: String, enum: ['queued', 'ignored', 'deferred'], required: true },
    receivedAt: { type: Date, required: true },
    /** Set by the worker after each run (a retried job sets it again). */
    processedAt: { type: Date, default: null },
    outcome: { type: String, default: null },
  },
  { timestamps: false },
);
providerEventSchema.index({ provider: 1, eventId: 1 }, { unique: true });
providerEventSchema.plugin(outboxPlugin);
export const ProviderEventModel = model('ProviderEvent', providerEventSchema);
export type ProviderEventDoc = InferSchemaType<typeof providerEventSchema> & {
  _id: Types.ObjectId;
  outbox: OutboxEntry[];
  outboxPending: number;
};
