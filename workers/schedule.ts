import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { WIB_TIME_ZONE } from '../shared/time';
import { QUEUES } from '../shared/jobs';

/** Repeatable jobs, upserted by id at every worker start: restarting or scaling out never duplicates them. */
export async function scheduleRepeatableJobs(connection: Redis, prefix: string): Promise<void> {
  const maintenance = new Queue(QUEUES.maintenance, { connection, prefix });
  const keep = { removeOnComplete: 100, removeOnFail: 500 };
  await maintenance.upsertJobScheduler(
    'purge-expired-hourly',
    { every: 60 * 60 * 1000 },
    { name: 'purge-expired', data: { version: 1 }, opts: keep },
  );
  // Just after midnight in Jakarta: a document valid "until 1 May" is off sale from 2 May 00:05 WIB.
  await maintenance.upsertJobScheduler(
    'legality-sweep-daily',
    { pattern: '5 0 * * *', tz: WIB_TIME_ZONE },
    {
      name: 'legality-sweep',
      data: { version: 1 },
      opts: { ...keep, attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
    },
  );
  await maintenance.close();
}
