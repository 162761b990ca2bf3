import { defineOutbox, toJob } from '../../platform/outbox';
import { InvoiceModel } from './invoice.models';

/** Every change of an invoice carries its event; the worker renders, schedules and (later) books from it. */
export const invoiceOutbox = defineOutbox('invoices', InvoiceModel, {
  'invoice.issued': toJob('invoices', 'invoice-event'),
  'invoice.paid': toJob('invoices', 'invoice-event'),
  'invoice.credited': toJob('invoices', 'invoice-event'),
});

export type InvoiceEventType = 'issued' | 'paid' | 'credited';

export function invoiceEvent(
  invoice: { _id: unknown; organisationId: unknown },
  type: InvoiceEventType,
  at = new Date(),
) {
  return invoiceOutbox.event(
    `invoice.${type}`,
    {
      version: 1,
      invoiceId: String(invoice._id),
      sellerOrganisationId: String(invoice.organisationId),
      type,
    },
    at,
  );
}
