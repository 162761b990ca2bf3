import { ZPageQuery } from '../../../shared/contracts/common';
import {
  ZCreatePayoutBatchRequest,
  ZLedgerBalance,
  ZLedgerBalanceQuery,
  ZLedgerCsvQuery,
  ZLedgerEntriesQuery,
  ZListLedgerEntriesResponse,
  ZListPayoutBatchesResponse,
  ZListSellerBalancesResponse,
  ZPayoutBatch,
  ZPayoutBatchParams,
  ZSellerBalancesQuery,
} from '../../../shared/contracts/ledger';
import { ZIdempotencyKey } from '../../../shared/contracts/orders';
import { AppError, zodIssues } from '../../platform/http/errors';
import { binary, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { presentLedgerEntry, presentPayoutBatch, presentPayoutBatchSummary } from './ledger.presenter';
import { ledgerCsv, ledgerOwnerFor, listLedgerEntries, listSellerBalances } from './ledger.queries';
import { sellerBalance } from './ledger.service';
import {
  createPayoutBatch,
  getPayoutBatch,
  listPayoutBatches,
  type PayoutAccountLookup,
} from './payouts.service';

/**
 * A UMKM's owner and staff read its own ledger; Dinkop admins and analysts read any UMKM's (and every
 * balance); only Dinkop admins record payouts. Curators keep to products.
 */
const ledgerReaders = signedIn({
  organisationKinds: ['umkm', 'dinkop'],
  roles: ['owner', 'staff', 'admin', 'analyst'],
});
const dinkopReaders = signedIn({ organisationKinds: ['dinkop'], roles: ['admin', 'analyst'] });
const dinkopAdmins = signedIn({ organisationKinds: ['dinkop'], roles: ['admin'] });

export interface LedgerRouteDeps {
  /**
   * The UMKM profile's payout account, for the batch items. The umkm module does not export a reader for
   * it yet; until one is wired here, items record `payoutAccount: null`.
   */
  payoutAccounts?: PayoutAccountLookup;
}

const noPayoutAccounts: PayoutAccountLookup = async () => null;

export function ledgerRoutes(deps: LedgerRouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/ledger/entries',
      summary: "A UMKM's ledger, newest first (its own; Dinkop names it with sellerOrganisationId)",
      tag: 'ledger',
      access: ledgerReaders,
      query: ZLedgerEntriesQuery,
      response: ZListLedgerEntriesResponse,
      handler: async ({ actor, query }) => {
        const seller = await ledgerOwnerFor(actor, query.sellerOrganisationId);
        const page = await listLedgerEntries(seller, query);
        return { items: page.items.map(presentLedgerEntry), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ledger/entries.csv',
      summary: "A UMKM's ledger as CSV (WIB dates from/to, inclusive; at most 50,000 rows)",
      tag: 'ledger',
      access: ledgerReaders,
      query: ZLedgerCsvQuery,
      response: binary,
      handler: async ({ actor, query }) =>
        ledgerCsv(await ledgerOwnerFor(actor, query.sellerOrganisationId), query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/ledger/balance',
      summary: 'What the platform owes a UMKM now, derived from its ledger entries',
      tag: 'ledger',
      access: ledgerReaders,
      query: ZLedgerBalanceQuery,
      response: ZLedgerBalance,
      handler: async ({ actor, query }) =>
        sellerBalance(await ledgerOwnerFor(actor, query.sellerOrganisationId)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/ledger/balances',
      summary: 'Every UMKM with ledger entries and its balance (Dinkop admins and analysts)',
      tag: 'ledger',
      access: dinkopReaders,
      query: ZSellerBalancesQuery,
      response: ZListSellerBalancesResponse,
      handler: async ({ query }) => listSellerBalances(query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/payout-batches',
      summary:
        'Record a payout batch (Dinkop admin; Idempotency-Key header required): each UMKM named, or every UMKM owed money, is paid its whole balance',
      tag: 'ledger',
      access: dinkopAdmins,
      body: ZCreatePayoutBatchRequest,
      response: ZPayoutBatch,
      status: 201,
      handler: async ({ actor, body, req, res }) => {
        const key = ZIdempotencyKey.safeParse(req.get('idempotency-key'));
        if (!key.success) {
          throw new AppError('VALIDATION_FAILED', key.error.issues[0]!.message, {
            issues: zodIssues(key.error).issues.map((issue) => ({ ...issue, path: ['Idempotency-Key'] })),
          });
        }
        const created = await createPayoutBatch(
          actor,
          key.data,
          body,
          deps.payoutAccounts ?? noPayoutAccounts,
        );
        if (created.replayed) res.setHeader('Idempotent-Replayed', 'true');
        return presentPayoutBatch(created.batch);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/payout-batches',
      summary: 'Payout batches, newest first (Dinkop admins and analysts)',
      tag: 'ledger',
      access: dinkopReaders,
      query: ZPageQuery,
      response: ZListPayoutBatchesResponse,
      handler: async ({ query }) => {
        const page = await listPayoutBatches(query);
        return { items: page.items.map(presentPayoutBatchSummary), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/payout-batches/:batchId',
      summary: 'One payout batch with its items: UMKM, amount and payout account',
      tag: 'ledger',
      access: dinkopReaders,
      params: ZPayoutBatchParams,
      response: ZPayoutBatch,
      handler: async ({ params }) => presentPayoutBatch(await getPayoutBatch(params.batchId)),
    }),
  ];
}
