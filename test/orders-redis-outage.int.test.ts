import type { Express } from 'express';
import { Queue } from 'bullmq';
import { trusted } from 'mongoose';
import { QUEUES } from '../shared/jobs';
import { ZBuyerOrder, type TBuyerOrder } from '../shared/contracts/orders';
import {
  BuyerOrderModel,
  SellerOrderModel,
  type SellerOrderDoc,
} from '../server/modules/orders/order.models';
import { bullPrefix } from '../server/platform/jobs';
import { createRedis } from '../server/platform/redis';
import { startTestApp, waitForRedis, type TestApp } from './helpers/app';
import { waitFor } from './helpers/notices';
import {
  agentAt,
  inDays,
  noticesTitled,
  orderingMarket,
  placeOrder,
  STOCKED,
  type Member,
} from './helpers/orders';
import { entryPointEnv, freePort, redisServer, startEntryPoint, type EntryPoint } from './helpers/processes';

/**
 * Orders placed while Redis is stopped, against the real API and worker processes on a redis-server of
 * this test's own: the API still takes them (rate limiting fails open, live publishing is best effort),
 * their events wait in each seller order's outbox, and once Redis is back every event is relayed and
 * handled exactly once.
 */
let t: TestApp;
let redis: Awaited<ReturnType<typeof redisServer>>;
let api: EntryPoint;
let worker: EntryPoint;
let apiUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  redis = await redisServer();
  await redis.start();
  const env = entryPointEnv(t, { REDIS_URL: redis.url, OUTBOX_POLL_MS: '100' });
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  // Each kept as soon as it is up, so afterAll stops it even when the other fails to start.
  await Promise.all([
    startEntryPoint('server/main.ts', { ...env, PORT: String(port) }, 'API listening').then(
      (node) => (api = node),
    ),
    startEntryPoint('workers/main.ts', env, 'worker ready').then((node) => (worker = node)),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  await redis?.stop();
  await t.close();
});

async function sellerOrdersOf(orders: TBuyerOrder[]): Promise<SellerOrderDoc[]> {
  const ids = orders.flatMap((order) => order.sellerOrders.map((part) => part.id));
  return SellerOrderModel.find({ _id: trusted({ $in: ids }) })
    .setOptions({ crossTenant: true })
    .lean<SellerOrderDoc[]>();
}

it('orders placed while Redis is down are taken, and every event is handled exactly once when it returns', async () => {
  const market = await orderingMarket(t.app as Express);
  const [keripikSeller, opakSeller] = [await market.seller(), await market.seller()];
  const keripik = await market.product(keripikSeller);
  const opak = await market.product(opakSeller, { ...STOCKED, name: 'Opak Ketan Bakar', price: 9_000 });
  const [kopkar, hotel] = [await market.buyer(), await market.buyer()];
  const order = async (buyer: Member, lines: Array<[string, number]>) =>
    ZBuyerOrder.parse(
      (
        await placeOrder(agentAt(apiUrl, buyer), {
          lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
          requestedDeliveryDate: inDays(5),
        }).expect(201)
      ).body,
    );

  // The pipeline is warm first: the relay and the worker's queues have met this Redis.
  const before = await order(kopkar, [[keripik, 1]]);
  await waitFor(
    async () => (await noticesTitled(keripikSeller.organisationId, 'Pesanan baru')) === 1,
    10_000,
    'the first order announced to its seller',
  );

  await redis.stop();
  const during = [
    await order(kopkar, [[keripik, 3]]),
    await order(hotel, [
      [keripik, 2],
      [opak, 4],
    ]),
    await order(hotel, [[opak, 1]]),
  ];
  const accepted = during[0]!.sellerOrders[0]!;
  await agentAt(apiUrl, keripikSeller).post(`/api/seller-orders/${accepted.id}/accept`).send({}).expect(200);
  await waitFor(() => worker.output().includes('outbox relay paused'), 5_000, 'the relay found Redis away');
  // The requests really met an API without Redis.
  expect(api.output()).toContain('rate limiting paused: Redis unavailable');
  expect(api.output()).toContain('realtime publish failed');
  const waiting = await sellerOrdersOf(during);
  expect(waiting).toHaveLength(4);
  for (const sellerOrder of waiting) {
    expect(sellerOrder.outboxPending).toBe(sellerOrder.outbox.length);
    expect(sellerOrder.outboxPending).toBe(String(sellerOrder._id) === accepted.id ? 2 : 1);
  }

  await redis.start();
  await waitFor(
    async () => (await sellerOrdersOf(during)).every((sellerOrder) => sellerOrder.outboxPending === 0),
    15_000,
    'every event relayed',
  );
  const connection = createRedis(redis.url);
  await waitForRedis(connection);
  const queue = new Queue(QUEUES.orders, { connection, prefix: bullPrefix(t.config.REDIS_KEY_PREFIX) });
  try {
    const events = (await sellerOrdersOf(during)).flatMap((sellerOrder) => sellerOrder.outbox);
    expect(events).toHaveLength(5);
    await waitFor(
      async () =>
        (await Promise.all(events.map(async (event) => (await queue.getJob(event.id))?.finishedOn))).every(
          Boolean,
        ),
      10_000,
      'every event handled',
    );
    for (const event of events) {
      const job = (await queue.getJob(event.id))!;
      expect({ state: await job.getState(), attempts: job.attemptsMade }).toEqual({
        state: 'completed',
        attempts: 1,
      });
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }

  // Each seller heard of each order once, the buyer of the acceptance once; nothing was lost.
  for (const sellerOrder of await sellerOrdersOf([before, ...during])) {
    const sellerId = String(sellerOrder.organisationId);
    expect(await noticesTitled(sellerId, `Pesanan baru ${sellerOrder.number} `)).toBe(1);
  }
  expect(
    await noticesTitled(kopkar.organisationId, `${accepted.seller.name} menerima pesanan ${accepted.number}`),
  ).toBe(1);
  expect(
    await BuyerOrderModel.countDocuments({
      _id: trusted({ $in: [before, ...during].map((placed) => placed.id) }),
    }).setOptions({ crossTenant: true }),
  ).toBe(4);
  expect(worker.output()).toContain('outbox relay resumed');
}, 60_000);
