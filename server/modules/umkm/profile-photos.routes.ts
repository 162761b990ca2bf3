import {
  PHOTO_MAX_BYTES,
  ZListPhotosResponse,
  ZPhotoParams,
  ZPhotoQuery,
  ZReorderPhotosRequest,
} from '../../../shared/contracts/photos';
import { ZUmkmParams, ZUmkmPhotoParams, ZUmkmProfile } from '../../../shared/contracts/umkm';
import { binary, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { presentPhoto, type PhotoDeps } from '../photos';
import * as photos from './profile-photos.service';
import { presentUmkmProfile } from './umkm.presenter';

// Photos hold no payout details: staff, who keep the products, keep these too.
const umkmMembers = signedIn({ organisationKinds: ['umkm'], roles: ['owner', 'staff'] });

export function umkmPhotoRoutes(deps: PhotoDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/umkm/profile/photos',
      summary:
        'Add a photo of the business: JPEG, PNG or WebP up to 5 MB (type read from the content), at most 6',
      tag: 'umkm',
      access: umkmMembers,
      upload: { maxBytes: PHOTO_MAX_BYTES, accept: ['jpeg', 'png', 'webp'] },
      response: ZUmkmProfile,
      handler: async ({ actor, file }) =>
        presentUmkmProfile(actor.organisationId, await photos.addProfilePhoto(actor, file!, deps)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/umkm/profile/photos/order',
      summary: 'Put the business photos in a new order',
      tag: 'umkm',
      access: umkmMembers,
      body: ZReorderPhotosRequest,
      response: ZUmkmProfile,
      handler: async ({ actor, body }) =>
        presentUmkmProfile(actor.organisationId, await photos.reorderProfilePhotos(actor, body.photoIds)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/umkm/profile/photos/:photoId',
      summary: 'Remove a photo of the business',
      tag: 'umkm',
      access: umkmMembers,
      params: ZPhotoParams,
      response: ZUmkmProfile,
      handler: async ({ actor, params }) =>
        presentUmkmProfile(
          actor.organisationId,
          await photos.deleteProfilePhoto(actor, params.photoId, deps.storage),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/umkm/:organisationId/photos',
      summary: "A UMKM's photos for its page in the catalog: itself and Dinkop always, others once it sells",
      tag: 'umkm',
      access: signedIn(),
      params: ZUmkmParams,
      response: ZListPhotosResponse,
      handler: async ({ actor, params }) => ({
        items: (await photos.listUmkmPhotos(actor, params.organisationId)).map(presentPhoto),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/umkm/:organisationId/photos/:photoId',
      summary:
        'A photo of a UMKM: small or large WebP thumbnail, or the original (while a thumbnail is not made yet)',
      tag: 'umkm',
      access: signedIn(),
      params: ZUmkmPhotoParams,
      query: ZPhotoQuery,
      response: binary,
      handler: async ({ actor, params, query }) =>
        photos.readUmkmPhoto(actor, params.organisationId, params.photoId, query.size, deps.storage),
    }),
  ];
}
