import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { io as connect, type Socket } from 'socket.io-client';
import {
  NOTIFICATION_CREATED_EVENT,
  ZNotification,
  ZNotificationsPage,
  ZUnreadNotifications,
} from '../../../shared/contracts/notifications';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { accountsSettings } from '../../app';
import { attachRealtime } from '../../platform/realtime';
import { actorFromCookieHeader, SESSION_COOKIE } from '../accounts';
import { createSession } from '../accounts/sessions.service';
import { notify } from './notifications.service';

let t: TestApp;
let http: HttpServer;
let io: ReturnType<typeof attachRealtime>;
let url: string;

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

async function member(options: Parameters<typeof createUser>[0]) {
  const created = await createUser(options);
  return { ...created, agent: await agentFor(t.app as Express, created.user) };
}

async function noticesOf(agent: Awaited<ReturnType<typeof member>>['agent'], query = {}) {
  return ZNotificationsPage.parse((await agent.get('/api/notifications').query(query).expect(200)).body);
}

async function unread(agent: Awaited<ReturnType<typeof member>>['agent']) {
  return ZUnreadNotifications.parse((await agent.get('/api/notifications/unread-count').expect(200)).body)
    .unread;
}

it('tells curators a product waits and the seller what was decided, each only to the roles concerned', async () => {
  const seller = await member({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const curator = await member({ kind: 'dinkop', roles: ['curator'] });
  const analyst = await member({ kind: 'dinkop', roles: ['analyst'], organisation: curator.organisation });
  for (const doc of Object.values(VALID_FOOD_LEGALITY))
    await seller.agent.post('/api/legality/documents').send(doc).expect(201);
  const product = (await seller.agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
  await seller.agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);

  const waiting = (await noticesOf(curator.agent)).items.filter(
    (n) => n.link === `/dinkop/kurasi/${product.id}`,
  );
  expect(waiting).toMatchObject([{ kind: 'product.submitted', read: false }]);
  expect(waiting[0]!.title).toContain(KERIPIK_TEMPE.name);
  // Addressed to curators and admins: the analyst of the same office does not see it.
  expect((await noticesOf(analyst.agent)).items.some((n) => n.link === `/dinkop/kurasi/${product.id}`)).toBe(
    false,
  );

  await curator.agent.post(`/api/curation/products/${product.id}/start-review`).expect(200);
  await curator.agent
    .post(`/api/curation/products/${product.id}/request-changes`)
    .send({ changes: [{ item: 'photos', note: 'Foto kemasan kurang terang' }] })
    .expect(200);
  const [latest] = (await noticesOf(seller.agent)).items;
  expect(latest).toMatchObject({
    kind: 'product.changes_requested',
    body: 'Foto: Foto kemasan kurang terang',
    link: `/usaha/produk/${product.id}`,
  });
});

it('counts unread notices, marks one or all read per person, and hides other organisations’ notices', async () => {
  const owner = await member({ kind: 'umkm', roles: ['owner'] });
  const staff = await member({ kind: 'umkm', roles: ['staff'], organisation: owner.organisation });
  const outsider = await member({ kind: 'umkm', roles: ['owner'] });
  const organisationId = String(owner.organisation._id);
  for (const n of [1, 2, 3]) {
    await notify(organisationId, {
      kind: 'legality.expiring',
      title: `Dokumen ${n}`,
      body: 'Segera perbarui.',
    });
  }
  // The same key twice is one notice: a retried job does not repeat itself.
  expect(
    await notify(organisationId, { kind: 'legality.expiring', title: 'Sekali', body: '-', dedupeKey: 'k1' }),
  ).toBe(true);
  expect(
    await notify(organisationId, { kind: 'legality.expiring', title: 'Sekali', body: '-', dedupeKey: 'k1' }),
  ).toBe(false);

  expect(await unread(owner.agent)).toBe(4);
  const page = await noticesOf(owner.agent, { limit: 2 });
  expect(page.items.map((n) => n.title)).toEqual(['Sekali', 'Dokumen 3']);
  const rest = await noticesOf(owner.agent, { limit: 2, cursor: page.nextCursor });
  expect(rest.items.map((n) => n.title)).toEqual(['Dokumen 2', 'Dokumen 1']);

  const read = ZNotification.parse(
    (await owner.agent.post(`/api/notifications/${page.items[0]!.id}/read`).expect(200)).body,
  );
  expect(read.read).toBe(true);
  expect(await unread(owner.agent)).toBe(3);
  // Read state is per person: the colleague still has all four unread.
  expect(await unread(staff.agent)).toBe(4);
  expect((await noticesOf(owner.agent, { unreadOnly: 'true' })).items).toHaveLength(3);

  await outsider.agent.post(`/api/notifications/${page.items[1]!.id}/read`).expect(404);
  expect((await noticesOf(outsider.agent)).items).toEqual([]);

  await owner.agent.post('/api/notifications/read-all').expect(204);
  expect(await unread(owner.agent)).toBe(0);
  expect(await unread(staff.agent)).toBe(4);

  const tooMany = await owner.agent.get('/api/notifications').query({ limit: 51 }).expect(400);
  expect(tooMany.body.error.code).toBe('VALIDATION_FAILED');
});

it('pushes the new notice’s id live to the members of that organisation only', async () => {
  const owner = await member({ kind: 'umkm', roles: ['owner'] });
  const outsider = await member({ kind: 'umkm', roles: ['owner'] });
  const open = async (user: typeof owner.user): Promise<Socket> => {
    const session = await createSession(user, 1, 'jest');
    return new Promise((resolve, reject) => {
      const socket = connect(url, {
        transports: ['websocket'],
        extraHeaders: { cookie: `${SESSION_COOKIE}=${session.token}` },
        reconnection: false,
      });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };
  const mine = await open(owner.user);
  const theirs = await open(outsider.user);
  try {
    const stray: unknown[] = [];
    theirs.on(NOTIFICATION_CREATED_EVENT, (payload) => stray.push(payload));
    const received = new Promise((resolve) => mine.once(NOTIFICATION_CREATED_EVENT, resolve));
    await notify(String(owner.organisation._id), { kind: 'product.approved', title: 'Disetujui', body: '-' });
    const [notice] = (await noticesOf(owner.agent)).items;
    await expect(received).resolves.toEqual({ id: notice!.id });
    expect(stray).toEqual([]);
  } finally {
    mine.close();
    theirs.close();
  }
});
