import { Queue, QueueEvents, Worker } from 'bullmq';
import { Types } from 'mongoose';
import { QUEUES } from '../shared/jobs';
import { createWorkerRedis } from '../server/platform/redis';
import { SessionModel } from '../server/modules/accounts/session.model';
import { InvitationModel } from '../server/modules/accounts/invitation.model';
import { OrderPlacementModel } from '../server/modules/orders/order.models';
import { ProviderEventModel } from '../server/modules/payments/payment.models';
import { createUser } from '../test/factories';
import { startTestApp, testServiceUrls, type TestApp } from '../test/helpers/app';
import { maintenanceProcessor } from './processors/maintenance';
import { scheduleRepeatableJobs } from './schedule';

let t: TestApp;
const connection = () => createWorkerRedis(testServiceUrls().redis);
let prefix: string;
beforeAll(async () => {
  t = await startTestApp();
  prefix = `${t.config.REDIS_KEY_PREFIX}bull`;
});
afterAll(() => t.close());

it('purges expired sessions, invitations and finished checkout keys through a real BullMQ worker, keeping live ones', async () => {
  const { user, organisation } = await createUser();
  const past = new Date(Date.now() - 60_000);
  const future = new Date(Date.now() + 3_600_000);
  const session = (id: string, expiresAt: Date) => ({
    _id: id,
    userId: user._id,
    organisationId: organisation._id,
    expiresAt,
    lastSeenAt: past,
  });
  await SessionModel.create([session('expired', past), session('live', future)]);
  const invitation = (tokenHash: string, expiresAt: Date) => ({
    organisationId: organisation._id,
    email: `${tokenHash}@contoh.id`,
    roles: ['purchaser' as const],
    tokenHash,
    invitedByUserId: new Types.ObjectId(),
    invitedByName: 'Admin',
    expiresAt,
  });
  await InvitationModel.create([invitation('old', past), invitation('new', future)]);
  // Checkout keys: a finished one past its day goes; an unfinished one stays for its takeover.
  const placement = (key: string, state: 'done' | 'processing', expiresAt: Date) => ({
    organisationId: organisation._id,
    key,
    requestHash: 'h',
    state,
    orderId: new Types.ObjectId(),
    heartbeatAt: past,
    expiresAt,
  });
  await OrderPlacementModel.create([
    placement('old-done', 'done', past),
    placement('old-processing', 'processing', past),
    placement('new-done', 'done', future),
  ]);

  // Provider events: a handled one older than 30 days goes; an unhandled old one and a recent one stay.
  const longAgo = new Date(Date.now() - 31 * 86_400_000);
  const providerEvent = (eventId: string, receivedAt: Date, processedAt: Date | null) => ({
    provider: 'stripe' as const,
    eventId,
    type: 'payment.succeeded' as const,
    providerType: 'payment_intent.succeeded',
    objectId: 'pi_x',
    handling: 'queued' as const,
    receivedAt,
    processedAt,
    outbox: [],
    outboxPending: 0,
  });
  await ProviderEventModel.create([
    providerEvent('evt_old_done', longAgo, longAgo),
    providerEvent('evt_old_unhandled', longAgo, null),
    providerEvent('evt_recent', past, past),
  ]);

  const [producer, consumer, events] = [connection(), connection(), connection()];
  const queue = new Queue(QUEUES.maintenance, { connection: producer, prefix });
  const queueEvents = new QueueEvents(QUEUES.maintenance, { connection: events, prefix });
  const worker = new Worker(QUEUES.maintenance, maintenanceProcessor(), { connection: consumer, prefix });
  try {
    await queueEvents.waitUntilReady();
    const job = await queue.add('purge-expired', { version: 1 }, { jobId: 'purge-test' });
    const result = await job.waitUntilFinished(queueEvents, 15_000);
    // The unfinished one went silent a minute ago: its buyer's retry, not the sweep, deals with it.
    expect(result).toEqual({
      sessions: 1,
      invitations: 1,
      placements: 1,
      abandonedCheckouts: 0,
      consignmentSteps: 0,
      providerEvents: 1,
    });
    const kept = await ProviderEventModel.find().lean();
    expect(kept.map((event) => event.eventId).sort()).toEqual(['evt_old_unhandled', 'evt_recent']);
    const keys = await OrderPlacementModel.find({ organisationId: organisation._id }).lean();
    expect(keys.map((k) => k.key).sort()).toEqual(['new-done', 'old-processing']);
    expect((await SessionModel.find().lean()).map((s) => s._id)).toEqual(['live']);
    expect(await InvitationModel.countDocuments({ organisationId: organisation._id })).toBe(1);

    const bad = await queue.add('purge-expired', { version: 2 });
    await expect(bad.waitUntilFinished(queueEvents, 15_000)).rejects.toThrow(/bad payload/);
    expect(await bad.getState()).toBe('failed');
  } finally {
    await worker.close();
    await queueEvents.close();
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
    events.disconnect();
  }
});

it('schedules the hourly purge and the daily legality sweep (00:05 WIB) once, however many workers start', async () => {
  const redis = connection();
  try {
    await scheduleRepeatableJobs(redis, prefix);
    await scheduleRepeatableJobs(redis, prefix);
    const queue = new Queue(QUEUES.maintenance, { connection: redis, prefix });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every ?? null, s.pattern ?? null, s.tz ?? null]).sort()).toEqual([
      ['legality-sweep-daily', null, '5 0 * * *', 'Asia/Jakarta'],
      ['purge-expired-hourly', 3_600_000, null, null],
    ]);
    await queue.close();
  } finally {
    redis.disconnect();
  }
});
