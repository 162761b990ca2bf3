import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Redis } from 'ioredis';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config/env';
import { connectMongo } from '../../server/platform/db';
import { createLogger } from '../../server/platform/logger';
import type { JobQueues } from '../../server/platform/jobs';
import { configureRealtime, RealtimePublisher } from '../../server/platform/realtime';
import { createRedis } from '../../server/platform/redis';
import { loadRegions } from '../../server/modules/regions';

export interface TestApp {
  app: ReturnType<typeof createApp>['app'];
  routes: ReturnType<typeof createApp>['routes'];
  config: Config;
  redis: Redis;
  jobs: JobQueues;
  close(): Promise<void>;
}

export function testServiceUrls(): { mongo: string; redis: string } {
  const mongo = process.env.TEST_MONGODB_URI;
  const redis = process.env.TEST_REDIS_URL;
  if (!mongo || !redis)
    throw new Error('Test services are not up: run the suite with `npm test` (or `npx jest`).');
  return { mongo, redis };
}

export async function waitForRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    setTimeout(() => reject(new Error('redis not ready')), 5_000).unref();
  });
}

/**
 * The real app on the real services, isolated per test file: its own database (with the regions of
 * Kabupaten Karawang down to desa level) and its own Redis key prefix.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const urls = testServiceUrls();
  const id = randomUUID().slice(0, 8);
  const storageDir = await mkdtemp(path.join(os.tmpdir(), `pasar-test-${id}-`));
  await connectMongo(urls.mongo, `test_${id}`);
  await loadRegions({ villagesOfRegencies: ['32.15'] });
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: urls.mongo,
    REDIS_URL: urls.redis,
    REDIS_KEY_PREFIX: `t${id}:`,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000',
    AUTH_RATE_LIMIT_PER_15_MIN: '10000',
    SERVE_CLIENT: 'false',
    STORAGE_DIR: storageDir,
    // Payments talk to the run's stripe-mock, never to Stripe (nor to a stripe-mock on the default port).
    ...(process.env.TEST_STRIPE_MOCK_URL ? { STRIPE_API_URL: process.env.TEST_STRIPE_MOCK_URL } : {}),
    ...env,
  });
  const redis = createRedis(urls.redis);
  await waitForRedis(redis);
  configureRealtime(new RealtimePublisher(redis, config.REDIS_KEY_PREFIX));
  const { app, routes, jobs } = createApp({ config, redis, logger: createLogger(config.LOG_LEVEL) });
  return {
    app,
    routes,
    config,
    redis,
    jobs,
    async close() {
      await jobs.close();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      redis.disconnect();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
