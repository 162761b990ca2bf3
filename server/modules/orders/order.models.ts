import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PRODUCT_UNITS } from '../../../shared/contracts/products';
import { BUYER_TYPES } from '../../../shared/contracts/organisations';
import { ORDER_PAYMENT_STATUSES, PAYMENT_METHODS } from '../../../shared/contracts/orders';
import { ORDER_MOVE_NAMES, ORDER_PARTIES, SELLER_ORDER_STATUSES } from '../../../shared/states/order';
import { tenantScoped } from '../../platform/db';
import { outboxPlugin, type OutboxEntry } from '../../platform/outbox';
import { photoSchema } from '../photos';

/** A member's cart: lines only; prices are read fresh from the catalog every time it is shown. */
const cartSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    lines: {
      type: [
        // The name as it was when added: the cart can still say which product was taken off sale.
        new Schema(
          { productId: Schema.Types.ObjectId, name: String, quantity: Number, addedAt: Date },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
cartSchema.index({ organisationId: 1, userId: 1 }, { unique: true });
cartSchema.plugin(tenantScoped);
export const CartModel = model('Cart', cartSchema);
export type CartDoc = InferSchemaType<typeof cartSchema> & { _id: Types.ObjectId };

/** What one reservation took: a stock product's units, or a made-to-order product's capacity in a week. */
const reservationSchema = new Schema(
  {
    productId: { type: Schema.Types.ObjectId, required: true },
    /** null: stock on hand; otherwise the ISO week (`2026-W48`, Jakarta time) whose capacity was taken. */
    week: { type: String, default: null },
    quantity: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * One checkout attempt, keyed by the buyer's Idempotency-Key. Its reservations are marked on the
 * counters themselves (a hold naming `orderId`), so an attempt that died half way can be compensated by
 * whoever finds it stale — there are no transactions to roll back — and a second release finds no hold.
 */
const placementSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, enum: ['processing', 'done', 'failed'], required: true },
    orderId: { type: Schema.Types.ObjectId, required: true },
    /** Where to look for this attempt's holds when nobody retries it (the maintenance sweep). */
    productIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Refreshed while working; a processing attempt not touched for a while is presumed dead. */
    heartbeatAt: { type: Date, required: true },
    /** Keys are honoured at least this long (24 h); the maintenance job purges them later. */
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true },
);
placementSchema.index({ organisationId: 1, key: 1 }, { unique: true });
placementSchema.index({ state: 1, heartbeatAt: 1 });
placementSchema.plugin(tenantScoped);
export const OrderPlacementModel = model('OrderPlacement', placementSchema);
export type OrderPlacementDoc = InferSchemaType<typeof placementSchema> & { _id: Types.ObjectId };

/**
 * A checkout's mark on a counter while it is placing its order: what it took, under its order id. It
 * makes reserving and releasing idempotent (a counter takes one hold per order, and a release needs the
 * hold) and lets a dead checkout be undone from the counters alone. Removed once the order is written.
 */
const holdSchema = new Schema(
  {
    orderId: { type: Schema.Types.ObjectId, required: true },
    quantity: { type: Number, required: true },
  },
  { _id: false },
);

/** Units of a stock product: `available + reserved = onHand`, kept by single-document updates. */
const stockLevelSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    productId: { type: Schema.Types.ObjectId, required: true },
    onHand: { type: Number, required: true },
    reserved: { type: Number, required: true },
    available: { type: Number, required: true },
    holds: { type: [holdSchema], default: [] },
  },
  { timestamps: true },
);
stockLevelSchema.index({ productId: 1 }, { unique: true });
stockLevelSchema.plugin(tenantScoped);
export const StockLevelModel = model('StockLevel', stockLevelSchema);
export type StockLevelDoc = InferSchemaType<typeof stockLevelSchema> & { _id: Types.ObjectId };

/** A made-to-order product's production capacity in one week: `available + reserved = capacity`. */
const capacityWeekSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    productId: { type: Schema.Types.ObjectId, required: true },
    week: { type: String, required: true },
    capacity: { type: Number, required: true },
    reserved: { type: Number, required: true },
    available: { type: Number, required: true },
    holds: { type: [holdSchema], default: [] },
  },
  { timestamps: true },
);
capacityWeekSchema.index({ productId: 1, week: 1 }, { unique: true });
capacityWeekSchema.plugin(tenantScoped);
export const CapacityWeekModel = model('CapacityWeek', capacityWeekSchema);
export type CapacityWeekDoc = InferSchemaType<typeof capacityWeekSchema> & { _id: Types.ObjectId };

/** Gap-free order numbers per year: one atomic counter document each. */
const counterSchema = new Schema({ _id: String, seq: { type: Number, required: true } });
export const OrderCounterModel = model('OrderCounter', counterSchema);

const totalsSchema = new Schema(
  { subtotal: Number, taxBase: Number, ppn: Number, total: Number },
  { _id: false },
);

const addressSchema = new Schema(
  {
    street: String,
    province: { code: String, name: String },
    regency: { code: String, name: String },
    district: { code: String, name: String },
    village: { type: new Schema({ code: String, name: String }, { _id: false }), default: null },
    postalCode: { type: String, default: null },
    // From a delivery location chosen at checkout; null when the order went to the organisation's address.
    label: { type: String, default: null },
    recipientName: { type: String, default: null },
    recipientPhone: { type: String, default: null },
    courierNote: { type: String, default: null },
  },
  { _id: false },
);

