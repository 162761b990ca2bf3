import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import sharp from 'sharp';
import type { TPhotoSize } from '../../../shared/contracts/photos';
import { extensionFor } from '../../platform/http/file-types';
import type { FileDownload, UploadedFile } from '../../platform/http/route';
import type { JobQueues } from '../../platform/jobs';
import type { StoragePort } from '../../platform/storage';
import { photoNotFound } from './photo-list';
import type { StoredPhoto } from './photo.schema';

/** What storing and serving photos needs; routes that take uploads are built with it. */
export interface PhotoDeps {
  storage: StoragePort;
  jobs: JobQueues;
  logger: Logger;
}

/** Thumbnail widths in pixels (WebP, never wider than the original). */
export const THUMBNAIL_WIDTHS = { small: 320, large: 960 } as const satisfies Record<
  Exclude<TPhotoSize, 'original'>,
  number
>;
type ThumbnailSize = keyof typeof THUMBNAIL_WIDTHS;
const THUMBNAIL_SIZES = Object.keys(THUMBNAIL_WIDTHS) as ThumbnailSize[];

/** `…/<sha256>` → `…/<sha256>-small`: a thumbnail is found from its photo without a lookup. */
export function thumbnailKey(originalKey: string, size: ThumbnailSize): string {
  return `${originalKey}-${size}`;
}

/** The record of an upload, to be stored as `<folder>/<sha256>`. */
export function photoFor(folder: string, file: UploadedFile, now = new Date()): StoredPhoto {
  const id = createHash('sha256').update(file.data).digest('hex');
  return {
    id,
    key: `${folder}/${id}`,
    contentType: file.contentType,
    size: file.data.length,
    uploadedAt: now,
  };
}

/**
 * Asks the worker for the thumbnails of a photo that is now in a list. The job id names this upload of
 * this file: asking twice is one job, while the same picture uploaded again after a delete is new work.
 * Queueing may fail (Redis away): the photo stays and is shown full size; uploading it again asks again.
 */
export async function requestThumbnails(deps: PhotoDeps, photo: StoredPhoto): Promise<void> {
  try {
    await deps.jobs.enqueue(
      'thumbnails',
      'make-thumbnails',
      { version: 1, key: photo.key },
      { jobId: `${photo.key}-${photo.uploadedAt.getTime()}` },
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, key: photo.key },
      'thumbnails not queued; the original is shown meanwhile',
    );
  }
}

const CACHE_FOR_GOOD = 'private, max-age=31536000, immutable';

/**
 * A photo at the size asked for: its thumbnail when it exists, else the original, so a thumbnail that
 * is late or was never made costs bandwidth, never a broken page.
 */
export async function readPhoto(
  storage: StoragePort,
  photo: StoredPhoto,
  size: TPhotoSize,
): Promise<FileDownload> {
  if (size !== 'original') {
    const thumbnail = await storage.get(thumbnailKey(photo.key, size));
    if (thumbnail) {
      const filename = `${photo.id}-${size}.webp`;
      return {
        data: thumbnail,
        contentType: 'image/webp',
        filename,
        inline: true,
        cacheControl: CACHE_FOR_GOOD,
      };
    }
  }
  const original = await storage.get(photo.key);
  if (!original) throw photoNotFound();
  return {
    data: original,
    contentType: photo.contentType,
    filename: `${photo.id}.${extensionFor(photo.contentType)}`,
    inline: true,
    // Standing in for a thumbnail, it must not be cached as one, or the browser would never ask again.
    cacheControl: size === 'original' ? CACHE_FOR_GOOD : 'private, no-cache',
  };
}

/** The photos of `before` that none of `stillShown` holds: their files can go. */
export function photosLetGo(
  before: readonly StoredPhoto[],
  stillShown: readonly StoredPhoto[],
): StoredPhoto[] {
  return before.filter((photo) => !stillShown.some((shown) => shown.key === photo.key));
}

/** The original and every thumbnail; deleting what was never made is fine. */
export async function deletePhotoFiles(storage: StoragePort, photos: readonly StoredPhoto[]): Promise<void> {
  const keys = photos.flatMap((photo) => [
    photo.key,
    ...THUMBNAIL_SIZES.map((size) => thumbnailKey(photo.key, size)),
  ]);
  await Promise.all(keys.map((key) => storage.delete(key)));
}

/** Not an image sharp can read (corrupt, or beyond the pixel limit): trying again will not help. */
export class UnreadableImageError extends Error {
  override name = 'UnreadableImageError';
}

// Above what a 5 MB phone photo holds (≈ 50 MP); a tiny file claiming more is a decompression bomb.
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * The worker's side: WebP thumbnails of the original under `key`, turned upright as the camera's EXIF
 * says, never enlarged, without metadata (sharp keeps none unless asked: no GPS position leaks).
 */
export async function makeThumbnails(storage: StoragePort, key: string): Promise<{ made: ThumbnailSize[] }> {
  const original = await storage.get(key);
  // Deleted before the worker came to it: nothing left to do.
  if (!original) return { made: [] };
  const made: ThumbnailSize[] = [];
  for (const size of THUMBNAIL_SIZES) {
    let thumbnail: Buffer;
    try {
      thumbnail = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS })
        .autoOrient()
        .resize({ width: THUMBNAIL_WIDTHS[size], withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
    } catch (error) {
      throw new UnreadableImageError(`${key}: ${(error as Error).message}`);
    }
    await storage.put(thumbnailKey(key, size), thumbnail);
    made.push(size);
  }
  return { made };
}
