import { trusted, type Types } from 'mongoose';
import { SellerOrderModel } from './order.models';

/**
 * Read-only views of seller orders across organisations, for the Dinkop reports (server/modules/reports):
 * the fields a sales rollup needs.
 */

/** A seller order as the rollups read it. */
export interface SellerOrderFacts {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  buyerOrganisationId: Types.ObjectId;
  buyer?: { buyerType?: string | null } | null;
  lines: Array<{ productId: Types.ObjectId; name: string; quantity: number; lineTotal: number }>;
  totals: { ppn: number };
  requestedDeliveryDate: string;
  history: Array<{ move: string | null; from: string | null; to: string; at: Date }>;
}

const FACT_FIELDS = {
  organisationId: 1,
  buyerOrganisationId: 1,
  'buyer.buyerType': 1,
  lines: 1,
  'totals.ppn': 1,
  requestedDeliveryDate: 1,
  history: 1,
} as const;

export async function sellerOrderFacts(
  sellerOrderId: string,
  sellerOrganisationId: string,
): Promise<SellerOrderFacts | null> {
  return SellerOrderModel.findOne(
    { _id: sellerOrderId, organisationId: sellerOrganisationId },
    FACT_FIELDS,
  ).lean<SellerOrderFacts>();
}

/** Every seller order (or those changed since `since`), streamed. */
export function allSellerOrderFacts(since: Date | null): AsyncIterable<SellerOrderFacts> {
  return SellerOrderModel.find(since ? { updatedAt: trusted({ $gte: since }) } : {}, FACT_FIELDS)
    .setOptions({ crossTenant: true })
    .lean<SellerOrderFacts[]>()
    .cursor() as AsyncIterable<SellerOrderFacts>;
}
