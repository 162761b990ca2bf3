import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Actor } from './http/route';

export type ActorFromCookies = (cookieHeader: string | undefined) => Promise<Actor | null>;

/** Rooms are derived by the server from the session, never chosen by the client. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  organisation: (organisationId: string) => `org:${organisationId}`,
};

export function attachRealtime(
  httpServer: HttpServer,
  options: { actorFromCookies: ActorFromCookies; corsOrigins: string[] },
) {
  const io = new Server(httpServer, {
    cors: { origin: options.corsOrigins, credentials: true },
    serveClient: false,
  });
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
    void socket.join([rooms.user(actor.userId), rooms.organisation(actor.organisationId)]);
  });
  return io;
}
