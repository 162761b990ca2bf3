import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { z } from 'zod';
import { JOBS } from '../../shared/jobs';
import type { JobQueues } from '../../server/platform/jobs';
import { expireUnpaidOrder, onOrderEvent, onPaymentEvent } from '../../server/modules/billing';
import type { LedgerSettings } from '../../server/modules/ledger';
import {
  handleOrderEvent,
  remindNotShipped,
  remindUnanswered,
  type OrderTiming,
} from '../../server/modules/orders';
import type { PaymentProvider } from '../../server/modules/payments';
import { announceTodayChanged, applyOrderEventToRollups } from '../../server/modules/reports';

function parse<S extends z.ZodType>(schema: S, job: Job): z.output<S> {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Order events from the outbox (notices, follow-ups, then the money steps), the delayed follow-ups
 * themselves, payment events and the end of payment windows.
 */
export function ordersProcessor({
  jobs,
  orderTiming,
  payments,
  ledger,
}: {
  jobs: JobQueues;
  orderTiming: OrderTiming;
  payments: PaymentProvider;
  ledger: LedgerSettings;
}): Processor {
  const billing = { provider: payments, jobs, ledger };
  return async (job: Job) => {
    switch (job.name) {
      case 'order-event': {
        const event = parse(JOBS.orders['order-event'], job);
        await handleOrderEvent(event, jobs, orderTiming);
        await onOrderEvent(event, billing);
        // Keyed per order, stage and product: a retry after a failure above counts nothing twice.
        await applyOrderEventToRollups(event);
        announceTodayChanged(event.sellerOrganisationId);
        return;
      }
      case 'order-unanswered':
        return remindUnanswered(parse(JOBS.orders['order-unanswered'], job));
      case 'order-not-shipped':
        return remindNotShipped(parse(JOBS.orders['order-not-shipped'], job));
      case 'payment-event':
        return onPaymentEvent(parse(JOBS.orders['payment-event'], job), billing);
      case 'expire-payment':
        return expireUnpaidOrder(parse(JOBS.orders['expire-payment'], job), billing);
      default:
        throw new UnrecoverableError(`unknown orders job ${job.name}`);
    }
  };
}
