import {
  ZListSellerProductsQuery,
  ZListSellerProductsResponse,
  ZProductContent,
  ZProductParams,
  ZSellerProduct,
} from '../../../shared/contracts/products';
import {
  ZCatalogPage,
  ZCatalogProduct,
  ZCatalogProductParams,
  ZCatalogQuery,
} from '../../../shared/contracts/catalog';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
import * as browse from './browse.service';
import { presentCatalogProduct, presentSellerProduct } from './catalog.presenter';
import * as catalog from './catalog.service';

// Unverified UMKM may prepare products; submitting them to curation is where verification matters.
export const sellers = signedIn({ organisationKinds: ['umkm'], roles: ['owner', 'staff'] });

export function catalogRoutes({ storage }: { storage: StoragePort }): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/catalog/products',
      summary:
        'Search the curated catalog: words (partial, any case or accent), filters, sorts, pages of ≤ 100',
      tag: 'catalog',
      // Buyers shop here; sellers and Dinkop look at the same catalog.
      access: signedIn(),
      query: ZCatalogQuery,
      response: ZCatalogPage,
      handler: async ({ query }) => {
        const page = await browse.searchCatalog(query);
        return { items: page.items.map(presentCatalogProduct), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/catalog/products/:productId',
      summary: 'A product on sale: tiers, minimum order, lead time, legality badges and the seller',
      tag: 'catalog',
      access: signedIn(),
      params: ZCatalogProductParams,
      response: ZCatalogProduct,
      handler: async ({ params }) => presentCatalogProduct(await browse.getListedProduct(params.productId)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/catalog/my-products',
      summary: "The seller's products, newest first, with their curation status",
      tag: 'catalog',
      access: sellers,
      query: ZListSellerProductsQuery,
      response: ZListSellerProductsResponse,
      handler: async ({ actor, query }) => {
        const page = await catalog.listProducts(actor, query);
        return { items: page.items.map(presentSellerProduct), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/catalog/my-products',
      summary: 'Create a draft product',
      tag: 'catalog',
      access: sellers,
      body: ZProductContent,
      response: ZSellerProduct,
      status: 201,
      handler: async ({ actor, body }) => presentSellerProduct(await catalog.createProduct(actor, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/catalog/my-products/:productId',
      summary: 'One of the seller’s products',
      tag: 'catalog',
      access: sellers,
      params: ZProductParams,
      response: ZSellerProduct,
      handler: async ({ actor, params }) =>
        presentSellerProduct(await catalog.getProduct(actor, params.productId)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/catalog/my-products/:productId',
      summary: 'Replace the working copy (a new revision when it was approved); not while under curation',
      tag: 'catalog',
      access: sellers,
      params: ZProductParams,
      body: ZProductContent,
      response: ZSellerProduct,
      handler: async ({ actor, params, body }) =>
        presentSellerProduct(await catalog.updateProduct(actor, params.productId, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/catalog/my-products/:productId',
      summary: 'Delete a product that was never approved and is not under curation',
      tag: 'catalog',
      access: sellers,
      params: ZProductParams,
      response: null,
      handler: async ({ actor, params }) => catalog.deleteProduct(actor, params.productId, storage),
    }),
  ];
}
