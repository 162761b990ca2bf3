import type { TPhoto } from '../../../shared/contracts/photos';
import type { StoredPhoto } from './photo.schema';

/** Storage keys and sizes stay on the server; a client names a photo by its id. */
export function presentPhoto(photo: StoredPhoto): TPhoto {
  return { id: photo.id, uploadedAt: photo.uploadedAt.toISOString() };
}
