import { Schema, model, type Types } from 'mongoose';
import { PRODUCT_CATEGORY_IDS } from '../../../shared/catalog/categories';
import { BUYER_TYPES } from '../../../shared/contracts/organisations';
import { SALES_CHANNELS, SALES_STAGES } from '../../../shared/contracts/reports';
import { tenantScoped } from '../../platform/db';

/**
 * One day's sales of one product at one stage, for one combination of every dimension the dashboard
 * filters or breaks down by (docs/adr/014). The tenant is the seller. `_id` is derived from the
 * dimensions, so an increment finds its document without a lookup and two first increments collide on
 * the primary key instead of making two documents.
 */
const salesRollupSchema = new Schema(
  {
    _id: { type: String, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    /** `YYYY-MM-DD` in WIB: the day the stage was reached (the day of the display sale). */
    day: { type: String, required: true },
    stage: { type: String, enum: SALES_STAGES, required: true },
    channel: { type: String, enum: SALES_CHANNELS, required: true },
    district: { type: new Schema({ code: String, name: String }, { _id: false }), required: true },
    productId: { type: Schema.Types.ObjectId, required: true },
    category: { type: String, enum: [...PRODUCT_CATEGORY_IDS, null], default: null },
    buyerOrganisationId: { type: Schema.Types.ObjectId, default: null },
    buyerType: { type: String, enum: [...BUYER_TYPES, null], default: null },
    programmeTags: { type: [String], default: [] },
    /** Labels as first seen, for lists; not dimensions (a rename does not split a product's history). */
    sellerName: { type: String, required: true },
    productName: { type: String, required: true },
    /** Counted once per order (on the order's first product), so order-level breakdowns add up. */
    orders: { type: Number, required: true, default: 0 },
    /** Counted once per order and product: "orders containing this product". */
    orderLines: { type: Number, required: true, default: 0 },
    units: { type: Number, required: true, default: 0 },
    grossRupiah: { type: Number, required: true, default: 0 },
    ppnRupiah: { type: Number, required: true, default: 0 },
    /** What was added here (`<sellerOrderId>:<stage>:<productId>`, `sale:<saleId>`): the guard of each increment. */
    appliedKeys: { type: [String], default: [] },
  },
  { versionKey: false, collection: 'salesrollups' },
);
salesRollupSchema.index({ day: 1, stage: 1 });
salesRollupSchema.index({ organisationId: 1, day: 1, stage: 1 });
salesRollupSchema.plugin(tenantScoped);

export const SalesRollupModel = model('SalesRollup', salesRollupSchema);

export interface SalesRollupDoc {
  _id: string;
  organisationId: Types.ObjectId;
  day: string;
  stage: (typeof SALES_STAGES)[number];
  channel: (typeof SALES_CHANNELS)[number];
  district: { code: string; name: string };
  productId: Types.ObjectId;
  category: string | null;
  buyerOrganisationId: Types.ObjectId | null;
  buyerType: string | null;
  programmeTags: string[];
  sellerName: string;
  productName: string;
  orders: number;
  orderLines: number;
  units: number;
  grossRupiah: number;
  ppnRupiah: number;
  appliedKeys: string[];
}
