import type { TMeResponse } from '@shared/contracts/accounts';
import { hasRole } from '../auth/session';

/** Dinkop admins and analysts see every credit line (the server's rule for GET /api/credit-lines). */
export function canSeeCreditLines(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin', 'analyst');
}

/** Only Dinkop admins grant or change terms and limits. */
export function canSetCreditLines(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin');
}
