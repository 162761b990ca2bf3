import { defineOutbox, toJob } from '../../platform/outbox';
import type { TPaymentProvider } from '../../../shared/contracts/payments';
import type { TPaymentStatus } from '../../../shared/states/payment';
import { PaymentModel, ProviderEventModel, type PaymentDoc } from './payment.models';

/**
 * A stored webhook event becomes one job on the `payments` queue. It goes through the outbox rather than
 * straight to Redis so that an event acknowledged while Redis is away is still processed: the relay
 * publishes it when Redis is back (docs/adr/008, 010).
 */
export const providerEventOutbox = defineOutbox('provider-events', ProviderEventModel, {
  'provider-event.received': toJob('payments', 'provider-event'),
});

/** The job id of a provider's event: deterministic, so a second write of the same event names the same job. */
export function providerEventJobId(provider: TPaymentProvider, eventId: string): string {
  return `${provider}-${eventId}`;
}

export function providerEventReceived(provider: TPaymentProvider, eventId: string, at: Date) {
  return providerEventOutbox.event(
    'provider-event.received',
    { version: 1, provider, eventId },
    at,
    providerEventJobId(provider, eventId),
  );
}

/**
 * The seam to the orders: each status change of a payment carries one of these events; the billing
 * steps move the buyer order on when it succeeded (server/modules/billing). Failed or canceled change
 * nothing there: the order keeps waiting until its payment window closes.
 */
export const paymentOutbox = defineOutbox('payments', PaymentModel, {
  'payment.processing': toJob('orders', 'payment-event'),
  'payment.succeeded': toJob('orders', 'payment-event'),
  'payment.failed': toJob('orders', 'payment-event'),
  'payment.canceled': toJob('orders', 'payment-event'),
});

/** Every status but the first has an event: nothing ever moves back to `requires_payment`. */
export type PaymentEventStatus = Exclude<TPaymentStatus, 'requires_payment'>;

/** The event of the change that left the payment as `payment` says (status and version after it). */
export function paymentEvent(
  payment: Pick<PaymentDoc, '_id' | 'organisationId' | 'buyerOrderId' | 'version'> & {
    status: PaymentEventStatus;
  },
  at: Date,
) {
  return paymentOutbox.event(
    `payment.${payment.status}`,
    {
      version: 1,
      paymentId: String(payment._id),
      buyerOrderId: String(payment.buyerOrderId),
      buyerOrganisationId: String(payment.organisationId),
      paymentVersion: payment.version,
      status: payment.status,
    },
    at,
  );
}
