import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import pino from 'pino';
import { startInbox, type Inbox } from '../scripts/inbox/inbox';
import { createNoticeSenders, notify, type NoticeSenders } from '../server/modules/notifications';
import { NoticeDeliveryModel } from '../server/modules/notifications/notice-delivery.model';
import { NotificationModel, type NotificationDoc } from '../server/modules/notifications/notification.model';
import { UserModel } from '../server/modules/accounts/user.model';
import { createUser } from '../test/factories';
import { startTestApp, testServiceUrls, type TestApp } from '../test/helpers/app';
import { inboxEnv, startNoticePipeline, waitFor } from '../test/helpers/notices';
import { redisServer } from '../test/helpers/processes';

/**
 * Notices across failures of the machinery itself: Redis stopped while notices are written, and a
 * worker process killed in the middle of a delivery.
 */
let inbox: Inbox;
let t: TestApp;
let senders: NoticeSenders;

beforeAll(async () => {
  inbox = await startInbox();
  t = await startTestApp(inboxEnv(inbox));
  senders = createNoticeSenders(t.config);
});
afterEach(() => {
  inbox.clear();
  inbox.onEmail = null;
});
afterAll(async () => {
  senders.email?.close();
  await t.close();
  await inbox.close();
});

/** An UMKM whose owner and staff member both have e-mail and WhatsApp, and one notice to both. */
async function sellerWithNotice(key: string) {
  const owner = await createUser({ kind: 'umkm', roles: ['owner'] });
  const staff = await createUser({ organisation: owner.organisation, roles: ['staff'] });
  await UserModel.updateOne(
    { _id: staff.user._id, organisationId: staff.organisation._id },
    { $set: { phone: '+6281255556666' } },
  );
  const organisationId = String(owner.organisation._id);
  await notify(organisationId, {
    kind: 'legality.expiring',
    title: `Sertifikat halal berakhir (${key})`,
    body: 'Perbarui sebelum tanggal itu.',
    link: '/usaha/legalitas',
    roles: ['owner', 'staff'],
    dedupeKey: key,
  });
  return { organisationId, owner, staff };
}

function everyDeliverySent(organisationId: string, count: number) {
  return async () => (await NoticeDeliveryModel.countDocuments({ organisationId, state: 'sent' })) === count;
}

it('notices written while Redis is down wait in MongoDB and are delivered once it is back', async () => {
  const redis = await redisServer();
  await redis.start();
  const log: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({ write: (c, _e, done) => (log.push(String(c)), done()) }),
  );
  const pipeline = startNoticePipeline(t, senders, { redisUrl: redis.url, logger });
  try {
    await redis.stop();
    const sellers = [await sellerWithNotice('outage-1'), await sellerWithNotice('outage-2')];
    await waitFor(() => log.some((line) => line.includes('outbox relay paused')), 5_000, 'relay paused');
    for (const { organisationId } of sellers) {
      const notice = await NotificationModel.findOne({ organisationId }).lean<NotificationDoc>();
      expect(notice!.outboxPending).toBe(1);
    }
    expect(inbox.emails()).toEqual([]);

    await redis.start();
    for (const { organisationId } of sellers) {
      await waitFor(everyDeliverySent(organisationId, 4), 30_000, 'deliveries after Redis returned');
    }
    expect(log.some((line) => line.includes('outbox relay resumed'))).toBe(true);
    expect(inbox.emails()).toHaveLength(4);
    expect(inbox.whatsapp()).toHaveLength(4);
    expect([...inbox.emails(), ...inbox.whatsapp()].every((message) => message.copies === 1)).toBe(true);
  } finally {
    await pipeline.stop();
    await redis.stop();
  }
}, 60_000);

const root = path.resolve(__dirname, '..');

/** The real worker entry point as a child process, on this test's database, Redis prefix and inbox. */
function workerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...inboxEnv(inbox),
      NODE_ENV: 'test',
      MONGODB_URI: `${testServiceUrls().mongo}/${mongoose.connection.db!.databaseName}`,
      REDIS_URL: testServiceUrls().redis,
      REDIS_KEY_PREFIX: t.config.REDIS_KEY_PREFIX,
      OUTBOX_POLL_MS: '100',
      LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
  });
}

it('a worker killed in the middle of a notice: after restart, exactly one message per person and channel', async () => {
  const { organisationId } = await sellerWithNotice('killed');
  const first = workerProcess();
  const firstExited = once(first, 'exit');
  // The first e-mail reaches the SMTP server, and the worker dies before it hears "250 OK": it never
  // marks the delivery sent, and has not started the other three.
  let killed = false;
  inbox.onEmail = async () => {
    if (killed) return;
    killed = true;
    first.kill('SIGKILL');
    await firstExited;
  };
  await waitFor(() => killed, 60_000, 'the first worker reached the SMTP server');
  expect(inbox.emails()).toHaveLength(1);
  expect(inbox.whatsapp()).toHaveLength(0);
  expect(await NoticeDeliveryModel.find({ organisationId }).lean()).toEqual([
    expect.objectContaining({ channel: 'email', state: 'sending', attempts: 1 }),
  ]);

  // BullMQ hands the job of a dead worker to a live one once its lock has lapsed (30 s).
  const second = workerProcess();
  try {
    await waitFor(everyDeliverySent(organisationId, 4), 120_000, 'all four deliveries sent');
  } finally {
    const secondExited = once(second, 'exit');
    second.kill('SIGTERM');
    await secondExited;
  }
  const emails = inbox.emails();
  expect(emails).toHaveLength(2);
  // The interrupted mail was handed over again under its Message-ID; the mailbox shows it once.
  expect(emails.map((mail) => mail.copies).sort()).toEqual([1, 2]);
  expect(inbox.whatsapp().map((message) => message.copies)).toEqual([1, 1]);
  const interrupted = await NoticeDeliveryModel.findOne({
    organisationId,
    channel: 'email',
    attempts: 2,
  }).lean();
  expect(interrupted?.state).toBe('sent');
}, 240_000);
