import type { TInvoice } from '../../../shared/contracts/invoices';
import type { TProductUnit } from '../../../shared/contracts/products';
import type { InvoiceDoc } from './invoice.models';

export function presentInvoice(invoice: InvoiceDoc): TInvoice {
  const totals = invoice.totals!;
  return {
    id: String(invoice._id),
    number: invoice.number,
    sellerOrderId: String(invoice.sellerOrderId),
    sellerOrderNumber: invoice.sellerOrderNumber,
    buyerOrderId: String(invoice.buyerOrderId),
    buyerOrderNumber: invoice.buyerOrderNumber,
    purchaseOrderNumber: invoice.purchaseOrderNumber ?? null,
    seller: {
      id: String(invoice.organisationId),
      name: invoice.seller?.name ?? '',
      address: invoice.seller?.address ?? null,
      npwp: invoice.seller?.npwp ?? null,
      isPkp: invoice.seller?.isPkp === true,
    },
    buyer: {
      id: String(invoice.buyerOrganisationId),
      name: invoice.buyer?.name ?? '',
      address: invoice.buyer?.address ?? null,
      npwp: invoice.buyer?.npwp ?? null,
    },
    lines: invoice.lines.map((line) => ({
      name: line.name,
      unit: line.unit as TProductUnit,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: line.lineTotal,
      taxBase: line.taxBase,
      ppn: line.ppn,
    })),
    totals: {
      subtotal: totals.subtotal ?? 0,
      taxBase: totals.taxBase ?? 0,
      ppn: totals.ppn ?? 0,
      total: totals.total ?? 0,
    },
    paymentMethod: invoice.paymentMethod,
    termDays: invoice.termDays ?? null,
    status: invoice.status,
    issuedAt: invoice.issuedAt.toISOString(),
    dueDate: invoice.dueDate ?? null,
    paidAt: invoice.paidAt ? invoice.paidAt.toISOString() : null,
    paymentReference: invoice.paymentReference ?? null,
    paidByName: invoice.paidByName ?? null,
    creditNote: invoice.creditNote
      ? {
          number: invoice.creditNote.number ?? '',
          reason: invoice.creditNote.reason ?? '',
          byName: invoice.creditNote.byName ?? '',
          at: (invoice.creditNote.at ?? invoice.updatedAt).toISOString(),
        }
      : null,
    pdfReady: Boolean(invoice.pdf?.key),
  };
}
