import { z } from 'zod';
import { ZIsoDateTime } from './common';

/**
 * Product and UMKM photos. A photo is named by the SHA-256 of its bytes: the same picture uploaded twice
 * is one photo, and its address never shows other bytes (so browsers may cache it for long).
 */
export const ZPhotoId = z.string().regex(/^[a-f0-9]{64}$/, 'ID foto tidak valid');
export const ZPhoto = z.strictObject({ id: ZPhotoId, uploadedAt: ZIsoDateTime });
export type TPhoto = z.infer<typeof ZPhoto>;

/** JPEG, PNG or WebP (read from the content), 5 MB at most: a phone camera's photo fits. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PRODUCT_PHOTOS_MAX = 8;
export const UMKM_PHOTOS_MAX = 6;

/** small: a card or a strip of thumbnails; large: a product page; original: as uploaded. */
export const PHOTO_SIZES = ['small', 'large', 'original'] as const;
export type TPhotoSize = (typeof PHOTO_SIZES)[number];
export const ZPhotoQuery = z.strictObject({ size: z.enum(PHOTO_SIZES).default('original') });

export const ZPhotoParams = z.strictObject({ photoId: ZPhotoId });
export const ZListPhotosResponse = z.strictObject({ items: z.array(ZPhoto) });

/** Every photo exactly once, first photo first (the first one is the cover on catalog cards). */
export const ZReorderPhotosRequest = z.strictObject({ photoIds: z.array(ZPhotoId).min(1).max(20) });
