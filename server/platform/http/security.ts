import type { RequestHandler } from 'express';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookies are SameSite=Lax, and on top of that a browser's state-changing request must come from our
 * own origin or one on the allow-list. Requests without Origin (curl, server-to-server) pass: they
 * cannot carry a victim's cookie by accident.
 */
export function requireAllowedOrigin(allowList: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const origin = req.get('origin');
    if (SAFE_METHODS.has(req.method) || !origin) return next();
    const sameOrigin = origin === `${req.protocol}://${req.get('host')}`;
    if (sameOrigin || allowList.includes(origin)) return next();
    next(new AppError('ORIGIN_NOT_ALLOWED', 'Permintaan dari situs lain ditolak.'));
  };
}
