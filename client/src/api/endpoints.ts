/**
 * One function per API endpoint. Request bodies are the parsed output of the shared request schema
 * (forms validate before they call these), responses are parsed with the shared response schema.
 */
import type { z } from 'zod';
import {
  type ZAcceptInvitationRequest,
  type ZChangePasswordRequest,
  ZInvitationPreview,
  ZMeResponse,
  type ZSignInRequest,
  type ZUpdateMeRequest,
} from '@shared/contracts/accounts';
import {
  type ZChangeMemberRolesRequest,
  type ZInviteMemberRequest,
  ZInviteMemberResponse,
  ZListMembersResponse,
  type ZListOrganisationsQuery,
  ZListOrganisationsResponse,
  ZMember,
  ZOrganisation,
  type ZRegisterRequest,
  type ZRejectOrganisationRequest,
  type ZUpdateOrganisationRequest,
} from '@shared/contracts/organisations';
import {
  ZDeliveryLocation,
  type ZDeliveryLocationRequest,
  ZListDeliveryLocationsResponse,
} from '@shared/contracts/delivery-locations';
import {
  type ZCreateLegalityDocumentRequest,
  type ZSetDocumentProductsRequest,
  ZLegalityDocument,
  ZListLegalityDocumentsResponse,
} from '@shared/contracts/legality';
import { ZListRegionsResponse } from '@shared/contracts/regions';
import {
  type ZApproveProductRequest,
  type ZListCurationQueueQuery,
  type ZListSellerProductsQuery,
  type ZProductContent,
  type ZRejectProductRequest,
  type ZRequestChangesRequest,
  ZCurationProduct,
  ZCurationReview,
  ZListCurationQueueResponse,
  ZListSellerProductsResponse,
  ZSellerProduct,
} from '@shared/contracts/products';
import { type ZCatalogQuery, ZCatalogPage, ZCatalogProduct } from '@shared/contracts/catalog';
import { type ZUpdateUmkmProfileRequest, ZUmkmProfile } from '@shared/contracts/umkm';
import {
  type ZUmkmRegistryQuery,
  ZUmkmRegistryDetail,
  ZUmkmRegistryPage,
  ZUmkmRegistrySummary,
} from '@shared/contracts/registry';
import { type TPhotoSize, type ZReorderPhotosRequest, ZListPhotosResponse } from '@shared/contracts/photos';
import {
  type ZListNotificationsQuery,
  ZNotification,
  ZNotificationsPage,
  ZUnreadNotifications,
} from '@shared/contracts/notifications';
import { ZListProductImportsResponse, ZProductImport } from '@shared/contracts/product-imports';
import {
  ZBuyerOrder,
  ZCart,
  type ZConfirmReceiptRequest,
  type ZEmptyMoveRequest,
  ZListBuyerOrdersResponse,
  type ZListSellerOrdersQuery,
  ZListSellerOrdersResponse,
  type ZOrderReasonRequest,
  type ZPlaceOrderRequest,
  ZSellerOrder,
  type ZShipOrderRequest,
} from '@shared/contracts/orders';
import type { TOrderMove } from '@shared/states/order';
import { ZStartPaymentResponse } from '@shared/contracts/payments';
import {
  type ZCreditLineRequest,
  ZCreditLine,
  ZListCreditLinesResponse,
  ZMyCreditLineResponse,
} from '@shared/contracts/credit';
import { ApiError, apiJson, apiNoContent, apiUpload } from './client';

type Body<S extends z.ZodType> = z.infer<S>;
const seg = encodeURIComponent;

// --- public ---

