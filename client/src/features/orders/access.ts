import type { TMeResponse } from '@shared/contracts/accounts';
import type { TOrderParty } from '@shared/states/order';
import { hasRole } from '../auth/session';

/** Buyer admins and purchasers keep a cart (the server's rule for /api/cart and checkout). */
export function canUseCart(me: TMeResponse): boolean {
  return me.organisation.kind === 'buyer' && hasRole(me, 'admin', 'purchaser');
}

/** Why this person cannot order from the catalog, or null when they can. */
export type OrderingBlock = 'notBuyer' | 'notPurchaser' | 'notVerified';

export function orderingBlock(me: TMeResponse): OrderingBlock | null {
  if (me.organisation.kind !== 'buyer') return 'notBuyer';
  if (!canUseCart(me)) return 'notPurchaser';
  if (me.organisation.status !== 'verified') return 'notVerified';
  return null;
}

/** The UMKM owner and staff work the order inbox (the server's rule for /api/seller-orders). */
export function canWorkSellerOrders(me: TMeResponse): boolean {
  return me.organisation.kind === 'umkm' && hasRole(me, 'owner', 'staff');
}

/** Which side of an order this person moves for, as the shared state machine names it. */
export function orderPartyOf(me: TMeResponse): TOrderParty {
  if (me.organisation.kind === 'umkm') return 'seller';
  if (me.organisation.kind === 'buyer') return 'buyer';
  return 'dinkop';
}
