import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Actor } from './http/route';

export type ActorFromCookies = (cookieHeader: string | undefined) => Promise<Actor | null>;

/** Rooms are derived by the server from the session, never chosen by the client. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  organisation: (organisationId: string) => `org:${organisationId}`,
  /** Every signed-in member of Dinkop: curators' queues, analysts' live counters. */
  dinkop: () => 'dinkop',
};

/** The Redis channel prefix shared by the API's adapter and every publisher (API or worker). */
const channelKey = (redisKeyPrefix: string) => `${redisKeyPrefix}socket.io`;

export function attachRealtime(
  httpServer: HttpServer,
  options: {
    actorFromCookies: ActorFromCookies;
    corsOrigins: string[];
    /** With Redis, events published by any process (workers, other API instances) reach these sockets. */
    redis?: { client: Redis; keyPrefix: string };
  },
) {
  const io = new Server(httpServer, {
    cors: { origin: options.corsOrigins, credentials: true },
    serveClient: false,
  });
  if (options.redis) {
    // The subscriber must subscribe before it is connected and resubscribe after an outage: queue commands.
    const resilient = { enableOfflineQueue: true, maxRetriesPerRequest: null };
    const pub = options.redis.client.duplicate(resilient);
    const sub = options.redis.client.duplicate(resilient);
    // The API's own Redis client already logs an outage; these two would only repeat it.
    for (const client of [pub, sub]) client.on('error', () => undefined);
    io.adapter(createAdapter(pub, sub, { key: channelKey(options.redis.keyPrefix) }));
    const close = io.close.bind(io);
    io.close = async (fn) => {
      await close(fn);
      // A stop right after start finds the (un)subscriptions still queued: let them reach Redis first,
      // or ioredis rejects them unhandled when the connection closes.
      await Promise.all([settled(pub), settled(sub)]);
      await Promise.allSettled([pub.quit(), sub.quit()]);
    };
  }
  io.use(async (socket, next) => {
    try {
      const actor = await options.actorFromCookies(socket.handshake.headers.cookie);
      if (!actor) return next(new Error('UNAUTHENTICATED'));
      socket.data.actor = actor;
      next();
    } catch (error) {
      next(error as Error);
    }
  });
  io.on('connection', (socket) => {
    const actor = socket.data.actor as Actor;
    const joined = [rooms.user(actor.userId), rooms.organisation(actor.organisationId)];
    if (actor.organisationKind === 'dinkop') joined.push(rooms.dinkop());
    void socket.join(joined);
  });
  return io;
}

/** Resolves once the client is connected (or has given up), at most after two seconds. */
function settled(client: Redis): Promise<void> {
  if (client.status === 'ready' || client.status === 'end') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve();
    client.once('ready', done);
    client.once('end', done);
    setTimeout(done, 2_000).unref();
  });
}

/**
 * Sends an event to rooms from any process through Redis pub/sub. Live updates are a courtesy on top of
 * data already saved, so a Redis outage is logged and never fails the change that caused the event.
 */
export class RealtimePublisher {
  private readonly emitter: Emitter;

  constructor(
    client: Redis,
    keyPrefix: string,
    private readonly logger?: Logger,
  ) {
    // The emitter only publishes, and drops the promise: catch here, or an outage is an unhandled rejection.
    const publishOnly = {
      publish: (channel: string, message: string | Buffer) =>
        client.publish(channel, message).catch((error: unknown) => {
          this.logger?.warn({ err: error }, 'realtime publish failed');
          return 0;
        }),
    };
    this.emitter = new Emitter(publishOnly, { key: channelKey(keyPrefix) });
  }

  publish(roomNames: string[], event: string, payload: unknown): void {
    if (roomNames.length === 0) return;
    try {
      this.emitter.to(roomNames).emit(event, payload);
    } catch (error) {
      this.logger?.warn({ err: error, event }, 'realtime publish failed');
    }
  }
}

let publisher: RealtimePublisher | null = null;

/** Set once per process at boot (API, worker, test app); services publish through `publishLive`. */
export function configureRealtime(instance: RealtimePublisher | null): void {
  publisher = instance;
}

export function publishLive(roomNames: string[], event: string, payload: unknown): void {
  if (!publisher) throw new Error('realtime publisher not configured: call configureRealtime at boot');
  publisher.publish(roomNames, event, payload);
}
