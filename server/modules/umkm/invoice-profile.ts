import { UmkmProfileModel } from './umkm-profile.model';

/** What an invoice prints about its seller from the business profile; null fields when not filled in. */
export async function umkmInvoiceProfile(organisationId: string): Promise<{ npwp: string | null }> {
  const profile = await UmkmProfileModel.findById(organisationId).select({ npwp: 1 }).lean();
  return { npwp: profile?.npwp ?? null };
}
