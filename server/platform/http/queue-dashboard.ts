import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import express, { type RequestHandler, type Router } from 'express';
import type { Redis } from 'ioredis';
import { QUEUES } from '../../../shared/jobs';
import { authorize, signedIn } from './route';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Only Dinkop admins look into (and retry, or clean) the queues. */
const DINKOP_ADMINS = signedIn({ organisationKinds: ['dinkop'], roles: ['admin'] });

/**
 * bull-board over every queue of shared/jobs.ts: waiting, delayed, failed jobs (kept a week) with their
 * errors, and retrying them by hand. Mounted after `authenticate`, which puts the caller on `req.actor`:
 * anonymous callers get 401 and everyone but a Dinkop admin 403, from the API's error handler. Outside
 * the route table on purpose: it is a whole UI with its own routes, not an endpoint of the API.
 */
export function queueDashboard(redis: Redis, bullPrefix: string): Router {
  const router = express.Router();
  router.use((req, _res, next) => {
    authorize(DINKOP_ADMINS, req.actor);
    next();
  });
  // Built on the first admin's visit, so an app that nobody inspects opens no queues.
  let dashboard: RequestHandler | null = null;
  router.use((req, res, next) => {
    dashboard ??= buildDashboard(redis, bullPrefix);
    dashboard(req, res, next);
  });
  return router;
}

function buildDashboard(redis: Redis, bullPrefix: string): RequestHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map(
      (name) => new BullMQAdapter(new Queue(name, { connection: redis, prefix: bullPrefix })),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Pasar UMKM' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}
