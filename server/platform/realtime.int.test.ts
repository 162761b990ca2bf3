import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { accountsSettings } from '../app';
import { actorFromCookieHeader, SESSION_COOKIE } from '../modules/accounts';
import { createSession } from '../modules/accounts/sessions.service';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/helpers/app';
import { attachRealtime, rooms } from './realtime';

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