const lineSchema = new Schema(
  {
    productId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    unit: { type: String, enum: PRODUCT_UNITS, required: true },
    quantity: { type: Number, required: true },
    unitPrice: { type: Number, required: true },
    basePrice: { type: Number, required: true },
    lineTotal: { type: Number, required: true },
  },
  { _id: false },
);

/** A buyer order's share for one seller, as placed. */
const partSchema = new Schema(
  {
    sellerOrderId: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    seller: {
      type: new Schema({ id: String, name: String, districtName: String, isPkp: Boolean }, { _id: false }),
      required: true,
    },
    lines: { type: [lineSchema], required: true },
    totals: { type: totalsSchema, required: true },
    reservations: { type: [reservationSchema], default: [] },
  },
  { _id: false },
);

/** The buyer's side: what was ordered, when, by whom; its status is derived from its seller orders. */
const buyerOrderSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    placedByUserId: { type: Schema.Types.ObjectId, required: true },
    placedByName: { type: String, required: true },
    requestedDeliveryDate: { type: String, required: true },
    purchaseOrderNumber: { type: String, default: null },
    notes: { type: String, default: null },
    deliveryAddress: { type: addressSchema, required: true },
    totals: { type: totalsSchema, required: true },
    buyer: {
      type: new Schema(
        { name: String, buyerType: { type: String, enum: [...BUYER_TYPES, null] } },
        { _id: false },
      ),
      required: true,
    },
    /** One per seller: what becomes each seller order (with its reservations), so it can be rebuilt. */
    parts: { type: [partSchema], required: true },
    /** How it is paid (shared/contracts/orders.ts ZOrderPayment); `status` moves by guarded updates. */
    payment: {
      type: new Schema(
        {
          method: { type: String, enum: PAYMENT_METHODS, required: true },
          status: { type: String, enum: ORDER_PAYMENT_STATUSES, required: true },
          termDays: { type: Number, default: null },
          deadlineAt: { type: Date, default: null },
          paidAt: { type: Date, default: null },
        },
        { _id: false },
      ),
      required: true,
    },
  },
  { timestamps: true },
);
buyerOrderSchema.index({ organisationId: 1, createdAt: -1 });
buyerOrderSchema.plugin(tenantScoped);
export const BuyerOrderModel = model('BuyerOrder', buyerOrderSchema);
export type BuyerOrderDoc = InferSchemaType<typeof buyerOrderSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};

const historySchema = new Schema(
  {
    move: { type: String, enum: [...ORDER_MOVE_NAMES, null], default: null },
    from: { type: String, enum: [...SELLER_ORDER_STATUSES, null], default: null },
    to: { type: String, enum: SELLER_ORDER_STATUSES, required: true },
    byUserId: { type: Schema.Types.ObjectId, default: null },
    byName: { type: String, required: true },
    byParty: { type: String, enum: ORDER_PARTIES, required: true },
    at: { type: Date, required: true },
    reason: { type: String, default: null },
  },
  { _id: false },
);

/**
 * One UMKM's part of a buyer order: the tenant is the seller (`organisationId`); the buyer reads it
 * through `buyerOrganisationId`. Prices, PPN treatment and product details are snapshots.
 */
const sellerOrderSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    buyerOrganisationId: { type: Schema.Types.ObjectId, required: true },
    buyerOrderId: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    buyer: {
      type: new Schema(
        { name: String, buyerType: { type: String, enum: [...BUYER_TYPES, null] } },
        { _id: false },
      ),
      required: true,
    },
    seller: { type: new Schema({ name: String, isPkp: Boolean }, { _id: false }), required: true },
    status: { type: String, enum: SELLER_ORDER_STATUSES, required: true },
    paymentMethod: { type: String, enum: PAYMENT_METHODS, required: true },
    version: { type: Number, required: true },
    lines: { type: [lineSchema], required: true },
    totals: { type: totalsSchema, required: true },
    reservations: { type: [reservationSchema], default: [] },
    /**
     * held → to_release (rejected/cancelled) or to_consume (shipped), set in the same update as the move;
     * whoever then claims the change (to released/consumed) applies it to the inventory, exactly once.
     */
    reservationsState: {
      type: String,
      enum: ['held', 'to_release', 'released', 'to_consume', 'consumed'],
      default: 'held',
    },
    requestedDeliveryDate: { type: String, required: true },
    purchaseOrderNumber: { type: String, default: null },
    notes: { type: String, default: null },
    deliveryAddress: { type: addressSchema, required: true },
    shipment: {
      type: new Schema({ courier: String, trackingNumber: String, shippedAt: Date }, { _id: false }),
      default: null,
    },
    receipt: {
      type: new Schema(
        { bastNumber: String, note: String, receivedAt: Date, byName: String },
        { _id: false },
      ),
      default: null,
    },
    /** The buyer's photo of the signed BAST or of the goods received (see receipt-photo.service.ts). */
    receiptPhoto: { type: photoSchema, default: null },
    history: { type: [historySchema], default: [] },
  },
  { timestamps: true },
);
// The seller's inbox, newest first, by status; the buyer's view of one order.
sellerOrderSchema.index({ organisationId: 1, status: 1, createdAt: -1 });
sellerOrderSchema.index({ organisationId: 1, createdAt: -1 });
sellerOrderSchema.index({ buyerOrderId: 1 });
sellerOrderSchema.plugin(tenantScoped);
// Its events (placed, moved) travel with each change; the relay turns them into jobs (ADR 008).
sellerOrderSchema.plugin(outboxPlugin);
export const SellerOrderModel = model('SellerOrder', sellerOrderSchema);
export type SellerOrderDoc = InferSchemaType<typeof sellerOrderSchema> & {
  outbox: OutboxEntry[];
  outboxPending: number;
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
