import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';

const LiveContext = createContext<Socket | null>(null);

/**
 * One socket per signed-in tab. The server authenticates it with the session cookie and chooses its
 * rooms; the client only listens. It closes when the signed-in part of the app unmounts (sign-out).
 */
export function LiveProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    const connection = io({ path: '/socket.io', withCredentials: true, transports: ['websocket'] });
    setSocket(connection);
    return () => {
      connection.close();
      setSocket(null);
    };
  }, [userId]);
  return <LiveContext.Provider value={socket}>{children}</LiveContext.Provider>;
}

/** Calls `onEvent` for each `event` the server pushes; also after reconnecting, via `onReconnect`. */
export function useLiveEvent(event: string, onEvent: (payload: unknown) => void, onReconnect?: () => void) {
  const socket = useContext(LiveContext);
  useEffect(() => {
    if (!socket) return;
    socket.on(event, onEvent);
    // Events sent while the connection was down are lost: the caller refetches instead.
    if (onReconnect) socket.io.on('reconnect', onReconnect);
    return () => {
      socket.off(event, onEvent);
      if (onReconnect) socket.io.off('reconnect', onReconnect);
    };
  }, [socket, event, onEvent, onReconnect]);
}
