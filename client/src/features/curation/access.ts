import type { TMeResponse } from '@shared/contracts/accounts';
import { hasRole } from '../auth/session';

/** Dinkop admins and curators curate products (the server's rule for /api/curation). */
export function canCurateProducts(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin', 'curator');
}
