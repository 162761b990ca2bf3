export { consignmentRoutes } from './consignment.routes';
export { displaySaleOutbox } from './consignment.outbox';
export { forwardDisplaySale } from './display-sale.jobs';
export { finishStalePendingSteps } from './stock.service';
