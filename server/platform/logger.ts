import pino, { type Logger } from 'pino';

/** Paths never written to logs: credentials, session cookies, storage secrets, anything like a password. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  // Object storage keys: the config as a whole, or the SDK's credentials object.
  'S3_SECRET_ACCESS_KEY',
  '*.S3_SECRET_ACCESS_KEY',
  '*.secretAccessKey',
  // Notice channels: the SMTP password (config, or nodemailer's auth object) and the WhatsApp token.
  'SMTP_PASS',
  '*.SMTP_PASS',
  '*.auth.pass',
  'WHATSAPP_TOKEN',
  '*.WHATSAPP_TOKEN',
  // Payments: the Stripe keys, an intent's client secret (lets whoever holds it confirm the payment), and
  // a webhook's signature header (replayable within the tolerance window).
  'STRIPE_SECRET_KEY',
  '*.STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  '*.STRIPE_WEBHOOK_SECRET',
  '*.clientSecret',
  'req.headers["stripe-signature"]',
];

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** mongodb://user:secret@host → mongodb://user:***@host, for the boot line that says where we connect. */
export function withoutCredentials(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
