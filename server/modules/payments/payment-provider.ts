import type { Rupiah } from '../../../shared/money';
import type { TPaymentProvider } from '../../../shared/contracts/payments';
import type { TPaymentStatus } from '../../../shared/states/payment';

/**
 * The payments port: what the marketplace asks of any payment provider, in its own terms — whole
 * rupiah, our ids, our statuses. Stripe is the first adapter (stripe.adapter.ts, the only file that
 * imports `stripe`); Xendit or Midtrans would be another implementation of this interface, with their
 * own minor units, status names and webhook signatures kept inside their adapter.
 */
export interface PaymentProvider {
  readonly name: TPaymentProvider;
  /** The request header that carries the webhook signature (lower-case). */
  readonly webhookSignatureHeader: string;

  /**
   * One payment for one buyer order. The same idempotency key with the same input gives the same
   * payment back (the provider deduplicates), so a retried request never charges twice.
   */
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /** The payment as the provider has it now: what webhook events are checked against before acting. */
  retrievePayment(providerPaymentId: string): Promise<PaymentState>;
  cancelPayment(providerPaymentId: string): Promise<PaymentState>;
  refund(input: RefundInput): Promise<RefundState>;
  retrieveRefund(providerRefundId: string): Promise<RefundState>;
  /**
   * Checks the signature over the exact bytes received and reads the event; throws
   * WebhookVerificationError when the signature is missing, wrong, stale, or the body is not an event.
   */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent;
}

export interface CreatePaymentInput {
  buyerOrderId: string;
  amountRupiah: Rupiah;
  idempotencyKey: string;
  /** Shown to the buyer by the provider where it shows one (statements, receipts). */
  description: string;
  metadata: Record<string, string>;
}

export interface CreatedPayment {
  providerPaymentId: string;
  /** What the browser confirms the payment with (Stripe.js); only for the paying organisation. */
  clientSecret: string;
  status: TPaymentStatus;
}

export interface PaymentState {
  providerPaymentId: string;
  status: TPaymentStatus;
  amountRupiah: Rupiah;
  /** From the metadata we created it with; null when the provider's object carries none. */
  buyerOrderId: string | null;
  clientSecret: string | null;
}

export interface RefundInput {
  providerPaymentId: string;
  amountRupiah: Rupiah;
  idempotencyKey: string;
}

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;
export type TRefundStatus = (typeof REFUND_STATUSES)[number];

export interface RefundState {
  providerRefundId: string;
  providerPaymentId: string | null;
  status: TRefundStatus;
  amountRupiah: Rupiah;
}

/**
 * A webhook event in our terms. Its type says what kind of object changed, not what to do: the worker
 * re-reads the object (`objectId`) from the provider before acting, because events arrive late, twice
 * and out of order.
 */
export const PROVIDER_EVENT_TYPES = [
  'payment.processing',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'refund.updated',
  'ignored',
] as const;
export type TProviderEventType = (typeof PROVIDER_EVENT_TYPES)[number];

export interface ProviderEvent {
  /** The provider's event id: the key that makes a second delivery of the same event a no-op. */
  id: string;
  type: TProviderEventType;
  /** The provider's own name for it (`payment_intent.succeeded`), for the record. */
  providerType: string;
  /** The payment or refund the event is about; null for ignored events. */
  objectId: string | null;
}

export type WebhookRejection = 'missing_signature' | 'invalid_signature' | 'malformed_event';

/** A webhook that is not provably from the provider, or not an event: refused with a 400, nothing stored. */
export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: WebhookRejection,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/**
 * The provider could not be reached or answered with something we cannot use. `unavailable` is worth
 * retrying (network, rate limit, the provider's own 5xx); `rejected` and `unexpected` are not.
 */
export class PaymentProviderError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rejected' | 'unexpected',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PaymentProviderError';
  }
}
