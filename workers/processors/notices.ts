import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { JOBS } from '../../shared/jobs';
import { deliverNotice, type NoticeSenders } from '../../server/modules/notifications';

/** A stored notice by e-mail and WhatsApp; a failed send is retried with backoff, a bad payload is not. */
export function noticesProcessor({ notices }: { notices: NoticeSenders }): Processor {
  return async (job: Job) => {
    if (job.name !== 'deliver-notice') throw new UnrecoverableError(`unknown notices job ${job.name}`);
    const parsed = JOBS.notices['deliver-notice'].safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
    return deliverNotice(parsed.data, notices);
  };
}
