import mongoose from 'mongoose';
import request from 'supertest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ZErrorResponse } from '../shared/contracts/common';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config/env';
import { createRedis } from '../server/platform/redis';
import { REDACTED_PATHS } from '../server/platform/logger';
import { toOpenApiPath } from '../server/platform/http/openapi';
import { SESSION_COOKIE } from '../server/modules/accounts';
import { PASSWORD, registrationBody } from './factories';
import { startTestApp, testServiceUrls, waitForRedis, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
const extraClients: Array<{ disconnect(): void }> = [];
afterAll(async () => {
  for (const client of extraClients) client.disconnect();
  await t.close();
});

const errorOf = (res: request.Response) => ZErrorResponse.parse(res.body).error;

describe('health and readiness', () => {
  it('reports live and ready when MongoDB and Redis answer', async () => {
    await request(t.app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(t.app).get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { mongo: 'up', redis: 'up' } });
  });

  it('answers 503 naming Redis when Redis is unreachable, and still serves requests', async () => {
    const deadRedis = createRedis('redis://127.0.0.1:1');
    deadRedis.on('error', () => undefined);
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }),
    );
    const { app } = createApp({ config: t.config, redis: deadRedis, logger });
    const res = await request(app).get('/readyz').expect(503);
    expect(errorOf(res)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { checks: { mongo: 'up', redis: 'down' } },
    });
    // Rate limiting fails open: losing Redis must not lock every user out.
    await request(app).get('/api/regions').expect(200);
    await request(app).get('/api/regions').expect(200);
    // …and says so, once, in the structured log rather than on stderr per request.
    expect(lines.filter((line) => line.includes('rate limiting paused'))).toHaveLength(1);
    deadRedis.disconnect();
  });

  it('answers 503 naming MongoDB when MongoDB is unreachable', async () => {
    const db = mongoose.connection.db!.databaseName;
    await mongoose.disconnect();
    try {
      const res = await request(t.app).get('/readyz').expect(503);
      expect(errorOf(res).details).toEqual({ checks: { mongo: 'down', redis: 'up' } });
      await request(t.app).get('/healthz').expect(200);
    } finally {
      // The collections exist already: no second round of createCollection for the server to refuse.
      await mongoose.connect(testServiceUrls().mongo, { dbName: db, autoCreate: false, autoIndex: false });
    }
  });
});

describe('errors', () => {
  it('unknown API routes get a JSON 404 with a stable code', async () => {
    const res = await request(t.app).get('/api/tidak-ada').expect(404);
    expect(errorOf(res).code).toBe('ROUTE_NOT_FOUND');
    await request(t.app).delete('/api/regions').expect(404);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(errorOf(res).code).toBe('MALFORMED_JSON');
  });

  it('a body over the limit is a 413', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: 'a@b.id', password: 'x'.repeat(t.config.BODY_LIMIT_KB * 1024) })
      .expect(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a form-encoded body is a 415', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .type('form')
      .send('email=a@b.id&password=x')
      .expect(415);
    expect(errorOf(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown query parameters are refused', async () => {
    const res = await request(t.app).get('/api/regions').query({ parent: '32', admin: 'true' }).expect(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
  });
});

describe('security', () => {
  it('refuses state changes from foreign origins, allows our own and listed ones', async () => {
    const body = { email: 'nobody@contoh.id', password: 'salah-sekali-1' };
    const foreign = await request(t.app)
      .post('/api/auth/sign-in')
      .set('Origin', 'https://evil.example')
      .send(body)
      .expect(403);
    expect(errorOf(foreign).code).toBe('ORIGIN_NOT_ALLOWED');
    const server = request(t.app).post('/api/auth/sign-in');
    // supertest binds an ephemeral port; same-origin is decided from the Host header.
    await server.set('Host', 'pasar.local').set('Origin', 'http://pasar.local').send(body).expect(401);
  });

  it('sets security headers and a request id', async () => {
    const res = await request(t.app).get('/healthz').set('x-request-id', 'req-abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('rate-limits sign-in attempts per client with a Redis counter', async () => {
    const limited = await startLimitedApp({ AUTH_RATE_LIMIT_PER_15_MIN: '3' });
    const attempt = () =>
      request(limited).post('/api/auth/sign-in').send({ email: 'x@contoh.id', password: 'salah-sekali-1' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const res = await attempt().expect(429);
    expect(errorOf(res).code).toBe('RATE_LIMITED');
    expect(res.headers['ratelimit-policy']).toBeDefined();
    // Other endpoints have their own, larger budget.
    await request(limited).get('/api/regions').expect(200);
  });

  it('never logs passwords or session cookies', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    const { app } = createApp({ config: t.config, redis: t.redis, logger });
    const body = registrationBody();
    const res = await request(app).post('/api/registrations').send(body).expect(201);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
    await request(app).get('/api/me').set('Cookie', cookie).expect(200);
    const log = lines.join('');
    expect(log).toContain('/api/me');
    expect(log).not.toContain(cookie.split('=')[1]!);
    expect(log).not.toContain(PASSWORD);
    expect(log).toContain('[redacted]');
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents every mounted route with its request and response schemas', async () => {
    const doc = (await request(t.app).get('/api/openapi.json').expect(200)).body as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses: Record<string, { content?: unknown }> }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    // The express router itself, not the table: a route mounted by hand would show up here undocumented.
    const router = (
      t.app as unknown as {
        router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
      }
    ).router;
    const mounted = router.stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((method) => ({ method, path: layer.route!.path }))
        : [],
    );
    const nested = router.stack.flatMap((layer) => {
      const inner =
        (
          layer as {
            handle?: { stack?: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
          }
        ).handle?.stack ?? [];
      return inner.flatMap((l) =>
        l.route ? Object.keys(l.route.methods).map((method) => ({ method, path: l.route!.path })) : [],
      );
    });
    const all = [...mounted, ...nested].filter(
      (r) => typeof r.path === 'string' && (r.path.startsWith('/api') || r.path.endsWith('z')),
    );
    expect(all.length).toBeGreaterThanOrEqual(t.routes.length);
    for (const { method, path } of all) {
      const operation = doc.paths[toOpenApiPath(path)]?.[method];
      expect({ method, path, documented: Boolean(operation) }).toEqual({ method, path, documented: true });
      const success = Object.entries(operation!.responses).find(([status]) => status.startsWith('2'))!;
      if (success[0] !== '204') expect(success[1].content).toBeDefined();
    }
    const register = doc.paths['/api/registrations']!.post!;
    expect(JSON.stringify(register.requestBody)).toContain('koperasi_karyawan');
  });

  it('serves Swagger UI from local assets', async () => {
    const page = await request(t.app).get('/api/docs/').expect(200);
    expect(page.text).toContain('swagger-ui');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const init = await request(t.app).get('/api/docs/swagger-initializer.js').expect(200);
    expect(init.text).toContain('/api/openapi.json');
  });
});

async function startLimitedApp(env: Record<string, string>) {
  const urls = testServiceUrls();
  const config = loadConfig({
    ...Object.fromEntries(
      Object.entries(t.config).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
    ),
    REDIS_KEY_PREFIX: `${t.config.REDIS_KEY_PREFIX}limited${Date.now()}:`,
    MONGODB_URI: urls.mongo,
    ...env,
  });
  const redis = createRedis(urls.redis);
  await waitForRedis(redis);
  extraClients.push(redis);
  return createApp({ config, redis, logger: pino({ level: 'silent' }) }).app;
}
