export { creditRoutes } from './credit.routes';
// For orders: an order on terms holds its amount on the line until its invoice is paid or it is cancelled.
export {
  creditLineOf,
  releaseCredit,
  releaseCreditOfOrder,
  reserveCredit,
  type CreditReservation,
} from './credit.service';
