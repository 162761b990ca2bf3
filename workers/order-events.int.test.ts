import type { Express } from 'express';
import { Queue, Worker } from 'bullmq';
import { QUEUES } from '../shared/jobs';
import { ZBuyerOrder } from '../shared/contracts/orders';
import { handleOrderEvent } from '../server/modules/orders';
import { SellerOrderModel, type SellerOrderDoc } from '../server/modules/orders/order.models';
import { bullPrefix } from '../server/platform/jobs';
import type { OutboxEntry } from '../server/platform/outbox';
import { createWorkerRedis } from '../server/platform/redis';
import { startTestApp, testServiceUrls, type TestApp } from '../test/helpers/app';
import { waitFor } from '../test/helpers/notices';
import { inDays, noticesTitled, orderingMarket, placeOrder } from '../test/helpers/orders';
import { createStripeProvider } from '../server/modules/payments';
import { ordersProcessor } from './processors/orders';

/**
 * Order events as at-least-once delivery hands them over: the same event again, the same event twice at
 * once, and the events of one order newest first. No relay runs here: the test plays its part, adding
 * each outbox entry as its job (job id = entry id) when and as often as the case needs.
 */
const timing = { reminderHours: 24, escalationHours: 48 };
const workerRedis = createWorkerRedis(testServiceUrls().redis);
let t: TestApp;
let market: Awaited<ReturnType<typeof orderingMarket>>;
let queue: Queue;
let worker: Worker;

beforeAll(async () => {
  t = await startTestApp();
  market = await orderingMarket(t.app as Express);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  queue = new Queue(QUEUES.orders, { connection: t.redis, prefix });
  worker = new Worker(
    QUEUES.orders,
    ordersProcessor({
      jobs: t.jobs,
      orderTiming: timing,
      payments: createStripeProvider(t.config),
      ledger: { platformFeeBasisPoints: 0 },
    }),
    {
      connection: workerRedis,
      prefix,
    },
  );
});
afterAll(async () => {
  await worker.close();
  await queue.close();
  workerRedis.disconnect();
  await t.close();
});

/** An order placed with one seller, and the seller order as stored (its outbox holds the events). */
async function placedOrder() {
  const seller = await market.seller();
  const product = await market.product(seller);
  const buyer = await market.buyer();
  const order = ZBuyerOrder.parse(
    (
      await placeOrder(buyer.agent, {
        lines: [{ productId: product, quantity: 5 }],
        requestedDeliveryDate: inDays(3),
      }).expect(201)
    ).body,
  );
  const part = order.sellerOrders[0]!;
  const stored = () =>
    SellerOrderModel.findOne({ _id: part.id, organisationId: seller.organisationId }).lean<SellerOrderDoc>();
  return { seller, buyer, id: part.id, number: part.number, sellerName: part.seller.name, stored };
}

/** Waits for the job to finish, or to fail once (it would be retried later), and says how it ended. */
async function outcome(jobId: string) {
  await waitFor(
    async () => {
      const job = await queue.getJob(jobId);
      return Boolean(job?.finishedOn || job?.failedReason);
    },
    5_000,
    `job ${jobId} done`,
  );
  const job = (await queue.getJob(jobId))!;
  return { state: await job.getState(), failedReason: job.failedReason, returnvalue: job.returnvalue };
}

/** What the relay does with an entry: one job whose id is the entry's. */
async function deliver(event: OutboxEntry) {
  await t.jobs.enqueue('orders', 'order-event', event.payload as never, { jobId: event.id });
  return outcome(event.id);
}

const COMPLETED = { state: 'completed', failedReason: undefined };

/** The delayed follow-ups scheduled for a seller order, by job id. */
async function followUps(sellerOrderId: string): Promise<string[]> {
  const delayed = await queue.getJobs(['delayed']);
  return delayed
    .filter((job) => job.data.sellerOrderId === sellerOrderId)
    .map((job) => job.id!)
    .sort();
}

it('an event delivered again, or twice at once, tells the seller once and schedules each reminder once', async () => {
  const { seller, id, number, stored } = await placedOrder();
  const [placed] = (await stored())!.outbox;

  expect(await deliver(placed!)).toMatchObject(COMPLETED);
  // The relay died between adding the job and marking the entry, and BullMQ has since dropped the
  // finished job: the next pass adds the same event again, and it runs again.
  await (await queue.getJob(placed!.id))!.remove();
  expect(await deliver(placed!)).toMatchObject(COMPLETED);
  // A stalled job handed to a second worker while the first still runs it.
  const payload = placed!.payload as Parameters<typeof handleOrderEvent>[0];
  await Promise.all([handleOrderEvent(payload, t.jobs, timing), handleOrderEvent(payload, t.jobs, timing)]);

  expect(await noticesTitled(seller.organisationId, `Pesanan baru ${number} `)).toBe(1);
  expect(await followUps(id)).toEqual([`unanswered-escalation-${id}`, `unanswered-reminder-${id}`]);
});

it('events of one order arriving newest first: each side hears of each move once, and the late follow-ups find the order moved on', async () => {
  const { seller, buyer, id, number, sellerName, stored } = await placedOrder();
  await seller.agent.post(`/api/seller-orders/${id}/accept`).send({}).expect(200);
  await seller.agent
    .post(`/api/seller-orders/${id}/cancel-by-seller`)
    .send({ reason: 'Mesin penggorengan rusak, tidak bisa produksi' })
    .expect(200);
  const [placed, accepted, cancelled] = (await stored())!.outbox;
  expect([placed, accepted, cancelled].map((event) => event!.payload.orderVersion)).toEqual([1, 2, 3]);

  // v3 before v2 before v1.
  for (const event of [cancelled!, accepted!, placed!]) expect(await deliver(event)).toMatchObject(COMPLETED);
  expect(await noticesTitled(seller.organisationId, `Pesanan baru ${number} `)).toBe(1);
  expect(await noticesTitled(buyer.organisationId, `${sellerName} membatalkan pesanan ${number}`)).toBe(1);
  expect(await noticesTitled(buyer.organisationId, `${sellerName} menerima pesanan ${number}`)).toBe(1);

  // The late "accepted" and "placed" still schedule their follow-ups, once each. When they come due
  // (promoted here instead of waiting hours) they read the order, find it cancelled and tell no one.
  const due = await followUps(id);
  expect(due).toEqual([`not-shipped-${id}`, `unanswered-escalation-${id}`, `unanswered-reminder-${id}`]);
  for (const jobId of due) await (await queue.getJob(jobId))!.promote();
  for (const jobId of due) expect(await outcome(jobId)).toEqual({ ...COMPLETED, returnvalue: false });
  // Neither "Pesanan … menunggu jawaban Anda" nor "Pesanan … belum dikirim".
  expect(await noticesTitled(seller.organisationId, `Pesanan ${number} `)).toBe(0);
  expect(await noticesTitled(buyer.organisationId, '')).toBe(2);
});
