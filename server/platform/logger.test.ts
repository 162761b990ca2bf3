import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../config/env';
import { REDACTED_PATHS } from './logger';

it('never writes the SMTP password or the WhatsApp token, in the config or in a transport', () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  const config = loadConfig({
    MONGODB_URI: 'mongodb://127.0.0.1:27017/pasar',
    REDIS_URL: 'redis://127.0.0.1:6379',
    SMTP_HOST: 'smtp.example.id',
    SMTP_FROM: 'Pasar UMKM <pemberitahuan@example.id>',
    SMTP_USER: 'pasar',
    SMTP_PASS: 'smtp-rahasia-123',
    WHATSAPP_PHONE_NUMBER_ID: '1234567890',
    WHATSAPP_TOKEN: 'EAAG-token-rahasia',
  });
  logger.info(config, 'config');
  logger.info({ config }, 'nested');
  logger.info({ transport: { host: config.SMTP_HOST, auth: { user: 'pasar', pass: 'smtp-rahasia-123' } } });
  const log = lines.join('');
  expect(log).toContain('smtp.example.id');
  expect(log).not.toContain('smtp-rahasia-123');
  expect(log).not.toContain('EAAG-token-rahasia');
});
