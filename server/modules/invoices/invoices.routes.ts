import {
  ZInvoice,
  ZInvoiceParams,
  ZListInvoicesQuery,
  ZListInvoicesResponse,
  ZMarkInvoicePaidRequest,
} from '../../../shared/contracts/invoices';
import { binary, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { invoicePdf, type InvoiceDeps } from './invoice-jobs.service';
import { presentInvoice } from './invoices.presenter';
import { getInvoice, listInvoices, markInvoicePaid } from './invoices.service';

/**
 * Readers: the buyer's admins and finance, the seller's owner and staff, Dinkop's admins and analysts.
 * One invoice (and its PDF) is open to any member at the route; the service answers 404 to everyone
 * else, so a purchaser cannot even learn that an invoice id exists.
 */
const readers = signedIn({ roles: ['admin', 'finance', 'owner', 'staff', 'analyst'] });
const anyMember = signedIn();
/** Recording a transfer: the buyer's admins and finance, or a Dinkop admin. */
const payers = signedIn({ organisationKinds: ['buyer', 'dinkop'], roles: ['admin', 'finance'] });

export function invoiceRoutes(deps: InvoiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/invoices',
      summary:
        'Invoices I may read, newest first, optionally by status (buyer: theirs; seller: theirs; Dinkop: all)',
      tag: 'invoices',
      access: readers,
      query: ZListInvoicesQuery,
      response: ZListInvoicesResponse,
      handler: async ({ actor, query }) => {
        const page = await listInvoices(actor, query);
        return { items: page.items.map(presentInvoice), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/invoices/:invoiceId',
      summary: 'One invoice: lines with DPP and PPN, totals, due date, payment, credit note',
      tag: 'invoices',
      access: anyMember,
      params: ZInvoiceParams,
      response: ZInvoice,
      handler: async ({ actor, params }) => presentInvoice(await getInvoice(actor, params.invoiceId)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/invoices/:invoiceId/pdf',
      summary: "The invoice's PDF (rendered now if the worker has not yet)",
      tag: 'invoices',
      access: anyMember,
      params: ZInvoiceParams,
      response: binary,
      handler: async ({ actor, params }) => {
        const invoice = await getInvoice(actor, params.invoiceId);
        return {
          data: await invoicePdf(invoice, deps),
          contentType: 'application/pdf',
          filename: `${invoice.number.replace(/\//g, '-')}.pdf`,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/invoices/:invoiceId/mark-paid',
      summary: 'Record the bank transfer that paid a tempo invoice (buyer admin/finance, Dinkop admin)',
      tag: 'invoices',
      access: payers,
      params: ZInvoiceParams,
      body: ZMarkInvoicePaidRequest,
      response: ZInvoice,
      handler: async ({ actor, params, body }) =>
        presentInvoice(await markInvoicePaid(actor, params.invoiceId, body)),
    }),
  ];
}
