import {
  ZLedgerBalance,
  ZListLedgerEntriesResponse,
  ZListPayoutBatchesResponse,
  ZListSellerBalancesResponse,
  ZPayoutBatch,
  type TCreatePayoutBatchRequest,
} from '@shared/contracts/ledger';
import { apiJson } from '../../api/client';

/** A seller's own ledger leaves the id out; Dinkop names the UMKM. */
export type LedgerOwner = string | undefined;

export const ledgerKeys = {
  all: ['ledger'] as const,
  balance: (seller: LedgerOwner) => ['ledger', 'balance', seller ?? 'mine'] as const,
  entries: (seller: LedgerOwner) => ['ledger', 'entries', seller ?? 'mine'] as const,
  balances: ['ledger', 'balances'] as const,
  batches: ['ledger', 'payout-batches'] as const,
  batch: (batchId: string) => ['ledger', 'payout-batches', batchId] as const,
};

const PAGE_SIZE = 20;

export const getLedgerBalance = (seller: LedgerOwner, signal?: AbortSignal) =>
  apiJson('GET', '/api/ledger/balance', ZLedgerBalance, { query: { sellerOrganisationId: seller }, signal });

export const listLedgerEntries = (seller: LedgerOwner, cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/ledger/entries', ZListLedgerEntriesResponse, {
    query: { sellerOrganisationId: seller, limit: PAGE_SIZE, cursor },
    signal,
  });

/** A plain link: the browser downloads the CSV with the session cookie. */
export function ledgerCsvUrl(seller: LedgerOwner, range: { from?: string; to?: string }): string {
  const params = new URLSearchParams();
  if (seller) params.set('sellerOrganisationId', seller);
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  const query = params.toString();
  return `/api/ledger/entries.csv${query ? `?${query}` : ''}`;
}

export const listSellerBalances = (cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/ledger/balances', ZListSellerBalancesResponse, {
    query: { limit: 50, cursor },
    signal,
  });

export const listPayoutBatches = (cursor: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/payout-batches', ZListPayoutBatchesResponse, {
    query: { limit: PAGE_SIZE, cursor },
    signal,
  });

export const getPayoutBatch = (batchId: string, signal?: AbortSignal) =>
  apiJson('GET', `/api/payout-batches/${encodeURIComponent(batchId)}`, ZPayoutBatch, { signal });

export const createPayoutBatch = (body: TCreatePayoutBatchRequest, idempotencyKey: string) =>
  apiJson('POST', '/api/payout-batches', ZPayoutBatch, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
