import type { Logger } from 'pino';
import { ZStartPaymentResponse, ZWebhookAck } from '../../../shared/contracts/payments';
import { ZOrderParams } from '../../../shared/contracts/orders';
import { AppError } from '../../platform/http/errors';
import { authenticatedBy, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { WebhookVerificationError, type PaymentProvider } from './payment-provider';
import { recordProviderEvent } from './provider-events.service';
import { startPayment } from './payments.service';

/**
 * Stripe's payment_intent and refund events are a few KB; the cap leaves room for large metadata and
 * stops anyone from making us hash megabytes before the signature check refuses them.
 */
export const WEBHOOK_MAX_BYTES = 256 * 1024;

export interface PaymentRouteDeps {
  provider: PaymentProvider;
  /** Given to the browser with the client secret, to load the provider's payment form. */
  publishableKey: string;
  logger: Pick<Logger, 'warn'>;
}

/** Who pays: the buyer organisation's purchasers and admins (the same people who place its orders). */
const payers = signedIn({ organisationKinds: ['buyer'], roles: ['admin', 'purchaser'] });

export function paymentRoutes(deps: PaymentRouteDeps): AnyRoute[] {
  const { provider } = deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/orders/:orderId/payment',
      summary:
        "Start (or resume) paying one of my organisation's orders: the provider's client secret for its payment form",
      tag: 'payments',
      access: payers,
      params: ZOrderParams,
      response: ZStartPaymentResponse,
      handler: async ({ actor, params }) => {
        const started = await startPayment(actor, params.orderId, { provider, logger: deps.logger });
        return { ...started, publishableKey: deps.publishableKey };
      },
    }),
    defineRoute({
      method: 'post',
      path: `/api/payments/webhooks/${provider.name}`,
      summary: `${provider.name} webhook events: verified, stored once by event id, processed by the worker`,
      tag: 'payments',
      // No session: the provider's signature over the exact body is the authentication.
      access: authenticatedBy(
        `a valid ${provider.webhookSignatureHeader} header signed with the webhook secret`,
      ),
      rawBody: { maxBytes: WEBHOOK_MAX_BYTES },
      response: ZWebhookAck,
      handler: async ({ raw, req }) => {
        let event;
        try {
          event = provider.verifyWebhook(raw!, req.get(provider.webhookSignatureHeader));
        } catch (error) {
          if (!(error instanceof WebhookVerificationError)) throw error;
          throw new AppError('WEBHOOK_SIGNATURE_INVALID', `Webhook ditolak: ${error.reason}.`);
        }
        // Acknowledge once stored: the work itself runs in the worker, so the provider never waits on it.
        const { duplicate } = await recordProviderEvent(provider.name, event);
        return { received: true as const, duplicate };
      },
    }),
  ];
}
