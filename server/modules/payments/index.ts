export { paymentRoutes, WEBHOOK_MAX_BYTES, type PaymentRouteDeps } from './payments.routes';
export { createStripeProvider } from './stripe.adapter';
export {
  PaymentProviderError,
  WebhookVerificationError,
  type PaymentProvider,
  type PaymentState,
  type RefundState,
  type ProviderEvent,
} from './payment-provider';
export { applyPaymentState, startPayment, type ApplyOutcome } from './payments.service';
export {
  isPermanentProviderError,
  processProviderEvent,
  purgeOldProviderEvents,
  recordProviderEvent,
} from './provider-events.service';
export { paymentOutbox, providerEventOutbox } from './payments.outbox';
export { closeUnpaidPayment, refundSellerOrder, type RefundOutcome } from './order-settlement.service';
