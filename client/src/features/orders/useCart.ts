import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCart } from '@shared/contracts/orders';
import { getCart, queryKeys, removeCartLine, setCartLine } from '../../api/endpoints';
import { useSession } from '../auth/session';
import { canUseCart } from './access';

/** The signed-in purchaser's cart, priced now; nothing is fetched for anyone who has no cart. */
export function useCart() {
  const me = useSession();
  return useQuery({
    queryKey: queryKeys.cart,
    queryFn: ({ signal }) => getCart(signal),
    enabled: canUseCart(me),
  });
}

export function cartLineCount(cart: TCart): number {
  return cart.groups.reduce((sum, group) => sum + group.lines.length, 0) + cart.unavailable.length;
}

/**
 * Cart changes answer with the whole cart, priced again. They run one after another (one mutation scope),
 * so the last answer shown is the answer to the last change.
 */
export function useCartChanges() {
  const queryClient = useQueryClient();
  const onSuccess = (cart: TCart) => queryClient.setQueryData(queryKeys.cart, cart);
  const setLine = useMutation({
    mutationFn: ({ productId, quantity }: { productId: string; quantity: number }) =>
      setCartLine(productId, quantity),
    onSuccess,
    mutationKey: queryKeys.cart,
    scope: { id: 'cart' },
  });
  const removeLine = useMutation({
    mutationFn: removeCartLine,
    onSuccess,
    mutationKey: queryKeys.cart,
    scope: { id: 'cart' },
  });
  return { setLine, removeLine };
}

/** True while a cart change is on its way: checkout waits for it, or it would order the old quantities. */
export function useCartSaving(): boolean {
  return useIsMutating({ mutationKey: queryKeys.cart }) > 0;
}
