import { trusted } from 'mongoose';
import type { z } from 'zod';
import type { ZListSellerOrdersQuery } from '../../../shared/contracts/orders';
import type { Actor } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import { BuyerOrderModel, SellerOrderModel, type BuyerOrderDoc, type SellerOrderDoc } from './order.models';
import { loadBuyerOrder } from './placement.service';

/** The seller orders of these buyer orders, read through the buyer's side (never another buyer's). */
async function partsOf(
  buyerOrganisationId: string,
  orders: readonly BuyerOrderDoc[],
): Promise<SellerOrderDoc[]> {
  if (orders.length === 0) return [];
  // By _id (the parts the buyer order names): the one index every MongoDB, the test server too, has.
  return SellerOrderModel.find({
    _id: trusted({ $in: orders.flatMap((order) => order.parts.map((part) => part.sellerOrderId)) }),
    buyerOrganisationId,
  })
    .setOptions({ crossTenant: true })
    .lean<SellerOrderDoc[]>();
}

export async function getBuyerOrderWithParts(actor: Actor, orderId: string) {
  const order = await loadBuyerOrder(actor, orderId);
  return { order, parts: await partsOf(actor.organisationId, [order]) };
}

export async function listBuyerOrders(actor: Actor, query: { cursor?: string; limit: number }) {
  const filter: Record<string, unknown> = { organisationId: actor.organisationId };
  if (query.cursor) Object.assign(filter, afterCursor('createdAt', query.cursor, -1));
  const rows = await BuyerOrderModel.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<BuyerOrderDoc[]>();
  const page = toPage(rows, query.limit, (row) => row.createdAt);
  return { ...page, parts: await partsOf(actor.organisationId, page.items) };
}

/** The seller's inbox, newest first, optionally one status. */
export async function listSellerOrders(actor: Actor, query: z.output<typeof ZListSellerOrdersQuery>) {
  const filter: Record<string, unknown> = { organisationId: actor.organisationId };
  // The inbox is what the seller may act on: an order paid online arrives once its payment is in.
  filter.status = query.status ?? trusted({ $ne: 'awaiting_payment' });
  if (query.cursor) Object.assign(filter, afterCursor('createdAt', query.cursor, -1));
  const rows = await SellerOrderModel.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<SellerOrderDoc[]>();
  return toPage(rows, query.limit, (row) => row.createdAt);
}
