import Stripe from 'stripe';
import { ZProviderObjectId } from '../../../shared/contracts/payments';
import type { TPaymentStatus } from '../../../shared/states/payment';
import type { Config } from '../../config/env';
import {
  PaymentProviderError,
  WebhookVerificationError,
  type CreatedPayment,
  type CreatePaymentInput,
  type PaymentProvider,
  type PaymentState,
  type ProviderEvent,
  type RefundInput,
  type RefundState,
  type TProviderEventType,
  type TRefundStatus,
} from './payment-provider';
import { rupiahToStripeIdr, stripeIdrToRupiah } from './stripe-amounts';

/**
 * The Stripe adapter of the payments port: the only file that imports `stripe` (ESLint refuses it
 * elsewhere). Everything Stripe-shaped — hundredths of a rupiah, PaymentIntent statuses, event names,
 * the signature scheme, error classes — is translated here and goes no further.
 */

export interface StripeSettings {
  /** `https://api.stripe.com`, or stripe-mock's address locally and in tests. */
  apiUrl: string;
  secretKey: string;
  webhookSecret: string;
  /** How old a signed webhook may be; Stripe's own default (5 minutes) unless a test says otherwise. */
  toleranceSeconds?: number;
}

export function stripeSettings(
  config: Pick<Config, 'STRIPE_API_URL' | 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET'>,
): StripeSettings {
  return {
    apiUrl: config.STRIPE_API_URL,
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
  };
}

const CURRENCY = 'idr';
const DEFAULT_TOLERANCE_SECONDS = 300;

/** What each Stripe event we act on means in our terms; every other event type is acknowledged and ignored. */
const EVENT_TYPES: Readonly<Record<string, TProviderEventType>> = {
  'payment_intent.processing': 'payment.processing',
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.canceled': 'payment.canceled',
  'refund.created': 'refund.updated',
  'refund.updated': 'refund.updated',
  'refund.failed': 'refund.updated',
  'charge.refund.updated': 'refund.updated',
};
/** The Stripe object an event type of ours must carry (anything else is not the event it claims to be). */
const OBJECT_OF: Record<Exclude<TProviderEventType, 'ignored'>, string> = {
  'payment.processing': 'payment_intent',
  'payment.succeeded': 'payment_intent',
  'payment.failed': 'payment_intent',
  'payment.canceled': 'payment_intent',
  'refund.updated': 'refund',
};

/**
 * A PaymentIntent's status in our terms. A failed attempt sends an intent back to
 * `requires_payment_method` with `last_payment_error` set: that is our `failed` (the buyer may try
 * again). `requires_capture` cannot happen with automatic capture; if it does, money is held: processing.
 */
function paymentStatus(intent: Stripe.PaymentIntent): TPaymentStatus {
  switch (intent.status) {
    case 'succeeded':
      return 'succeeded';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'canceled':
      return 'canceled';
    case 'requires_payment_method':
      return intent.last_payment_error ? 'failed' : 'requires_payment';
    case 'requires_confirmation':
    case 'requires_action':
      return 'requires_payment';
    default:
      throw new PaymentProviderError(
        'unexpected',
        `PaymentIntent ${intent.id} has status "${intent.status}"`,
      );
  }
}

function refundStatus(refund: Stripe.Refund): TRefundStatus {
  switch (refund.status) {
    case 'succeeded':
    case 'failed':
    case 'canceled':
      return refund.status;
    case 'pending':
    case 'requires_action':
      return 'pending';
    default:
      throw new PaymentProviderError('unexpected', `Refund ${refund.id} has status "${refund.status}"`);
  }
}

/** Amounts that are not IDR, or not whole rupiah, were not made by us: refuse them rather than guess. */
function rupiahOf(what: string, currency: string, amount: number): number {
  if (currency !== CURRENCY) {
    throw new PaymentProviderError('unexpected', `${what} is in ${currency.toUpperCase()}, not IDR`);
  }
  try {
    return stripeIdrToRupiah(amount);
  } catch (error) {
    throw new PaymentProviderError('unexpected', `${what}: ${(error as Error).message}`, { cause: error });
  }
}

function toPaymentState(intent: Stripe.PaymentIntent): PaymentState {
  return {
    providerPaymentId: intent.id,
    status: paymentStatus(intent),
    amountRupiah: rupiahOf(`PaymentIntent ${intent.id}`, intent.currency, intent.amount),
    buyerOrderId: intent.metadata?.buyerOrderId ?? null,
    clientSecret: intent.client_secret,
  };
}

function toRefundState(refund: Stripe.Refund): RefundState {
  const intent = refund.payment_intent;
  return {
    providerRefundId: refund.id,
    providerPaymentId: typeof intent === 'string' ? intent : (intent?.id ?? null),
    status: refundStatus(refund),
    amountRupiah: rupiahOf(`Refund ${refund.id}`, refund.currency, refund.amount),
  };
}

