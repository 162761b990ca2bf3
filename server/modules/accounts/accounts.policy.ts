import { ADMIN_ROLE, type TOrganisationStatus } from '../../../shared/contracts/organisations';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';

/** Manages the organisation's profile and members: buyer admin, UMKM owner, Dinkop admin. */
export function isOrganisationAdmin(actor: Pick<Actor, 'organisationKind' | 'roles'>): boolean {
  return actor.roles.includes(ADMIN_ROLE[actor.organisationKind]);
}

export function assertOrganisationAdmin(actor: Actor): void {
  if (!isOrganisationAdmin(actor)) {
    throw new AppError('FORBIDDEN', 'Hanya admin organisasi yang dapat melakukan ini.');
  }
}

/**
 * The one rule for trading: unverified organisations may sign in and set up, but not buy or sell.
 * Ordering, catalog publishing and payments call this, never their own status check.
 */
export function canTrade(actor: Pick<Actor, 'organisationStatus'>): boolean {
  return actor.organisationStatus === 'verified';
}

export function assertCanTrade(actor: Pick<Actor, 'organisationStatus'>): void {
  if (!canTrade(actor)) {
    throw new AppError(
      'ORGANISATION_NOT_VERIFIED',
      'Organisasi Anda belum diverifikasi Dinkop, jadi belum dapat bertransaksi.',
    );
  }
}

/** Verification moves: pending → verified/rejected; a rejected organisation may still be verified later. */
export const VERIFICATION_MOVES: Record<'verify' | 'reject', readonly TOrganisationStatus[]> = {
  verify: ['pending_verification', 'rejected'],
  reject: ['pending_verification'],
};
