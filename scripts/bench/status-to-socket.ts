/**
 * Scenario "status to socket" (ordering issue): two API nodes on one Redis, 1,000 signed-in sockets on
 * node A; a seller order accepted through node B → `order.changed` on node A's sockets. Goal: p99 ≤ 1.5×
 * the p99 of a bare emit to the same rooms through the same Redis (the redis-emitter that workers use),
 * measured the same way.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { io as connect, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { ORDER_CHANGED_EVENT, type ZOrderChangedEvent } from '../../shared/contracts/orders';
import { configureRealtime, RealtimePublisher, rooms } from '../../server/platform/realtime';
import { createRedis } from '../../server/platform/redis';
import { createHttpClient, startApi, type RunningApi } from './api';
import { ms, onSchedule, rate, summarise } from './measure';
import type { BenchContext, BenchReport, BenchScenario, Verdict } from './scenario';
import {
  benchAddress,
  orderableContent,
  placeSellerOrders,
  seedListedProducts,
  seedOrganisations,
  type Member,
} from './seed';

const ZSocketSettings = z.object({
  /** Sockets on node A, half of them the seller's members, half the buyer's: every event reaches all. */
  BENCH_SOCKETS: z.coerce.number().int().min(2).max(5_000).default(1_000),
  /** Events of each kind (status changes, bare emits), taking turns. */
  BENCH_SOCKET_EVENTS: z.coerce.number().int().min(1).max(2_000).default(50),
  /** Events per second, both kinds together; spaced so one fan-out to every socket is mostly over before the next. */
  BENCH_SOCKET_RATE: z.coerce.number().min(0.1).max(100).default(2),
});

const GOAL_RATIO = 1.5;
const REDIS_KEY_PREFIX = 'bench:status-to-socket:';
/** Handshakes at once while connecting: each is a session lookup on node A. */
const CONNECTING_AT_ONCE = 50;