/** Stripe's errors in our terms: worth retrying (network, rate limit, Stripe's 5xx) or not. */
function translateError(what: string, error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const retryable =
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    // Another request with the same idempotency key is still running at Stripe.
    error.code === 'idempotency_key_in_use';
  return new PaymentProviderError(
    retryable ? 'unavailable' : 'rejected',
    `Stripe refused ${what}: ${error.message}`,
    { cause: error },
  );
}

export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly webhookSignatureHeader = 'stripe-signature';
  private readonly stripe: Stripe;
  private readonly toleranceSeconds: number;

  constructor(private readonly settings: StripeSettings) {
    const url = new URL(settings.apiUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(settings.secretKey, {
      host: url.hostname,
      port: url.port || (protocol === 'http' ? 80 : 443),
      protocol,
      // The SDK retries network failures and 5xx itself, with its own idempotency keys where we gave none.
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      appInfo: { name: 'pasar-umkm' },
    });
    this.toleranceSeconds = settings.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw translateError(what, error);
    }
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const amount = rupiahToStripeIdr(input.amountRupiah);
    const intent = await this.call(`a payment for buyer order ${input.buyerOrderId}`, () =>
      this.stripe.paymentIntents.create(
        {
          amount,
          currency: CURRENCY,
          // Whatever the account has switched on for IDR (cards, bank transfer, e-wallets), chosen in the
          // Payment Element: the server does not name payment methods.
          automatic_payment_methods: { enabled: true },
          description: input.description,
          metadata: { ...input.metadata, buyerOrderId: input.buyerOrderId },
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    const state = toPaymentState(intent);
    if (state.amountRupiah !== input.amountRupiah || !intent.client_secret) {
      throw new PaymentProviderError(
        'unexpected',
        `PaymentIntent ${intent.id} came back for Rp ${state.amountRupiah}, not Rp ${input.amountRupiah}`,
      );
    }
    return { providerPaymentId: intent.id, clientSecret: intent.client_secret, status: state.status };
  }

  async retrievePayment(providerPaymentId: string): Promise<PaymentState> {
    const intent = await this.call(`to read PaymentIntent ${providerPaymentId}`, () =>
      this.stripe.paymentIntents.retrieve(providerPaymentId),
    );
    return toPaymentState(intent);
  }

  async cancelPayment(providerPaymentId: string): Promise<PaymentState> {
    const intent = await this.call(`to cancel PaymentIntent ${providerPaymentId}`, () =>
      this.stripe.paymentIntents.cancel(providerPaymentId),
    );
    return toPaymentState(intent);
  }

  async refund(input: RefundInput): Promise<RefundState> {
    const amount = rupiahToStripeIdr(input.amountRupiah);
    const refund = await this.call(`a refund of PaymentIntent ${input.providerPaymentId}`, () =>
      this.stripe.refunds.create(
        { payment_intent: input.providerPaymentId, amount },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return toRefundState(refund);
  }

  async retrieveRefund(providerRefundId: string): Promise<RefundState> {
    const refund = await this.call(`to read Refund ${providerRefundId}`, () =>
      this.stripe.refunds.retrieve(providerRefundId),
    );
    return toRefundState(refund);
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent {
    if (!signatureHeader) {
      throw new WebhookVerificationError('missing_signature', 'Stripe-Signature header is missing');
    }
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signatureHeader,
        this.settings.webhookSecret,
        this.toleranceSeconds,
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new WebhookVerificationError('invalid_signature', error.message);
      }
      // Signed by Stripe's secret, yet not JSON: nothing a real delivery sends.
      throw new WebhookVerificationError('malformed_event', 'the signed body is not a JSON event');
    }
    const event_ = event as unknown as { id?: unknown; type?: unknown; data?: { object?: unknown } };
    if (!ZProviderObjectId.safeParse(event_.id).success || typeof event_.type !== 'string') {
      throw new WebhookVerificationError('malformed_event', 'the signed body is not a Stripe event');
    }
    const base = { id: event_.id as string, providerType: event_.type };
    const type = EVENT_TYPES[event_.type];
    const object = event_.data?.object as { id?: unknown; object?: unknown } | undefined;
    const objectId = ZProviderObjectId.safeParse(object?.id);
    // An event type we act on must name an object of the kind it is about, or we would re-read nonsense.
    if (!type || !objectId.success || object?.object !== OBJECT_OF[type as keyof typeof OBJECT_OF]) {
      return { ...base, type: 'ignored', objectId: null };
    }
    return { ...base, type, objectId: objectId.data };
  }
}

export function createStripeProvider(
  config: Pick<Config, 'STRIPE_API_URL' | 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET'>,
): PaymentProvider {
  return new StripePaymentProvider(stripeSettings(config));
}
