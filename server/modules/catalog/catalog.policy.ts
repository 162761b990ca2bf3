import type { Types } from 'mongoose';
import type { Actor } from '../../platform/http/route';
import type { StoredPhoto } from '../photos';

/** What deciding on a product's photos needs (a light read: the catalog loads many at once). */
export interface ProductPhotoSources {
  organisationId: Types.ObjectId;
  content: { photos: StoredPhoto[] };
  live: { photos: StoredPhoto[] } | null;
  listing: { listed: boolean } | null;
}

/**
 * The photos of a product a caller may see: the seller and Dinkop (curators review them) every photo of
 * both versions; anyone else signed in only the live version's, and only while it is on sale.
 */
export function photosVisibleTo(actor: Actor, product: ProductPhotoSources): StoredPhoto[] {
  if (actor.organisationKind === 'dinkop' || String(product.organisationId) === actor.organisationId) {
    return [...product.content.photos, ...(product.live?.photos ?? [])];
  }
  return product.listing?.listed ? (product.live?.photos ?? []) : [];
}
