/**
 * Scenario "notice end to end" (ordering issue): a seller order accepted through the API → the buyer's
 * notice handed to the (fake) providers by the real worker process, by e-mail (SMTP) and WhatsApp (Cloud
 * API), both caught by the local inbox. Goals: p99 ≤ 3× the p99 of a bare BullMQ add → process on the same
 * Redis, plus the relay's poll interval (OUTBOX_POLL_MS); exactly one notice per event and channel.
 */
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { trusted } from 'mongoose';
import { z } from 'zod';
import { ZConfig } from '../../server/config/env';
import { NotificationModel } from '../../server/modules/notifications/notification.model';
import { SellerOrderModel, type SellerOrderDoc } from '../../server/modules/orders/order.models';
import { bullPrefix } from '../../server/platform/jobs';
import type { OutboxFields } from '../../server/platform/outbox';
import { configureRealtime, RealtimePublisher } from '../../server/platform/realtime';
import { createRedis, createWorkerRedis } from '../../server/platform/redis';
import { startInbox, type Inbox } from '../inbox/inbox';
import { createHttpClient, startApi, startWorker, type RunningProcess } from './api';
import { ms, onSchedule, rate, summarise, type LatencySummary } from './measure';
import type { BenchContext, BenchReport, BenchScenario, Verdict } from './scenario';
import {
  benchAddress,
  orderableContent,
  placeSellerOrders,
  seedListedProducts,
  seedOrganisations,
} from './seed';

const ZNoticeSettings = z.object({
  /** Events of each kind (accepted orders, bare jobs), taking turns. */
  BENCH_NOTICE_EVENTS: z.coerce.number().int().min(1).max(2_000).default(100),
  /** Events per second, both kinds together. */
  BENCH_NOTICE_RATE: z.coerce.number().min(0.1).max(100).default(4),
  /** The worker's relay poll interval, read as the worker reads it (default 500 ms). */
  OUTBOX_POLL_MS: ZConfig.shape.OUTBOX_POLL_MS,
});

const GOAL_FACTOR = 3;
const REDIS_KEY_PREFIX = 'bench:notice-end-to-end:';
const BARE_QUEUE = 'bench-bare';
/** Every notice names its seller order's number (PSR-2026-000123-1) in its title. */
const ORDER_NUMBER = /PSR-\d{4}-\d{6}-\d+/;

/** Waits until `done()` or throws after `timeoutMs`, naming `what`. */
async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Per order number: how many distinct messages each channel caught, and how many copies in all. */
function caughtByOrder(inbox: Inbox) {
  const count = new Map<string, { emails: number; whatsapp: number; copies: number }>();
  const add = (text: string, channel: 'emails' | 'whatsapp', copies: number) => {
    const number = ORDER_NUMBER.exec(text)?.[0] ?? '(no order number)';
    const entry = count.get(number) ?? { emails: 0, whatsapp: 0, copies: 0 };
    entry[channel]++;
    entry.copies += copies;
    count.set(number, entry);
  };
  for (const mail of inbox.emails()) add(mail.subject, 'emails', mail.copies);
  for (const message of inbox.whatsapp()) add(message.parameters[0] ?? '', 'whatsapp', message.copies);
  return count;
}

/** Exactly one e-mail and one WhatsApp message, each handed over once, for every order and nothing else. */
function exactlyOnce(inbox: Inbox, numbers: readonly string[]) {
  const caught = caughtByOrder(inbox);
  const wrong = numbers.filter((number) => {
    const entry = caught.get(number);
    return !entry || entry.emails !== 1 || entry.whatsapp !== 1 || entry.copies !== 2;
  });
  const unexpected = [...caught.keys()].filter((number) => !numbers.includes(number));
  return { ok: wrong.length === 0 && unexpected.length === 0, wrong, unexpected };
}

