import type { TUmkmProfile } from '../../../shared/contracts/umkm';
import { presentPhoto } from '../photos';
import type { UmkmProfileDoc } from './umkm-profile.model';

/** A UMKM that has not filled its profile yet reads as an empty one, not as a 404. */
export function presentUmkmProfile(organisationId: string, profile: UmkmProfileDoc | null): TUmkmProfile {
  return {
    organisationId,
    nib: profile?.nib ?? null,
    npwp: profile?.npwp ?? null,
    isPkp: profile?.isPkp ?? false,
    category: profile?.category ?? null,
    payoutAccount: profile?.payoutAccount
      ? {
          bankName: profile.payoutAccount.bankName ?? '',
          accountNumber: profile.payoutAccount.accountNumber ?? '',
          holderName: profile.payoutAccount.holderName ?? '',
        }
      : null,
    story: profile?.story ?? null,
    programmeTags: [...(profile?.programmeTags ?? [])],
    photos: (profile?.photos ?? []).map(presentPhoto),
    updatedAt: profile ? profile.updatedAt.toISOString() : null,
  };
}
