import { PHOTO_MAX_BYTES, ZPhotoQuery, ZReorderPhotosRequest } from '../../../shared/contracts/photos';
import { ZProductParams, ZProductPhotoParams, ZSellerProduct } from '../../../shared/contracts/products';
import { binary, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import type { PhotoDeps } from '../photos';
import { presentSellerProduct } from './catalog.presenter';
import { sellers } from './catalog.routes';
import * as photos from './product-photos.service';

export function productPhotoRoutes(deps: PhotoDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/catalog/my-products/:productId/photos',
      summary:
        'Add a photo to the working copy: JPEG, PNG or WebP up to 5 MB (type read from the content), at most 8; edited like the content',
      tag: 'catalog',
      access: sellers,
      params: ZProductParams,
      upload: { maxBytes: PHOTO_MAX_BYTES, accept: ['jpeg', 'png', 'webp'] },
      response: ZSellerProduct,
      handler: async ({ actor, params, file }) =>
        presentSellerProduct(await photos.addProductPhoto(actor, params.productId, file!, deps)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/catalog/my-products/:productId/photos/order',
      summary: 'Put the working copy’s photos in a new order (the first is the cover)',
      tag: 'catalog',
      access: sellers,
      params: ZProductParams,
      body: ZReorderPhotosRequest,
      response: ZSellerProduct,
      handler: async ({ actor, params, body }) =>
        presentSellerProduct(await photos.reorderProductPhotos(actor, params.productId, body.photoIds)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/catalog/my-products/:productId/photos/:photoId',
      summary: 'Remove a photo from the working copy (the live version keeps it until the next approval)',
      tag: 'catalog',
      access: sellers,
      params: ZProductPhotoParams,
      response: ZSellerProduct,
      handler: async ({ actor, params }) =>
        presentSellerProduct(
          await photos.deleteProductPhoto(actor, params.productId, params.photoId, deps.storage),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/catalog/products/:productId/photos/:photoId',
      summary:
        'A product photo: small (320 px) or large (960 px) WebP thumbnail, or the original; the original while a thumbnail is not made yet. The seller its own, Dinkop any, others the live version of a product on sale',
      tag: 'catalog',
      access: signedIn(),
      params: ZProductPhotoParams,
      query: ZPhotoQuery,
      response: binary,
      handler: async ({ actor, params, query }) =>
        photos.readProductPhoto(actor, params.productId, params.photoId, query.size, deps.storage),
    }),
  ];
}
