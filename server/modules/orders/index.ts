export { orderRoutes } from './orders.routes';
export { receiptPhotoRoutes } from './receipt-photo.routes';
export { sellerOrderOutbox } from './orders.outbox';
export { handleOrderEvent, remindNotShipped, remindUnanswered, type OrderTiming } from './order-jobs.service';
export { purgeExpiredPlacements, reconcileAbandonedPlacements } from './placement.service';
// Read-only, for payments: a buyer order of the caller's organisation (404 for anyone else's).
export { loadBuyerOrder } from './placement.service';