export const listRegions = (parent: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/regions', ZListRegionsResponse, { query: { parent }, signal });

export const register = (body: Body<typeof ZRegisterRequest>) =>
  apiJson('POST', '/api/registrations', ZMeResponse, { body });

export const signIn = (body: Body<typeof ZSignInRequest>) =>
  apiJson('POST', '/api/auth/sign-in', ZMeResponse, { body });

export const getInvitation = (token: string) =>
  apiJson('GET', `/api/invitations/${seg(token)}`, ZInvitationPreview);

export const acceptInvitation = (token: string, body: Body<typeof ZAcceptInvitationRequest>) =>
  apiJson('POST', `/api/invitations/${seg(token)}/accept`, ZMeResponse, { body });

// --- signed in ---

export const signOut = () => apiNoContent('POST', '/api/auth/sign-out');

/** The signed-in user, or null when nobody is signed in (not an error for this call). */
export async function getMe(): Promise<z.infer<typeof ZMeResponse> | null> {
  try {
    return await apiJson('GET', '/api/me', ZMeResponse);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}

export const updateMe = (body: Body<typeof ZUpdateMeRequest>) =>
  apiJson('PATCH', '/api/me', ZMeResponse, { body });

export const changePassword = (body: Body<typeof ZChangePasswordRequest>) =>
  apiNoContent('POST', '/api/me/password', { body });

export const getOrganisation = () => apiJson('GET', '/api/organisation', ZOrganisation);

export const updateOrganisation = (body: Body<typeof ZUpdateOrganisationRequest>) =>
  apiJson('PATCH', '/api/organisation', ZOrganisation, { body });

export const listMembers = () => apiJson('GET', '/api/organisation/members', ZListMembersResponse);

export const inviteMember = (body: Body<typeof ZInviteMemberRequest>) =>
  apiJson('POST', '/api/organisation/invitations', ZInviteMemberResponse, { body });

export const cancelInvitation = (invitationId: string) =>
  apiNoContent('DELETE', `/api/organisation/invitations/${seg(invitationId)}`);

export const changeMemberRoles = (userId: string, body: Body<typeof ZChangeMemberRolesRequest>) =>
  apiJson('PATCH', `/api/organisation/members/${seg(userId)}`, ZMember, { body });

export const removeMember = (userId: string) =>
  apiNoContent('DELETE', `/api/organisation/members/${seg(userId)}`);

// --- a buyer organisation's delivery locations ---

export const listDeliveryLocations = (signal?: AbortSignal) =>
  apiJson('GET', '/api/organisation/delivery-locations', ZListDeliveryLocationsResponse, { signal });

export const createDeliveryLocation = (body: Body<typeof ZDeliveryLocationRequest>) =>
  apiJson('POST', '/api/organisation/delivery-locations', ZDeliveryLocation, { body });

/** The whole location is sent again: a field left out (the note) is removed. */
export const updateDeliveryLocation = (locationId: string, body: Body<typeof ZDeliveryLocationRequest>) =>
  apiJson('PUT', `/api/organisation/delivery-locations/${seg(locationId)}`, ZDeliveryLocation, { body });

export const deleteDeliveryLocation = (locationId: string) =>
  apiNoContent('DELETE', `/api/organisation/delivery-locations/${seg(locationId)}`);

// --- UMKM ---

export const getUmkmProfile = () => apiJson('GET', '/api/umkm/profile', ZUmkmProfile);

export const updateUmkmProfile = (body: Body<typeof ZUpdateUmkmProfileRequest>) =>
  apiJson('PATCH', '/api/umkm/profile', ZUmkmProfile, { body });

/** The photo's bytes as the request body; the server reads the real type from the content. */
export const uploadUmkmPhoto = (file: File) =>
  apiUpload('POST', '/api/umkm/profile/photos', ZUmkmProfile, file);

export const deleteUmkmPhoto = (photoId: string) =>
  apiJson('DELETE', `/api/umkm/profile/photos/${seg(photoId)}`, ZUmkmProfile);

export const reorderUmkmPhotos = (body: Body<typeof ZReorderPhotosRequest>) =>
  apiJson('PUT', '/api/umkm/profile/photos/order', ZUmkmProfile, { body });

/** A UMKM's photos for its page in the catalog (404 until it sells there, except to itself and Dinkop). */
export const listUmkmPhotos = (organisationId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/umkm/${seg(organisationId)}/photos`, ZListPhotosResponse, { signal });

/** The `src` of an <img>, not a fetch: the thumbnail, or the original while it is not made yet. */
export const umkmPhotoUrl = (organisationId: string, photoId: string, size: TPhotoSize) =>
  `/api/umkm/${seg(organisationId)}/photos/${seg(photoId)}?size=${size}`;

export const listLegalityDocuments = () =>
  apiJson('GET', '/api/legality/documents', ZListLegalityDocumentsResponse);

export const createLegalityDocument = (body: Body<typeof ZCreateLegalityDocumentRequest>) =>
  apiJson('POST', '/api/legality/documents', ZLegalityDocument, { body });

export const setLegalityDocumentProducts = (
  documentId: string,
  body: Body<typeof ZSetDocumentProductsRequest>,
) => apiJson('PUT', `/api/legality/documents/${seg(documentId)}/products`, ZLegalityDocument, { body });

/** The scan's bytes as the request body; the server reads the real type from the content. */
export const uploadLegalityFile = (documentId: string, file: File) =>
  apiUpload('PUT', `/api/legality/documents/${seg(documentId)}/file`, ZLegalityDocument, file);

/** GET answers with the scan as an attachment: the href of a download link, not a fetch. */
export const legalityFileUrl = (documentId: string) => `/api/legality/documents/${seg(documentId)}/file`;

export const deleteLegalityDocument = (documentId: string) =>
  apiNoContent('DELETE', `/api/legality/documents/${seg(documentId)}`);

// --- UMKM products (the seller's working copies and their curation) ---

export type SellerProductFilters = Partial<Omit<z.infer<typeof ZListSellerProductsQuery>, 'cursor'>>;

export const listMyProducts = (filters: SellerProductFilters, cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/catalog/my-products', ZListSellerProductsResponse, {
    query: { status: filters.status, limit: filters.limit, cursor },
    signal,
  });

export const getMyProduct = (productId: string) =>
  apiJson('GET', `/api/catalog/my-products/${seg(productId)}`, ZSellerProduct);

export const createMyProduct = (body: Body<typeof ZProductContent>) =>
  apiJson('POST', '/api/catalog/my-products', ZSellerProduct, { body });

export const updateMyProduct = (productId: string, body: Body<typeof ZProductContent>) =>
  apiJson('PUT', `/api/catalog/my-products/${seg(productId)}`, ZSellerProduct, { body });

export const deleteMyProduct = (productId: string) =>
  apiNoContent('DELETE', `/api/catalog/my-products/${seg(productId)}`);

/** To `submitted`, or to `needs_legality` with the list of what is missing (not an error). */
export const submitMyProduct = (productId: string) =>
  apiJson('POST', `/api/catalog/my-products/${seg(productId)}/submit`, ZSellerProduct);

/** Photos follow the content's editing rule: adding one to an approved product starts a new revision. */
export const uploadProductPhoto = (productId: string, file: File) =>
  apiUpload('POST', `/api/catalog/my-products/${seg(productId)}/photos`, ZSellerProduct, file);

export const deleteProductPhoto = (productId: string, photoId: string) =>
  apiJson('DELETE', `/api/catalog/my-products/${seg(productId)}/photos/${seg(photoId)}`, ZSellerProduct);

export const reorderProductPhotos = (productId: string, body: Body<typeof ZReorderPhotosRequest>) =>
  apiJson('PUT', `/api/catalog/my-products/${seg(productId)}/photos/order`, ZSellerProduct, { body });

/** The `src` of an <img> for seller, curator and buyer alike (the server decides who sees what). */
export const productPhotoUrl = (productId: string, photoId: string, size: TPhotoSize) =>
  `/api/catalog/products/${seg(productId)}/photos/${seg(photoId)}?size=${size}`;

// --- UMKM product imports (a CSV of products, run as a job) ---

/** GET answers with the template as an attachment: the href of a download link, not a fetch. */
export const productImportTemplateUrl = '/api/catalog/product-import-template';

/** The CSV's bytes as the request body; the server checks the text and its columns before queuing it. */
export const uploadProductImport = (file: File) =>
  apiUpload('POST', '/api/catalog/product-imports', ZProductImport, file);

export const getProductImport = (importId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/catalog/product-imports/${seg(importId)}`, ZProductImport, { signal });

export const listRecentProductImports = (signal?: AbortSignal) =>
  apiJson('GET', '/api/catalog/product-imports', ZListProductImportsResponse, {
    query: { limit: 10 },
    signal,
  });

// --- Dinkop ---

export type OrganisationListFilters = Partial<Omit<z.infer<typeof ZListOrganisationsQuery>, 'cursor'>>;

export const listOrganisationsForDinkop = (
  filters: OrganisationListFilters,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  apiJson('GET', '/api/dinkop/organisations', ZListOrganisationsResponse, {
    query: { status: filters.status, kind: filters.kind, q: filters.q, limit: filters.limit, cursor },
    signal,
  });

export const getOrganisationForDinkop = (organisationId: string) =>
  apiJson('GET', `/api/dinkop/organisations/${seg(organisationId)}`, ZOrganisation);

export const verifyOrganisation = (organisationId: string) =>
  apiJson('POST', `/api/dinkop/organisations/${seg(organisationId)}/verify`, ZOrganisation);

export const rejectOrganisation = (organisationId: string, body: Body<typeof ZRejectOrganisationRequest>) =>
  apiJson('POST', `/api/dinkop/organisations/${seg(organisationId)}/reject`, ZOrganisation, { body });

// --- Dinkop's UMKM registry ---

export type RegistryFilters = Partial<Omit<z.infer<typeof ZUmkmRegistryQuery>, 'cursor'>>;

export const listRegistry = (filters: RegistryFilters, cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/dinkop/registry', ZUmkmRegistryPage, {
    query: {
      districtCode: filters.districtCode,
      status: filters.status,
      legality: filters.legality,
      q: filters.q,
      limit: filters.limit,
      cursor,
    },
    signal,
  });

export const getRegistrySummary = (districtCode: string | undefined, signal?: AbortSignal) =>
  apiJson('GET', '/api/dinkop/registry/summary', ZUmkmRegistrySummary, { query: { districtCode }, signal });

export const getRegistryDetail = (organisationId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/dinkop/registry/umkm/${seg(organisationId)}`, ZUmkmRegistryDetail, { signal });

export const getUmkmProfileForDinkop = (organisationId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/dinkop/umkm/${seg(organisationId)}/profile`, ZUmkmProfile, { signal });

// --- Dinkop product curation ---

export type CurationQueueFilters = Partial<Omit<z.infer<typeof ZListCurationQueueQuery>, 'cursor'>>;

export const listCurationQueue = (
  filters: CurationQueueFilters,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  apiJson('GET', '/api/curation/queue', ZListCurationQueueResponse, {
    query: {
      status: filters.status,
      category: filters.category,
      districtCode: filters.districtCode,
      limit: filters.limit,
      cursor,
    },
    signal,
  });

export const getCurationReview = (productId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/curation/products/${seg(productId)}`, ZCurationReview, { signal });

export const startCurationReview = (productId: string) =>
  apiJson('POST', `/api/curation/products/${seg(productId)}/start-review`, ZCurationProduct);

export const approveCuratedProduct = (productId: string, body: Body<typeof ZApproveProductRequest>) =>
  apiJson('POST', `/api/curation/products/${seg(productId)}/approve`, ZCurationProduct, { body });

export const requestProductChanges = (productId: string, body: Body<typeof ZRequestChangesRequest>) =>
  apiJson('POST', `/api/curation/products/${seg(productId)}/request-changes`, ZCurationProduct, { body });

export const rejectCuratedProduct = (productId: string, body: Body<typeof ZRejectProductRequest>) =>
  apiJson('POST', `/api/curation/products/${seg(productId)}/reject`, ZCurationProduct, { body });

// --- buyer catalog ---

/** The catalog's filters as the URL holds them (validated with ZCatalogQuery before a search). */
export type CatalogFilters = Partial<Omit<z.infer<typeof ZCatalogQuery>, 'cursor'>>;

export const searchCatalog = (filters: CatalogFilters, cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/catalog/products', ZCatalogPage, {
    query: {
      q: filters.q,
      category: filters.category,
      seller: filters.seller,
      districtCode: filters.districtCode,
      halal: filters.halal,
      certification: filters.certification,
      priceMin: filters.priceMin,
      priceMax: filters.priceMax,
      moqMax: filters.moqMax,
      leadTimeMax: filters.leadTimeMax,
      sort: filters.sort,
      limit: filters.limit,
      cursor,
    },
    signal,
  });

export const getCatalogProduct = (productId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/catalog/products/${seg(productId)}`, ZCatalogProduct, { signal });

/** Query keys in one place so invalidation cannot miss a spelling. */
// --- notifications ---

export type NotificationFilters = {
  unreadOnly?: z.input<typeof ZListNotificationsQuery>['unreadOnly'];
  limit?: number;
};

export const listNotifications = (filters: NotificationFilters, cursor?: string) =>
  apiJson('GET', '/api/notifications', ZNotificationsPage, { query: { ...filters, cursor } });

export const countUnreadNotifications = () =>
  apiJson('GET', '/api/notifications/unread-count', ZUnreadNotifications);

export const markNotificationRead = (notificationId: string) =>
  apiJson('POST', `/api/notifications/${seg(notificationId)}/read`, ZNotification);

export const markAllNotificationsRead = () => apiNoContent('POST', '/api/notifications/read-all');

// --- ordering: the buyer's cart and orders, the seller's inbox ---

export const getCart = (signal?: AbortSignal) => apiJson('GET', '/api/cart', ZCart, { signal });

/** Sets the line to this quantity (adds the product when it is not in the cart yet). */
export const setCartLine = (productId: string, quantity: number) =>
  apiJson('PUT', `/api/cart/lines/${seg(productId)}`, ZCart, { body: { quantity } });

export const removeCartLine = (productId: string) =>
  apiJson('DELETE', `/api/cart/lines/${seg(productId)}`, ZCart);

/** The same key with the same body returns the same order, so a retry can never order twice. */
export const placeOrder = (idempotencyKey: string, body: Body<typeof ZPlaceOrderRequest>) =>
  apiJson('POST', '/api/orders', ZBuyerOrder, { body, headers: { 'Idempotency-Key': idempotencyKey } });

export const listBuyerOrders = (cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/orders', ZListBuyerOrdersResponse, { query: { cursor }, signal });

export const getBuyerOrder = (orderId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/orders/${seg(orderId)}`, ZBuyerOrder, { signal });

export type SellerOrderFilters = Partial<Omit<z.infer<typeof ZListSellerOrdersQuery>, 'cursor'>>;

export const listSellerOrders = (filters: SellerOrderFilters, cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/seller-orders', ZListSellerOrdersResponse, {
    query: { status: filters.status, limit: filters.limit, cursor },
    signal,
  });

export const getSellerOrder = (sellerOrderId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/seller-orders/${seg(sellerOrderId)}`, ZSellerOrder, { signal });

/** What each move sends: a reason, the shipment, the receipt, or nothing. */
export type OrderMoveBody<M extends TOrderMove> = M extends
  'reject' | 'cancelByBuyer' | 'cancelBySeller' | 'cancelByDinkop'
  ? Body<typeof ZOrderReasonRequest>
  : M extends 'ship'
    ? Body<typeof ZShipOrderRequest>
    : M extends 'confirmReceipt'
      ? Body<typeof ZConfirmReceiptRequest>
      : Body<typeof ZEmptyMoveRequest>;

/** `markReady` → `/api/seller-orders/:id/mark-ready`, as the server names its move routes. */
export const moveSellerOrder = <M extends TOrderMove>(
  sellerOrderId: string,
  move: M,
  body: OrderMoveBody<M>,
) =>
  apiJson(
    'POST',
    `/api/seller-orders/${seg(sellerOrderId)}/${move.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
    ZSellerOrder,
    { body },
  );

/** The photo's bytes as the request body; it replaces an earlier receipt photo of the order. */
export const uploadReceiptPhoto = (sellerOrderId: string, file: File) =>
  apiUpload('PUT', `/api/seller-orders/${seg(sellerOrderId)}/receipt-photo`, ZSellerOrder, file);

/** The `src` of an <img>, for the buyer and the seller of the order. */
export const receiptPhotoUrl = (sellerOrderId: string, photoId: string, size: TPhotoSize) =>
  `/api/seller-orders/${seg(sellerOrderId)}/receipt-photo/${seg(photoId)}?size=${size}`;

// --- paying: an online order through the payment provider, orders on terms within a credit line ---

/**
 * Starts (or resumes) paying an online order: the provider's client secret for its payment form. Calling it
 * again for the same order gives the same payment.
 */
export const startOrderPayment = (orderId: string) =>
  apiJson('POST', `/api/orders/${seg(orderId)}/payment`, ZStartPaymentResponse);

/** The buyer organisation's own credit line (null when Dinkop has given it none). */
export const getMyCreditLine = (signal?: AbortSignal) =>
  apiJson('GET', '/api/organisation/credit-line', ZMyCreditLineResponse, { signal });

export const listCreditLines = (cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/credit-lines', ZListCreditLinesResponse, { query: { cursor }, signal });

/** Sets a buyer organisation's terms and limit, or changes them (Dinkop admin). */
export const setCreditLine = (organisationId: string, body: Body<typeof ZCreditLineRequest>) =>
  apiJson('PUT', `/api/organisations/${seg(organisationId)}/credit-line`, ZCreditLine, { body });

export const queryKeys = {
  me: ['me'] as const,
  organisation: ['organisation'] as const,
  members: ['organisation', 'members'] as const,
  deliveryLocations: ['organisation', 'delivery-locations'] as const,
  regions: (parent: string | null) => ['regions', parent ?? 'root'] as const,
  invitation: (token: string) => ['invitation', token] as const,
  dinkopOrganisations: (filters: OrganisationListFilters) => ['dinkop', 'organisations', filters] as const,
  dinkopAll: ['dinkop'] as const,
  registryAll: ['registry'] as const,
  registry: (filters: RegistryFilters) => ['registry', 'list', filters] as const,
  registrySummary: (districtCode: string | undefined) =>
    ['registry', 'summary', districtCode ?? 'all'] as const,
  registryDetail: (organisationId: string) => ['registry', 'umkm', organisationId] as const,
  dinkopUmkmProfile: (organisationId: string) => ['registry', 'profile', organisationId] as const,
  umkmProfile: ['umkm', 'profile'] as const,
  umkmPhotos: (organisationId: string) => ['umkm', 'photos', organisationId] as const,
  legalityDocuments: ['legality', 'documents'] as const,
  curationAll: ['curation'] as const,
  curationQueue: (filters: CurationQueueFilters) => ['curation', 'queue', filters] as const,
  curationReview: (productId: string) => ['curation', 'review', productId] as const,
  catalogAll: ['catalog'] as const,
  catalogSearch: (filters: CatalogFilters) => ['catalog', 'search', filters] as const,
  catalogProduct: (productId: string) => ['catalog', 'product', productId] as const,
  myProductsAll: ['my-products'] as const,
  myProducts: (filters: SellerProductFilters) => ['my-products', 'list', filters] as const,
  myProduct: (productId: string) => ['my-products', 'one', productId] as const,
  recentProductImports: ['product-imports', 'recent'] as const,
  productImport: (importId: string) => ['product-imports', 'one', importId] as const,
  notificationsAll: ['notifications'] as const,
  notifications: (filters: NotificationFilters) => ['notifications', 'list', filters] as const,
  unreadNotifications: ['notifications', 'unread'] as const,
  cart: ['cart'] as const,
  ordersAll: ['orders'] as const,
  buyerOrders: ['orders', 'buyer', 'list'] as const,
  buyerOrder: (orderId: string) => ['orders', 'buyer', 'one', orderId] as const,
  sellerOrdersAll: ['orders', 'seller', 'list'] as const,
  sellerOrders: (filters: SellerOrderFilters) => ['orders', 'seller', 'list', filters] as const,
  sellerOrder: (sellerOrderId: string) => ['orders', 'seller', 'one', sellerOrderId] as const,
  myCreditLine: ['organisation', 'credit-line'] as const,
  creditLines: ['credit-lines'] as const,
};
