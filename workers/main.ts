import { Worker } from 'bullmq';
import { ConfigError, loadConfig } from '../server/config/env';
import { connectMongo, disconnectMongo } from '../server/platform/db';
import { createLogger, withoutCredentials } from '../server/platform/logger';
import { createWorkerRedis } from '../server/platform/redis';
import { QUEUES } from '../shared/jobs';
import { processMaintenance } from './processors/maintenance';
import { scheduleRepeatableJobs } from './schedule';

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
  const prefix = `${config.REDIS_KEY_PREFIX}bull`;
  await scheduleRepeatableJobs(connection, prefix);

  const workers = [
    new Worker(QUEUES.maintenance, processMaintenance, { connection, prefix, concurrency: 1 }),
  ];
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
    await Promise.allSettled([connection.quit(), disconnectMongo()]);
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Only now: a signal that arrives after "ready" must find the handlers in place.
  logger.info({ queues: workers.map((w) => w.name) }, 'worker ready');
}

void main();
