import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { z } from 'zod';
import { JOBS } from '../../shared/jobs';
import type { JobQueues } from '../../server/platform/jobs';
import { onInvoiceEvent } from '../../server/modules/billing';
import type { LedgerSettings } from '../../server/modules/ledger';
import {
  handleInvoiceEvent,
  issueInvoice,
  remindInvoice,
  renderInvoicePdfJob,
  type InvoiceDeps,
} from '../../server/modules/invoices';

function parse<S extends z.ZodType>(schema: S, job: Job): z.output<S> {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Issuing on acceptance, invoice events (PDF, reminders scheduled; once paid, the credit line and the
 * seller's ledger), PDFs and the reminders themselves.
 */
export function invoicesProcessor({
  jobs,
  invoices,
  ledger,
}: {
  jobs: JobQueues;
  invoices: InvoiceDeps;
  ledger: LedgerSettings;
}): Processor {
  return async (job: Job) => {
    switch (job.name) {
      case 'issue-invoice': {
        const { sellerOrderId, sellerOrganisationId } = parse(JOBS.invoices['issue-invoice'], job);
        const invoice = await issueInvoice(sellerOrderId, sellerOrganisationId);
        return { invoiceId: invoice ? String(invoice._id) : null, number: invoice?.number ?? null };
      }
      case 'invoice-event': {
        const event = parse(JOBS.invoices['invoice-event'], job);
        await handleInvoiceEvent(event, jobs);
        return onInvoiceEvent(event, { ledger });
      }
      case 'render-invoice-pdf':
        return renderInvoicePdfJob(parse(JOBS.invoices['render-invoice-pdf'], job), invoices);
      case 'invoice-reminder':
        return remindInvoice(parse(JOBS.invoices['invoice-reminder'], job));
      default:
        throw new UnrecoverableError(`unknown invoices job ${job.name}`);
    }
  };
}
