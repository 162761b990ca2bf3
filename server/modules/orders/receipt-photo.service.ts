import type { TPhotoSize } from '../../../shared/contracts/photos';
import type { TSellerOrderStatus } from '../../../shared/states/order';
import { AppError } from '../../platform/http/errors';
import type { Actor, FileDownload, UploadedFile } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
import {
  deletePhotoFiles,
  photoFor,
  photoNotFound,
  readPhoto,
  requestThumbnails,
  retryWhenRaced,
  type PhotoDeps,
} from '../photos';
import { SellerOrderModel, type SellerOrderDoc } from './order.models';
import { announceOrderChange } from './order-events';
import { findSellerOrder, partyOf } from './transitions.service';

/**
 * From the moment the goods are on their way (the BAST is often signed at the gate before the buyer
 * confirms in the app) until the buyer closes the order: a receipt confirmed without the photo can still
 * get it, a closed order's evidence no longer changes.
 */
const RECEIPT_PHOTO_STATUSES: readonly TSellerOrderStatus[] = ['shipped', 'delivered', 'received'];

/**
 * The buyer's photo of the signed BAST or of the goods received; a new one replaces the earlier one. It is
 * a change of the order like a move (guarded by status and version, a new version, both sides told live),
 * but no step of its life: no history entry, no notice.
 */
export async function attachReceiptPhoto(
  actor: Actor,
  sellerOrderId: string,
  file: UploadedFile,
  deps: PhotoDeps,
  now = new Date(),
): Promise<SellerOrderDoc> {
  const photo = photoFor(`receipts/${sellerOrderId}`, file, now);
  let stored = false;
  const { order, changed, replaced } = await retryWhenRaced(async () => {
    const current = await findSellerOrder(actor, sellerOrderId);
    if (!RECEIPT_PHOTO_STATUSES.includes(current.status)) {
      throw new AppError(
        'INVALID_STATE',
        'Foto penerimaan dapat ditambahkan setelah barang dikirim, sampai pesanan selesai.',
        { currentStatus: current.status, allowedFrom: RECEIPT_PHOTO_STATUSES },
      );
    }
    // The same picture again (a retried upload) changes nothing.
    if (current.receiptPhoto?.id === photo.id) return { order: current, changed: false, replaced: null };
    // Stored once the change is sure to be tried, before the order points at it.
    if (!stored) {
      await deps.storage.put(photo.key, file.data);
      stored = true;
    }
    const updated = await SellerOrderModel.findOneAndUpdate(
      {
        _id: current._id,
        organisationId: current.organisationId,
        status: current.status,
        version: current.version,
      },
      { $set: { receiptPhoto: photo, version: current.version + 1 } },
      { returnDocument: 'after' },
    ).lean<SellerOrderDoc>();
    return updated && { order: updated, changed: true, replaced: current.receiptPhoto ?? null };
  });
  if (changed) {
    if (replaced) await deletePhotoFiles(deps.storage, [replaced]);
    announceOrderChange(order);
  }
  // Also for a photo the order had already: a retried upload asks again for thumbnails never queued.
  const attached = order.receiptPhoto;
  if (attached) await requestThumbnails(deps, attached);
  return order;
}

/**
 * For the two sides of the order only: the buyer organisation (every member) and the seller. Anyone else,
 * Dinkop included, gets the same 404 as for a photo that does not exist.
 */
export async function readReceiptPhoto(
  actor: Actor,
  sellerOrderId: string,
  photoId: string,
  size: TPhotoSize,
  storage: StoragePort,
): Promise<FileDownload> {
  if (partyOf(actor) === 'dinkop') throw photoNotFound();
  const order = await findSellerOrder(actor, sellerOrderId);
  if (!order.receiptPhoto || order.receiptPhoto.id !== photoId) throw photoNotFound();
  return readPhoto(storage, order.receiptPhoto, size);
}
