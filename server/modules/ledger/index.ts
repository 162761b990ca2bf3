export { ledgerRoutes, type LedgerRouteDeps } from './ledger.routes';
export {
  ledgerSettings,
  platformFeeRupiah,
  recordSellerOrderPaid,
  recordSellerOrderRefund,
  sellerBalance,
  type LedgerSettings,
  type SellerOrderPaid,
  type SellerOrderRef,
} from './ledger.service';
export type { PayoutAccount, PayoutAccountLookup } from './payouts.service';
