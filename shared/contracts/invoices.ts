import { z } from 'zod';
import { ZIsoDateTime, ZObjectId, ZPage, ZPageQuery } from './common';
import { ZCalendarDate } from './legality';
import { ZOrderTotals, ZPaymentMethod } from './orders';
import { ZProductUnit } from './products';

/**
 * One invoice per seller order, issued when the seller accepts it; the tenant is the seller, the buyer
 * reads it through `buyerOrganisationId`. Numbers are gap-free per seller and year: `INV/U00042/2026/000123`.
 */
export const INVOICE_STATUSES = ['unpaid', 'paid', 'credited'] as const;
export const ZInvoiceStatus = z.enum(INVOICE_STATUSES);
export type TInvoiceStatus = z.infer<typeof ZInvoiceStatus>;

export const ZInvoiceLine = z.strictObject({
  name: z.string(),
  unit: ZProductUnit,
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  lineTotal: z.number().int(),
  /** This line's share of the seller order's DPP and PPN (allocated: lines sum to the totals exactly). */
  taxBase: z.number().int(),
  ppn: z.number().int(),
});

const ZParty = z.strictObject({
  id: ZObjectId,
  name: z.string(),
  /** One printable line, as it was when the invoice was issued. */
  address: z.string().nullable(),
  npwp: z.string().nullable(),
});

export const ZInvoice = z.strictObject({
  id: ZObjectId,
  number: z.string(),
  sellerOrderId: ZObjectId,
  sellerOrderNumber: z.string(),
  buyerOrderId: ZObjectId,
  buyerOrderNumber: z.string(),
  purchaseOrderNumber: z.string().nullable(),
  seller: ZParty.extend({ isPkp: z.boolean() }),
  /** The buyer's NPWP is not recorded yet: always null for now (printed as "-"). */
  buyer: ZParty,
  lines: z.array(ZInvoiceLine),
  totals: ZOrderTotals,
  paymentMethod: ZPaymentMethod,
  termDays: z.number().int().nullable(),
  status: ZInvoiceStatus,
  issuedAt: ZIsoDateTime,
  /** tempo: the WIB calendar date it is due; online: null (issued already paid). */
  dueDate: ZCalendarDate.nullable(),
  paidAt: ZIsoDateTime.nullable(),
  paymentReference: z.string().nullable(),
  paidByName: z.string().nullable(),
  creditNote: z
    .strictObject({ number: z.string(), reason: z.string(), byName: z.string(), at: ZIsoDateTime })
    .nullable(),
  pdfReady: z.boolean(),
});
export type TInvoice = z.infer<typeof ZInvoice>;

export const ZInvoiceParams = z.strictObject({ invoiceId: ZObjectId });
export const ZListInvoicesQuery = ZPageQuery.extend({ status: ZInvoiceStatus.optional() });
export const ZListInvoicesResponse = ZPage(ZInvoice);

/** A tempo invoice paid by bank transfer: the buyer's finance (or a Dinkop admin) records it. */
export const ZMarkInvoicePaidRequest = z.strictObject({
  transferReference: z
    .string({ message: 'Nomor referensi transfer wajib diisi' })
    .trim()
    .min(3, 'Nomor referensi transfer minimal 3 karakter')
    .max(60, 'Nomor referensi transfer maksimal 60 karakter'),
  /** Checked by the server too: not in the future (WIB), not before the invoice was issued. */
  paidOn: ZCalendarDate,
});
export type TMarkInvoicePaidRequest = z.infer<typeof ZMarkInvoicePaidRequest>;
