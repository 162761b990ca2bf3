import express from 'express';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler } from './errors';
import { anyone, defineRoute, mountRoutes } from './route';

function appWith(handlerResult: unknown) {
  const app = express();
  app.use(pinoHttp({ logger: pino({ level: 'silent' }) }));
  const router = express.Router();
  const passThrough: express.RequestHandler = (_req, _res, next) => next();
  mountRoutes(
    router,
    [
      defineRoute({
        method: 'get',
        path: '/thing',
        summary: 'test',
        tag: 'test',
        access: anyone,
        response: z.strictObject({ name: z.string() }),
        handler: async () => handlerResult as { name: string },
      }),
    ],
    { limiters: { auth: passThrough }, checkResponses: true },
  );
  app.use(router);
  app.use(errorHandler);
  return app;
}

describe('response contracts', () => {
  it('sends a response that keeps its contract', async () => {
    await request(appWith({ name: 'Keripik' }))
      .get('/thing')
      .expect(200, { name: 'Keripik' });
  });

  it('turns a response that breaks its contract into a 500, not a 400 for the caller', async () => {
    const res = await request(appWith({ name: 'Keripik', secret: 'leak' }))
      .get('/thing')
      .expect(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(res.body)).not.toContain('leak');
  });
});
