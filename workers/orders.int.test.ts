import type { Express } from 'express';
import type request from 'supertest';
import { Worker } from 'bullmq';
import { Types } from 'mongoose';
import { ZBuyerOrder } from '../shared/contracts/orders';
import { ZNotificationsPage } from '../shared/contracts/notifications';
import { QUEUES } from '../shared/jobs';
import { todayInWib } from '../shared/time';
import { bullPrefix, JobQueues } from '../server/platform/jobs';
import { createLogger } from '../server/platform/logger';
import { OutboxRelay } from '../server/platform/outbox';
import { createRedis, createWorkerRedis } from '../server/platform/redis';
import { handleOrderEvent, sellerOrderOutbox } from '../server/modules/orders';
import { SellerOrderModel, type SellerOrderDoc } from '../server/modules/orders/order.models';
import { agentFor, createUser } from '../test/factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../test/fixtures';
import { startTestApp, testServiceUrls, waitForRedis, type TestApp } from '../test/helpers/app';
import { giveCreditLine } from '../test/helpers/orders';
import { createStripeProvider } from '../server/modules/payments';
import { ordersProcessor } from './processors/orders';

/** Seconds, for reminder delays a test can wait for (production uses hours). */
const SECOND_IN_HOURS = 1 / 3600;
const timing = { reminderHours: 1.5 * SECOND_IN_HOURS, escalationHours: 3 * SECOND_IN_HOURS };

let t: TestApp;
let relay: OutboxRelay;
let worker: Worker;
let jobs: JobQueues;
const redis = createRedis(testServiceUrls().redis);
const workerRedis = createWorkerRedis(testServiceUrls().redis);
let curator: request.Agent;
let dinkopAdmin: request.Agent;

beforeAll(async () => {
  t = await startTestApp();
  await waitForRedis(redis);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  jobs = new JobQueues(redis, prefix);
  relay = new OutboxRelay({
    sources: [sellerOrderOutbox.source],
    jobs,
    logger: createLogger('silent'),
    intervalMs: 100,
  });
  relay.start();
  worker = new Worker(
    QUEUES.orders,
    ordersProcessor({
      jobs,
      orderTiming: timing,
      payments: createStripeProvider(t.config),
      ledger: { platformFeeBasisPoints: 0 },
    }),
    {
      connection: workerRedis,
      prefix,
    },
  );
  const { user, organisation } = await createUser({ kind: 'dinkop', roles: ['curator'] });
  curator = await agentFor(t.app as Express, user);
  dinkopAdmin = await agentFor(
    t.app as Express,
    (await createUser({ kind: 'dinkop', roles: ['admin'], organisation })).user,
  );
});
afterAll(async () => {
  await relay.stop();
  await worker.close();
  await jobs.close();
  redis.disconnect();
  workerRedis.disconnect();
  await t.close();
});

async function orderFromNewSeller() {
  const { user } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const seller = await agentFor(t.app as Express, user);
  for (const doc of Object.values(VALID_FOOD_LEGALITY))
    await seller.post('/api/legality/documents').send(doc).expect(201);
  const product = (await seller.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
  await seller.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/start-review`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/approve`).send({}).expect(200);
  const created = await createUser({ kind: 'buyer', roles: ['purchaser'], status: 'verified' });
  // On terms: the order reaches its seller at once (paid online, it would wait for its payment).
  await giveCreditLine(String(created.organisation._id));
  const buyer = await agentFor(t.app as Express, created.user);
  const date = new Date(Date.parse(`${todayInWib()}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  const order = ZBuyerOrder.parse(
    (
      await buyer
        .post('/api/orders')
        .set('Idempotency-Key', `worker-test-${new Types.ObjectId()}`)
        .send({ lines: [{ productId: product.id, quantity: 100 }], requestedDeliveryDate: date })
        .expect(201)
    ).body,
  );
  return { seller, buyer, sellerOrder: order.sellerOrders[0]! };
}

async function titles(agent: request.Agent): Promise<string[]> {
  const page = ZNotificationsPage.parse(
    (await agent.get('/api/notifications').query({ limit: 50 }).expect(200)).body,
  );
  return page.items.map((notice) => notice.title);
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('an unanswered order reminds the seller, then tells Dinkop; each side hears of each move once', async () => {
  const { seller, sellerOrder } = await orderFromNewSeller();
  const number = sellerOrder.number;
  // The placed event, relayed from the seller order's outbox to the worker.
  await eventually(async () =>
    (await titles(seller)).some((title) => title.startsWith(`Pesanan baru ${number}`)),
  );
  await eventually(async () => (await titles(seller)).includes(`Pesanan ${number} menunggu jawaban Anda`));
  await eventually(async () =>
    (await titles(dinkopAdmin)).some((title) => title.startsWith(`Pesanan ${number} belum dijawab`)),
  );
  const stored = await SellerOrderModel.findOne({ _id: sellerOrder.id })
    .setOptions({ crossTenant: true })
    .lean();
  expect(stored).toMatchObject({ outboxPending: 0 });
  expect((await titles(seller)).filter((title) => title.startsWith(`Pesanan baru ${number}`))).toHaveLength(
    1,
  );
});

it('an order answered in time gets no reminder, and a redelivered event tells no one twice', async () => {
  const { seller, buyer, sellerOrder } = await orderFromNewSeller();
  await seller.post(`/api/seller-orders/${sellerOrder.id}/accept`).send({}).expect(200);
  await eventually(async () =>
    (await titles(buyer)).some((title) => title.includes(`menerima pesanan ${sellerOrder.number}`)),
  );
  // Past both delays: nothing more arrived for this order.
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  expect((await titles(seller)).filter((title) => title.includes('menunggu jawaban'))).toEqual([]);
  expect((await titles(dinkopAdmin)).some((title) => title.includes(sellerOrder.number))).toBe(false);

  const stored = await SellerOrderModel.findOne({ _id: sellerOrder.id })
    .setOptions({ crossTenant: true })
    .lean<SellerOrderDoc>();
  const accepted = stored!.outbox.at(-1)!;
  await handleOrderEvent(accepted.payload as Parameters<typeof handleOrderEvent>[0], jobs, timing);
  expect(
    (await titles(buyer)).filter((title) => title.includes(`menerima pesanan ${sellerOrder.number}`)),
  ).toHaveLength(1);
}, 30_000);
