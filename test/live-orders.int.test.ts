import { performance } from 'node:perf_hooks';
import type { Express } from 'express';
import { io as connect, type Socket } from 'socket.io-client';
import { NOTIFICATION_CREATED_EVENT, ZNotificationsPage } from '../shared/contracts/notifications';
import { ORDER_CHANGED_EVENT, ZBuyerOrder, ZOrderChangedEvent } from '../shared/contracts/orders';
import { RealtimePublisher, rooms } from '../server/platform/realtime';
import { startTestApp, type TestApp } from './helpers/app';
import { agentAt, inDays, orderingMarket, placeOrder, type Member } from './helpers/orders';
import { entryPointEnv, freePort, startEntryPoint, type EntryPoint } from './helpers/processes';

/**
 * Live order status as deployed: two API processes and a worker (the real entry points) on one database
 * and one Redis prefix. A change made through node B reaches a buyer's socket on node A through the
 * Redis adapter, the worker's notice reaches it through the Redis emitter, other organisations hear
 * nothing, and a socket that lost its node catches up by refetching (events carry ids and version only).
 */
let t: TestApp;
let market: Awaited<ReturnType<typeof orderingMarket>>;
let nodeA: EntryPoint & { url: string };
let nodeB: EntryPoint & { url: string };
let worker: EntryPoint;
const sockets: Socket[] = [];

async function apiNode(port: number) {
  const node = await startEntryPoint(
    'server/main.ts',
    entryPointEnv(t, { PORT: String(port) }),
    'API listening',
  );
  return { ...node, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  t = await startTestApp();
  market = await orderingMarket(t.app as Express);
  const [portA, portB] = [await freePort(), await freePort()];
  // Each kept as soon as it is up, so afterAll stops it even when another fails to start.
  await Promise.all([
    apiNode(portA).then((node) => (nodeA = node)),
    apiNode(portB).then((node) => (nodeB = node)),
    startEntryPoint('workers/main.ts', entryPointEnv(t, { OUTBOX_POLL_MS: '100' }), 'worker ready').then(
      (node) => (worker = node),
    ),
  ]);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all([nodeA?.stop(), nodeB?.stop(), worker?.stop()]);
  await t.close();
});

/** A socket as the web client opens one (session cookie, websocket), reconnecting quickly if it drops. */
async function socketOf(url: string, member: Member): Promise<Socket> {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: member.cookie },
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The next `event` on the socket that `matches`, and when it arrived; fails after `timeoutMs`. */
function nextEvent<T>(socket: Socket, event: string, matches: (payload: T) => boolean, timeoutMs = 5_000) {
  return new Promise<{ payload: T; at: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve({ payload, at: performance.now() });
    };
    socket.on(event, listener);
  });
}

const FENCE = 'test.fence';

/**
 * Publishes a marker to a room the socket is in, from this process, and waits for it. Redis delivers
 * publications to a node in the order they were made and a node writes a socket's packets in order, so
 * once the marker is in, anything published earlier for this socket has arrived too. It also proves the
 * socket's node is subscribed before anything is measured.
 */
async function fence(socket: Socket, room: string): Promise<void> {
  const marker = `${Date.now()}-${Math.random()}`;
  const arrived = nextEvent<string>(socket, FENCE, (payload) => payload === marker);
  new RealtimePublisher(t.redis, t.config.REDIS_KEY_PREFIX).publish([room], FENCE, marker);
  await arrived;
}

/** Everything but fences that reaches these sockets. */
function recordEvents(...watched: Socket[]) {
  const stray: Array<{ event: string; payload: unknown }> = [];
  for (const socket of watched)
    socket.onAny((event: string, payload: unknown) => {
      if (event !== FENCE) stray.push({ event, payload });
    });
  return stray;
}

