import type { RequestHandler } from 'express';
import { rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppError } from './errors';
import type { RateLimitTier } from './route';

const WARN_EVERY_MS = 60_000;

/**
 * Fixed-window counter in Redis shared by every API process. Written here rather than taken from
 * rate-limit-redis because that store caches a failed script load forever when Redis is down at boot,
 * so limiting would never come back; this one simply works again once Redis answers.
 * Without Redis it fails open (nobody is locked out) and says so in the log once a minute.
 */
export class RedisWindowStore implements Store {
  private windowMs = 60_000;
  private lastWarnedAt = 0;

  constructor(
    private readonly redis: Redis,
    readonly prefix: string,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const redisKey = this.prefix + key;
    try {
      const replies = await this.redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, this.windowMs, 'NX')
        .pttl(redisKey)
        .exec();
      const failed = replies?.find(([error]) => error)?.[0];
      if (!replies || failed) throw failed ?? new Error('empty reply');
      const ttl = Number(replies[2]?.[1]);
      return {
        totalHits: Number(replies[0]?.[1]),
        resetTime: new Date(Date.now() + (ttl > 0 ? ttl : this.windowMs)),
      };
    } catch (error) {
      if (Date.now() - this.lastWarnedAt > WARN_EVERY_MS) {
        this.lastWarnedAt = Date.now();
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'rate limiting paused: Redis unavailable',
        );
      }
      return { totalHits: 0, resetTime: new Date(Date.now() + this.windowMs) };
    }
  }

  async decrement(key: string): Promise<void> {
    await this.redis.decr(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

export interface LimitSettings {
  keyPrefix: string;
  apiPerMinute: number;
  authPer15Minutes: number;
}

export function createRateLimiters(redis: Redis, settings: LimitSettings, logger: Pick<Logger, 'warn'>) {
  const limiter = (name: string, windowMs: number, limit: number): RequestHandler =>
    rateLimit({
      windowMs,
      limit,
      store: new RedisWindowStore(redis, `${settings.keyPrefix}rl:${name}:`, logger),
      // Zero hits is how the store says "not counted" while Redis is away; not an error to report.
      validate: { positiveHits: false },
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) =>
        next(new AppError('RATE_LIMITED', 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.')),
    });
  return {
    api: limiter('api', 60_000, settings.apiPerMinute),
    tiers: { auth: limiter('auth', 15 * 60_000, settings.authPer15Minutes) } satisfies Record<
      RateLimitTier,
      RequestHandler
    >,
  };
}
