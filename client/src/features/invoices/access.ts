import type { TMeResponse } from '@shared/contracts/accounts';
import { hasRole } from '../auth/session';

/** The server's rule for /api/invoices: buyer admins and finance, UMKM owners and staff, Dinkop admins and analysts. */
export function canReadInvoices(me: TMeResponse): boolean {
  switch (me.organisation.kind) {
    case 'buyer':
      return hasRole(me, 'admin', 'finance');
    case 'umkm':
      return hasRole(me, 'owner', 'staff');
    case 'dinkop':
      return hasRole(me, 'admin', 'analyst');
    default:
      return false;
  }
}

/** Who records a bank transfer for a tempo invoice: the buyer's admins and finance, or a Dinkop admin. */
export function canMarkInvoicePaid(me: TMeResponse): boolean {
  if (me.organisation.kind === 'buyer') return hasRole(me, 'admin', 'finance');
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin');
}