async function placedOrder() {
  const seller = await market.seller();
  const product = await market.product(seller);
  const buyer = await market.buyer();
  const order = ZBuyerOrder.parse(
    (
      await placeOrder(agentAt(nodeA.url, buyer), {
        lines: [{ productId: product, quantity: 5 }],
        requestedDeliveryDate: inDays(3),
      }).expect(201)
    ).body,
  );
  return { seller, buyer, order, sellerOrderId: order.sellerOrders[0]!.id };
}

const changeOf =
  (sellerOrderId: string, version: number) => (payload: { sellerOrderId: string; version: number }) =>
    payload.sellerOrderId === sellerOrderId && payload.version === version;

it("a seller's move through node B reaches the buyer's socket on node A within a second; other organisations hear nothing", async () => {
  const { seller, buyer, order, sellerOrderId } = await placedOrder();
  const outsider = await market.buyer();
  const buyerSocket = await socketOf(nodeA.url, buyer);
  const outsiderSockets = [await socketOf(nodeA.url, outsider), await socketOf(nodeB.url, outsider)];
  const stray = recordEvents(...outsiderSockets);
  await fence(buyerSocket, rooms.organisation(buyer.organisationId));

  const accepted = nextEvent(buyerSocket, ORDER_CHANGED_EVENT, changeOf(sellerOrderId, 2));
  const noticed = nextEvent<{ id: string }>(buyerSocket, NOTIFICATION_CREATED_EVENT, () => true);
  const sent = performance.now();
  await agentAt(nodeB.url, seller).post(`/api/seller-orders/${sellerOrderId}/accept`).send({}).expect(200);
  const { payload, at } = await accepted;
  expect(at - sent).toBeLessThan(1_000);
  expect(ZOrderChangedEvent.parse(payload)).toEqual({
    buyerOrderId: order.id,
    sellerOrderId,
    version: 2,
    status: 'accepted',
  });

  // The worker tells the buyer (outbox → relay → job → notice), and pushes the notice to node A too.
  const notice = (await noticed).payload;
  const notices = ZNotificationsPage.parse(
    (await agentAt(nodeA.url, buyer).get('/api/notifications').expect(200)).body,
  );
  expect(notices.items.find((item) => item.id === notice.id)?.title).toContain(
    `menerima pesanan ${order.sellerOrders[0]!.number}`,
  );

  for (const socket of outsiderSockets) await fence(socket, rooms.organisation(outsider.organisationId));
  expect(stray).toEqual([]);
}, 30_000);

it('a socket whose node restarted catches up by refetching the order, and hears the next change live', async () => {
  const { seller, buyer, order, sellerOrderId } = await placedOrder();
  const buyerSocket = await socketOf(nodeA.url, buyer);
  const heard = recordEvents(buyerSocket);
  const sellerOnB = agentAt(nodeB.url, seller);

  await nodeA.stop();
  // While node A is down the seller goes on through node B: the buyer's socket misses the event.
  await sellerOnB.post(`/api/seller-orders/${sellerOrderId}/accept`).send({}).expect(200);
  const reconnected = new Promise((resolve) => buyerSocket.io.once('reconnect', resolve));
  nodeA = await apiNode(Number(new URL(nodeA.url).port));
  await reconnected;
  expect(heard.filter(({ event }) => event === ORDER_CHANGED_EVENT)).toEqual([]);

  // What the web client does on reconnect: refetch.
  const current = ZBuyerOrder.parse(
    (await agentAt(nodeA.url, buyer).get(`/api/orders/${order.id}`).expect(200)).body,
  );
  expect(current.sellerOrders[0]).toMatchObject({ status: 'accepted', version: 2 });

  // The reconnected socket is back in its rooms (chosen again by the server from the session).
  await fence(buyerSocket, rooms.organisation(buyer.organisationId));
  const ready = nextEvent(buyerSocket, ORDER_CHANGED_EVENT, changeOf(sellerOrderId, 3));
  await sellerOnB.post(`/api/seller-orders/${sellerOrderId}/mark-ready`).send({}).expect(200);
  expect((await ready).payload).toMatchObject({ status: 'ready_to_ship' });
}, 60_000);
