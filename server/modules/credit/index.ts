export { creditRoutes } from './credit.routes';
// For the demo seed and the admin CLI: what a Dinkop admin sets through the API.
export { setCreditLine } from './credit.service';
// For orders: an order on terms holds its amount on the line until its invoice is paid or it is cancelled.
export {
  creditLineOf,
  releaseCredit,
  releaseCreditOfOrder,
  reserveCredit,
  type CreditReservation,
} from './credit.service';
