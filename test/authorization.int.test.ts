import request from 'supertest';
import type { Express } from 'express';
import { Types } from 'mongoose';
import { ROLES_BY_KIND, type TOrganisationKind, type TRole } from '../shared/contracts/organisations';
import type { AnyRoute } from '../server/platform/http/route';
import { DeliveryLocationModel } from '../server/modules/accounts/delivery-location.model';
import { InvitationModel } from '../server/modules/accounts/invitation.model';
import { LegalityDocumentModel } from '../server/modules/legality/legality-document.model';
import { ProductModel } from '../server/modules/catalog/product.model';
import { ProductImportModel } from '../server/modules/catalog/product-import.model';
import { NotificationModel } from '../server/modules/notifications/notification.model';
import { BuyerOrderModel, SellerOrderModel } from '../server/modules/orders/order.models';
import { InvoiceModel } from '../server/modules/invoices/invoice.models';
import { resolveAddress } from '../server/modules/regions';
import { KERIPIK_TEMPE } from './fixtures';
import { hashToken, newToken } from '../server/modules/accounts/tokens';
import { agentFor, createOrganisation, createUser, KARAWANG_ADDRESS } from './factories';
import { startTestApp, type TestApp } from './helpers/app';

/**
 * Walks the route table itself, so a route added later is checked without anyone writing a test:
 * anonymous callers get 401, callers of the wrong organisation kind or role 403, and callers from
 * another organisation 404 with nothing of the other organisation in the answer.
 */
let t: TestApp;
let foreign: {
  organisationId: string;
  userId: string;
  invitationId: string;
  documentId: string;
  productId: string;
  notificationId: string;
  photoId: string;
  importId: string;
  orderId: string;
  sellerOrderId: string;
  invoiceId: string;
  locationId: string;
  name: string;
  email: string;
};

