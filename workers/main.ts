import { Worker, type Processor } from 'bullmq';
import { ConfigError, loadConfig } from '../server/config/env';
import { connectMongo, disconnectMongo } from '../server/platform/db';
import { createLogger, withoutCredentials } from '../server/platform/logger';
import { createWorkerRedis } from '../server/platform/redis';
import { bullPrefix } from '../server/platform/jobs';
import { configureRealtime, RealtimePublisher } from '../server/platform/realtime';
import { createRedis } from '../server/platform/redis';
import { QUEUES, type TQueueName } from '../shared/jobs';
import { processMaintenance } from './processors/maintenance';
import { scheduleRepeatableJobs } from './schedule';

/** Each queue's processor and how many of its jobs one process runs at once. */
const PROCESSORS: Record<TQueueName, { processor: Processor; concurrency: number }> = {
  maintenance: { processor: processMaintenance, concurrency: 1 },
};

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

  const workers = (Object.keys(PROCESSORS) as TQueueName[]).map(
    (queue) =>
      new Worker(QUEUES[queue], PROCESSORS[queue].processor, {
        connection,
        prefix,
        concurrency: PROCESSORS[queue].concurrency,
      }),
  );
  for (const worker of workers) {
    worker.on('completed', (job, result) =>
      logger.info({ queue: worker.name, job: job.name, result }, 'job done'),
    );
    worker.on('failed', (job, error) =>
      logger.error({ queue: worker.name, job: job?.name, err: error }, 'job failed'),
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    const force = setTimeout(() => process.exit(1), 30_000).unref();
    // close() waits for running jobs to finish, so nothing is left half done.
    await Promise.allSettled(workers.map((worker) => worker.close()));
    await Promise.allSettled([connection.quit(), publisherRedis.quit(), disconnectMongo()]);
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Only now: a signal that arrives after "ready" must find the handlers in place.
  logger.info({ queues: workers.map((w) => w.name) }, 'worker ready');
}

void main();
