import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config/env';
import { accountsSettings, createApp } from './app';
import { connectMongo, disconnectMongo } from './platform/db';
import { createLogger, withoutCredentials } from './platform/logger';
import { configureOutboxFastPath } from './platform/outbox';
import { attachRealtime, configureRealtime, RealtimePublisher } from './platform/realtime';
import { createRedis } from './platform/redis';
import { actorFromCookieHeader } from './modules/accounts';

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
  const logger = createLogger(config.LOG_LEVEL, { service: 'api' });
  logger.info(
    {
      mongo: withoutCredentials(config.MONGODB_URI),
      redis: withoutCredentials(config.REDIS_URL),
      stripe: config.STRIPE_API_URL,
    },
    'starting',
  );
  if (config.NODE_ENV === 'production' && !config.STRIPE_API_URL.startsWith('https://')) {
    // The demo runs production mode against stripe-mock on purpose; a real deployment never should.
    logger.warn({ stripe: config.STRIPE_API_URL }, 'payments go to a local Stripe stand-in, not to Stripe');
  }

  // Boot even when Mongo or Redis are still coming up: /readyz reports it, the driver reconnects.
  connectMongo(config.MONGODB_URI).catch((error: unknown) =>
    logger.error({ err: error }, 'MongoDB not reachable yet'),
  );
  const redis = createRedis(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis error'));

  configureRealtime(new RealtimePublisher(redis, config.REDIS_KEY_PREFIX, logger));
  const { app, jobs } = createApp({ config, redis, logger });
  // Events written by a request go to their queue at once; the worker's relay remains the guarantee.
  configureOutboxFastPath(jobs);
  const server = createServer(app);
  const io = attachRealtime(server, {
    actorFromCookies: actorFromCookieHeader(accountsSettings(config)),
    corsOrigins: config.CORS_ORIGINS,
    redis: { client: redis, keyPrefix: config.REDIS_KEY_PREFIX },
  });
  server.listen(config.PORT, config.HOST, () => {
    logger.info({ url: config.PUBLIC_URL, port: config.PORT }, 'API listening');
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await io.close(); // also closes the HTTP server, after in-flight requests finish
    await Promise.allSettled([disconnectMongo(), redis.quit()]);
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