beforeAll(async () => {
  t = await startTestApp();
  const { user, organisation } = await createUser({ kind: 'buyer', name: 'Orang Asing Sekali' });
  const invitation = await InvitationModel.create({
    organisationId: organisation._id,
    email: 'undangan-asing@contoh.id',
    roles: ['purchaser'],
    tokenHash: hashToken(newToken()),
    invitedByUserId: user._id,
    invitedByName: user.name,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const { user: seller, organisation: umkm } = await createUser({ kind: 'umkm' });
  const document = await LegalityDocumentModel.create({
    organisationId: umkm._id,
    type: 'nib',
    number: '9120001234567',
    issuer: 'OSS RBA',
    issuedOn: '2024-01-10',
    expiresOn: null,
    file: {
      key: `legality/${umkm._id}/x/y`,
      contentType: 'application/pdf',
      size: 10,
      sha256: 'y',
      uploadedAt: new Date(),
    },
    createdByUserId: seller._id,
  });
  const product = await ProductModel.create({
    organisationId: umkm._id,
    status: 'draft',
    content: { ...KERIPIK_TEMPE, photos: [FOREIGN_PHOTO] },
    createdByUserId: seller._id,
  });
  const productImport = await ProductImportModel.create({
    organisationId: umkm._id,
    createdByUserId: seller._id,
    status: 'done',
    file: { key: `product-imports/${umkm._id}/x/y`, size: 10, sha256: 'y' },
    rows: { total: 1, processed: 1, created: 1, invalid: 0 },
    createdProductIds: [product._id],
  });
  const notification = await NotificationModel.create({
    organisationId: organisation._id,
    kind: 'product.approved',
    title: 'Milik organisasi lain',
    body: '-',
    dedupeKey: 'authorization-test',
  });
  const { buyerOrder, sellerOrder } = await foreignOrder(organisation._id, umkm._id, product._id, user);
  const location = await DeliveryLocationModel.create({
    organisationId: organisation._id,
    ...SAMPLE_LOCATION_STORED,
    address: await resolveAddress(KARAWANG_ADDRESS),
  });
  const invoice = await foreignInvoice(buyerOrder, sellerOrder);
  foreign = {
    orderId: String(buyerOrder._id),
    invoiceId: String(invoice._id),
    sellerOrderId: String(sellerOrder._id),
    locationId: String(location._id),
    notificationId: String(notification._id),
    documentId: String(document._id),
    productId: String(product._id),
    photoId: FOREIGN_PHOTO.id,
    importId: String(productImport._id),
    organisationId: String(organisation._id),
    userId: String(user._id),
    invitationId: String(invitation._id),
    name: organisation.name,
    email: user.email,
  };
});
afterAll(() => t.close());

/** An order of the other buyer organisation from the other UMKM, written as checkout writes it. */
async function foreignOrder(
  buyerId: Types.ObjectId,
  sellerId: Types.ObjectId,
  productId: Types.ObjectId,
  placedBy: { _id: Types.ObjectId; name: string },
) {
  const address = await resolveAddress(KARAWANG_ADDRESS);
  const sellerOrderId = new Types.ObjectId();
  const line = {
    productId,
    name: 'Keripik',
    unit: 'pak',
    quantity: 20,
    unitPrice: 15_000,
    basePrice: 15_000,
    lineTotal: 300_000,
  };
  const totals = { subtotal: 300_000, taxBase: 0, ppn: 0, total: 300_000 };
  const buyerOrder = await BuyerOrderModel.create({
    organisationId: buyerId,
    number: 'PSR-2026-999999',
    placedByUserId: placedBy._id,
    placedByName: placedBy.name,
    requestedDeliveryDate: '2026-12-20',
    deliveryAddress: address,
    totals,
    buyer: { name: 'Orang Asing Sekali', buyerType: 'koperasi_karyawan' },
    payment: { method: 'tempo', status: 'on_terms', termDays: 30, deadlineAt: null, paidAt: null },
    parts: [
      {
        sellerOrderId,
        number: 'PSR-2026-999999-1',
        seller: { id: String(sellerId), name: 'UMKM', isPkp: false },
        lines: [line],
        totals,
      },
    ],
  });
  const sellerOrder = await SellerOrderModel.create({
    _id: sellerOrderId,
    organisationId: sellerId,
    buyerOrganisationId: buyerId,
    buyerOrderId: buyerOrder._id,
    number: 'PSR-2026-999999-1',
    buyer: { name: 'Orang Asing Sekali', buyerType: 'koperasi_karyawan' },
    seller: { name: 'UMKM', isPkp: false },
    status: 'placed',
    paymentMethod: 'tempo',
    version: 1,
    lines: [line],
    totals,
    requestedDeliveryDate: '2026-12-20',
    deliveryAddress: address,
  });
  return { buyerOrder, sellerOrder };
}

/** The invoice of that seller order, as issuing writes it. */
async function foreignInvoice(
  buyerOrder: Awaited<ReturnType<typeof foreignOrder>>['buyerOrder'],
  sellerOrder: Awaited<ReturnType<typeof foreignOrder>>['sellerOrder'],
) {
  return InvoiceModel.create({
    organisationId: sellerOrder.organisationId,
    buyerOrganisationId: sellerOrder.buyerOrganisationId,
    number: 'INV/U99999/2026/000001',
    sellerCode: 'U99999',
    sellerOrderId: sellerOrder._id,
    sellerOrderNumber: sellerOrder.number,
    buyerOrderId: buyerOrder._id,
    buyerOrderNumber: buyerOrder.number,
    seller: { name: 'UMKM', address: null, npwp: null, isPkp: false },
    buyer: { name: 'Orang Asing Sekali', address: null, npwp: null },
    lines: [],
    totals: sellerOrder.totals,
    paymentMethod: 'tempo',
    termDays: 30,
    status: 'unpaid',
    version: 1,
    issuedAt: new Date(),
    dueDate: '2027-01-04',
  });
}

/** A photo of the other organisation's product (its file is never read: access is refused first). */
const FOREIGN_PHOTO = {
  id: 'f'.repeat(64),
  key: 'products/x/y/z',
  contentType: 'image/jpeg',
  size: 10,
  uploadedAt: new Date(),
};
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** The other buyer organisation's delivery location, as the API would have stored it. */
const SAMPLE_LOCATION_STORED = {
  label: 'Gudang Koperasi KIIC',
  labelKey: 'gudang koperasi kiic',
  recipientName: 'Budi Santoso',
  recipientPhone: '+6281234567890',
};

/** Valid bodies for routes that act on another organisation's resources, so validation is not what stops them. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'patch /api/organisation/members/:userId': { roles: ['purchaser'] },
  'put /api/legality/documents/:documentId/file': Buffer.from('%PDF-1.4\n%test\n'),
  'put /api/catalog/my-products/:productId': KERIPIK_TEMPE,
  'put /api/legality/documents/:documentId/products': { productIds: [] },
  'post /api/catalog/my-products/:productId/photos': JPEG,
  'put /api/catalog/my-products/:productId/photos/order': { photoIds: [FOREIGN_PHOTO.id] },
  'post /api/umkm/profile/photos': JPEG,
  'put /api/cart/lines/:productId': { quantity: 20 },
  'post /api/seller-orders/:sellerOrderId/reject': { reason: 'Bahan baku sedang kosong' },
  'post /api/seller-orders/:sellerOrderId/cancel-by-seller': { reason: 'Bahan baku sedang kosong' },
  'post /api/seller-orders/:sellerOrderId/cancel-by-buyer': { reason: 'Salah memesan jumlah' },
  'post /api/seller-orders/:sellerOrderId/cancel-by-dinkop': { reason: 'Laporan penipuan sedang diperiksa' },
  'post /api/seller-orders/:sellerOrderId/ship': { courier: 'JNE', trackingNumber: 'JNE0012345' },
  'post /api/seller-orders/:sellerOrderId/confirm-receipt': { bastNumber: 'BAST/1' },
  'post /api/catalog/product-imports': Buffer.from('nama;harga\nKeripik;15000\n'),
  'put /api/umkm/profile/photos/order': { photoIds: [FOREIGN_PHOTO.id] },
  // A well-formed event, so that only the missing signature can be what refuses it.
  'post /api/payments/webhooks/stripe': {
    id: 'evt_authorization_test',
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_authorization_test', object: 'payment_intent' } },
  },
  'put /api/organisation/delivery-locations/:locationId': {
    label: 'Gerbang Pabrik 2',
    recipientName: 'Budi Santoso',
    recipientPhone: '0812 3456 7890',
    address: KARAWANG_ADDRESS,
  },
  'put /api/seller-orders/:sellerOrderId/receipt-photo': JPEG,
  'post /api/invoices/:invoiceId/mark-paid': { transferReference: 'BCA-123456', paidOn: '2026-12-01' },
};

/** Valid query strings for reads that need one, so the read itself runs (and is checked for leaks). */
const SAMPLE_QUERIES: Record<string, Record<string, string>> = {
  'get /api/reports/sales/series': { from: '2026-01-01', to: '2026-12-31' },
  'get /api/reports/sales/breakdown': { from: '2026-01-01', to: '2026-12-31', by: 'umkm' },
  'get /api/reports/sales/breakdown.csv': { from: '2026-01-01', to: '2026-12-31', by: 'umkm' },
  'get /api/reports/sales/breakdown.xlsx': { from: '2026-01-01', to: '2026-12-31', by: 'umkm' },
  'get /api/reports/sales/top': { from: '2026-01-01', to: '2026-12-31' },
  'get /api/reports/overview': { from: '2026-01-01', to: '2026-12-31' },
};

function pathFor(route: AnyRoute): string {
  return route.path.replace(/:(\w+)/g, (_match, name: string) => {
    switch (name) {
      case 'userId':
        return foreign.userId;
      case 'invitationId':
        return foreign.invitationId;
      case 'organisationId':
        return foreign.organisationId;
      case 'documentId':
        return foreign.documentId;
      case 'productId':
        return foreign.productId;
      case 'notificationId':
        return foreign.notificationId;
      case 'photoId':
        return foreign.photoId;
      case 'orderId':
        return foreign.orderId;
      case 'sellerOrderId':
        return foreign.sellerOrderId;
      case 'invoiceId':
        return foreign.invoiceId;
      case 'importId':
        return foreign.importId;
      case 'locationId':
        return foreign.locationId;
      // Payout batches are Dinkop's alone: any id does, access is refused before it is read.
      case 'batchId':
        return String(new Types.ObjectId());
      // Display points are Dinkop's, shared with every seller (not tenant data): an unknown one is a 404.
      case 'pointId':
        return String(new Types.ObjectId());
      case 'token':
        return newToken();
      default:
        throw new Error(`authorization test does not know how to fill :${name} in ${route.path}`);
    }
  });
}

function call(agent: request.Agent | ReturnType<typeof request>, route: AnyRoute) {
  const path = pathFor(route);
  const sent = (agent as unknown as Record<string, (p: string) => request.Test>)[route.method]!(path);
  const query = SAMPLE_QUERIES[`${route.method} ${route.path}`];
  if (query) sent.query(query);
  const body = SAMPLE_BODIES[`${route.method} ${route.path}`];
  return body === undefined ? sent : sent.send(body as object);
}

const protectedRoutes = () => {
  const routes = t.routes.filter((route) => route.access.kind === 'signed-in');
  expect(routes.length).toBeGreaterThan(10);
  return routes;
};

it('no two routes claim the same method and path (the later one would never be reached)', () => {
  const keys = t.routes.map((route) => `${route.method} ${route.path}`);
  expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
});

it('anonymous callers get 401 on every signed-in route', async () => {
  for (const route of protectedRoutes()) {
    const res = await call(request(t.app), route);
    expect({
      route: `${route.method} ${route.path}`,
      status: res.status,
      code: res.body.error?.code,
    }).toEqual({
      route: `${route.method} ${route.path}`,
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  }
});

it('routes without a session that authenticate the request another way refuse an unauthenticated call', async () => {
  const routes = t.routes.filter((route) => route.access.kind === 'public' && route.access.authenticatedBy);
  expect(routes.map((route) => `${route.method} ${route.path}`)).toContain(
    'post /api/payments/webhooks/stripe',
  );
  for (const route of routes) {
    const res = await call(request(t.app), route);
    expect({
      route: `${route.method} ${route.path}`,
      status: res.status,
      code: res.body.error?.code,
    }).toEqual({
      route: `${route.method} ${route.path}`,
      status: 400,
      code: 'WEBHOOK_SIGNATURE_INVALID',
    });
  }
});

it('callers of the wrong organisation kind or role get 403', async () => {
  const everyone: Array<{ kind: TOrganisationKind; role: TRole }> = (
    Object.entries(ROLES_BY_KIND) as Array<[TOrganisationKind, readonly TRole[]]>
  ).flatMap(([kind, roles]) => roles.map((role) => ({ kind, role })));
  const agents = new Map<string, request.Agent>();
  for (const { kind, role } of everyone) {
    const { user } = await createUser({ kind, roles: [role], status: 'verified' });
    agents.set(`${kind}/${role}`, await agentFor(t.app as Express, user));
  }
  let checked = 0;
  for (const route of protectedRoutes()) {
    if (route.access.kind !== 'signed-in') continue;
    const { organisationKinds, roles } = route.access;
    for (const { kind, role } of everyone) {
      const allowed =
        (!organisationKinds || organisationKinds.includes(kind)) && (!roles || roles.includes(role));
      if (allowed) continue;
      const res = await call(agents.get(`${kind}/${role}`)!, route);
      expect({ route: `${route.method} ${route.path}`, as: `${kind}/${role}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        as: `${kind}/${role}`,
        status: 403,
      });
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(20);
});

it("members of another organisation get 404 for this organisation's members, invitations and documents", async () => {
  const { user } = await createUser({ kind: 'buyer', roles: ['admin'], status: 'verified' });
  const { user: otherSeller } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const agents = {
    buyer: await agentFor(t.app as Express, user),
    umkm: await agentFor(t.app as Express, otherSeller),
  };
  // Dinkop-only routes look across organisations by design; every other route with an id is tenant-scoped.
  const dinkopOnly = (route: AnyRoute) =>
    route.access.kind === 'signed-in' && route.access.organisationKinds?.every((kind) => kind === 'dinkop');
  const scoped = protectedRoutes().filter(
    (route) =>
      /:(userId|invitationId|documentId|productId|notificationId|photoId|importId|orderId|sellerOrderId|invoiceId|locationId)/.test(
        route.path,
      ) && !dinkopOnly(route),
  );
  expect(scoped.length).toBeGreaterThanOrEqual(3);
  for (const route of scoped) {
    // Each route is tried by a caller of the kind that may use it, so the 404 comes from tenant scoping.
    const kinds = route.access.kind === 'signed-in' ? route.access.organisationKinds : undefined;
    const sellersOnly = kinds !== undefined && !kinds.includes('buyer') && kinds.includes('umkm');
    const agent = /\/(legality|catalog|umkm)\//.test(route.path) || sellersOnly ? agents.umkm : agents.buyer;
    const res = await call(agent, route);
    expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
      route: `${route.method} ${route.path}`,
      status: 404,
    });
    expect(JSON.stringify(res.body)).not.toContain(foreign.email);
  }
});

it("no signed-in read returns another organisation's data to a buyer, UMKM or Dinkop analyst", async () => {
  const callers = [
    await createUser({ kind: 'buyer', roles: ['admin'] }),
    await createUser({ kind: 'umkm', roles: ['owner'] }),
    await createUser({ kind: 'dinkop', roles: ['analyst'] }),
  ];
  const reads = protectedRoutes().filter((route) => route.method === 'get');
  for (const { user } of callers) {
    const agent = await agentFor(t.app as Express, user);
    for (const route of reads) {
      const res = await call(agent, route);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(foreign.email);
      expect(text).not.toContain(foreign.name);
    }
  }
});

it('Dinkop staff see organisations across tenants; that is their job, and only theirs', async () => {
  const other = await createOrganisation({ kind: 'umkm', name: 'UMKM Lintas Organisasi' });
  const { user: admin } = await createUser({ kind: 'dinkop', roles: ['admin'] });
  const res = await (
    await agentFor(t.app as Express, admin)
  )
    .get(`/api/dinkop/organisations/${other._id}`)
    .expect(200);
  expect(res.body.name).toBe('UMKM Lintas Organisasi');
});
