import { ZReceiptPhotoParams, ZSellerOrder, ZSellerOrderParams } from '../../../shared/contracts/orders';
import { PHOTO_MAX_BYTES, ZPhotoQuery } from '../../../shared/contracts/photos';
import { binary, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import type { PhotoDeps } from '../photos';
import { presentSellerOrder } from './orders.presenter';
import { attachReceiptPhoto, readReceiptPhoto } from './receipt-photo.service';

/** Those who buy take the delivery: the buyer organisation's purchasers and admins. */
const purchasers = signedIn({ organisationKinds: ['buyer'], roles: ['admin', 'purchaser'] });

export function receiptPhotoRoutes(deps: PhotoDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'put',
      path: '/api/seller-orders/:sellerOrderId/receipt-photo',
      summary:
        'Attach the photo of the signed BAST or of the goods received: JPEG or PNG up to 5 MB (type read from the content), replacing an earlier one; from shipped until the order is completed',
      tag: 'orders',
      access: purchasers,
      params: ZSellerOrderParams,
      upload: { maxBytes: PHOTO_MAX_BYTES, accept: ['jpeg', 'png'] },
      response: ZSellerOrder,
      handler: async ({ actor, params, file }) =>
        presentSellerOrder(await attachReceiptPhoto(actor, params.sellerOrderId, file!, deps)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/seller-orders/:sellerOrderId/receipt-photo/:photoId',
      summary:
        'The receipt photo: small (320 px) or large (960 px) WebP thumbnail, or the original; the buyer organisation and the seller only',
      tag: 'orders',
      access: signedIn(),
      params: ZReceiptPhotoParams,
      query: ZPhotoQuery,
      response: binary,
      handler: async ({ actor, params, query }) =>
        readReceiptPhoto(actor, params.sellerOrderId, params.photoId, query.size, deps.storage),
    }),
  ];
}
