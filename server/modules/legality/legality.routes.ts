import {
  LEGALITY_FILE_MAX_BYTES,
  ZCreateLegalityDocumentRequest,
  ZLegalityDocument,
  ZLegalityDocumentParams,
  ZListLegalityDocumentsResponse,
  ZSetDocumentProductsRequest,
} from '../../../shared/contracts/legality';
import { todayInWib } from '../../../shared/time';
import { binary, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
import { presentLegalityDocument } from './legality.presenter';
import * as legality from './legality.service';
import type { ProductLink } from './legality.service';

const umkmMembers = signedIn({ organisationKinds: ['umkm'], roles: ['owner', 'staff'] });
const umkmOrCurators = signedIn({
  organisationKinds: ['umkm', 'dinkop'],
  roles: ['owner', 'staff', 'admin', 'curator'],
});

export function legalityRoutes({
  storage,
  products,
}: {
  storage: StoragePort;
  products: ProductLink;
}): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/legality/documents',
      summary: "The UMKM's legality vault, with each document's expiry status today (WIB)",
      tag: 'legality',
      access: umkmMembers,
      response: ZListLegalityDocumentsResponse,
      handler: async ({ actor }) => {
        const today = todayInWib();
        return {
          items: (await legality.listDocuments(actor)).map((doc) => presentLegalityDocument(doc, today)),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/legality/documents',
      summary: 'Add a legality document (number checked per type); the scan is uploaded separately',
      tag: 'legality',
      access: umkmMembers,
      body: ZCreateLegalityDocumentRequest,
      response: ZLegalityDocument,
      status: 201,
      handler: async ({ actor, body }) =>
        presentLegalityDocument(await legality.createDocument(actor, body, products), todayInWib()),
    }),
    defineRoute({
      method: 'put',
      path: '/api/legality/documents/:documentId/products',
      summary: 'Choose the products a document covers (none: the whole business)',
      tag: 'legality',
      access: umkmMembers,
      params: ZLegalityDocumentParams,
      body: ZSetDocumentProductsRequest,
      response: ZLegalityDocument,
      handler: async ({ actor, params, body }) =>
        presentLegalityDocument(
          await legality.setDocumentProducts(actor, params.documentId, body.productIds, products),
          todayInWib(),
        ),
    }),
    defineRoute({
      method: 'put',
      path: '/api/legality/documents/:documentId/file',
      summary: 'Upload the scan of a document: PDF, JPEG or PNG up to 5 MB, type read from the content',
      tag: 'legality',
      access: umkmMembers,
      params: ZLegalityDocumentParams,
      upload: { maxBytes: LEGALITY_FILE_MAX_BYTES, accept: ['pdf', 'jpeg', 'png'] },
      response: ZLegalityDocument,
      handler: async ({ actor, params, file }) =>
        presentLegalityDocument(
          await legality.attachFile(actor, params.documentId, file!, storage),
          todayInWib(),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/legality/documents/:documentId/file',
      summary: 'Download the scan: the UMKM its own, Dinkop admins and curators any',
      tag: 'legality',
      access: umkmOrCurators,
      params: ZLegalityDocumentParams,
      response: binary,
      handler: async ({ actor, params }) => legality.readFile(actor, params.documentId, storage),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/legality/documents/:documentId',
      summary: 'Remove a document and its scan',
      tag: 'legality',
      access: umkmMembers,
      params: ZLegalityDocumentParams,
      response: null,
      handler: async ({ actor, params }) =>
        legality.deleteDocument(actor, params.documentId, storage, products),
    }),
  ];
}
