import type { Express } from 'express';
import { ZBuyerOrder, ZSellerOrder } from '../../../shared/contracts/orders';
import { agentFor, createOrganisation, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import {
  giveCreditLine,
  idempotencyKey,
  inDays,
  orderingMarket,
  placeOrder,
  STOCKED,
} from '../../../test/helpers/orders';
import { OrganisationModel } from '../accounts/organisation.model';
import { StockLevelModel } from './order.models';

/** Checkout sends the goods to a delivery location the buyer picked, or to the organisation's address. */
let t: TestApp;
let market: Awaited<ReturnType<typeof orderingMarket>>;
beforeAll(async () => {
  t = await startTestApp();
  market = await orderingMarket(t.app as Express);
});
afterAll(() => t.close());

async function buyerOrganisation() {
  const organisation = await createOrganisation({ kind: 'buyer', status: 'verified' });
  await giveCreditLine(String(organisation._id));
  const agent = async (roles: Array<'admin' | 'purchaser'>) =>
    agentFor(t.app as Express, (await createUser({ organisation, roles })).user);
  return {
    organisationId: String(organisation._id),
    admin: await agent(['admin']),
    purchaser: await agent(['purchaser']),
  };
}

const GUDANG = {
  label: 'Gudang Koperasi KIIC',
  recipientName: 'Budi Santoso',
  recipientPhone: '0812 3456 7890',
  address: { street: 'Kawasan KIIC Jl. Maligi VIII Lot R-3', districtCode: '32.15.05', postalCode: '41361' },
  note: 'Masuk lewat gerbang 3, lapor satpam',
};

async function onSale(stockOnHand = 100) {
  const seller = await market.seller();
  const productId = await market.product(seller, { ...STOCKED, supply: { mode: 'stock', stockOnHand } });
  return { seller, productId };
}

it('an order to a delivery location carries its address, name, recipient and note, and keeps them after the location changes', async () => {
  const { seller, productId } = await onSale();
  const buyer = await buyerOrganisation();
  const location = (await buyer.admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201))
    .body;
  const body = {
    lines: [{ productId, quantity: 5 }],
    requestedDeliveryDate: inDays(3),
    deliveryLocationId: location.id,
  };
  const placed = ZBuyerOrder.parse((await placeOrder(buyer.purchaser, body).expect(201)).body);
  const expected = {
    street: GUDANG.address.street,
    district: { code: '32.15.05', name: expect.any(String) },
    postalCode: '41361',
    label: 'Gudang Koperasi KIIC',
    recipientName: 'Budi Santoso',
    recipientPhone: '+6281234567890',
    courierNote: 'Masuk lewat gerbang 3, lapor satpam',
  };
  expect(placed.sellerOrders[0]!.deliveryAddress).toMatchObject(expected);
  // The seller reads where to deliver from its own copy of the order.
  const sellerOrderId = placed.sellerOrders[0]!.id;
  const inbox = ZSellerOrder.parse(
    (await seller.agent.get(`/api/seller-orders/${sellerOrderId}`).expect(200)).body,
  );
  expect(inbox.deliveryAddress).toMatchObject(expected);

  await buyer.admin
    .put(`/api/organisation/delivery-locations/${location.id}`)
    .send({ ...GUDANG, label: 'Gudang Lama', address: { ...GUDANG.address, street: 'Jl. Tarumanegara 1' } })
    .expect(200);
  await buyer.admin.delete(`/api/organisation/delivery-locations/${location.id}`).expect(204);
  const later = ZBuyerOrder.parse((await buyer.purchaser.get(`/api/orders/${placed.id}`).expect(200)).body);
  expect(later.sellerOrders[0]!.deliveryAddress).toMatchObject(expected);
});

it("without a location the goods go to the organisation's address, with no name or recipient", async () => {
  const { productId } = await onSale();
  const buyer = await buyerOrganisation();
  await buyer.admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201);
  const placed = ZBuyerOrder.parse(
    (
      await placeOrder(buyer.purchaser, {
        lines: [{ productId, quantity: 5 }],
        requestedDeliveryDate: inDays(3),
      }).expect(201)
    ).body,
  );
  const organisation = (await buyer.purchaser.get('/api/organisation').expect(200)).body;
  expect(placed.sellerOrders[0]!.deliveryAddress).toEqual({
    ...organisation.address,
    label: null,
    recipientName: null,
    recipientPhone: null,
    courierNote: null,
  });
});

it("another organisation's location, or one that is gone, is not found; nothing is reserved and the key is free again", async () => {
  const { seller, productId } = await onSale(10);
  const buyer = await buyerOrganisation();
  const other = await buyerOrganisation();
  const foreign = (await other.admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201))
    .body;
  const gone = (await buyer.admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201)).body;
  await buyer.admin.delete(`/api/organisation/delivery-locations/${gone.id}`).expect(204);
  const key = idempotencyKey();
  for (const deliveryLocationId of [foreign.id, gone.id]) {
    const res = await placeOrder(
      buyer.purchaser,
      { lines: [{ productId, quantity: 4 }], requestedDeliveryDate: inDays(3), deliveryLocationId },
      key,
    ).expect(404);
    expect(res.body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Lokasi pengiriman tidak ditemukan'),
      details: { issues: [{ path: ['deliveryLocationId'] }] },
    });
    expect(JSON.stringify(res.body)).not.toContain('Budi');
  }
  const stock = await StockLevelModel.findOne({ productId, organisationId: seller.organisationId }).lean();
  expect(stock?.reserved ?? 0).toBe(0);
  // The refused attempt gave its key back: the same key places the order to a valid place.
  await placeOrder(
    buyer.purchaser,
    { lines: [{ productId, quantity: 4 }], requestedDeliveryDate: inDays(3) },
    key,
  ).expect(201);

  const malformed = await placeOrder(buyer.purchaser, {
    lines: [{ productId, quantity: 1 }],
    requestedDeliveryDate: inDays(3),
    deliveryLocationId: 'gudang',
  }).expect(400);
  expect(malformed.body.error.details.issues[0].path).toEqual(['deliveryLocationId']);
});

it('an organisation without an address can still order to one of its delivery locations', async () => {
  const { productId } = await onSale();
  const buyer = await buyerOrganisation();
  await OrganisationModel.updateOne({ _id: buyer.organisationId }, { $set: { address: null } });
  const body = { lines: [{ productId, quantity: 2 }], requestedDeliveryDate: inDays(3) };
  const refused = await placeOrder(buyer.purchaser, body).expect(409);
  expect(refused.body.error).toMatchObject({
    code: 'INVALID_STATE',
    message: 'Lengkapi alamat organisasi Anda dulu: pesanan dikirim ke sana.',
  });
  const location = (await buyer.admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201))
    .body;
  const placed = ZBuyerOrder.parse(
    (await placeOrder(buyer.purchaser, { ...body, deliveryLocationId: location.id }).expect(201)).body,
  );
  expect(placed.sellerOrders[0]!.deliveryAddress.label).toBe('Gudang Koperasi KIIC');
});
