import { UmkmProfileModel } from './umkm-profile.model';

/** Where a payout to this UMKM goes, from its business profile; null until all three fields are filled in. */
export async function umkmPayoutAccount(organisationId: string) {
  const profile = await UmkmProfileModel.findById(organisationId).select({ payoutAccount: 1 }).lean();
  const account = profile?.payoutAccount;
  return account?.bankName && account.accountNumber && account.holderName
    ? { bankName: account.bankName, accountNumber: account.accountNumber, holderName: account.holderName }
    : null;
}
