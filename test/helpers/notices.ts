import { Worker } from 'bullmq';
import pino, { type Logger } from 'pino';
import { QUEUES } from '../../shared/jobs';
import { noticeOutbox, type NoticeSenders } from '../../server/modules/notifications';
import { bullPrefix, JobQueues } from '../../server/platform/jobs';
import { OutboxRelay } from '../../server/platform/outbox';
import { createRedis, createWorkerRedis } from '../../server/platform/redis';
import { noticesProcessor } from '../../workers/processors/notices';
import type { Inbox } from '../../scripts/inbox/inbox';
import type { TestApp } from './app';

/** Configuration pointing the app's notice channels at a local inbox; links are made from PUBLIC_URL. */
export function inboxEnv(inbox: Inbox): Record<string, string> {
  return {
    PUBLIC_URL: 'https://pasar.example.id',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(inbox.smtpPort),
    SMTP_FROM: 'Pasar UMKM <pemberitahuan@pasar.example.id>',
    WHATSAPP_API_URL: inbox.url,
    WHATSAPP_PHONE_NUMBER_ID: inbox.phoneNumberId,
    WHATSAPP_TOKEN: inbox.token,
  };
}

/**
 * What a worker process runs for notices, in this process: the outbox relay (on a fail-fast producer
 * connection) and a BullMQ worker on the notices queue, on the test app's key prefix.
 */
export function startNoticePipeline(
  t: TestApp,
  senders: NoticeSenders,
  options: { redisUrl?: string; logger?: Logger } = {},
) {
  const url = options.redisUrl ?? t.config.REDIS_URL;
  const producer = createRedis(url);
  const consumer = createWorkerRedis(url);
  for (const client of [producer, consumer]) client.on('error', () => undefined);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  const jobs = new JobQueues(producer, prefix);
  const relay = new OutboxRelay({
    sources: [noticeOutbox.source],
    jobs,
    logger: options.logger ?? pino({ level: 'silent' }),
    intervalMs: 100,
  });
  const worker = new Worker(QUEUES.notices, noticesProcessor({ notices: senders }), {
    connection: consumer,
    prefix,
  });
  // While Redis is away the worker reports connection errors; the test asserts on outcomes instead.
  worker.on('error', () => undefined);
  relay.start();
  return {
    async stop() {
      await relay.stop();
      await worker.close();
      await jobs.close();
      producer.disconnect();
      consumer.disconnect();
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
