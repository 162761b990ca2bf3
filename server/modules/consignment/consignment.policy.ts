import type { Actor } from '../../platform/http/route';
import { AppError } from '../../platform/http/errors';
import type { DisplayPointDoc } from './consignment.models';

/**
 * Who may act at a display point (docs/adr/015). Pure, so the routes' coarse access (organisation kind
 * and role) and these per-point rules are tested apart.
 */
type PointOperator = Pick<DisplayPointDoc, 'operator'>;

export function isDinkop(actor: Pick<Actor, 'organisationKind'>): boolean {
  return actor.organisationKind === 'dinkop';
}

/** The Dinkop user assigned to the point. */
export function isOperatorOf(actor: Pick<Actor, 'userId'>, point: PointOperator): boolean {
  return point.operator?.kind === 'dinkop_user' && String(point.operator.userId) === actor.userId;
}

/**
 * Sales, counts and stock-outs: the point's Dinkop operator; a Dinkop admin (entering a named person's or
 * an unstaffed point's paper notes); a seller only where nobody is assigned, and then only its own products.
 */
export function mayEnterAt(
  actor: Pick<Actor, 'userId' | 'organisationKind' | 'roles'>,
  point: PointOperator,
) {
  if (actor.organisationKind === 'dinkop') return actor.roles.includes('admin') || isOperatorOf(actor, point);
  if (actor.organisationKind === 'umkm') return point.operator === null;
  return false;
}

/** Deliveries: any seller of its own products; at the point, its operator or a Dinkop admin for any seller. */
export function mayDeliverAt(
  actor: Pick<Actor, 'userId' | 'organisationKind' | 'roles'>,
  point: PointOperator,
): boolean {
  if (actor.organisationKind === 'umkm') return true;
  return mayEnterAt(actor, point);
}

export function assertMay(allowed: boolean): void {
  if (!allowed) {
    throw new AppError(
      'FORBIDDEN',
      'Anda bukan petugas titik pajang ini, jadi tidak dapat mencatat di sini.',
    );
  }
}

/**
 * The seller whose data a read covers: a UMKM reads only its own (naming another is a 404, as for any
 * foreign id); Dinkop reads any, or all when none is named (null).
 */
export function sellerScope(
  actor: Pick<Actor, 'organisationKind' | 'organisationId'>,
  requested: string | undefined,
): string | null {
  if (actor.organisationKind === 'dinkop') return requested ?? null;
  if (requested && requested !== actor.organisationId) {
    throw new AppError('NOT_FOUND', 'UMKM tidak ditemukan.');
  }
  return actor.organisationId;
}
