import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { JOBS } from '../../shared/jobs';
import { purgeExpiredInvitations, purgeExpiredSessions } from '../../server/modules/accounts';

/** Housekeeping the database would do with TTL indexes on real MongoDB, done explicitly everywhere. */
export async function processMaintenance(job: Job): Promise<{ sessions: number; invitations: number }> {
  if (job.name !== 'purge-expired') throw new UnrecoverableError(`unknown maintenance job ${job.name}`);
  const parsed = JOBS.maintenance['purge-expired'].safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
  const [sessions, invitations] = await Promise.all([purgeExpiredSessions(), purgeExpiredInvitations()]);
  return { sessions, invitations };
}
