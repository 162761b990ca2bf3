import type { TMeResponse } from '@shared/contracts/accounts';
import { hasRole } from '../auth/session';

/** A UMKM's owner and staff read its balance and ledger (the server's rule for /api/ledger). */
export function canSeeOwnLedger(me: TMeResponse): boolean {
  return me.organisation.kind === 'umkm' && hasRole(me, 'owner', 'staff');
}

/** Dinkop admins and analysts see every UMKM's balance and the payout batches. */
export function canSeePayouts(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin', 'analyst');
}

/** Only Dinkop admins record payouts. */
export function canMakePayouts(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin');
}
