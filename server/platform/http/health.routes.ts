import type { Redis } from 'ioredis';
import { ZHealthResponse, ZReadinessResponse } from '../../../shared/contracts/health';
import { pingMongo } from '../db';
import { pingRedis } from '../redis';
import { AppError } from './errors';
import { anyone, defineRoute } from './route';

export function healthRoutes(redis: Redis) {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      summary: 'The process is up (liveness)',
      tag: 'health',
      access: anyone,
      response: ZHealthResponse,
      handler: async () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      summary: 'MongoDB and Redis answer (readiness); 503 otherwise',
      tag: 'health',
      access: anyone,
      response: ZReadinessResponse,
      handler: async () => {
        const [mongo, redisUp] = await Promise.all([pingMongo(), pingRedis(redis)]);
        const checks = { mongo: mongo ? 'up' : 'down', redis: redisUp ? 'up' : 'down' } as const;
        if (!mongo || !redisUp) throw new AppError('SERVICE_UNAVAILABLE', 'Layanan belum siap.', { checks });
        return { status: 'ready' as const, checks };
      },
    }),
  ];
}
