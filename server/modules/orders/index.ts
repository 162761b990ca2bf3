export { orderRoutes } from './orders.routes';
export { sellerOrderOutbox } from './orders.outbox';
export { handleOrderEvent, remindNotShipped, remindUnanswered, type OrderTiming } from './order-jobs.service';
export { purgeExpiredPlacements } from './placement.service';
