import type { Express } from 'express';
import { ZBuyerOrder, ZCart } from '../../../shared/contracts/orders';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { idempotencyKey, inDays, orderingMarket, placeOrder, STOCKED } from '../../../test/helpers/orders';
import {
  BuyerOrderModel,
  OrderPlacementModel,
  SellerOrderModel,
  StockLevelModel,
  type SellerOrderDoc,
} from './order.models';
import { reconcileAbandonedPlacements } from './placement.service';

/**
 * A checkout that died half way, found by the next request with its Idempotency-Key once its heartbeat
 * is older than 30 s: exactly one request takes it over, and finishes it from its buyer order or gives
 * its reservations back and places the order again.
 */
let t: TestApp;
let market: Awaited<ReturnType<typeof orderingMarket>>;
beforeAll(async () => {
  t = await startTestApp();
  market = await orderingMarket(t.app as Express);
});
afterAll(() => t.close());

/**
 * Places an order, then puts the database back as a checkout that died at that point would have left
 * it: the placement `processing` and silent for a minute, its reservations still held on the counter
 * under its order id, no seller orders, and the buyer order (the commit point) written or not.
 */
async function diedAfter(step: 'reserving' | 'writing the buyer order', retry = true) {
  const seller = await market.seller();
  const product = await market.product(seller, {
    ...STOCKED,
    supply: { mode: 'stock', stockOnHand: 10 },
  });
  const buyer = await market.buyer();
  const body = { lines: [{ productId: product, quantity: 4 }], requestedDeliveryDate: inDays(3) };
  const key = idempotencyKey();
  const first = ZBuyerOrder.parse((await placeOrder(buyer.agent, body, key).expect(201)).body);

  await SellerOrderModel.deleteOne({
    _id: first.sellerOrders[0]!.id,
    organisationId: seller.organisationId,
  });
  if (step === 'reserving') {
    await BuyerOrderModel.deleteOne({ _id: first.id, organisationId: buyer.organisationId });
  }
  // Its holds on the counters are removed only after the seller orders, so a dead checkout leaves them.
  await StockLevelModel.updateOne(
    { productId: product, organisationId: seller.organisationId },
    { $push: { holds: { orderId: first.id, quantity: 4 } } },
  );
  // Clearing the cart is the last step, so a dead checkout leaves its lines there.
  await buyer.agent.put(`/api/cart/lines/${product}`).send({ quantity: 4 }).expect(200);
  await OrderPlacementModel.updateOne(
    { organisationId: buyer.organisationId, key },
    { $set: { state: 'processing', heartbeatAt: new Date(Date.now() - 60_000) } },
  );
  const stock = () =>
    StockLevelModel.findOne({ productId: product, organisationId: seller.organisationId }).lean();
  expect(await stock()).toMatchObject({ reserved: 4, available: 6 });
  const observe = {
    first,
    stock,
    sellerOrders: () =>
      SellerOrderModel.find({ organisationId: seller.organisationId }).lean<SellerOrderDoc[]>(),
    buyerOrders: () => BuyerOrderModel.find({ organisationId: buyer.organisationId }).lean(),
    placement: () => OrderPlacementModel.findOne({ organisationId: buyer.organisationId, key }).lean(),
    cart: async () => ZCart.parse((await buyer.agent.get('/api/cart').expect(200)).body).groups,
  };
  if (!retry) return { ...observe, retries: [], id: first.id };

  // The buyer's page retries, three times at once.
  const retries = await Promise.all([1, 2, 3].map(() => placeOrder(buyer.agent, body, key)));
  expect(retries.map((retry) => retry.status)).toEqual([201, 201, 201]);
  const ids = new Set(retries.map((retry) => ZBuyerOrder.parse(retry.body).id));
  expect(ids.size).toBe(1);
  const [id] = ids;
  return { ...observe, retries, id: id! };
}

it('a checkout that died after reserving gives its stock back, and the retry places the order once', async () => {
  const { first, id, stock, sellerOrders, buyerOrders, placement, cart } = await diedAfter('reserving');
  expect(id).not.toBe(first.id);
  // Held by the new order only: the dead attempt's 4 came back before the retry took 4.
  expect(await stock()).toMatchObject({ onHand: 10, reserved: 4, available: 6, holds: [] });
  expect((await buyerOrders()).map((order) => String(order._id))).toEqual([id]);
  expect((await sellerOrders()).map((order) => String(order.buyerOrderId))).toEqual([id]);
  expect(await placement()).toMatchObject({ state: 'done' });
  expect(await cart()).toEqual([]);
});

it('a checkout that died after writing its buyer order is finished from it: the same order, its seller order, nothing reserved twice', async () => {
  const { first, retries, id, stock, sellerOrders, buyerOrders, placement, cart } =
    await diedAfter('writing the buyer order');
  expect(id).toBe(first.id);
  expect(retries.map((retry) => retry.headers['idempotent-replayed'])).toEqual(['true', 'true', 'true']);
  expect(await stock()).toMatchObject({ onHand: 10, reserved: 4, available: 6, holds: [] });
  expect((await buyerOrders()).map((order) => String(order._id))).toEqual([id]);
  // Rebuilt with the id the buyer order fixed, and with its "placed" event waiting for the relay.
  expect(await sellerOrders()).toEqual([
    expect.objectContaining({ status: 'placed', version: 1, outboxPending: 1 }),
  ]);
  expect(String((await sellerOrders())[0]!._id)).toBe(first.sellerOrders[0]!.id);
  expect(await placement()).toMatchObject({ state: 'done' });
  expect(await cart()).toEqual([]);
});

it('checkouts nobody came back for are settled by the hourly sweep: undone, or finished from their buyer order', async () => {
  const undone = await diedAfter('reserving', false);
  const finished = await diedAfter('writing the buyer order', false);
  // Too recent: the buyer's own retry gets the first chance.
  expect(await reconcileAbandonedPlacements()).toBe(0);

  expect(await reconcileAbandonedPlacements(new Date(Date.now() + 11 * 60_000))).toBe(2);
  expect(await undone.stock()).toMatchObject({ onHand: 10, reserved: 0, available: 10, holds: [] });
  expect(await undone.buyerOrders()).toEqual([]);
  expect(await undone.placement()).toBeNull();

  expect(await finished.stock()).toMatchObject({ onHand: 10, reserved: 4, available: 6, holds: [] });
  expect((await finished.sellerOrders()).map((order) => String(order._id))).toEqual([
    finished.first.sellerOrders[0]!.id,
  ]);
  expect(await finished.placement()).toMatchObject({ state: 'done' });
  // The finished order's lines left its buyer's cart; the undone one's are still there to order again.
  expect(await finished.cart()).toEqual([]);
  expect((await undone.cart()).flatMap((group) => group.lines)).toHaveLength(1);
  // Nothing left for a second pass.
  expect(await reconcileAbandonedPlacements(new Date(Date.now() + 11 * 60_000))).toBe(0);
});
