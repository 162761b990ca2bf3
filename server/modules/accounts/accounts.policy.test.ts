import { AppError } from '../../platform/http/errors';
import { assertCanTrade, canTrade, isOrganisationAdmin, VERIFICATION_MOVES } from './accounts.policy';

describe('accounts policy', () => {
  it('only verified organisations trade; the refusal has its own code', () => {
    expect(canTrade({ organisationStatus: 'verified' })).toBe(true);
    for (const status of ['pending_verification', 'rejected'] as const) {
      expect(canTrade({ organisationStatus: status })).toBe(false);
      let error: unknown;
      try {
        assertCanTrade({ organisationStatus: status });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('ORGANISATION_NOT_VERIFIED');
    }
  });

  it('the admin role differs per organisation kind', () => {
    expect(isOrganisationAdmin({ organisationKind: 'buyer', roles: ['purchaser', 'admin'] })).toBe(true);
    expect(isOrganisationAdmin({ organisationKind: 'umkm', roles: ['owner'] })).toBe(true);
    expect(isOrganisationAdmin({ organisationKind: 'umkm', roles: ['staff'] })).toBe(false);
    expect(isOrganisationAdmin({ organisationKind: 'dinkop', roles: ['curator', 'analyst'] })).toBe(false);
  });

  it('a verified organisation cannot be rejected; a rejected one can be verified after fixing', () => {
    expect(VERIFICATION_MOVES.reject).not.toContain('verified');
    expect(VERIFICATION_MOVES.verify).toContain('rejected');
  });
});
