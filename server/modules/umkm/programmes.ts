import { UmkmProfileModel } from './umkm-profile.model';

/** The Dinkop programmes a UMKM takes part in (sorted, without repeats), for the reports. */
export async function programmeTagsOf(organisationId: string): Promise<string[]> {
  const profile = await UmkmProfileModel.findById(organisationId, { programmeTags: 1 }).lean();
  return [...new Set(profile?.programmeTags ?? [])].sort();
}
