export {
  expireUnpaidOrder,
  onInvoiceEvent,
  onOrderEvent,
  onPaymentEvent,
  type BillingDeps,
} from './billing.service';
