import { useCallback } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  ORDER_CHANGED_EVENT,
  ZOrderChangedEvent,
  type TBuyerOrder,
  type TSellerOrder,
} from '@shared/contracts/orders';
import { deriveBuyerOrderStatus } from '@shared/states/order';
import { queryKeys } from '../../api/endpoints';
import { useLiveEvent } from '../../realtime/live';

/**
 * A seller order as a move answered it: shown at once on its own page and inside its buyer order (whose
 * status is derived from its parts, as the server derives it); the lists refetch.
 */
export function applySellerOrder(queryClient: QueryClient, sellerOrder: TSellerOrder): void {
  queryClient.setQueryData<TSellerOrder>(queryKeys.sellerOrder(sellerOrder.id), sellerOrder);
  queryClient.setQueryData<TBuyerOrder>(queryKeys.buyerOrder(sellerOrder.buyerOrderId), (current) => {
    if (!current) return current;
    const sellerOrders = current.sellerOrders.map((part) =>
      part.id === sellerOrder.id ? sellerOrder : part,
    );
    return {
      ...current,
      sellerOrders,
      status: deriveBuyerOrderStatus(sellerOrders.map((part) => part.status)),
    };
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.buyerOrders });
  void queryClient.invalidateQueries({ queryKey: queryKeys.sellerOrdersAll });
}

/**
 * Keeps open order pages current: the server pushes `order.changed` (ids and version) to the buyer's and
 * the seller's organisation; what is cached at that version already is not fetched again. Events missed
 * while the socket was down are caught up by refetching every order query after a reconnect.
 */
export function useLiveOrders(): void {
  const queryClient = useQueryClient();
  const onChange = useCallback(
    (payload: unknown) => {
      const event = ZOrderChangedEvent.safeParse(payload);
      if (!event.success) return;
      const { buyerOrderId, sellerOrderId, version } = event.data;
      const cachedPart = queryClient.getQueryData<TSellerOrder>(queryKeys.sellerOrder(sellerOrderId));
      if (!cachedPart || cachedPart.version < version)
        void queryClient.invalidateQueries({ queryKey: queryKeys.sellerOrder(sellerOrderId) });
      const cachedOrder = queryClient.getQueryData<TBuyerOrder>(queryKeys.buyerOrder(buyerOrderId));
      const partInOrder = cachedOrder?.sellerOrders.find((part) => part.id === sellerOrderId);
      if (!partInOrder || partInOrder.version < version)
        void queryClient.invalidateQueries({ queryKey: queryKeys.buyerOrder(buyerOrderId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.buyerOrders });
      void queryClient.invalidateQueries({ queryKey: queryKeys.sellerOrdersAll });
    },
    [queryClient],
  );
  const onReconnect = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.ordersAll }),
    [queryClient],
  );
  useLiveEvent(ORDER_CHANGED_EVENT, onChange, onReconnect);
}
