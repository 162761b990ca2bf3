import {
  ZApproveProductRequest,
  ZCurationProduct,
  ZCurationReview,
  ZListCurationQueueQuery,
  ZListCurationQueueResponse,
  ZProductParams,
  ZRejectProductRequest,
  ZRequestChangesRequest,
  ZSellerProduct,
} from '../../../shared/contracts/products';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
import { presentedDocumentsOf } from '../legality';
import { presentCurationProduct, presentSellerProduct } from './catalog.presenter';
import * as curation from './curation.service';

const curators = signedIn({ organisationKinds: ['dinkop'], roles: ['admin', 'curator'] });

export function curationRoutes({ storage }: { storage: StoragePort }): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/catalog/my-products/:productId/submit',
      summary: 'Send the product to Dinkop; without complete legality it waits in needs_legality with a list',
      tag: 'curation',
      access: signedIn({ organisationKinds: ['umkm'], roles: ['owner', 'staff'] }),
      params: ZProductParams,
      response: ZSellerProduct,
      handler: async ({ actor, params }) =>
        presentSellerProduct(await curation.submitProduct(actor, params.productId)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/curation/queue',
      summary: 'Products waiting for curation, longest waiting first; filters kecamatan and category',
      tag: 'curation',
      access: curators,
      query: ZListCurationQueueQuery,
      response: ZListCurationQueueResponse,
      handler: async ({ query }) => {
        const page = await curation.listQueue(query);
        return { items: page.items.map(presentCurationProduct), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/curation/products/:productId',
      summary: "The review page: product, history and the seller's legality documents",
      tag: 'curation',
      access: curators,
      params: ZProductParams,
      response: ZCurationReview,
      handler: async ({ params }) => {
        const product = await curation.getForCuration(params.productId);
        return {
          ...presentCurationProduct(product),
          documents: await presentedDocumentsOf(String(product.organisationId)),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/curation/products/:productId/start-review',
      summary: 'Take a submitted product into review',
      tag: 'curation',
      access: curators,
      params: ZProductParams,
      response: ZCurationProduct,
      handler: async ({ actor, params }) =>
        presentCurationProduct(await curation.startReview(actor, params.productId)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/curation/products/:productId/approve',
      summary: 'Approve: this revision becomes the live version buyers see',
      tag: 'curation',
      access: curators,
      params: ZProductParams,
      body: ZApproveProductRequest,
      response: ZCurationProduct,
      handler: async ({ actor, params, body }) =>
        presentCurationProduct(await curation.approveProduct(actor, params.productId, body.note, storage)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/curation/products/:productId/request-changes',
      summary: 'Send the product back with what to fix, per checklist item',
      tag: 'curation',
      access: curators,
      params: ZProductParams,
      body: ZRequestChangesRequest,
      response: ZCurationProduct,
      handler: async ({ actor, params, body }) =>
        presentCurationProduct(await curation.requestChanges(actor, params.productId, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/curation/products/:productId/reject',
      summary: 'Reject the product, with the reason shown to the seller',
      tag: 'curation',
      access: curators,
      params: ZProductParams,
      body: ZRejectProductRequest,
      response: ZCurationProduct,
      handler: async ({ actor, params, body }) =>
        presentCurationProduct(await curation.rejectProduct(actor, params.productId, body.reason)),
    }),
  ];
}
