import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../config/env';
import { REDACTED_PATHS } from '../../platform/logger';

const minimal = { MONGODB_URI: 'mongodb://127.0.0.1:27017/pasar', REDIS_URL: 'redis://127.0.0.1:6379' };
const STRIPE_KEYS = [
  'STRIPE_API_URL',
  'STRIPE_SECRET_KEY',
  'STRIPE_PUBLISHABLE_KEY',
  'STRIPE_WEBHOOK_SECRET',
];

describe('payments configuration', () => {
  it('defaults to stripe-mock with test keys, as .env.example documents', () => {
    const example = Object.fromEntries(
      readFileSync(path.join(__dirname, '../../../.env.example'), 'utf8')
        .split('\n')
        .flatMap((line) => {
          const match = /^(STRIPE_\w+)=(.*)$/.exec(line);
          return match ? [[match[1]!, match[2]!]] : [];
        }),
    );
    const config = loadConfig(minimal);
    expect(Object.keys(example).sort()).toEqual([...STRIPE_KEYS].sort());
    for (const key of STRIPE_KEYS) expect(config[key as keyof typeof config]).toBe(example[key]);
    expect(config.STRIPE_SECRET_KEY).toMatch(/^sk_test_/);
    expect(config.STRIPE_API_URL).toBe('http://127.0.0.1:12111');
  });

  it('refuses keys of the wrong kind and an API address with a path, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({
        ...minimal,
        STRIPE_SECRET_KEY: 'pk_live_abc',
        STRIPE_PUBLISHABLE_KEY: 'sk_live_abc',
        STRIPE_WEBHOOK_SECRET: 'secret',
        STRIPE_API_URL: 'https://api.stripe.com/v1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(problems.sort()).toEqual([...STRIPE_KEYS].sort());
  });

  it('never writes the Stripe secrets, a client secret or a webhook signature to the log', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    const config = loadConfig({
      ...minimal,
      STRIPE_SECRET_KEY: 'sk_live_rahasia123',
      STRIPE_WEBHOOK_SECRET: 'whsec_rahasia456',
    });
    logger.info(config, 'config');
    logger.info({ config }, 'nested');
    logger.info({ payment: { clientSecret: 'pi_1_secret_rahasia789' } });
    logger.info({ req: { headers: { 'stripe-signature': 't=1,v1=rahasiaabc' } } });
    const log = lines.join('');
    expect(log).toContain('pk_test_stripemock');
    for (const secret of ['rahasia123', 'rahasia456', 'rahasia789', 'rahasiaabc'])
      expect(log).not.toContain(secret);
  });
});
