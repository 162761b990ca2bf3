import {
  ZInvoice,
  ZListInvoicesResponse,
  type TInvoiceStatus,
  type TMarkInvoicePaidRequest,
} from '@shared/contracts/invoices';
import { apiJson } from '../../api/client';

export interface InvoiceFilters {
  status?: TInvoiceStatus;
  limit: number;
}

export const invoiceKeys = {
  all: ['invoices'] as const,
  list: (filters: InvoiceFilters) => ['invoices', 'list', filters] as const,
  one: (invoiceId: string) => ['invoices', 'one', invoiceId] as const,
};

export const listInvoices = (filters: InvoiceFilters, cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/invoices', ZListInvoicesResponse, {
    query: { status: filters.status, limit: filters.limit, cursor },
    signal,
  });

export const getInvoice = (invoiceId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/invoices/${encodeURIComponent(invoiceId)}`, ZInvoice, { signal });

export const markInvoicePaid = (invoiceId: string, body: TMarkInvoicePaidRequest) =>
  apiJson('POST', `/api/invoices/${encodeURIComponent(invoiceId)}/mark-paid`, ZInvoice, { body });

/** A plain link: the browser downloads the PDF with the session cookie (rendered on the spot if need be). */
export const invoicePdfUrl = (invoiceId: string) => `/api/invoices/${encodeURIComponent(invoiceId)}/pdf`;
