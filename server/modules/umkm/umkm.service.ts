import { trusted } from 'mongoose';
import type { z } from 'zod';
import type { ZUpdateUmkmProfileRequest } from '../../../shared/contracts/umkm';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { getOrganisation } from '../accounts';
import { UmkmProfileModel, type UmkmProfileDoc } from './umkm-profile.model';

async function assertIsUmkm(organisationId: string): Promise<void> {
  const organisation = await getOrganisation(organisationId);
  if (organisation.kind !== 'umkm') throw new AppError('NOT_FOUND', 'UMKM tidak ditemukan.');
}

export async function getProfile(organisationId: string): Promise<UmkmProfileDoc | null> {
  return UmkmProfileModel.findById(organisationId).lean<UmkmProfileDoc>();
}

/**
 * Upserted on first save (a new UMKM has no profile yet). A PKP seller charges PPN, which needs an NPWP
 * on the invoice, so the combination is checked on the result, not only on the fields sent.
 */
export async function updateProfile(
  actor: Actor,
  changes: z.output<typeof ZUpdateUmkmProfileRequest>,
): Promise<UmkmProfileDoc> {
  const current = await getProfile(actor.organisationId);
  const isPkp = changes.isPkp ?? current?.isPkp ?? false;
  const npwp = changes.npwp !== undefined ? changes.npwp : (current?.npwp ?? null);
  if (isPkp && !npwp) {
    const message = 'Pengusaha Kena Pajak (PKP) wajib mengisi NPWP';
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['npwp'], message }] });
  }
  try {
    const updated = await UmkmProfileModel.findOneAndUpdate(
      { _id: actor.organisationId },
      { $set: changes },
      { upsert: true, returnDocument: 'after', setDefaultsOnInsert: true },
    ).lean<UmkmProfileDoc>();
    return updated!;
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      const message = 'NIB ini sudah dipakai UMKM lain. Hubungi Dinkop bila ini usaha Anda.';
      throw new AppError('ALREADY_EXISTS', message, { issues: [{ path: ['nib'], message }] });
    }
    throw error;
  }
}

/** Dinkop reads any UMKM's profile; an id of a buyer or unknown organisation is a 404, not an empty profile. */
export async function getProfileForDinkop(organisationId: string): Promise<UmkmProfileDoc | null> {
  await assertIsUmkm(organisationId);
  return getProfile(organisationId);
}

export async function setProgrammeTags(organisationId: string, tags: string[]): Promise<UmkmProfileDoc> {
  await assertIsUmkm(organisationId);
  const unique = [...new Set(tags)];
  const updated = await UmkmProfileModel.findOneAndUpdate(
    { _id: organisationId },
    { $set: { programmeTags: unique } },
    { upsert: true, returnDocument: 'after', setDefaultsOnInsert: true },
  ).lean<UmkmProfileDoc>();
  return updated!;
}

/** Which of these UMKM are PKP (charge PPN); a UMKM without a profile is not. */
export async function pkpSellers(organisationIds: readonly string[]): Promise<Set<string>> {
  const profiles = await UmkmProfileModel.find({ _id: trusted({ $in: [...organisationIds] }), isPkp: true })
    .select({ _id: 1 })
    .lean();
  return new Set(profiles.map((profile) => String(profile._id)));
}
