import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { INVOICE_STATUSES } from '../../../shared/contracts/invoices';
import { PAYMENT_METHODS } from '../../../shared/contracts/orders';
import { PRODUCT_UNITS } from '../../../shared/contracts/products';
import { tenantScoped } from '../../platform/db';
import { outboxPlugin, type OutboxFields } from '../../platform/outbox';

/**
 * A number taken but not yet written into its invoice (or credit note), under the seller order it is
 * for: a retry after a crash finds it and reuses the number, so a series never skips one.
 */
const holdSchema = new Schema(
  {
    sellerOrderId: { type: String, required: true },
    seq: { type: Number, required: true },
    /** When the number was taken: the document's date (its year is the series'). */
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One per series, seller and year (`INV:<sellerId>:2026`, `KN:<sellerId>:2026`), plus the global
 * `seller-code` counter (no holds: seller codes need not be gap-free).
 */
const counterSchema = new Schema({
  _id: String,
  seq: { type: Number, required: true },
  holds: { type: [holdSchema], default: [] },
});
export const InvoiceCounterModel = model('InvoiceCounter', counterSchema);
export type InvoiceCounterDoc = InferSchemaType<typeof counterSchema> & { _id: string };

/** A seller's short stable code for its invoice numbers (`U00042`), made on its first invoice. */
const invoiceSellerSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true },
  },
  { timestamps: true },
);
invoiceSellerSchema.index({ code: 1 }, { unique: true });
export const InvoiceSellerModel = model('InvoiceSeller', invoiceSellerSchema);

const partySchema = new Schema(
  { name: String, address: { type: String, default: null }, npwp: { type: String, default: null } },
  { _id: false },
);

const lineSchema = new Schema(
  {
    name: { type: String, required: true },
    unit: { type: String, enum: PRODUCT_UNITS, required: true },
    quantity: { type: Number, required: true },
    unitPrice: { type: Number, required: true },
    lineTotal: { type: Number, required: true },
    taxBase: { type: Number, required: true },
    ppn: { type: Number, required: true },
  },
  { _id: false },
);

/** Tenant = the seller; the buyer reads its invoices through `buyerOrganisationId`. Everything is a snapshot. */
const invoiceSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    buyerOrganisationId: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    sellerCode: { type: String, required: true },
    sellerOrderId: { type: Schema.Types.ObjectId, required: true },
    sellerOrderNumber: { type: String, required: true },
    buyerOrderId: { type: Schema.Types.ObjectId, required: true },
    buyerOrderNumber: { type: String, required: true },
    purchaseOrderNumber: { type: String, default: null },
    seller: {
      type: new Schema(
        {
          name: String,
          address: { type: String, default: null },
          npwp: { type: String, default: null },
          isPkp: Boolean,
        },
        { _id: false },
      ),
      required: true,
    },
    buyer: { type: partySchema, required: true },
    lines: { type: [lineSchema], required: true },
    totals: {
      type: new Schema({ subtotal: Number, taxBase: Number, ppn: Number, total: Number }, { _id: false }),
      required: true,
    },
    paymentMethod: { type: String, enum: PAYMENT_METHODS, required: true },
    termDays: { type: Number, default: null },
    status: { type: String, enum: INVOICE_STATUSES, required: true },
    version: { type: Number, required: true },
    issuedAt: { type: Date, required: true },
    /** WIB calendar date (`YYYY-MM-DD`); tempo only. */
    dueDate: { type: String, default: null },
    paidAt: { type: Date, default: null },
    /** WIB calendar date the money arrived, as the payer says (tempo) or as the provider said (online). */
    paidOn: { type: String, default: null },
    paymentReference: { type: String, default: null },
    paidByName: { type: String, default: null },
    paidByUserId: { type: Schema.Types.ObjectId, default: null },
    creditNote: {
      type: new Schema({ number: String, reason: String, byName: String, at: Date }, { _id: false }),
      default: null,
    },
    pdf: { type: new Schema({ key: String, renderedAt: Date }, { _id: false }), default: null },
  },
  { timestamps: true },
);
invoiceSchema.index({ number: 1 }, { unique: true });
invoiceSchema.index({ sellerOrderId: 1 }, { unique: true });
invoiceSchema.index({ organisationId: 1, issuedAt: -1 });
invoiceSchema.index({ buyerOrganisationId: 1, issuedAt: -1 });
invoiceSchema.plugin(tenantScoped);
// Its events (issued, paid, credited) travel with each change; the relay queues them (ADR 008).
invoiceSchema.plugin(outboxPlugin);
export const InvoiceModel = model('Invoice', invoiceSchema);
export type InvoiceDoc = InferSchemaType<typeof invoiceSchema> &
  OutboxFields & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
