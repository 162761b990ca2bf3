import { Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../server/config/env';
import { connectMongo, disconnectMongo } from '../server/platform/db';
import { createLogger, withoutCredentials } from '../server/platform/logger';
import { createWorkerRedis } from '../server/platform/redis';
import { bullPrefix, JobQueues } from '../server/platform/jobs';
import { configureOutboxFastPath, OutboxRelay } from '../server/platform/outbox';
import { configureRealtime, RealtimePublisher } from '../server/platform/realtime';
import { createRedis } from '../server/platform/redis';
import { createStorage, type StoragePort } from '../server/platform/storage';
import { DEFAULT_PAYMENT_INSTRUCTIONS, invoiceOutbox, type InvoiceDeps } from '../server/modules/invoices';
import { createNoticeSenders, noticeOutbox, type NoticeSenders } from '../server/modules/notifications';
import { ledgerSettings, type LedgerSettings } from '../server/modules/ledger';
import { sellerOrderOutbox, type OrderTiming } from '../server/modules/orders';
import { displaySaleOutbox } from '../server/modules/consignment';
import {
  createStripeProvider,
  paymentOutbox,
  providerEventOutbox,
  type PaymentProvider,
} from '../server/modules/payments';
import { QUEUES, type TQueueName } from '../shared/jobs';
import { invoicesProcessor } from './processors/invoices';
import { consignmentProcessor } from './processors/consignment';
import { maintenanceProcessor } from './processors/maintenance';
import { noticesProcessor } from './processors/notices';
import { ordersProcessor } from './processors/orders';
import { paymentsProcessor } from './processors/payments';
import { productImportProcessor } from './processors/product-import';
import { thumbnailsProcessor } from './processors/thumbnails';
import { scheduleRepeatableJobs } from './schedule';

/** What processors need from the process, made once at boot. */
interface WorkerDeps {
  storage: StoragePort;
  notices: NoticeSenders;
  /** For processors that hand work on (order events schedule their reminders). */
  jobs: JobQueues;
  orderTiming: OrderTiming;
  /** The payment provider's adapter (Stripe; stripe-mock locally), for re-reading what webhooks name. */
  payments: PaymentProvider;
  ledger: LedgerSettings;
  /** Invoice PDFs: where they are stored and the payment instructions they print. */
  invoices: InvoiceDeps;
}

/** Each queue's processor and how many of its jobs one process runs at once. */
const PROCESSORS: Record<TQueueName, { processor: (deps: WorkerDeps) => Processor; concurrency: number }> = {
  maintenance: { processor: () => maintenanceProcessor(), concurrency: 1 },
  // sharp spreads one image over every core already.
  thumbnails: { processor: thumbnailsProcessor, concurrency: 1 },
  'product-import': { processor: productImportProcessor, concurrency: 2 },
  // Mostly waiting on SMTP and the WhatsApp API.
  notices: { processor: noticesProcessor, concurrency: 4 },
  orders: { processor: ordersProcessor, concurrency: 4 },
  // One provider round trip and one guarded update per event.
  payments: { processor: paymentsProcessor, concurrency: 4 },
  // A PDF render is a few milliseconds of CPU; the rest is MongoDB and storage round trips.
  invoices: { processor: invoicesProcessor, concurrency: 4 },
  // One read and one rollup update per sale.
  consignment: { processor: () => consignmentProcessor(), concurrency: 4 },
};

/** Collections whose documents carry outbox events, for the relay (docs/adr/008). */
const OUTBOX_SOURCES = [
  noticeOutbox.source,
  sellerOrderOutbox.source,
  providerEventOutbox.source,
  paymentOutbox.source,
  invoiceOutbox.source,
  displaySaleOutbox.source,
];

function readyOrTimeout(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** One Worker per queue; start as many of these processes as the load needs. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL, { service: 'worker' });
  logger.info({ mongo: withoutCredentials(config.MONGODB_URI) }, 'worker starting');
  await connectMongo(config.MONGODB_URI);
  const connection = createWorkerRedis(config.REDIS_URL);
  const prefix = bullPrefix(config.REDIS_KEY_PREFIX);
  // Publishing is fire-and-forget; a separate fail-fast connection keeps it from queueing during outages.
  const publisherRedis = createRedis(config.REDIS_URL);
  publisherRedis.on('error', () => undefined);
  configureRealtime(new RealtimePublisher(publisherRedis, config.REDIS_KEY_PREFIX, logger));
  await scheduleRepeatableJobs(connection, prefix);
  // The relay and processors add jobs on a fail-fast connection: while Redis is away, events wait in
  // MongoDB and a processor's follow-up fails its job, to be retried.
  const relayRedis = createRedis(config.REDIS_URL);
  relayRedis.on('error', () => undefined);
  const relayJobs = new JobQueues(relayRedis, prefix);
  // Events written by a job (a notice caused by an order event) are queued at once, not at the next poll.
  configureOutboxFastPath(relayJobs);
  const deps: WorkerDeps = {
    storage: createStorage(config),
    notices: createNoticeSenders(config),
    jobs: relayJobs,
    orderTiming: {
      reminderHours: config.ORDER_REMINDER_HOURS,
      escalationHours: config.ORDER_ESCALATION_HOURS,
    },
    payments: createStripeProvider(config),
    ledger: ledgerSettings(config),
    invoices: {
      storage: createStorage(config),
      paymentInstructions: config.INVOICE_PAYMENT_INSTRUCTIONS ?? DEFAULT_PAYMENT_INSTRUCTIONS,
    },
  };
  logger.info(
    { email: Boolean(deps.notices.email), whatsapp: Boolean(deps.notices.whatsapp) },
    'notice channels',
  );

  const workers = (Object.keys(PROCESSORS) as TQueueName[]).map(
    (queue) =>
      new Worker(QUEUES[queue], PROCESSORS[queue].processor(deps), {
        connection,
        prefix,
        concurrency: PROCESSORS[queue].concurrency,
      }),
  );
  const relay = new OutboxRelay({
    sources: OUTBOX_SOURCES,
    jobs: relayJobs,
    logger,
    intervalMs: config.OUTBOX_POLL_MS,
  });
  // Its fail-fast connection would refuse the first passes while it is still connecting, and log a
  // pause that is not one; if Redis is really away at boot the relay starts anyway and says so.
  await readyOrTimeout(relayRedis, 5_000);
  relay.start();

  for (const worker of workers) {
    worker.on('completed', (job, result) =>
      logger.info({ queue: worker.name, job: job.name, result }, 'job done'),
    );
    worker.on('failed', (job, error) =>
      logger.error({ queue: worker.name, job: job?.name, err: error }, 'job failed'),
    );
    // A Redis outage makes every worker report each reconnect attempt: say it once a minute per queue.
    let lastConnectionError = 0;
    worker.on('error', (error) => {
      if (Date.now() - lastConnectionError < 60_000) return;
      lastConnectionError = Date.now();
      logger.warn({ queue: worker.name, err: error.message }, 'worker cannot reach redis; retrying');
    });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    const force = setTimeout(() => process.exit(1), 30_000).unref();
    await relay.stop();
    // close() waits for running jobs to finish, so nothing is left half done.
    await Promise.allSettled(workers.map((worker) => worker.close()));
    deps.notices.email?.close();
    await relayJobs.close();
    await Promise.allSettled([
      connection.quit(),
      publisherRedis.quit(),
      relayRedis.quit(),
      disconnectMongo(),
    ]);
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Only now: a signal that arrives after "ready" must find the handlers in place.
  logger.info({ queues: workers.map((w) => w.name) }, 'worker ready');
}

void main();
