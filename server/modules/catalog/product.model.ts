import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PRODUCT_CATEGORY_IDS } from '../../../shared/catalog/categories';
import { PRODUCT_STATUSES, PRODUCT_UNITS } from '../../../shared/contracts/products';
import { LEGALITY_DOCUMENT_TYPES } from '../../../shared/legality/documents';
import { CURATION_CHECKLIST } from '../../../shared/states/product';
import { tenantScoped } from '../../platform/db';
import { photoSchema } from '../photos';

/** Mirrors ZProductVersion: ZProductContent, which validated it before it got here, plus the photos. */
const contentSchema = new Schema(
  {
    name: { type: String, required: true },
    description: { type: String, required: true },
    category: { type: String, enum: PRODUCT_CATEGORY_IDS, required: true },
    unit: { type: String, enum: PRODUCT_UNITS, required: true },
    weightGrams: { type: Number, required: true },
    price: { type: Number, required: true },
    priceTiers: {
      type: [new Schema({ minQuantity: Number, unitPrice: Number }, { _id: false })],
      default: [],
    },
    minimumOrder: { type: Number, required: true },
    orderIncrement: { type: Number, required: true },
    supply: {
      type: new Schema(
        {
          mode: { type: String, enum: ['stock', 'capacity'], required: true },
          stockOnHand: Number,
          weeklyCapacity: Number,
        },
        { _id: false },
      ),
      required: true,
    },
    leadTimeDays: { type: Number, required: true },
    shelfLifeDays: { type: Number, default: null },
    /** In the order buyers see them, the first is the cover; curated with the rest of the content. */
    photos: { type: [photoSchema], default: [] },
  },
  { _id: false },
);

/** One move of the curation workflow, written in the same update as the move itself. */
const historyEntrySchema = new Schema(
  {
    from: { type: String, enum: [...PRODUCT_STATUSES, null], default: null },
    to: { type: String, enum: PRODUCT_STATUSES, required: true },
    revision: { type: Number, required: true },
    /** null for the system's own moves (the daily legality sweep). */
    byUserId: { type: Schema.Types.ObjectId, default: null },
    byName: { type: String, required: true },
    byOrganisationKind: { type: String, enum: ['umkm', 'dinkop', 'system'], required: true },
    at: { type: Date, required: true },
    reason: { type: String, default: null },
    changes: {
      type: [new Schema({ item: { type: String, enum: CURATION_CHECKLIST }, note: String }, { _id: false })],
      default: [],
    },
    missingLegality: { type: [String], default: [] },
    /** Set when the entry records the live version going off sale or back on sale, not a curation move. */
    listingChange: { type: String, enum: ['unlisted', 'relisted', null], default: null },
  },
  { _id: false },
);

/**
 * A seller's product: the working copy under curation (`content`, `status`) and the last approved
 * version buyers see (`live`). Editing an approved product starts a new revision; `live` stays until
 * the new one is approved.
 */
const productSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: PRODUCT_STATUSES, required: true },
    revision: { type: Number, required: true, default: 1 },
    content: { type: contentSchema, required: true },
    live: { type: contentSchema, default: null },
    missingLegality: {
      type: [
        new Schema(
          { anyOf: [{ type: String, enum: LEGALITY_DOCUMENT_TYPES }], reason: String },
          { _id: false },
        ),
      ],
      default: [],
    },
    /** Copied at submission, so the curator queue filters by kecamatan without a join. */
    seller: {
      type: new Schema({ name: String, districtCode: String, districtName: String }, { _id: false }),
      default: null,
    },
    submittedAt: { type: Date, default: null },
    /**
     * What the buyer catalog reads, written when a version is approved: whether it is on sale, the
     * legality badges it earned, and the search prefixes of its live text (see shared/catalog/search).
     */
    listing: {
      type: new Schema(
        {
          listed: { type: Boolean, required: true },
          /** Why the live version is off sale (today only lapsed legality takes it off), for seller and curator. */
          offSaleReasons: { type: [String], default: [] },
          approvedAt: { type: Date, required: true },
          badges: [{ type: String, enum: LEGALITY_DOCUMENT_TYPES }],
          prefixes: [String],
          namePrefixes: [String],
        },
        { _id: false },
      ),
      default: null,
    },
    history: { type: [historyEntrySchema], default: [] },
    createdByUserId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
// The seller's product list, newest first, optionally by status.
productSchema.index({ organisationId: 1, createdAt: -1 });
productSchema.index({ organisationId: 1, status: 1, createdAt: -1 });
// Dinkop's curation queue: by status, longest waiting first.
productSchema.index({ status: 1, submittedAt: 1 });
// Buyer catalog: every query filters listed products; words match through the multikey prefix index,
// browsing sorts by newest or price within a category. (Justified in docs/adr/005.)
productSchema.index({ 'listing.listed': 1, 'listing.prefixes': 1 });
productSchema.index({ 'listing.listed': 1, 'live.category': 1, 'listing.approvedAt': -1 });
productSchema.index({ 'listing.listed': 1, 'live.price': 1 });
productSchema.plugin(tenantScoped);

export const ProductModel = model('Product', productSchema);
export type ProductDoc = InferSchemaType<typeof productSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
