import type { Express } from 'express';
import request from 'supertest';
import { QUEUES } from '../../../shared/jobs';
import { agentFor, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const asUser = async (options: Parameters<typeof createUser>[0]) =>
  agentFor(t.app as Express, (await createUser(options)).user);

it('shows the queue dashboard to Dinkop admins only: 401 anonymous, 403 anyone else', async () => {
  for (const path of [QUEUE_DASHBOARD_PATH, `${QUEUE_DASHBOARD_PATH}/api/queues`]) {
    const anonymous = await request(t.app).get(path).expect(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    for (const other of [
      await asUser({ kind: 'umkm', roles: ['owner'] }),
      await asUser({ kind: 'buyer', roles: ['admin'] }),
      await asUser({ kind: 'dinkop', roles: ['curator'] }),
      await asUser({ kind: 'dinkop', roles: ['analyst'] }),
    ]) {
      const refused = await other.get(path).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
  }

  const admin = await asUser({ kind: 'dinkop', roles: ['admin'] });
  const page = await admin.get(QUEUE_DASHBOARD_PATH).expect(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.text).toContain('Pasar UMKM');
  const listed = await admin.get(`${QUEUE_DASHBOARD_PATH}/api/queues`).expect(200);
  const names = (listed.body.queues as Array<{ name: string }>).map((queue) => queue.name).sort();
  expect(names).toEqual(Object.values(QUEUES).sort());
});
