import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { accountsSettings } from '../app';
import { actorFromCookieHeader, SESSION_COOKIE } from '../modules/accounts';
import { createSession } from '../modules/accounts/sessions.service';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/helpers/app';
import { createRedis } from './redis';
import { attachRealtime, RealtimePublisher, rooms } from './realtime';

let t: TestApp;
let http: HttpServer;
let url: string;
let io: ReturnType<typeof attachRealtime>;

beforeAll(async () => {
  t = await startTestApp();
  http = createServer(t.app);
  io = attachRealtime(http, {
    actorFromCookies: actorFromCookieHeader(accountsSettings(t.config)),
    corsOrigins: [],
    redis: { client: t.redis, keyPrefix: t.config.REDIS_KEY_PREFIX },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await io.close();
  await t.close();
});

function open(cookie?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, {
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      reconnection: false,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

it('refuses a socket without a valid session', async () => {
  await expect(open()).rejects.toThrow('UNAUTHENTICATED');
  await expect(open(`${SESSION_COOKIE}=not-a-real-token`)).rejects.toThrow('UNAUTHENTICATED');
});

it('puts a signed-in socket in its user and organisation rooms, chosen by the server', async () => {
  const { user, organisation } = await createUser();
  const session = await createSession(user, 1, 'jest');
  const socket = await open(`${SESSION_COOKIE}=${session.token}`);
  try {
    const received = new Promise((resolve) => socket.once('ping-test', resolve));
    io.to(rooms.organisation(String(organisation._id))).emit('ping-test', { ok: true });
    await expect(received).resolves.toEqual({ ok: true });
    const joined = [...(await io.in(rooms.user(String(user._id))).fetchSockets())];
    expect(joined).toHaveLength(1);
  } finally {
    socket.close();
  }
});

it('delivers an event published through Redis by another process (a worker) to the room, and only there', async () => {
  const member = await createUser();
  const outsider = await createUser();
  const socketOf = async ({ user }: typeof member) =>
    open(`${SESSION_COOKIE}=${(await createSession(user, 1, 'jest')).token}`);
  const mine = await socketOf(member);
  const theirs = await socketOf(outsider);
  // A publisher on its own connection, as a worker process has.
  const workerRedis = createRedis(t.config.REDIS_URL);
  try {
    const strayEvents: unknown[] = [];
    theirs.on('product.changed', (payload) => strayEvents.push(payload));
    const received = new Promise((resolve) => mine.once('product.changed', resolve));
    await new Promise((resolve) => workerRedis.once('ready', resolve));
    new RealtimePublisher(workerRedis, t.config.REDIS_KEY_PREFIX).publish(
      [rooms.organisation(String(member.organisation._id))],
      'product.changed',
      { id: 'p1' },
    );
    await expect(received).resolves.toEqual({ id: 'p1' });
    expect(strayEvents).toEqual([]);
  } finally {
    mine.close();
    theirs.close();
    workerRedis.disconnect();
  }
});