function open(url: string, cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    // forceNew: one connection per socket, as separate browsers have, not one multiplexed Manager.
    const socket = connect(url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      forceNew: true,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** One event sent, and when each socket got it (ms after it was due). */
interface Sent {
  kind: 'status' | 'bare';
  dueAt: number;
  receipts: number[];
}

/**
 * Sends the events on schedule, taking turns: a bare emit of the payload announceOrderChange sends, to
 * the same rooms, straight into Redis; then an accept of the next placed order through node B. Each
 * event is told apart by its seller order id (a fresh one for bare emits). Collects every socket's
 * receipt until all are in, or five seconds after the last event.
 */
async function sendEvents(input: {
  nodeB: string;
  sockets: readonly Socket[];
  publisher: RealtimePublisher;
  rooms: string[];
  orders: ReadonlyArray<{ id: string }>;
  sellerCookie: string;
  perSecond: number;
}) {
  const sent = new Map<string, Sent>();
  for (const socket of input.sockets) {
    socket.on(ORDER_CHANGED_EVENT, (event: z.infer<typeof ZOrderChangedEvent>) => {
      const entry = sent.get(event.sellerOrderId);
      entry?.receipts.push(performance.now() - entry.dueAt);
    });
  }
  const moves = { errors: 0, firstError: null as string | null, latencies: [] as number[] };
  const client = createHttpClient(input.nodeB, 8);
  try {
    await onSchedule(input.orders.length * 2, input.perSecond, async (index, dueAt) => {
      if (index % 2 === 0) {
        const sellerOrderId = String(new Types.ObjectId());
        sent.set(sellerOrderId, { kind: 'bare', dueAt, receipts: [] });
        input.publisher.publish(input.rooms, ORDER_CHANGED_EVENT, {
          buyerOrderId: String(new Types.ObjectId()),
          sellerOrderId,
          version: 2,
          status: 'accepted',
        });
        return;
      }
      const order = input.orders[Math.floor(index / 2)]!;
      sent.set(order.id, { kind: 'status', dueAt, receipts: [] });
      const res = await client.send('POST', `/api/seller-orders/${order.id}/accept`, {
        cookie: input.sellerCookie,
      });
      moves.latencies.push(performance.now() - dueAt);
      if (res.status !== 200) {
        moves.errors++;
        moves.firstError ??= `HTTP ${res.status}: ${res.body.toString().slice(0, 300)}`;
      }
    });
  } finally {
    client.close();
  }
  const complete = () => [...sent.values()].every((entry) => entry.receipts.length >= input.sockets.length);
  for (const deadline = performance.now() + 5_000; !complete() && performance.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { sent: [...sent.values()], moves };
}

async function run({ mongoUri, redisUrl, load, log }: BenchContext): Promise<BenchReport> {
  const settings = ZSocketSettings.parse(process.env);
  const { BENCH_SOCKETS: socketCount, BENCH_SOCKET_EVENTS: events, BENCH_SOCKET_RATE: perSecond } = settings;

  // The bench publishes as a worker does (and placing the seed orders announces them): same Redis, prefix.
  const publisherRedis = createRedis(redisUrl);
  publisherRedis.on('error', () => undefined);
  const publisher = new RealtimePublisher(publisherRedis, REDIS_KEY_PREFIX);
  configureRealtime(publisher);
  const nodes: RunningApi[] = [];
  const sockets: Socket[] = [];
  try {
    const seedStarted = performance.now();
    const address = await benchAddress();
    const [seller] = await seedOrganisations({
      kind: 'umkm',
      count: 1,
      membersEach: Math.ceil(socketCount / 2),
      roles: ['staff'],
      name: () => 'Dapur Teh Rina',
      address,
    });
    const [buyer] = await seedOrganisations({
      kind: 'buyer',
      count: 1,
      membersEach: Math.floor(socketCount / 2),
      roles: ['purchaser'],
      name: () => 'Koperasi Karyawan Suryacipta',
      address,
    });
    const [productId] = await seedListedProducts(seller!, address, [
      orderableContent('Sambal Roa Teh Rina', { mode: 'stock', stockOnHand: 1_000_000 }),
    ]);
    const orders = await placeSellerOrders(buyer!, productId!, events);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(
      `seeded a UMKM and a buyer with ${socketCount} members between them and ${events} placed orders (${seedSeconds.toFixed(1)} s)`,
    );

    log('starting API nodes A and B (NODE_ENV=production) on one Redis…');
    for (let n = 0; n < 2; n++) {
      nodes.push(await startApi({ mongoUri, redisUrl, redisKeyPrefix: REDIS_KEY_PREFIX }));
    }
    const [nodeA, nodeB] = nodes as [RunningApi, RunningApi];
    const members: Member[] = [...seller!.members, ...buyer!.members];
    const connectStarted = performance.now();
    for (let start = 0; start < members.length; start += CONNECTING_AT_ONCE) {
      const batch = members.slice(start, start + CONNECTING_AT_ONCE);
      sockets.push(...(await Promise.all(batch.map((member) => open(nodeA.url, member.cookie)))));
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    log(
      `${sockets.length} sockets connected to node A (websocket, own sessions) in ${connectSeconds.toFixed(1)} s`,
    );

    log(
      `${events} status changes through node B and ${events} bare emits, taking turns at ${rate(perSecond)}/s…`,
    );
    const { sent, moves } = await sendEvents({
      nodeB: nodeB.url,
      sockets,
      publisher,
      rooms: [rooms.organisation(seller!.id), rooms.organisation(buyer!.id)],
      orders,
      sellerCookie: seller!.members[0]!.cookie,
      perSecond,
    });

    const byKind = (kind: Sent['kind']) => {
      const entries = sent.filter((entry) => entry.kind === kind);
      const receipts = entries.flatMap((entry) => entry.receipts);
      return {
        events: entries.length,
        receipts: summarise(receipts),
        /** When the last socket had it: the whole fan-out. */
        lastReceipt: summarise(entries.map((entry) => Math.max(0, ...entry.receipts))),
        missing: entries.length * sockets.length - receipts.length,
      };
    };
    const bare = byKind('bare');
    const status = byKind('status');
    const moveLatency = summarise(moves.latencies);
    const ratio = status.receipts.p99 / bare.receipts.p99;
    const verdicts: Verdict[] = [
      {
        goal: `p99 status change → socket / bare emit → socket ≤ ${GOAL_RATIO}`,
        measured: `${ratio.toFixed(2)}× (${ms(status.receipts.p99)} / ${ms(bare.receipts.p99)} ms over ${sockets.length} sockets)`,
        met: ratio <= GOAL_RATIO && status.missing === 0 && bare.missing === 0 && moves.errors === 0,
      },
    ];
    const row = (phase: string, what: string, figures: ReturnType<typeof byKind>) => [
      phase,
      what,
      String(figures.events),
      ms(figures.receipts.p50),
      ms(figures.receipts.p95),
      ms(figures.receipts.p99),
      ms(figures.lastReceipt.p99),
      String(figures.missing),
    ];
    return {
      table: [
        ['phase', 'from', 'events', 'p50 ms', 'p95 ms', 'p99 ms', 'last p99', 'missing'],
        row('(a) bare emit', 'redis-emitter in the bench', bare),
        row('(b) status change', 'POST …/accept on node B', status),
      ],
      verdicts,
      notes: [
        `${sockets.length} socket.io-client sockets (websocket transport), each with its own member's session, all connected to node A (${connectSeconds.toFixed(1)} s to connect); half are the seller's members, half the buyer's, so every event is addressed to both organisation rooms and reaches all ${sockets.length}.`,
        `Latencies are per socket receipt (${sockets.length} per event), counted from when the event was due on a fixed schedule of ${rate(perSecond)}/s with the kinds taking turns; "last p99" is the p99 over events of the last socket's receipt. (b) is the HTTP request to node B (session, guarded update with its history entry and outbox event) and then the same publish as (a); its HTTP answers alone took p50 ${ms(moveLatency.p50)} / p99 ${ms(moveLatency.p99)} ms.`,
        `Node A, node B, MongoDB, Redis and these ${sockets.length} clients share this machine's ${os.cpus().length} cores: the clients' own parsing is part of every receipt time, for both kinds alike.`,
        ...(moves.errors > 0 ? [`status changes failed: ${moves.errors}, first: ${moves.firstError}`] : []),
      ],
      result: {
        settings: { ...load, ...settings },
        seedSeconds,
        connectSeconds,
        sockets: sockets.length,
        bare,
        status,
        moveHttp: { ...moveLatency, errors: moves.errors, firstError: moves.firstError },
        ratio,
        verdicts,
      },
    };
  } finally {
    for (const socket of sockets) socket.close();
    await Promise.all(nodes.map((node) => node.stop()));
    configureRealtime(null);
    publisherRedis.disconnect();
  }
}

export const statusToSocket: BenchScenario = {
  name: 'status-to-socket',
  description: 'seller order accepted through API node B → order.changed on 1,000 sockets of node A',
  run,
};
