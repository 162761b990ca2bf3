import type { TMeResponse } from '@shared/contracts/accounts';
import type { TDisplayPoint } from '@shared/contracts/consignment';
import { hasRole } from '../auth/session';

/** Dinkop staff see the points; only admins change them (the server's rule for /api/consignment/points). */
export function canSeePoints(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop';
}
export function canManagePoints(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin');
}

/** Operators (Dinkop admins and curators assigned to a point) and sellers at unstaffed points enter sales. */
export function canEnterSales(me: TMeResponse): boolean {
  return (
    (me.organisation.kind === 'dinkop' && hasRole(me, 'admin', 'curator')) ||
    (me.organisation.kind === 'umkm' && hasRole(me, 'owner', 'staff'))
  );
}

export function canSeeOwnConsignment(me: TMeResponse): boolean {
  return me.organisation.kind === 'umkm' && hasRole(me, 'owner', 'staff');
}

/** The points where `me` may record sales (the server's consignment.policy, to offer only those). */
export function mayEnterAtPoint(me: TMeResponse, point: TDisplayPoint): boolean {
  if (me.organisation.kind === 'dinkop') {
    return (
      hasRole(me, 'admin') || (point.operator?.kind === 'dinkop_user' && point.operator.userId === me.user.id)
    );
  }
  return me.organisation.kind === 'umkm' && point.operator === null;
}
