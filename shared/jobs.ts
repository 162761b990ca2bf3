import { z } from 'zod';
import { ZPaymentProvider, ZPaymentStatus, ZProviderObjectId } from './contracts/payments';
import { ORDER_MOVE_NAMES, SELLER_ORDER_STATUSES, type TOrderMove } from './states/order';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

/** Queue names and, per job name, the payload schema a producer must satisfy and a processor parses. */
export const QUEUES = {
  maintenance: 'maintenance',
  thumbnails: 'thumbnails',
  'product-import': 'product-import',
  notices: 'notices',
  orders: 'orders',
  payments: 'payments',
  invoices: 'invoices',
  consignment: 'consignment',
} as const;
export type TQueueName = keyof typeof QUEUES;

export const JOBS = {
  maintenance: {
    'purge-expired': z.strictObject({ version: z.literal(1) }),
    /** Daily: legality expiry warnings, and products off or back on sale as their documents say. */
    'legality-sweep': z.strictObject({ version: z.literal(1) }),
  },
  thumbnails: {
    /** WebP thumbnails of an uploaded photo, stored beside it under keys derived from `key`. */
    'make-thumbnails': z.strictObject({ version: z.literal(1), key: z.string().min(1).max(300) }),
  },
  'product-import': {
    /** A seller's uploaded CSV: its rows become draft products (jobId = importId, so queued once). */
    'import-products': z.strictObject({
      version: z.literal(1),
      importId: z.string().regex(/^[a-f0-9]{24}$/),
      organisationId: z.string().regex(/^[a-f0-9]{24}$/),
    }),
  },
  notices: {
    /** A stored notice goes out by e-mail and WhatsApp to the members it addresses (from the outbox). */
    'deliver-notice': z.strictObject({
      version: z.literal(1),
      notificationId: z.string().regex(/^[a-f0-9]{24}$/),
      organisationId: z.string().regex(/^[a-f0-9]{24}$/),
    }),
  },
  orders: {
    /** A seller order was placed or moved (from its outbox): notices to the other side, reminders scheduled. */
    'order-event': z.strictObject({
      version: z.literal(1),
      sellerOrderId: objectId,
      sellerOrganisationId: objectId,
      orderVersion: z.number().int().min(1),
      status: z.enum(SELLER_ORDER_STATUSES),
      move: z.enum(ORDER_MOVE_NAMES as [TOrderMove, ...TOrderMove[]]).nullable(),
    }),
    /** Delayed: the seller has not answered a placed order (reminder), or still not (Dinkop escalation). */
    'order-unanswered': z.strictObject({
      version: z.literal(1),
      sellerOrderId: objectId,
      sellerOrganisationId: objectId,
      stage: z.enum(['reminder', 'escalation']),
    }),
    /** Delayed to the promised date: an accepted order not yet shipped. */
    'order-not-shipped': z.strictObject({
      version: z.literal(1),
      sellerOrderId: objectId,
      sellerOrganisationId: objectId,
    }),
    /** Delayed to the end of an online order's payment window: unpaid by then, it is cancelled. */
    'expire-payment': z.strictObject({
      version: z.literal(1),
      buyerOrderId: objectId,
      buyerOrganisationId: objectId,
    }),
    /** A buyer order's payment changed status (from the Payment document's outbox): billing steps follow. */
    'payment-event': z.strictObject({
      version: z.literal(1),
      paymentId: objectId,
      buyerOrderId: objectId,
      buyerOrganisationId: objectId,
      paymentVersion: z.number().int().min(1),
      status: ZPaymentStatus,
    }),
  },
  payments: {
    /** A provider's webhook event, stored and verified: re-read the object it names and apply it. */
    'provider-event': z.strictObject({
      version: z.literal(1),
      provider: ZPaymentProvider,
      eventId: ZProviderObjectId,
    }),
  },
  invoices: {
    /** A seller order was accepted: its invoice is issued (jobId `issue-invoice-<sellerOrderId>`). */
    'issue-invoice': z.strictObject({
      version: z.literal(1),
      sellerOrderId: objectId,
      sellerOrganisationId: objectId,
    }),
    /** An invoice was issued, paid or credited (from its outbox; job id = event id). */
    'invoice-event': z.strictObject({
      version: z.literal(1),
      invoiceId: objectId,
      sellerOrganisationId: objectId,
      type: z.enum(['issued', 'paid', 'credited']),
    }),
    /** The invoice's PDF, stored through the storage port (jobId `invoice-pdf-<invoiceId>`). */
    'render-invoice-pdf': z.strictObject({
      version: z.literal(1),
      invoiceId: objectId,
      sellerOrganisationId: objectId,
    }),
    /** Delayed to 09:00 WIB of due − 3 days, the due date and due + 7 days: tells the buyer if still unpaid. */
    'invoice-reminder': z.strictObject({
      version: z.literal(1),
      invoiceId: objectId,
      sellerOrganisationId: objectId,
      stage: z.enum(['before_due', 'due', 'overdue']),
    }),
  },
  consignment: {
    /** A sale at a galeri or pojok was recorded (from the DisplaySale outbox): it enters the sales rollups. */
    'display-sale': z.strictObject({
      version: z.literal(1),
      saleId: z.string().min(1).max(100),
      sellerOrganisationId: objectId,
    }),
  },
} as const satisfies Record<TQueueName, Record<string, z.ZodType>>;
