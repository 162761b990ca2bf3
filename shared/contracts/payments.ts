import { z } from 'zod';
import { PAYMENT_STATUSES } from '../states/payment';

/** Payment providers behind the payments port; the client picks its SDK (Stripe.js, …) by this name. */
export const PAYMENT_PROVIDERS = ['stripe'] as const;
export const ZPaymentProvider = z.enum(PAYMENT_PROVIDERS);
export type TPaymentProvider = z.infer<typeof ZPaymentProvider>;

export const ZPaymentStatus = z.enum(PAYMENT_STATUSES);

/**
 * A provider's id for an event or object (`evt_…`, `pi_…`). Letters, digits, `_` and `-` only: an event
 * id becomes part of a BullMQ job id, which must not contain `:`.
 */
export const ZProviderObjectId = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);

/**
 * `POST /api/orders/:orderId/payment`: what the checkout page needs to let the buyer pay with the
 * provider's own form (Stripe.js Payment Element): the intent's client secret and our publishable key.
 */
export const ZStartPaymentResponse = z.strictObject({
  provider: ZPaymentProvider,
  clientSecret: z.string().min(1),
  publishableKey: z.string().min(1),
  /** Whole rupiah, the buyer order's total. */
  amountRupiah: z.number().int().positive(),
  status: ZPaymentStatus,
});
export type TStartPaymentResponse = z.infer<typeof ZStartPaymentResponse>;

/** The answer to a provider's webhook delivery; providers only look at the HTTP status. */
export const ZWebhookAck = z.strictObject({
  received: z.literal(true),
  /** The same event was delivered before; nothing was done this time. */
  duplicate: z.boolean(),
});
