export { orderRoutes } from './orders.routes';
export { receiptPhotoRoutes } from './receipt-photo.routes';
export { sellerOrderOutbox } from './orders.outbox';
export { handleOrderEvent, remindNotShipped, remindUnanswered, type OrderTiming } from './order-jobs.service';
export { purgeExpiredPlacements, reconcileAbandonedPlacements } from './placement.service';
// Read-only, for payments: a buyer order of the caller's organisation (404 for anyone else's).
export { loadBuyerOrder } from './placement.service';
// Read-only, for invoices: what an invoice copies from a seller order and its buyer order.
export { invoiceSource, type InvoiceSource } from './invoice-source';
// For the billing steps (server/modules/billing): online payment received or its window closed.
export {
  buyerOrderForBilling,
  confirmOrderPayment,
  expireOrderPayment,
  sellerOrderForBilling,
  sellerOrdersOf,
  type OrderPaymentOutcome,
} from './order-payment.service';
// For the Dinkop reports: seller orders across organisations, read only.
export { allSellerOrderFacts, sellerOrderFacts, type SellerOrderFacts } from './reporting';
