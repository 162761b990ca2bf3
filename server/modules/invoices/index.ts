export { invoiceRoutes } from './invoices.routes';
export { invoiceOutbox } from './invoices.outbox';
export { creditInvoice, invoiceForJob, issueInvoice } from './invoices.service';
export {
  handleInvoiceEvent,
  remindInvoice,
  renderInvoicePdfJob,
  type InvoiceDeps,
} from './invoice-jobs.service';
export { DEFAULT_PAYMENT_INSTRUCTIONS } from './invoice-pdf';
