import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { JOBS } from '../../../shared/jobs';
import { formatRupiah } from '../../../shared/money';
import type { JobQueues } from '../../platform/jobs';
import type { StoragePort } from '../../platform/storage';
import { notify } from '../notifications';
import { InvoiceModel, type InvoiceDoc } from './invoice.models';
import { renderInvoicePdf } from './invoice-pdf';
import { addDays, invoiceForJob } from './invoices.service';

type Payload<N extends keyof (typeof JOBS)['invoices']> = z.output<(typeof JOBS)['invoices'][N]>;
export type ReminderStage = Payload<'invoice-reminder'>['stage'];

export interface InvoiceDeps {
  storage: StoragePort;
  /** Printed on tempo invoices: how to pay (INVOICE_PAYMENT_INSTRUCTIONS). */
  paymentInstructions: string;
}

const DAY_MS = 86_400_000;

/** 09:00 WIB of each stage's day: three days before the due date, on it, and a week after it. */
export const REMINDER_OFFSET_DAYS: Record<ReminderStage, number> = { before_due: -3, due: 0, overdue: 7 };

export function reminderTime(dueDate: string, stage: ReminderStage): Date {
  return new Date(`${addDays(dueDate, REMINDER_OFFSET_DAYS[stage])}T09:00:00+07:00`);
}

export const reminderJobId = (invoiceId: string, stage: ReminderStage) =>
  `invoice-reminder-${invoiceId}-${stage}`;
export const pdfJobId = (invoiceId: string) => `invoice-pdf-${invoiceId}`;

/**
 * An invoice event from the outbox. Issued: its PDF is rendered, and a tempo invoice's reminders are
 * scheduled (fixed job ids: scheduling twice is one job). Paid or credited: nothing to undo here, the
 * reminders look at the status when they fire.
 */
export async function handleInvoiceEvent(
  event: Payload<'invoice-event'>,
  jobs: JobQueues,
  now = new Date(),
): Promise<void> {
  if (event.type !== 'issued') return;
  const invoice = await invoiceForJob(event.invoiceId, event.sellerOrganisationId);
  if (!invoice) return;
  const ids = {
    version: 1 as const,
    invoiceId: event.invoiceId,
    sellerOrganisationId: event.sellerOrganisationId,
  };
  await jobs.enqueue('invoices', 'render-invoice-pdf', ids, { jobId: pdfJobId(event.invoiceId) });
  if (invoice.paymentMethod !== 'tempo' || invoice.status !== 'unpaid' || !invoice.dueDate) return;
  for (const stage of Object.keys(REMINDER_OFFSET_DAYS) as ReminderStage[]) {
    const at = reminderTime(invoice.dueDate, stage).getTime();
    // An event relayed very late: a reminder a whole day past its moment would say the wrong thing.
    if (now.getTime() > at + DAY_MS) continue;
    await jobs.enqueue(
      'invoices',
      'invoice-reminder',
      { ...ids, stage },
      { jobId: reminderJobId(event.invoiceId, stage), delayMs: Math.max(0, at - now.getTime()) },
    );
  }
}

/** Where an invoice's PDF is kept: named by its content, under the seller and the invoice. */
function pdfKey(invoice: Pick<InvoiceDoc, '_id' | 'organisationId'>, pdf: Buffer): string {
  const hash = createHash('sha256').update(pdf).digest('hex');
  return `invoices/${String(invoice.organisationId)}/${String(invoice._id)}/${hash}`;
}

/**
 * The invoice's PDF, rendering and storing it first when it is not there yet (the worker's job, or a
 * download that came first). Two renders at once store the same document; the first key recorded wins.
 */
export async function invoicePdf(
  invoice: Pick<InvoiceDoc, '_id' | 'organisationId' | 'pdf'> & Parameters<typeof renderInvoicePdf>[0],
  deps: InvoiceDeps,
): Promise<Buffer> {
  if (invoice.pdf?.key) {
    const stored = await deps.storage.get(invoice.pdf.key);
    if (stored) return stored;
  }
  const pdf = await renderInvoicePdf(invoice, deps.paymentInstructions);
  const key = pdfKey(invoice, pdf);
  await deps.storage.put(key, pdf);
  await InvoiceModel.updateOne(
    { _id: invoice._id, organisationId: invoice.organisationId },
    { $set: { pdf: { key, renderedAt: new Date() } } },
  );
  return pdf;
}

export async function renderInvoicePdfJob(job: Payload<'render-invoice-pdf'>, deps: InvoiceDeps) {
  const invoice = await invoiceForJob(job.invoiceId, job.sellerOrganisationId);
  if (!invoice) return { rendered: false };
  const pdf = await invoicePdf(invoice, deps);
  return { rendered: true, bytes: pdf.length };
}

const REMINDER_TEXT: Record<ReminderStage, (invoice: InvoiceDoc) => { title: string; body: string }> = {
  before_due: (invoice) => ({
    title: `Faktur ${invoice.number} jatuh tempo 3 hari lagi`,
    body: `Tagihan ${formatRupiah(invoice.totals!.total ?? 0)} dari ${invoice.seller?.name ?? 'UMKM'} jatuh tempo ${invoice.dueDate}.`,
  }),
  due: (invoice) => ({
    title: `Faktur ${invoice.number} jatuh tempo hari ini`,
    body: `Tagihan ${formatRupiah(invoice.totals!.total ?? 0)} dari ${invoice.seller?.name ?? 'UMKM'} jatuh tempo hari ini (${invoice.dueDate}).`,
  }),
  overdue: (invoice) => ({
    title: `Faktur ${invoice.number} lewat jatuh tempo 7 hari`,
    body: `Tagihan ${formatRupiah(invoice.totals!.total ?? 0)} dari ${invoice.seller?.name ?? 'UMKM'} belum dibayar sejak ${invoice.dueDate}.`,
  }),
};

/**
 * A reminder's moment came: if the invoice is still unpaid, the buyer's admins and finance hear it (in-app
 * and e-mail), and once overdue the seller too. Paid or credited meanwhile: nothing. Dedupe keys per
 * invoice and stage, so a retried job tells no one twice.
 */
export async function remindInvoice(job: Payload<'invoice-reminder'>): Promise<boolean> {
  const invoice = await invoiceForJob(job.invoiceId, job.sellerOrganisationId);
  if (!invoice || invoice.status !== 'unpaid') return false;
  const text = REMINDER_TEXT[job.stage](invoice);
  const dedupeKey = `invoice-reminder:${job.invoiceId}:${job.stage}`;
  const told = await notify(String(invoice.buyerOrganisationId), {
    kind: 'order.changed',
    ...text,
    link: `/faktur/${job.invoiceId}`,
    roles: ['admin', 'finance'],
    dedupeKey,
  });
  if (job.stage === 'overdue') {
    await notify(job.sellerOrganisationId, {
      kind: 'order.changed',
      title: `Faktur ${invoice.number} belum dibayar ${invoice.buyer?.name ?? 'pembeli'}`,
      body: `Lewat 7 hari dari jatuh tempo ${invoice.dueDate}; tagihan ${formatRupiah(invoice.totals!.total ?? 0)}.`,
      link: `/faktur/${job.invoiceId}`,
      roles: ['owner', 'staff'],
      dedupeKey,
    });
  }
  return told;
}
