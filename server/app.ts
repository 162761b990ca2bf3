import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { z } from 'zod';
import type { Config } from './config/env';
import { apiDocsRouter } from './platform/http/docs';
import { errorHandler, notFoundHandler } from './platform/http/errors';
import { healthRoutes } from './platform/http/health.routes';
import { buildOpenApiDocument } from './platform/http/openapi';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from './platform/http/queue-dashboard';
import { createRateLimiters } from './platform/http/rate-limit';
import { anyone, defineRoute, mountRoutes, type AnyRoute } from './platform/http/route';
import { requireAllowedOrigin } from './platform/http/security';
import { CLIENT_BUILD_DIR } from './platform/paths';
import { bullPrefix, JobQueues } from './platform/jobs';
import { createStorage, type StoragePort } from './platform/storage';
import { accountRoutes, authenticate, type AccountsSettings } from './modules/accounts';
import {
  catalogProductLink,
  catalogRoutes,
  curationRoutes,
  productImportRoutes,
  productPhotoRoutes,
} from './modules/catalog';
import { creditRoutes } from './modules/credit';
import { ledgerRoutes } from './modules/ledger';
import { DEFAULT_PAYMENT_INSTRUCTIONS, invoiceRoutes } from './modules/invoices';
import { legalityRoutes } from './modules/legality';
import { notificationRoutes } from './modules/notifications';
import { orderRoutes, receiptPhotoRoutes } from './modules/orders';
import { createStripeProvider, paymentRoutes, type PaymentProvider } from './modules/payments';
import { regionRoutes } from './modules/regions';
import { reportRoutes } from './modules/reports';
import { consignmentRoutes } from './modules/consignment';
import { registryRoutes, umkmPayoutAccount, umkmPhotoRoutes, umkmRoutes } from './modules/umkm';

export interface AppDeps {
  config: Config;
  redis: Redis;
  logger: Logger;
  /** Defaults to the configured store (local disk under STORAGE_DIR). */
  storage?: StoragePort;
  /** Defaults to BullMQ queues on `redis`. */
  jobs?: JobQueues;
  /** Defaults to the Stripe adapter on STRIPE_API_URL (stripe-mock locally). */
  payments?: PaymentProvider;
}

export function accountsSettings(config: Config): AccountsSettings {
  return {
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
    sessionTtlHours: config.SESSION_TTL_HOURS,
    invitationTtlHours: config.INVITATION_TTL_HOURS,
    lockoutThreshold: config.LOGIN_LOCKOUT_THRESHOLD,
    lockoutMinutes: config.LOGIN_LOCKOUT_MINUTES,
    cookieSecure: config.COOKIE_SECURE,
  };
}

const ZOpenApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  paths: z.record(z.string(), z.unknown()),
});

/** Every route of the API, in one table: the router, the OpenAPI document and the access tests read it. */
export function apiRoutes(deps: Required<AppDeps>): AnyRoute[] {
  const { storage } = deps;
  const photos = { storage, jobs: deps.jobs, logger: deps.logger };
  const routes: AnyRoute[] = [
    ...healthRoutes(deps.redis),
    ...regionRoutes,
    ...accountRoutes(accountsSettings(deps.config)),
    ...umkmRoutes(),
    ...registryRoutes(),
    ...umkmPhotoRoutes(photos),
    ...catalogRoutes({ storage }),
    ...productPhotoRoutes(photos),
    ...curationRoutes({ storage }),
    ...productImportRoutes({ storage, jobs: deps.jobs }),
    ...legalityRoutes({ storage, products: catalogProductLink }),
    ...notificationRoutes(),
    ...orderRoutes({ paymentWindowMinutes: deps.config.ONLINE_PAYMENT_WINDOW_MINUTES }),
    ...creditRoutes(),
    ...ledgerRoutes({ payoutAccounts: umkmPayoutAccount }),
    ...receiptPhotoRoutes(photos),
    ...invoiceRoutes({
      storage,
      paymentInstructions: deps.config.INVOICE_PAYMENT_INSTRUCTIONS ?? DEFAULT_PAYMENT_INSTRUCTIONS,
    }),
    ...consignmentRoutes(),
    ...reportRoutes(),
    ...paymentRoutes({
      provider: deps.payments,
      publishableKey: deps.config.STRIPE_PUBLISHABLE_KEY,
      logger: deps.logger,
    }),
  ];
  const openApi = defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    tag: 'meta',
    access: anyone,
    response: ZOpenApiDocument,
    handler: async () => document,
  });
  const document = buildOpenApiDocument([...routes, openApi], { title: 'Pasar UMKM API', version: '0.1.0' });
  return [...routes, openApi];
}

