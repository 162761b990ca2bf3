import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { JOBS } from '../../shared/jobs';
import {
  isPermanentProviderError,
  processProviderEvent,
  type PaymentProvider,
} from '../../server/modules/payments';

/**
 * Verified webhook events: re-read from the provider, then applied. A provider that cannot be reached
 * is retried with backoff; one that refuses, or answers with what we cannot use, is not.
 */
export function paymentsProcessor({ payments }: { payments: PaymentProvider }): Processor {
  return async (job: Job) => {
    if (job.name !== 'provider-event') throw new UnrecoverableError(`unknown payments job ${job.name}`);
    const parsed = JOBS.payments['provider-event'].safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
    try {
      return await processProviderEvent(parsed.data, payments);
    } catch (error) {
      if (isPermanentProviderError(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  };
}
