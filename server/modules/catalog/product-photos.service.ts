import { PRODUCT_PHOTOS_MAX, type TPhotoSize } from '../../../shared/contracts/photos';
import type { Actor, FileDownload, UploadedFile } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
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
  type PhotoDeps,
  type StoredPhoto,
} from '../photos';
import { photosVisibleTo, type ProductPhotoSources } from './catalog.policy';
import { editWorkingCopy } from './catalog.service';
import { ProductModel, type ProductDoc } from './product.model';

/** Photos are part of the working copy: curated with it, copied to `live` on approval. */
const PHOTOS = 'content.photos';
const PHOTO_LIMIT = {
  max: PRODUCT_PHOTOS_MAX,
  message: `Maksimal ${PRODUCT_PHOTOS_MAX} foto per produk. Hapus salah satu foto untuk menambah yang baru.`,
};

/**
 * Adds a photo under the editing rule of the content. The file is stored once the change is sure to be
 * tried (not locked, not full), before the product points at it: a photo in a product has its file.
 */
export async function addProductPhoto(
  actor: Actor,
  productId: string,
  file: UploadedFile,
  deps: PhotoDeps,
): Promise<ProductDoc> {
  const photo = photoFor(`products/${actor.organisationId}/${productId}`, file);
  const product = await editWorkingCopy(actor, productId, async (current) => {
    const change = planAddPhoto(PHOTOS, current.content.photos, photo, PHOTO_LIMIT);
    if (change) await deps.storage.put(photo.key, file.data);
    return change;
  });
  // Also for a photo the product had already: a retried upload asks again for thumbnails never queued.
  const added = product.content.photos.find((existing) => existing.id === photo.id);
  if (added) await requestThumbnails(deps, added);
  return product;
}

/** Its files go only when neither version shows it any more: an approved version keeps its photos. */
export async function deleteProductPhoto(
  actor: Actor,
  productId: string,
  photoId: string,
  storage: StoragePort,
): Promise<ProductDoc> {
  let removed: StoredPhoto[] = [];
  const product = await editWorkingCopy(actor, productId, (current) => {
    removed = current.content.photos.filter((photo) => photo.id === photoId);
    return planRemovePhoto(PHOTOS, current.content.photos, photoId);
  });
  await deletePhotoFiles(
    storage,
    photosLetGo(removed, [...product.content.photos, ...(product.live?.photos ?? [])]),
  );
  return product;
}

export async function reorderProductPhotos(
  actor: Actor,
  productId: string,
  photoIds: string[],
): Promise<ProductDoc> {
  return editWorkingCopy(actor, productId, (current) =>
    planReorderPhotos(PHOTOS, current.content.photos, photoIds),
  );
}

/** One answer, 404, for a product that does not exist and for a photo the caller may not see. */
export async function readProductPhoto(
  actor: Actor,
  productId: string,
  photoId: string,
  size: TPhotoSize,
  storage: StoragePort,
): Promise<FileDownload> {
  const product = await ProductModel.findOne({ _id: productId })
    .select({ organisationId: 1, 'content.photos': 1, 'live.photos': 1, 'listing.listed': 1 })
    .setOptions({ crossTenant: true })
    .lean<ProductPhotoSources>();
  const photo = product && photosVisibleTo(actor, product).find((visible) => visible.id === photoId);
  if (!photo) throw photoNotFound();
  return readPhoto(storage, photo, size);
}
