import { Queue } from 'bullmq';
import { QUEUES } from '../../shared/jobs';
import { startTestApp, testServiceUrls, waitForRedis, type TestApp } from '../../test/helpers/app';
import { createOrganisation } from '../../test/factories';
import { NotificationModel } from '../modules/notifications/notification.model';
import { notify } from '../modules/notifications';
import { bullPrefix, JobQueues } from './jobs';
import { configureOutboxFastPath, type OutboxFields } from './outbox';
import { createRedis } from './redis';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  configureOutboxFastPath(null);
  await t.close();
});

async function noticeFor(organisationId: string, title: string) {
  await notify(organisationId, { kind: 'product.approved', title, body: '-' });
  return NotificationModel.findOne({ organisationId, title }).lean<OutboxFields & { _id: unknown }>();
}

it('queues an event as it is written when the process can, and leaves it to the relay when it cannot', async () => {
  const organisation = await createOrganisation({ kind: 'umkm' });
  const organisationId = String(organisation._id);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);

  const redis = createRedis(testServiceUrls().redis);
  await waitForRedis(redis);
  const jobs = new JobQueues(redis, prefix);
  configureOutboxFastPath(jobs);
  const fast = await noticeFor(organisationId, 'cepat');
  expect(fast).toMatchObject({ outboxPending: 0 });
  const entry = fast!.outbox[0]!;
  expect(entry.publishedAt).toBeInstanceOf(Date);
  const queue = new Queue(QUEUES.notices, { connection: redis, prefix });
  expect((await queue.getJob(entry.id))?.data).toMatchObject({ notificationId: String(fast!._id) });

  // Redis unreachable for this producer: the write still succeeds and the event waits for the relay.
  const dead = createRedis('redis://127.0.0.1:1');
  dead.on('error', () => undefined);
  configureOutboxFastPath(new JobQueues(dead, prefix));
  const waiting = await noticeFor(organisationId, 'menunggu');
  expect(waiting).toMatchObject({ outboxPending: 1 });
  expect(waiting!.outbox[0]!.publishedAt).toBeNull();

  dead.disconnect();
  await queue.close();
  await jobs.close();
  redis.disconnect();
});
