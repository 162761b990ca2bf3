import { defineOutbox, toJob } from '../../platform/outbox';
import { SellerOrderModel, type SellerOrderDoc } from './order.models';
import type { TOrderMove } from '../../../shared/states/order';

/** Seller orders carry their own events: placed, and every move after. */
export const sellerOrderOutbox = defineOutbox('seller-orders', SellerOrderModel, {
  'order.placed': toJob('orders', 'order-event'),
  'order.moved': toJob('orders', 'order-event'),
});

/** The event of the change that left the order as `order` says (version and status after it). */
export function orderEvent(
  order: Pick<SellerOrderDoc, '_id' | 'organisationId' | 'version' | 'status'>,
  move: TOrderMove | null,
) {
  return sellerOrderOutbox.event(move ? 'order.moved' : 'order.placed', {
    version: 1,
    sellerOrderId: String(order._id),
    sellerOrganisationId: String(order.organisationId),
    orderVersion: order.version,
    status: order.status,
    move,
  });
}
