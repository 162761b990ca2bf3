import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import mongoose, { Schema, Types } from 'mongoose';
import pino from 'pino';
import { QUEUES } from '../../shared/jobs';
import { startTestApp, testServiceUrls, waitForRedis, type TestApp } from '../../test/helpers/app';
import { bullPrefix, JobQueues } from './jobs';
import {
  appendToOutbox,
  defineOutbox,
  OutboxRelay,
  outboxPlugin,
  toJob,
  withOutbox,
  type OutboxEntry,
  type OutboxFields,
} from './outbox';
import { createRedis } from './redis';

/**
 * The relay on its own, over a throwaway collection: the notices queue stands in for any queue (no worker
 * consumes it here, so the jobs stay where the relay put them).
 */
const probeSchema = new Schema({ label: String, version: { type: Number, default: 0 } });
probeSchema.plugin(outboxPlugin);
const ProbeModel = mongoose.model('OutboxProbe', probeSchema);
const probes = defineOutbox('probes', ProbeModel, { 'probe.happened': toJob('notices', 'deliver-notice') });

let t: TestApp;
let queue: Queue;
const lines: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
);
const relays: OutboxRelay[] = [];
const queueSets: JobQueues[] = [];

beforeAll(async () => {
  t = await startTestApp();
  queue = new Queue(QUEUES.notices, { connection: t.redis, prefix: bullPrefix(t.config.REDIS_KEY_PREFIX) });
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await ProbeModel.deleteMany({});
  await queue.obliterate({ force: true });
  lines.length = 0;
});
afterAll(async () => {
  await Promise.all(queueSets.map((jobs) => jobs.close()));
  await queue.close();
  await t.close();
});

function relayOn(redis = t.redis, options: { batchSize?: number; intervalMs?: number } = {}) {
  const jobs = new JobQueues(redis, bullPrefix(t.config.REDIS_KEY_PREFIX));
  queueSets.push(jobs);
  const relay = new OutboxRelay({ sources: [probes.source], jobs, logger, intervalMs: 50, ...options });
  relays.push(relay);
  return relay;
}

const event = () =>
  probes.event('probe.happened', {
    version: 1,
    notificationId: String(new Types.ObjectId()),
    organisationId: String(new Types.ObjectId()),
  });

type ProbeDoc = { label: string; version: number } & OutboxFields;

async function stored(id: unknown) {
  return (await ProbeModel.findById(id).lean<ProbeDoc>())!;
}

it('adds one job per pending entry with the entry id as job id, marks it, and then finds nothing', async () => {
  const [first, second, third] = [event(), event(), event()];
  const created = await ProbeModel.create({ label: 'created with two', ...withOutbox([first, second]) });
  const changed = await ProbeModel.create({ label: 'changed later' });
  // The change and its event in one update, the change's own $inc kept.
  await ProbeModel.updateOne(
    { _id: changed._id, version: 0 },
    appendToOutbox({ $set: { label: 'changed' }, $inc: { version: 1 } }, [third]),
  );
  await ProbeModel.create({ label: 'no events' });
  expect(await stored(changed._id)).toMatchObject({ label: 'changed', version: 1, outboxPending: 1 });

  const relay = relayOn();
  expect(await relay.publishPending()).toBe(3);
  for (const entry of [first, second, third]) {
    const job = await queue.getJob(entry.id);
    expect({ name: job?.name, data: job?.data }).toEqual({ name: 'deliver-notice', data: entry.payload });
  }
  for (const id of [created._id, changed._id]) {
    const doc = await stored(id);
    expect(doc.outboxPending).toBe(0);
    expect(doc.outbox.every((entry: OutboxEntry) => entry.publishedAt instanceof Date)).toBe(true);
  }
  expect(await relay.publishPending()).toBe(0);
  expect(await queue.getJobCountByTypes('waiting')).toBe(3);
});

it('two relays at once, or a crash between adding and marking, still make one job per entry', async () => {
  const entries = Array.from({ length: 6 }, event);
  await Promise.all(entries.map((entry, i) => ProbeModel.create({ label: `p${i}`, ...withOutbox([entry]) })));

  // Two worker processes polling the same collection: every entry is marked by exactly one of them.
  const marked = await Promise.all([relayOn().publishPending(), relayOn().publishPending()]);
  expect(marked[0] + marked[1]).toBe(6);
  expect(await queue.getJobCountByTypes('waiting')).toBe(6);

  // A relay that died after adding the job but before marking leaves the entry pending: the next pass
  // adds the same job id again, which BullMQ ignores.
  const doc = await ProbeModel.findOne({ label: 'p0' }).lean();
  await ProbeModel.updateOne(
    { _id: doc!._id },
    { $set: { 'outbox.0.publishedAt': null }, $inc: { outboxPending: 1 } },
  );
  expect(await relayOn().publishPending()).toBe(1);
  expect(await queue.getJobCountByTypes('waiting')).toBe(6);
  expect((await stored(doc!._id)).outboxPending).toBe(0);
});

it('keeps entries pending while Redis is away, says so once, and publishes them when it is back', async () => {
  // A producer whose Redis connection is gone (the delivery tests stop a real redis-server instead).
  const lostRedis = createRedis(testServiceUrls().redis);
  await waitForRedis(lostRedis);
  lostRedis.disconnect();
  const entries = [event(), event()];
  for (const entry of entries) await ProbeModel.create({ label: 'during outage', ...withOutbox([entry]) });

  const away = relayOn(lostRedis);
  await expect(away.publishPending()).rejects.toThrow(/redis/);
  away.start();
  await new Promise((resolve) => setTimeout(resolve, 400));
  await away.stop();
  expect(lines.filter((line) => line.includes('outbox relay paused'))).toHaveLength(1);
  expect(await ProbeModel.countDocuments({ outboxPending: 1 })).toBe(2);

  const back = relayOn();
  back.start();
  await waitFor(async () => (await ProbeModel.countDocuments({ outboxPending: 0 })) === 2);
  for (const entry of entries) expect(await queue.getJob(entry.id)).toBeDefined();
});

it('works through a backlog larger than one batch without waiting for the next interval', async () => {
  await ProbeModel.insertMany(
    Array.from({ length: 7 }, (_, i) => ({ label: `b${i}`, ...withOutbox([event()]) })),
  );
  // Three passes are needed; the next interval would be a minute away.
  const relay = relayOn(t.redis, { batchSize: 3, intervalMs: 60_000 });
  relay.start();
  await waitFor(async () => (await ProbeModel.countDocuments({ outboxPending: 0 })) === 7, 3_000);
  expect(await queue.getJobCountByTypes('waiting')).toBe(7);
});

it('reports an entry it cannot route once, leaves it pending, and publishes the others', async () => {
  const stray = { ...event(), type: 'probe.renamed' };
  await ProbeModel.create({ label: 'stray', ...withOutbox([stray]) });
  const good = event();
  await ProbeModel.create({ label: 'good', ...withOutbox([good]) });

  const relay = relayOn();
  expect(await relay.publishPending()).toBe(1);
  expect(await relay.publishPending()).toBe(0);
  expect(lines.filter((line) => line.includes('cannot be published'))).toHaveLength(1);
  expect(await queue.getJob(stray.id)).toBeUndefined();
  expect((await ProbeModel.findOne({ label: 'stray' }).lean<ProbeDoc>())!.outboxPending).toBe(1);
});

it('refuses to make an event whose payload the job would refuse', () => {
  expect(() =>
    probes.event('probe.happened', { version: 1, notificationId: 'x', organisationId: 'y' }),
  ).toThrow();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
