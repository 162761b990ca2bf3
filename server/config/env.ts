import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Every setting the processes read. `.env.example` mirrors this schema, one comment per key. */
export const ZConfig = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  REDIS_KEY_PREFIX: z.string().max(40).default('pasar:'),
  CORS_ORIGINS: commaList.default([]),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  COOKIE_SECURE: booleanFlag.optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24 * 7),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  AUTH_RATE_LIMIT_PER_15_MIN: z.coerce.number().int().min(1).default(20),
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(100),
  SERVE_CLIENT: booleanFlag.default(true),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  STORAGE_DIR: z.string().min(1).default('.data/uploads'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  ORDER_REMINDER_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 14)
    .default(24),
  ORDER_ESCALATION_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(48),
  ONLINE_PAYMENT_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(24 * 60),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  SMTP_FROM: z
    .string()
    .regex(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address, e.g. Pasar UMKM <noreply@example.id>')
    .optional(),
  WHATSAPP_API_URL: z.url().default('https://graph.facebook.com'),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  WHATSAPP_TOKEN: z.string().min(1).optional(),
  WHATSAPP_TEMPLATE: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, 'a template name: lower-case letters, digits, _')
    .default('pemberitahuan_pasar_umkm'),
  // Payments. The defaults point at stripe-mock (scripts/services starts it on 12111) with test keys, so no
  // local run or test ever reaches Stripe; production sets https://api.stripe.com and its own keys.
  STRIPE_API_URL: z
    .url()
    .regex(/^https?:\/\/[^/]+\/?$/, 'scheme, host and port only, e.g. https://api.stripe.com')
    .default('http://127.0.0.1:12111'),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret or restricted key (sk_test_…, sk_live_…)')
    .default('sk_test_stripemock'),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, 'a Stripe publishable key (pk_test_…, pk_live_…)')
    .default('pk_test_stripemock'),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "the webhook endpoint's signing secret (whsec_…)")
    .default('whsec_local_stripemock'),
  // Printed on tempo invoices: how to pay (the platform's account); unset: a general sentence in code.
  INVOICE_PAYMENT_INSTRUCTIONS: z.string().trim().min(10).max(500).optional(),
  // Kept out of the seller's money on each paid seller order; two decimals at most (basis points).
  PLATFORM_FEE_PERCENT: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage with at most two decimals, e.g. 2.5')
    .transform(Number)
    .pipe(z.number().min(0).max(100, 'at most 100'))
    .default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** What STORAGE_DRIVER=s3 cannot start without (credentials are never looked for elsewhere). */
const S3_REQUIRED = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
/** A notice channel is off until its first variable is set; then it needs these (key → what needs it). */
const NOTICE_CHANNEL_REQUIRED = [
  ['SMTP_FROM', 'SMTP_HOST'],
  ['SMTP_PASS', 'SMTP_USER'],
  ['SMTP_USER', 'SMTP_PASS'],
  ['WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'],
] as const;
const ZCheckedConfig = ZConfig.superRefine((config, ctx) => {
  for (const [key, when] of NOTICE_CHANNEL_REQUIRED) {
    if (config[when] && !config[key])
      ctx.addIssue({ code: 'custom', path: [key], message: `required when ${when} is set` });
  }
  if (config.STORAGE_DRIVER !== 's3') return;
  for (const key of S3_REQUIRED) {
    if (!config[key])
      ctx.addIssue({ code: 'custom', path: [key], message: 'required when STORAGE_DRIVER=s3' });
  }
});

export type Config = z.infer<typeof ZConfig> & { COOKIE_SECURE: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Fails fast with every problem at once, naming the variable, so a bad deploy stops at boot. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(ZConfig.shape).flatMap((key) =>
      env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]],
    ),
  );
  const parsed = ZCheckedConfig.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = parsed.data;
  return { ...config, COOKIE_SECURE: config.COOKIE_SECURE ?? config.NODE_ENV === 'production' };
}
