import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { DISPLAY_POINT_KINDS, MOVEMENT_KINDS } from '../../../shared/contracts/consignment';
import { tenantScoped } from '../../platform/db';
import { outboxPlugin, type OutboxFields } from '../../platform/outbox';

/** A galeri or pojok: Dinkop's, read by every seller, so not tenant-scoped. */
const displayPointSchema = new Schema(
  {
    name: { type: String, required: true },
    kind: { type: String, enum: DISPLAY_POINT_KINDS, required: true },
    district: {
      type: new Schema({ code: String, name: String }, { _id: false }),
      required: true,
    },
    /** null: unstaffed. `dinkop_user` operators enter sales and counts there. */
    operator: {
      type: new Schema(
        {
          kind: { type: String, enum: ['dinkop_user', 'person'], required: true },
          userId: { type: Schema.Types.ObjectId, default: null },
          name: { type: String, required: true },
          phone: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Percent × 100 (12.5% → 1250), so commission arithmetic stays in integers. */
    commissionBasisPoints: { type: Number, required: true },
  },
  { timestamps: true },
);
displayPointSchema.index({ 'operator.userId': 1 });

export const DisplayPointModel = model('DisplayPoint', displayPointSchema);
export type DisplayPointDoc = InferSchemaType<typeof displayPointSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The by-line of every movement and sale. */
export interface ByLine {
  userId: Types.ObjectId;
  name: string;
  organisationKind: 'umkm' | 'dinkop';
}

/**
 * A step whose stock change is already made but whose own documents (the movement, for a sale also the
 * DisplaySale) may not be written yet. Pushed by the same update that changes the quantity, pulled once
 * they exist; whoever finds one left behind writes them (both writes are keyed, so twice is once).
 */
export interface PendingStep {
  movementId: Types.ObjectId;
  saleId: string | null;
  at: Date;
  movement: MovementFields;
  sale: SaleFields | null;
}

/** One document per (point, seller's product): the quantity there, changed only by guarded updates. */
const stockSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    pointId: { type: Schema.Types.ObjectId, required: true },
    productId: { type: Schema.Types.ObjectId, required: true },
    quantity: { type: Number, required: true, default: 0 },
    consignmentPrice: { type: Number, required: true },
    /** Copied at each delivery, for lists that would otherwise read two other modules per row. */
    productName: { type: String, required: true },
    sellerName: { type: String, required: true },
    /** Bumped by every change, so a count can set the quantity only over the value it compared with. */
    version: { type: Number, required: true, default: 0 },
    pending: { type: [Schema.Types.Mixed], default: [] },
  },
  { timestamps: true },
);
stockSchema.index({ organisationId: 1, pointId: 1, productId: 1 }, { unique: true });
stockSchema.index({ pointId: 1 });
stockSchema.plugin(tenantScoped);

export const ConsignmentStockModel = model('ConsignmentStock', stockSchema);
export type ConsignmentStockDoc = InferSchemaType<typeof stockSchema> & {
  _id: Types.ObjectId;
  pending: PendingStep[];
  createdAt: Date;
  updatedAt: Date;
};

export interface MovementFields {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  pointId: Types.ObjectId;
  productId: Types.ObjectId;
  stockId: Types.ObjectId;
  kind: (typeof MOVEMENT_KINDS)[number];
  change: number;
  deliveryNoteNumber: string | null;
  bestBefore: string | null;
  countedQuantity: number | null;
  saleId: string | null;
  note: string | null;
  by: ByLine;
  at: Date;
}

/** The movement log: append-only, one document per change of a stock. */
const movementSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    pointId: { type: Schema.Types.ObjectId, required: true },
    productId: { type: Schema.Types.ObjectId, required: true },
    stockId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: MOVEMENT_KINDS, required: true },
    change: { type: Number, required: true },
    deliveryNoteNumber: { type: String, default: null },
    /** WIB date; for deliveries only (given, or today + the product's shelf life). */
    bestBefore: { type: String, default: null },
    countedQuantity: { type: Number, default: null },
    saleId: { type: String, default: null },
    note: { type: String, default: null },
    by: {
      type: new Schema(
        { userId: Schema.Types.ObjectId, name: String, organisationKind: String },
        { _id: false },
      ),
      required: true,
    },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
movementSchema.index({ organisationId: 1, at: -1, _id: -1 });
movementSchema.index({ stockId: 1, kind: 1, at: -1 });
movementSchema.plugin(tenantScoped);

export const ConsignmentMovementModel = model('ConsignmentMovement', movementSchema);
export type ConsignmentMovementDoc = MovementFields;

export interface SaleFields {
  _id: string;
  organisationId: Types.ObjectId;
  sellerOrganisationId: Types.ObjectId;
  sellerName: string;
  /** The stock step that took the units: a second step for the same sale id finds it and gives back. */
  stockMovementId: Types.ObjectId;
  soldOn: string;
  channel: (typeof DISPLAY_POINT_KINDS)[number];
  pointId: Types.ObjectId;
  productId: Types.ObjectId;
  productName: string;
  units: number;
  unitPrice: number;
  grossRupiah: number;
  ppnRupiah: number;
  consignmentPrice: number;
  /** The point's commission when the sale was made: the settlement uses it, not today's. */
  commissionBasisPoints: number;
  /** What the request asked for, so a retry with the same key and another body is told apart. */
  requestHash: string;
  enteredBy: ByLine;
  createdAt: Date;
}

/**
 * A sale at a galeri or pojok. `_id` is the client's Idempotency-Key (the sale id the rollups count once);
 * `organisationId` is the seller, for tenant scoping. The outbox carries the rollup event (ADR 015).
 */
const displaySaleSchema = new Schema(
  {
    _id: { type: String, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    sellerOrganisationId: { type: Schema.Types.ObjectId, required: true },
    sellerName: { type: String, required: true },
    stockMovementId: { type: Schema.Types.ObjectId, required: true },
    soldOn: { type: String, required: true },
    channel: { type: String, enum: DISPLAY_POINT_KINDS, required: true },
    pointId: { type: Schema.Types.ObjectId, required: true },
    productId: { type: Schema.Types.ObjectId, required: true },
    productName: { type: String, required: true },
    units: { type: Number, required: true },
    unitPrice: { type: Number, required: true },
    grossRupiah: { type: Number, required: true },
    ppnRupiah: { type: Number, required: true },
    consignmentPrice: { type: Number, required: true },
    commissionBasisPoints: { type: Number, required: true },
    requestHash: { type: String, required: true },
    enteredBy: {
      type: new Schema(
        { userId: Schema.Types.ObjectId, name: String, organisationKind: String },
        { _id: false },
      ),
      required: true,
    },
    createdAt: { type: Date, required: true },
  },
  { collection: 'DisplaySale', versionKey: false },
);
displaySaleSchema.index({ organisationId: 1, soldOn: 1 });
displaySaleSchema.index({ pointId: 1, soldOn: 1 });
displaySaleSchema.plugin(tenantScoped);
displaySaleSchema.plugin(outboxPlugin);

export const DisplaySaleModel = model('DisplaySale', displaySaleSchema);
export type DisplaySaleDoc = SaleFields & OutboxFields;
