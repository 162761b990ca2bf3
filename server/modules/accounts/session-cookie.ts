import { parse as parseCookie } from 'cookie';
import type { RequestHandler, Response } from 'express';
import type { AccountsSettings } from './accounts.settings';
import type { IssuedSession } from './sessions.service';
import { resolveActor } from './sessions.service';

export const SESSION_COOKIE = 'pasar_sid';

export function setSessionCookie(res: Response, session: IssuedSession, settings: AccountsSettings): void {
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.cookieSecure,
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(res: Response, settings: AccountsSettings): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.cookieSecure,
    path: '/',
  });
}

/** Puts the caller (or null) on `req.actor` for the route guard; a dead cookie is simply anonymous. */
export function authenticate(settings: AccountsSettings): RequestHandler {
  return async (req, _res, next) => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    req.actor =
      typeof token === 'string' && token.length <= 100
        ? await resolveActor(token, settings.sessionTtlHours)
        : null;
    next();
  };
}

/** The same resolution for Socket.IO handshakes, which carry the cookie header but pass no express. */
export function actorFromCookieHeader(settings: AccountsSettings) {
  return async (cookieHeader: string | undefined) => {
    const token = cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
    return token && token.length <= 100 ? resolveActor(token, settings.sessionTtlHours) : null;
  };
}
