import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { JOBS } from '../../shared/jobs';
import { forwardDisplaySale } from '../../server/modules/consignment';

/** Display sales (galeri, pojok) into the sales rollups, from the DisplaySale outbox. */
export function consignmentProcessor(): Processor {
  return async (job: Job) => {
    if (job.name !== 'display-sale') throw new UnrecoverableError(`unknown consignment job ${job.name}`);
    const parsed = JOBS.consignment['display-sale'].safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
    return { sale: parsed.data.saleId, result: await forwardDisplaySale(parsed.data) };
  };
}
