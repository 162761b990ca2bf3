import type { TMeResponse } from '@shared/contracts/accounts';
import { hasRole } from '../auth/session';

/** The report routes' readers: Dinkop admin and analyst see every seller. */
export function canSeeSalesDashboard(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin', 'analyst');
}

/** A seller's members see their own sales (the server scopes them). */
export function canSeeOwnSalesDashboard(me: TMeResponse): boolean {
  return me.organisation.kind === 'umkm' && hasRole(me, 'owner', 'staff');
}
