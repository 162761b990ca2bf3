import type { TLedgerEntry, TPayoutBatch, TPayoutBatchSummary } from '../../../shared/contracts/ledger';
import type { LedgerEntryDoc, PayoutBatchDoc } from './ledger.models';

export function presentLedgerEntry(entry: LedgerEntryDoc): TLedgerEntry {
  return {
    id: String(entry._id),
    sellerOrganisationId: String(entry.organisationId),
    kind: entry.kind,
    amountRupiah: entry.amountRupiah,
    sellerOrderId: entry.sellerOrderId ? String(entry.sellerOrderId) : null,
    sellerOrderNumber: entry.sellerOrderNumber ?? null,
    payoutBatchId: entry.payoutBatchId ? String(entry.payoutBatchId) : null,
    description: entry.description,
    occurredAt: entry.occurredAt.toISOString(),
  };
}

export function presentPayoutBatchSummary(batch: PayoutBatchDoc): TPayoutBatchSummary {
  return {
    id: String(batch._id),
    transferReference: batch.transferReference,
    status: batch.status,
    createdBy: { userId: String(batch.createdBy.userId), name: batch.createdBy.name ?? '' },
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt ? batch.completedAt.toISOString() : null,
    itemCount: batch.items.length,
    totalRupiah: batch.items.reduce((total, item) => total + item.amountRupiah, 0),
  };
}

export function presentPayoutBatch(batch: PayoutBatchDoc): TPayoutBatch {
  return {
    ...presentPayoutBatchSummary(batch),
    items: batch.items.map((item) => ({
      sellerOrganisationId: String(item.sellerOrganisationId),
      sellerName: item.sellerName,
      amountRupiah: item.amountRupiah,
      payoutAccount: item.payoutAccount
        ? {
            bankName: item.payoutAccount.bankName ?? '',
            accountNumber: item.payoutAccount.accountNumber ?? '',
            holderName: item.payoutAccount.holderName ?? '',
          }
        : null,
    })),
  };
}
