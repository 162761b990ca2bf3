import {
  PRODUCT_IMPORT_MAX_BYTES,
  ZListProductImportsQuery,
  ZListProductImportsResponse,
  ZProductImport,
  ZProductImportParams,
} from '../../../shared/contracts/product-imports';
import { binary, defineRoute, type AnyRoute } from '../../platform/http/route';
import type { JobQueues } from '../../platform/jobs';
import type { StoragePort } from '../../platform/storage';
import { sellers } from './catalog.routes';
import { presentProductImport, presentProductImportSummary } from './product-import.presenter';
import * as imports from './product-import.service';

export function productImportRoutes({
  storage,
  jobs,
}: {
  storage: StoragePort;
  jobs: JobQueues;
}): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/catalog/product-import-template',
      summary: 'The product CSV template: Indonesian headers and one example row',
      tag: 'catalog',
      access: sellers,
      response: binary,
      handler: async () => imports.productImportTemplateFile(),
    }),
    defineRoute({
      method: 'post',
      path: '/api/catalog/product-imports',
      summary:
        'Upload a product CSV (UTF-8, `,` or `;`, ≤ 1 MB, ≤ 1,000 rows); its rows become drafts in a job',
      tag: 'catalog',
      access: sellers,
      upload: { maxBytes: PRODUCT_IMPORT_MAX_BYTES, accept: ['csv'] },
      response: ZProductImport,
      status: 201,
      handler: async ({ actor, file }) =>
        presentProductImport(await imports.startProductImport(actor, file!, { storage, jobs })),
    }),
    defineRoute({
      method: 'get',
      path: '/api/catalog/product-imports',
      summary: "The seller's product imports, newest first",
      tag: 'catalog',
      access: sellers,
      query: ZListProductImportsQuery,
      response: ZListProductImportsResponse,
      handler: async ({ actor, query }) => {
        const page = await imports.listProductImports(actor, query);
        return { items: page.items.map(presentProductImportSummary), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/catalog/product-imports/:importId',
      summary: 'One import: status, progress, row errors and the drafts it created',
      tag: 'catalog',
      access: sellers,
      params: ZProductImportParams,
      response: ZProductImport,
      handler: async ({ actor, params }) =>
        presentProductImport(await imports.getProductImport(actor, params.importId)),
    }),
  ];
}
