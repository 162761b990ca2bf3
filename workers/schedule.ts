import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '../shared/jobs';

/** Repeatable jobs, upserted by id at every worker start: restarting or scaling out never duplicates them. */
export async function scheduleRepeatableJobs(connection: Redis, prefix: string): Promise<void> {
  const maintenance = new Queue(QUEUES.maintenance, { connection, prefix });
  await maintenance.upsertJobScheduler(
    'purge-expired-hourly',
    { every: 60 * 60 * 1000 },
    { name: 'purge-expired', data: { version: 1 }, opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );
  await maintenance.close();
}
