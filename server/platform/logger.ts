import pino, { type Logger } from 'pino';

/** Paths never written to logs: credentials, session cookies and anything that looks like a password. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
];

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** mongodb://user:secret@host → mongodb://user:***@host, for the boot line that says where we connect. */
export function withoutCredentials(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
