import { z } from 'zod';
import { ORDER_MOVE_NAMES, SELLER_ORDER_STATUSES, type TOrderMove } from './states/order';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

/** Queue names and, per job name, the payload schema a producer must satisfy and a processor parses. */
export const QUEUES = {
  maintenance: 'maintenance',
  thumbnails: 'thumbnails',
  'product-import': 'product-import',
  notices: 'notices',
  orders: 'orders',
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
  },
} as const satisfies Record<TQueueName, Record<string, z.ZodType>>;
