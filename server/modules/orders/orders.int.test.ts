import type { Express } from 'express';
import type request from 'supertest';
import {
  ZBuyerOrder,
  ZCart,
  ZInsufficientStockDetails,
  ZSellerOrder,
} from '../../../shared/contracts/orders';
import type { TProductContent } from '../../../shared/contracts/products';
import { todayInWib } from '../../../shared/time';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { giveCreditLine } from '../../../test/helpers/orders';
import { weeksBetween } from './inventory.service';
import { BuyerOrderModel, SellerOrderModel, StockLevelModel, type SellerOrderDoc } from './order.models';

let t: TestApp;
let curator: request.Agent;
beforeAll(async () => {
  t = await startTestApp();
  curator = await agentFor(t.app as Express, (await createUser({ kind: 'dinkop', roles: ['curator'] })).user);
});
afterAll(() => t.close());

const shift = (days: number) =>
  new Date(Date.parse(`${todayInWib()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function seller(options: { pkp?: boolean } = {}) {
  const { user } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const agent = await agentFor(t.app as Express, user);
  for (const doc of Object.values(VALID_FOOD_LEGALITY))
    await agent.post('/api/legality/documents').send(doc).expect(201);
  if (options.pkp)
    await agent.patch('/api/umkm/profile').send({ isPkp: true, npwp: '0123456789012345' }).expect(200);
  return agent;
}

async function listed(owner: request.Agent, content: Partial<TProductContent> = {}): Promise<string> {
  const product = (
    await owner
      .post('/api/catalog/my-products')
      .send({ ...KERIPIK_TEMPE, ...content })
      .expect(201)
  ).body;
  await owner.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/start-review`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/approve`).send({}).expect(200);
  return product.id;
}

async function buyer(roles: Array<'admin' | 'purchaser' | 'finance'> = ['purchaser']) {
  const { user, organisation } = await createUser({ kind: 'buyer', roles, status: 'verified' });
  await giveCreditLine(String(organisation._id));
  return agentFor(t.app as Express, user);
}

const STOCK_10 = {
  supply: { mode: 'stock', stockOnHand: 10 },
  minimumOrder: 1,
  orderIncrement: 1,
  priceTiers: [],
  leadTimeDays: 1,
} satisfies Partial<TProductContent>;
let keySequence = 0;
const newKey = () => `test-key-${Date.now()}-${keySequence++}-abcdef`;

function order(agent: request.Agent, body: object, key = newKey()) {
  return agent.post('/api/orders').set('Idempotency-Key', key).send(body);
}

describe('cart', () => {
  it('prices lines by tier, groups them by seller with PPN for PKP sellers, and says what must change', async () => {
    const pkp = await seller({ pkp: true });
    const small = await seller();
    const keripik = await listed(pkp);
    const opak = await listed(small, { name: 'Opak Ketan Bakar', price: 9_000, priceTiers: [] });
    const purchaser = await buyer();

    await purchaser.put(`/api/cart/lines/${keripik}`).send({ quantity: 100 }).expect(200);
    const cart = ZCart.parse(
      (await purchaser.put(`/api/cart/lines/${opak}`).send({ quantity: 15 }).expect(200)).body,
    );
    const pkpGroup = cart.groups.find((group) => group.seller.isPkp)!;
    expect(pkpGroup.lines[0]).toMatchObject({
      unitPrice: 13_500,
      basePrice: 15_000,
      saving: 150_000,
      problem: null,
    });
    expect(pkpGroup.totals).toEqual({
      subtotal: 1_350_000,
      taxBase: 1_237_500,
      ppn: 148_500,
      total: 1_498_500,
    });
    const smallGroup = cart.groups.find((group) => !group.seller.isPkp)!;
    expect(smallGroup.totals).toEqual({ subtotal: 135_000, taxBase: 0, ppn: 0, total: 135_000 });
    expect(smallGroup.lines[0]!.problem).toEqual({
      code: 'below_minimum',
      message: 'Minimum pesanan 20 pak',
    });
    expect(cart.earliestDeliveryDate).toBe(shift(5));

    const stranger = await seller();
    const draft = (await stranger.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    await purchaser.put(`/api/cart/lines/${draft.id}`).send({ quantity: 20 }).expect(404);
    await purchaser.put(`/api/cart/lines/${keripik}`).send({ quantity: -5 }).expect(400);
    await purchaser.put(`/api/cart/lines/${keripik}`).send({ quantity: 10, price: 1 }).expect(400);
  });
});

describe('checkout', () => {
  it('splits one order per UMKM with snapshots; the same key returns the same order, another body gets 422', async () => {
    const [a, b] = [await seller({ pkp: true }), await seller()];
    const keripik = await listed(a);
    const opak = await listed(b, { name: 'Opak Ketan Bakar', price: 9_000, priceTiers: [] });
    const purchaser = await buyer();
    await purchaser.put(`/api/cart/lines/${keripik}`).send({ quantity: 100 }).expect(200);
    const body = {
      lines: [
        { productId: keripik, quantity: 100 },
        { productId: opak, quantity: 40 },
      ],
      requestedDeliveryDate: shift(7),
      purchaseOrderNumber: 'PO/KOPKAR/2026/117',
    };
    const key = newKey();
    const placed = ZBuyerOrder.parse((await order(purchaser, body, key).expect(201)).body);
    expect(placed.status).toBe('placed');
    expect(placed.sellerOrders).toHaveLength(2);
    expect(placed.totals.total).toBe(1_498_500 + 360_000);
    expect(placed.sellerOrders.map((part) => part.number).sort()).toEqual([
      `${placed.number}-1`,
      `${placed.number}-2`,
    ]);
    // Ordered lines leave the cart.
    expect(ZCart.parse((await purchaser.get('/api/cart').expect(200)).body).groups).toEqual([]);

    const again = await order(purchaser, body, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(placed.id);
    const other = await order(purchaser, { ...body, purchaseOrderNumber: 'PO lain' }, key).expect(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    await purchaser.post('/api/orders').send(body).expect(400);
    const early = await order(purchaser, { ...body, requestedDeliveryDate: shift(2) }).expect(400);
    expect(early.body.error.details.issues[0].path).toEqual(['requestedDeliveryDate']);
  });

  it('twenty identical requests at once make one order', async () => {
    const product = await listed(await seller(), STOCK_10);
    const purchaser = await buyer();
    const key = newKey();
    const body = { lines: [{ productId: product, quantity: 2 }], requestedDeliveryDate: shift(3) };
    const answers = await Promise.all(Array.from({ length: 20 }, () => order(purchaser, body, key)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(
      await BuyerOrderModel.countDocuments({ _id: answers[0]!.body.id }).setOptions({ crossTenant: true }),
    ).toBe(1);
    expect(
      await StockLevelModel.findOne({ productId: product }).setOptions({ crossTenant: true }).lean(),
    ).toMatchObject({
      onHand: 10,
      reserved: 2,
      available: 8,
    });
  });

  it('fifty buyers racing for ten units: exactly ten sold, never below zero', async () => {
    for (let round = 0; round < 3; round++) {
      const product = await listed(await seller(), STOCK_10);
      const buyers = await Promise.all(Array.from({ length: 50 }, () => buyer()));
      const answers = await Promise.all(
        buyers.map((agent) =>
          order(agent, { lines: [{ productId: product, quantity: 1 }], requestedDeliveryDate: shift(3) }),
        ),
      );
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(10);
      const refused = answers.filter((answer) => answer.status !== 201);
      expect(new Set(refused.map((answer) => answer.body.error.code))).toEqual(
        new Set(['INSUFFICIENT_STOCK']),
      );
      expect(
        await StockLevelModel.findOne({ productId: product }).setOptions({ crossTenant: true }).lean(),
      ).toMatchObject({
        reserved: 10,
        available: 0,
      });
    }
  }, 120_000);

  it('names every short line with what is available, and keeps nothing of the refused order', async () => {
    const owner = await seller();
    const few = await listed(owner, STOCK_10);
    const plenty = await listed(owner, {
      ...STOCK_10,
      name: 'Opak Ketan',
      supply: { mode: 'stock', stockOnHand: 500 },
    });
    const purchaser = await buyer();
    const res = await order(purchaser, {
      lines: [
        { productId: plenty, quantity: 100 },
        { productId: few, quantity: 11 },
      ],
      requestedDeliveryDate: shift(3),
    }).expect(409);
    expect(res.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(ZInsufficientStockDetails.parse(res.body.error.details).lines).toEqual([
      { productId: few, name: KERIPIK_TEMPE.name, requested: 11, available: 10 },
    ]);
    expect(
      await StockLevelModel.findOne({ productId: plenty }).setOptions({ crossTenant: true }).lean(),
    ).toMatchObject({
      reserved: 0,
      available: 500,
    });

    // Several short lines: every one is named, and the line that fitted is given back.
    const alsoFew = await listed(owner, { ...STOCK_10, name: 'Opak Sedikit' });
    const both = await order(purchaser, {
      lines: [
        { productId: few, quantity: 12 },
        { productId: plenty, quantity: 100 },
        { productId: alsoFew, quantity: 20 },
      ],
      requestedDeliveryDate: shift(3),
    }).expect(409);
    expect(ZInsufficientStockDetails.parse(both.body.error.details).lines).toEqual([
      { productId: few, name: KERIPIK_TEMPE.name, requested: 12, available: 10 },
      { productId: alsoFew, name: 'Opak Sedikit', requested: 20, available: 10 },
    ]);
    expect(
      await StockLevelModel.findOne({ productId: plenty }).setOptions({ crossTenant: true }).lean(),
    ).toMatchObject({ reserved: 0, available: 500 });
  });

  it('made-to-order products take weekly capacity across the weeks up to the delivery date', async () => {
    const keripik = await listed(await seller(), {
      ...STOCK_10,
      supply: { mode: 'capacity', weeklyCapacity: 1_000 },
    });
    const purchaser = await buyer();
    const date = shift(12);
    const capacity = 1_000 * weeksBetween(todayInWib(), date).length;
    const tooMuch = await order(purchaser, {
      lines: [{ productId: keripik, quantity: capacity + 1 }],
      requestedDeliveryDate: date,
    }).expect(409);
    expect(tooMuch.body.error.details.lines[0]).toMatchObject({
      requested: capacity + 1,
      available: capacity,
    });
    await order(purchaser, {
      lines: [{ productId: keripik, quantity: capacity }],
      requestedDeliveryDate: date,
    }).expect(201);
    const none = await order(purchaser, {
      lines: [{ productId: keripik, quantity: 1 }],
      requestedDeliveryDate: date,
    }).expect(409);
    expect(none.body.error.details.lines[0].available).toBe(0);
  });
});

describe('the seller order life', () => {
  it('goes from placed to completed with who/when/why, releases stock on rejection and counts it sold on shipping', async () => {
    const owner = await seller();
    const product = await listed(owner, STOCK_10);
    const purchaser = await buyer(['admin']);
    const placed = ZBuyerOrder.parse(
      (
        await order(purchaser, {
          lines: [{ productId: product, quantity: 4 }],
          requestedDeliveryDate: shift(3),
        }).expect(201)
      ).body,
    );
    const id = placed.sellerOrders[0]!.id;
    const inbox = (await owner.get('/api/seller-orders').expect(200)).body;
    expect(inbox.items.map((item: { id: string }) => item.id)).toContain(id);

    // Buyers cannot make seller moves, and moves out of order get the current state.
    await purchaser.post(`/api/seller-orders/${id}/accept`).send({}).expect(403);
    const early = await owner.post(`/api/seller-orders/${id}/mark-ready`).send({}).expect(409);
    expect(early.body.error.details.currentStatus).toBe('placed');

    await owner.post(`/api/seller-orders/${id}/accept`).send({}).expect(200);
    await owner.post(`/api/seller-orders/${id}/mark-ready`).send({}).expect(200);
    await owner.post(`/api/seller-orders/${id}/ship`).send({ courier: 'J' }).expect(400);
    const shipped = ZSellerOrder.parse(
      (
        await owner
          .post(`/api/seller-orders/${id}/ship`)
          .send({ courier: 'JNE', trackingNumber: 'JNE0012345' })
          .expect(200)
      ).body,
    );
    expect(shipped.shipment).toMatchObject({ courier: 'JNE', trackingNumber: 'JNE0012345' });
    expect(
      await StockLevelModel.findOne({ productId: product }).setOptions({ crossTenant: true }).lean(),
    ).toMatchObject({
      onHand: 6,
      reserved: 0,
      available: 6,
    });
    await purchaser
      .post(`/api/seller-orders/${id}/confirm-receipt`)
      .send({ bastNumber: 'BAST/117' })
      .expect(200);
    await purchaser.post(`/api/seller-orders/${id}/complete`).send({}).expect(200);
    const done = ZBuyerOrder.parse((await purchaser.get(`/api/orders/${placed.id}`).expect(200)).body);
    expect(done.status).toBe('completed');
    expect(done.sellerOrders[0]!.history.map((entry) => entry.to)).toEqual([
      'placed',
      'accepted',
      'ready_to_ship',
      'shipped',
      'received',
      'completed',
    ]);
    expect(done.sellerOrders[0]!.receipt).toMatchObject({ bastNumber: 'BAST/117' });

    // A rejection gives the stock back; another seller cannot touch the order.
    const second = ZBuyerOrder.parse(
      (
        await order(purchaser, {
          lines: [{ productId: product, quantity: 5 }],
          requestedDeliveryDate: shift(3),
        }).expect(201)
      ).body,
    );
    const secondId = second.sellerOrders[0]!.id;
    const intruder = await seller();
    await intruder.post(`/api/seller-orders/${secondId}/accept`).send({}).expect(404);
    await owner
      .post(`/api/seller-orders/${secondId}/reject`)
      .send({ reason: 'Bahan baku kedelai sedang kosong' })
      .expect(200);
    expect(
      await StockLevelModel.findOne({ productId: product }).setOptions({ crossTenant: true }).lean(),
    ).toMatchObject({
      onHand: 6,
      reserved: 0,
      available: 6,
    });
    const rejected = ZBuyerOrder.parse((await purchaser.get(`/api/orders/${second.id}`).expect(200)).body);
    expect(rejected.status).toBe('cancelled');
    const stored = await SellerOrderModel.findOne({ _id: secondId }).setOptions({ crossTenant: true }).lean();
    expect((stored as SellerOrderDoc | null)?.outbox.map((event) => event.type)).toEqual([
      'order.placed',
      'order.moved',
    ]);
  });
});
