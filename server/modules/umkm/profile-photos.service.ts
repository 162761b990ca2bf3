import { UMKM_PHOTOS_MAX, type TPhotoSize } from '../../../shared/contracts/photos';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor, FileDownload, UploadedFile } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
import { sellsInCatalog } from '../catalog';
import {
  deletePhotoFiles,
  photoFor,
  photoNotFound,
  photosLetGo,
  planAddPhoto,
  planRemovePhoto,
  planReorderPhotos,
  readPhoto,
  requestThumbnails,
  retryWhenRaced,
  type GuardedChange,
  type PhotoDeps,
  type StoredPhoto,
} from '../photos';
import { UmkmProfileModel, type UmkmProfileDoc } from './umkm-profile.model';

const PHOTO_LIMIT = {
  max: UMKM_PHOTOS_MAX,
  message: `Maksimal ${UMKM_PHOTOS_MAX} foto profil usaha. Hapus salah satu foto untuk menambah yang baru.`,
};

/** A UMKM that never saved its profile has none yet: its first photo creates an empty one. */
async function profileOf(organisationId: string): Promise<UmkmProfileDoc> {
  const existing = await UmkmProfileModel.findById(organisationId).lean<UmkmProfileDoc>();
  if (existing) return existing;
  try {
    return (await UmkmProfileModel.create({ _id: organisationId })).toObject();
  } catch (error) {
    // Created by another request meanwhile: that one will do.
    if (!isDuplicateKeyError(error)) throw error;
    return (await UmkmProfileModel.findById(organisationId).lean<UmkmProfileDoc>())!;
  }
}

/** Read → plan → guarded update of the profile's photos, again on a fresh read when someone wrote in between. */
async function editPhotos(
  organisationId: string,
  plan: (photos: StoredPhoto[]) => GuardedChange | null | Promise<GuardedChange | null>,
): Promise<UmkmProfileDoc> {
  return retryWhenRaced(async () => {
    const current = await profileOf(organisationId);
    const change = await plan(current.photos);
    if (!change) return current;
    return UmkmProfileModel.findOneAndUpdate({ _id: organisationId, ...change.guard }, change.update, {
      returnDocument: 'after',
    }).lean<UmkmProfileDoc>();
  });
}

export async function addProfilePhoto(
  actor: Actor,
  file: UploadedFile,
  deps: PhotoDeps,
): Promise<UmkmProfileDoc> {
  const photo = photoFor(`umkm/${actor.organisationId}`, file);
  const profile = await editPhotos(actor.organisationId, async (photos) => {
    const change = planAddPhoto('photos', photos, photo, PHOTO_LIMIT);
    if (change) await deps.storage.put(photo.key, file.data);
    return change;
  });
  const added = profile.photos.find((existing) => existing.id === photo.id);
  if (added) await requestThumbnails(deps, added);
  return profile;
}

export async function deleteProfilePhoto(
  actor: Actor,
  photoId: string,
  storage: StoragePort,
): Promise<UmkmProfileDoc> {
  let removed: StoredPhoto[] = [];
  const profile = await editPhotos(actor.organisationId, (photos) => {
    removed = photos.filter((photo) => photo.id === photoId);
    return planRemovePhoto('photos', photos, photoId);
  });
  await deletePhotoFiles(storage, photosLetGo(removed, profile.photos));
  return profile;
}

export async function reorderProfilePhotos(actor: Actor, photoIds: string[]): Promise<UmkmProfileDoc> {
  return editPhotos(actor.organisationId, (photos) => planReorderPhotos('photos', photos, photoIds));
}

/**
 * The UMKM itself and Dinkop always; anyone else signed in once it sells in the catalog, where its page
 * shows them. Otherwise the same 404 as for an organisation that does not exist.
 */
async function photosOfVisibleUmkm(actor: Actor, organisationId: string): Promise<StoredPhoto[]> {
  const visible =
    actor.organisationId === organisationId ||
    actor.organisationKind === 'dinkop' ||
    (await sellsInCatalog(organisationId));
  if (!visible) throw new AppError('NOT_FOUND', 'UMKM tidak ditemukan.');
  return (await UmkmProfileModel.findById(organisationId).lean<UmkmProfileDoc>())?.photos ?? [];
}

export async function listUmkmPhotos(actor: Actor, organisationId: string): Promise<StoredPhoto[]> {
  return photosOfVisibleUmkm(actor, organisationId);
}

export async function readUmkmPhoto(
  actor: Actor,
  organisationId: string,
  photoId: string,
  size: TPhotoSize,
  storage: StoragePort,
): Promise<FileDownload> {
  const photo = (await photosOfVisibleUmkm(actor, organisationId)).find((visible) => visible.id === photoId);
  if (!photo) throw photoNotFound();
  return readPhoto(storage, photo, size);
}