/** The HTTP application without listen(), so tests drive it with supertest. */
export function createApp(given: AppDeps): { app: Express; routes: AnyRoute[]; jobs: JobQueues } {
  const { config, redis, logger } = given;
  const deps: Required<AppDeps> = {
    ...given,
    storage: given.storage ?? createStorage(config),
    payments: given.payments ?? createStripeProvider(config),
    jobs: given.jobs ?? new JobQueues(redis, bullPrefix(config.REDIS_KEY_PREFIX)),
  };
  const routes = apiRoutes(deps);
  const limiters = createRateLimiters(
    redis,
    {
      keyPrefix: config.REDIS_KEY_PREFIX,
      apiPerMinute: config.RATE_LIMIT_PER_MINUTE,
      authPer15Minutes: config.AUTH_RATE_LIMIT_PER_15_MIN,
    },
    logger,
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:'],
          // Stripe.js and its Payment Element (frames) on the order page, as Stripe's CSP guide lists them.
          'script-src': ["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com'],
          'frame-src': [
            "'self'",
            'https://js.stripe.com',
            'https://*.js.stripe.com',
            'https://hooks.stripe.com',
          ],
          'connect-src': ["'self'", 'https://api.stripe.com'],
          // Over plain http (local demo) upgrading would point every asset at https and break the page.
          'upgrade-insecure-requests': config.COOKIE_SECURE ? [] : null,
        },
      },
    }),
  );
  app.use(cors({ origin: config.CORS_ORIGINS, credentials: true }));
  // Routes that verify a signature over the exact bytes sent (webhooks) read their own raw body.
  // Express matches paths ignoring case and a trailing slash; so does this test.
  const pathKey = (path: string) => path.toLowerCase().replace(/\/+$/, '');
  const rawBodyPaths = new Set(routes.filter((route) => route.rawBody).map((route) => pathKey(route.path)));
  for (const path of rawBodyPaths) {
    if (path.includes(':')) throw new Error(`raw-body route ${path} must have a fixed path`);
  }
  const json = express.json({ limit: `${config.BODY_LIMIT_KB}kb` });
  app.use((req, res, next) => (rawBodyPaths.has(pathKey(req.path)) ? next() : json(req, res, next)));
  app.use(cookieParser());
  // Provider webhooks are signed, come from a few provider addresses in bursts, and are retried by the
  // provider anyway: a per-address limit meant for people would only delay payments.
  const signedPaths = new Set(
    routes
      .filter((route) => route.access.kind === 'public' && route.access.authenticatedBy)
      .map((route) => pathKey(route.path)),
  );
  app.use('/api', (req, res, next) =>
    signedPaths.has(pathKey(req.baseUrl + req.path)) ? next() : limiters.api(req, res, next),
  );
  app.use(requireAllowedOrigin(config.CORS_ORIGINS));
  app.use('/api', authenticate(accountsSettings(config)));

  const router = express.Router();
  mountRoutes(router, routes, { limiters: limiters.tiers, checkResponses: config.NODE_ENV !== 'production' });
  app.use(router);
  app.use('/api/docs', apiDocsRouter());
  app.use(
    QUEUE_DASHBOARD_PATH,
    authenticate(accountsSettings(config)),
    queueDashboard(redis, bullPrefix(config.REDIS_KEY_PREFIX)),
  );
  app.use('/api', notFoundHandler);

  if (config.SERVE_CLIENT && existsSync(path.join(CLIENT_BUILD_DIR, 'index.html'))) {
    app.use(express.static(CLIENT_BUILD_DIR, { index: false, maxAge: '1h' }));
    // The client routes itself (/masuk, /daftar, …): every other GET gets its shell.
    app.get(/^\/(?!api\/|healthz|readyz|socket\.io\/).*/, (_req, res) => {
      res.sendFile(path.join(CLIENT_BUILD_DIR, 'index.html'));
    });
  }

  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, routes, jobs: deps.jobs };
}
