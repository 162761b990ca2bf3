import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { z } from 'zod';
import { JOBS } from '../../shared/jobs';
import type { JobQueues } from '../../server/platform/jobs';
import {
  handleOrderEvent,
  remindNotShipped,
  remindUnanswered,
  type OrderTiming,
} from '../../server/modules/orders';

function parse<S extends z.ZodType>(schema: S, job: Job): z.output<S> {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
  return parsed.data;
}

/** Order events from the outbox (notices, follow-ups) and the delayed follow-ups themselves. */
export function ordersProcessor({
  jobs,
  orderTiming,
}: {
  jobs: JobQueues;
  orderTiming: OrderTiming;
}): Processor {
  return async (job: Job) => {
    switch (job.name) {
      case 'order-event':
        return handleOrderEvent(parse(JOBS.orders['order-event'], job), jobs, orderTiming);
      case 'order-unanswered':
        return remindUnanswered(parse(JOBS.orders['order-unanswered'], job));
      case 'order-not-shipped':
        return remindNotShipped(parse(JOBS.orders['order-not-shipped'], job));
      default:
        throw new UnrecoverableError(`unknown orders job ${job.name}`);
    }
  };
}
