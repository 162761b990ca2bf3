import { trusted, type Types } from 'mongoose';
import { OrganisationModel } from './organisation.model';

/** Read-only views of organisations across tenants, for the Dinkop reports (server/modules/reports). */

/** A UMKM's name and kecamatan as the rollups label it; null when there is no such organisation. */
export async function sellerLabels(
  organisationId: string,
): Promise<{ name: string; district: { code: string; name: string } | null } | null> {
  const organisation = await OrganisationModel.findById(organisationId, { name: 1, address: 1 }).lean();
  if (!organisation) return null;
  const district = organisation.address?.district;
  return {
    name: organisation.name,
    district: district?.code ? { code: district.code, name: district.name } : null,
  };
}

export async function umkmIdsInKecamatan(districtCode: string): Promise<Types.ObjectId[]> {
  const found = await OrganisationModel.find(
    { kind: 'umkm', 'address.district.code': districtCode },
    { _id: 1 },
  ).lean();
  return found.map((organisation) => organisation._id);
}

/** Verified UMKM (of `sellers`, or all) registered before `end`. */
export async function verifiedUmkmRegisteredBefore(
  sellers: Types.ObjectId[] | null,
  end: Date,
): Promise<Types.ObjectId[]> {
  const found = await OrganisationModel.find(
    {
      kind: 'umkm',
      status: 'verified',
      createdAt: trusted({ $lt: end }),
      ...(sellers ? { _id: trusted({ $in: sellers }) } : {}),
    },
    { _id: 1 },
  ).lean();
  return found.map((organisation) => organisation._id);
}
