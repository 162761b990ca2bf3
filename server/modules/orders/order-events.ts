import { ORDER_CHANGED_EVENT } from '../../../shared/contracts/orders';
import { publishLive, rooms } from '../../platform/realtime';
import type { SellerOrderDoc } from './order.models';

/** Both sides' open pages refetch; the event says which order and which version, nothing else. */
export function announceOrderChange(
  order: Pick<
    SellerOrderDoc,
    '_id' | 'organisationId' | 'buyerOrganisationId' | 'buyerOrderId' | 'version' | 'status'
  >,
): void {
  publishLive(
    [rooms.organisation(String(order.organisationId)), rooms.organisation(String(order.buyerOrganisationId))],
    ORDER_CHANGED_EVENT,
    {
      buyerOrderId: String(order.buyerOrderId),
      sellerOrderId: String(order._id),
      version: order.version,
      status: order.status,
    },
  );
}
