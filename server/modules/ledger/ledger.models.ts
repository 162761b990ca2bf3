import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LEDGER_ENTRY_KINDS } from '../../../shared/contracts/ledger';
import { tenantScoped } from '../../platform/db';

/**
 * One line of a seller's ledger (tenant = the seller organisation). Entries are only ever added: a refund
 * or a payout is a new entry, so every balance is the sum of its entries and can be re-derived at will.
 */
const ledgerEntrySchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: LEDGER_ENTRY_KINDS, required: true },
    amountRupiah: {
      type: Number,
      required: true,
      validate: { validator: Number.isSafeInteger, message: 'amountRupiah must be whole rupiah' },
    },
    sellerOrderId: { type: Schema.Types.ObjectId, default: null },
    sellerOrderNumber: { type: String, default: null },
    payoutBatchId: { type: Schema.Types.ObjectId, default: null },
    /**
     * What this entry stands for (`sale:<sellerOrderId>`, `payout:<seller>:<seq>`, …): unique, so a call
     * repeated by a retried job, or a second admin paying the same balance, cannot write it twice.
     */
    key: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    description: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
ledgerEntrySchema.index({ key: 1 }, { unique: true });
ledgerEntrySchema.index({ organisationId: 1, occurredAt: -1, _id: -1 });
ledgerEntrySchema.index({ organisationId: 1, sellerOrderId: 1 });
ledgerEntrySchema.plugin(tenantScoped);

export const LedgerEntryModel = model('LedgerEntry', ledgerEntrySchema);
export type LedgerEntryDoc = InferSchemaType<typeof ledgerEntrySchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};

/**
 * Per seller, the number of its next payout. A payout entry is keyed by (seller, number) and the number
 * moves on only once that entry exists, so two batches paying the same seller at once compete for one
 * key and only one is written; the balance each pays is read after the previous payout was recorded.
 */
const payoutSequenceSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  organisationId: { type: Schema.Types.ObjectId, required: true },
  next: { type: Number, required: true },
});
payoutSequenceSchema.plugin(tenantScoped);

export const PayoutSequenceModel = model('PayoutSequence', payoutSequenceSchema);
export interface PayoutSequenceDoc {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  next: number;
}

const payoutItemSchema = new Schema(
  {
    sellerOrganisationId: { type: Schema.Types.ObjectId, required: true },
    sellerName: { type: String, required: true },
    amountRupiah: { type: Number, required: true },
    payoutAccount: {
      type: new Schema({ bankName: String, accountNumber: String, holderName: String }, { _id: false }),
      default: null,
    },
    /** The seller's payout number this item claimed; its entry's key is `payout:<seller>:<seq>`. */
    seq: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * A Dinkop admin's payout batch, keyed by the request's Idempotency-Key. It is written first and its
 * items one by one, each before its entry: a request that dies half way is finished by a retry with the
 * same key, which finds the batch and carries on from its items. Not tenant-scoped: it spans sellers and
 * belongs to the platform.
 */
const payoutBatchSchema = new Schema(
  {
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    transferReference: { type: String, required: true },
    /** Whom the batch was asked to pay, fixed when it was made so a retry pays the same sellers. */
    sellerOrganisationIds: { type: [Schema.Types.ObjectId], default: [] },
    createdBy: {
      type: new Schema({ userId: Schema.Types.ObjectId, name: String }, { _id: false }),
      required: true,
    },
    status: { type: String, enum: ['processing', 'done'], required: true },
    items: { type: [payoutItemSchema], default: [] },
    /** Bumped by every item change: "done" is set only if no item moved since they were all checked. */
    version: { type: Number, default: 0 },
    completedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
payoutBatchSchema.index({ key: 1 }, { unique: true });
payoutBatchSchema.index({ createdAt: -1, _id: -1 });

export const PayoutBatchModel = model('PayoutBatch', payoutBatchSchema);
export type PayoutItem = InferSchemaType<typeof payoutItemSchema>;
export type PayoutBatchDoc = Omit<InferSchemaType<typeof payoutBatchSchema>, 'items'> & {
  _id: Types.ObjectId;
  items: PayoutItem[];
  createdAt: Date;
  updatedAt: Date;
};