async function run({ mongoUri, redisUrl, load, log }: BenchContext): Promise<BenchReport> {
  const settings = ZNoticeSettings.parse(process.env);
  const { BENCH_NOTICE_EVENTS: events, BENCH_NOTICE_RATE: perSecond, OUTBOX_POLL_MS: pollMs } = settings;

  const inbox = await startInbox();
  // Placing the seed orders announces them live, as the API would: the bench needs a publisher.
  const redis = createRedis(redisUrl);
  redis.on('error', () => undefined);
  configureRealtime(new RealtimePublisher(redis, REDIS_KEY_PREFIX));
  const processes: RunningProcess[] = [];
  try {
    const seedStarted = performance.now();
    const address = await benchAddress();
    const [seller] = await seedOrganisations({
      kind: 'umkm',
      count: 1,
      membersEach: 1,
      roles: ['owner'],
      name: () => 'Rumah Abon Pak Dedi',
      address,
    });
    const [buyer] = await seedOrganisations({
      kind: 'buyer',
      count: 1,
      membersEach: 1,
      roles: ['purchaser'],
      name: () => 'Koperasi Karyawan KIM',
      address,
    });
    const [productId] = await seedListedProducts(seller!, address, [
      orderableContent('Abon Sapi Pak Dedi', { mode: 'stock', stockOnHand: 1_000_000 }),
    ]);
    const orders = await placeSellerOrders(buyer!, productId!, events);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(
      `seeded a UMKM and a buyer (one member each) and ${events} placed orders (${seedSeconds.toFixed(1)} s)`,
    );

    log('starting the API and the worker (NODE_ENV=production), notices to a local inbox…');
    const api = await startApi({ mongoUri, redisUrl, redisKeyPrefix: REDIS_KEY_PREFIX });
    processes.push(api);
    processes.push(
      await startWorker({
        mongoUri,
        redisUrl,
        redisKeyPrefix: REDIS_KEY_PREFIX,
        extraEnv: {
          PUBLIC_URL: api.url,
          OUTBOX_POLL_MS: String(pollMs),
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(inbox.smtpPort),
          SMTP_FROM: 'Pasar UMKM <pemberitahuan@bench.contoh.id>',
          WHATSAPP_API_URL: inbox.url,
          WHATSAPP_PHONE_NUMBER_ID: inbox.phoneNumberId,
          WHATSAPP_TOKEN: inbox.token,
        },
      }),
    );
    // Warm-up: the worker relays the "placed" events of the seed and tells the seller of each order.
    const numbers = orders.map((order) => order.number);
    await waitFor(
      () => inbox.emails().length >= events && inbox.whatsapp().length >= events,
      120_000,
      `${events} "new order" notices to the seller`,
    );
    const warmUp = exactlyOnce(inbox, numbers);
    log(`warm-up: the seller got ${events} "new order" notices, ${warmUp.ok ? 'one each' : 'NOT one each'}`);
    inbox.clear();

    const prefix = bullPrefix(REDIS_KEY_PREFIX);
    const bareConnections = [createWorkerRedis(redisUrl), createWorkerRedis(redisUrl)] as const;
    const bareQueue = new Queue(BARE_QUEUE, { connection: bareConnections[0], prefix });
    const bareDue = new Map<number, number>();
    const bareLatencies: number[] = [];
    // As the notices queue runs: four jobs at once per worker.
    const bareWorker = new Worker(
      BARE_QUEUE,
      async (job) => {
        bareLatencies.push(performance.now() - bareDue.get(job.data.index as number)!);
      },
      { connection: bareConnections[1], prefix, concurrency: 4 },
    );
    const client = createHttpClient(api.url, 8);
    const acceptedAt = new Map<string, number>();
    const moveErrors: string[] = [];
    try {
      await bareWorker.waitUntilReady();
      log(
        `${events} orders accepted through the API and ${events} bare jobs, taking turns at ${rate(perSecond)}/s…`,
      );
      await onSchedule(events * 2, perSecond, async (index, dueAt) => {
        if (index % 2 === 0) {
          bareDue.set(index, dueAt);
          await bareQueue.add('bare', { index }, { removeOnComplete: true, removeOnFail: true });
          return;
        }
        const order = orders[Math.floor(index / 2)]!;
        // Wall-clock time it was due, to compare with when the inbox and the database saw things.
        acceptedAt.set(order.number, Date.now() - (performance.now() - dueAt));
        const res = await client.send('POST', `/api/seller-orders/${order.id}/accept`, {
          cookie: seller!.members[0]!.cookie,
        });
        if (res.status !== 200) moveErrors.push(`HTTP ${res.status}: ${res.body.toString().slice(0, 300)}`);
      });
      await waitFor(
        () =>
          bareLatencies.length === events &&
          inbox.emails().length >= events &&
          inbox.whatsapp().length >= events,
        60_000,
        `${events} "accepted" notices to the buyer and ${events} bare jobs`,
      );
    } finally {
      client.close();
      await bareWorker.close();
      await bareQueue.close();
      for (const connection of bareConnections) connection.disconnect();
    }
    // Late copies would arrive within a poll or two: look again after that before counting.
    await new Promise((resolve) => setTimeout(resolve, 2 * pollMs));
    const once = exactlyOnce(inbox, numbers);

    const since = (number: string, at: Date | string | null | undefined) =>
      at ? new Date(at).getTime() - acceptedAt.get(number)! : Number.NaN;
    const emailAt = new Map(inbox.emails().map((mail) => [ORDER_NUMBER.exec(mail.subject)?.[0], mail]));
    const whatsappAt = new Map(
      inbox.whatsapp().map((message) => [ORDER_NUMBER.exec(message.parameters[0] ?? '')?.[0], message]),
    );
    const toEmail = numbers.map((number) => since(number, emailAt.get(number)?.receivedAt));
    const toWhatsApp = numbers.map((number) => since(number, whatsappAt.get(number)?.receivedAt));
    const handedOver = numbers.map((_, i) => Math.max(toEmail[i]!, toWhatsApp[i]!));

    // Where the time goes, from what the API and the worker wrote: the move's event queued by the relay,
    // the orders job writing the notice, the notice's own event queued by the relay.
    const stages = await stageTimes(orders, buyer!.id, since);
    const bare = summarise(bareLatencies);
    const endToEnd = summarise(handedOver.filter(Number.isFinite));
    const limit = GOAL_FACTOR * bare.p99 + pollMs;
    const verdicts: Verdict[] = [
      {
        goal: `p99 accepted → notice at both providers ≤ ${GOAL_FACTOR} × bare p99 + OUTBOX_POLL_MS (${pollMs} ms)`,
        measured: `${ms(endToEnd.p99)} ms vs ${ms(limit)} ms (bare add → process p99 ${ms(bare.p99)} ms)`,
        met: endToEnd.p99 <= limit && moveErrors.length === 0,
      },
      {
        goal: 'exactly one notice per event at the provider (e-mail and WhatsApp)',
        measured: once.ok
          ? `${events} events: ${events} e-mails, ${events} WhatsApp messages, each handed over once (warm-up: ${warmUp.ok ? 'likewise' : 'NOT'})`
          : `wrong for ${once.wrong.length} orders, ${once.unexpected.length} unexpected messages`,
        met: once.ok && warmUp.ok,
      },
    ];
    const row = (phase: string, what: string, latency: LatencySummary) => [
      phase,
      what,
      String(latency.count),
      ms(latency.p50),
      ms(latency.p95),
      ms(latency.p99),
      ms(latency.max),
    ];
    return {
      table: [
        ['phase', 'until', 'events', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        row('(a) bare BullMQ', 'add → processor runs', bare),
        row('(b) order accepted', 'its event queued (relay)', stages.eventQueued),
        row('', 'notice written (orders job)', stages.noticeWritten),
        row('', "notice's event queued (relay)", stages.noticeQueued),
        row('', 'e-mail at the SMTP catcher', summarise(toEmail.filter(Number.isFinite))),
        row('', 'WhatsApp at the fake API', summarise(toWhatsApp.filter(Number.isFinite))),
        row('', 'both: notice handed over', endToEnd),
      ],
      verdicts,
      notes: [
        `The real worker process (workers/main.ts) with OUTBOX_POLL_MS=${pollMs}, SMTP and the WhatsApp Cloud API pointed at a local inbox started by the bench; one API process. Each event: the seller accepts a placed order (POST …/accept); the buyer's one member gets the notice by e-mail and WhatsApp.`,
        `Times are counted from when each event was due on a fixed schedule of ${rate(perSecond)}/s, the kinds taking turns; (b)'s stages are read from what the processes wrote (outbox publishedAt, the notice's createdAt), the arrivals from the inbox: wall clock of one machine, to the millisecond.`,
        "A notice crosses the outbox twice: the seller order's event is relayed to the orders queue, whose job writes the notice with an event of its own, relayed in turn to the notices queue. The first hop waits up to one poll interval; the second about a whole one every time, because the notice is written moments after the pass that relayed its cause, and the next pass starts an interval after that one ended. The goal allows for one interval.",
        ...(moveErrors.length > 0 ? [`accepts failed: ${moveErrors.length}, first: ${moveErrors[0]}`] : []),
      ],
      result: {
        settings: { ...load, ...settings },
        seedSeconds,
        bare,
        stages,
        toEmail: summarise(toEmail.filter(Number.isFinite)),
        toWhatsApp: summarise(toWhatsApp.filter(Number.isFinite)),
        endToEnd,
        limitMs: limit,
        exactlyOnce: { warmUp, measured: once },
        moveErrors,
        verdicts,
      },
    };
  } finally {
    for (const child of processes.reverse()) await child.stop();
    await inbox.close();
    configureRealtime(null);
    redis.disconnect();
  }
}

/** The intermediate times of each accept, from the seller order's outbox and the buyer's notice. */
async function stageTimes(
  orders: ReadonlyArray<{ id: string; number: string }>,
  buyerId: string,
  since: (number: string, at: Date | null | undefined) => number,
) {
  const sellerOrders = await SellerOrderModel.find({ _id: trusted({ $in: orders.map((order) => order.id) }) })
    .setOptions({ crossTenant: true })
    .lean<SellerOrderDoc[]>();
  const notices = await NotificationModel.find({
    organisationId: buyerId,
    dedupeKey: trusted({ $in: orders.map((order) => `order:${order.id}:2`) }),
  }).lean<Array<OutboxFields & { dedupeKey: string; createdAt: Date }>>();
  const eventQueued: number[] = [];
  const noticeWritten: number[] = [];
  const noticeQueued: number[] = [];
  for (const order of orders) {
    const sellerOrder = sellerOrders.find((candidate) => String(candidate._id) === order.id);
    const moved = sellerOrder?.outbox.find((entry) => entry.type === 'order.moved');
    const notice = notices.find((candidate) => candidate.dedupeKey === `order:${order.id}:2`);
    eventQueued.push(since(order.number, moved?.publishedAt));
    noticeWritten.push(since(order.number, notice?.createdAt));
    noticeQueued.push(since(order.number, notice?.outbox[0]?.publishedAt));
  }
  const summary = (values: number[]) => summarise(values.filter(Number.isFinite));
  return {
    eventQueued: summary(eventQueued),
    noticeWritten: summary(noticeWritten),
    noticeQueued: summary(noticeQueued),
  };
}

export const noticeEndToEnd: BenchScenario = {
  name: 'notice-end-to-end',
  description: 'seller order accepted → notice by e-mail and WhatsApp at the fake providers, real worker',
  run,
};
