import { z } from 'zod';
import { ZIsoDateTime, ZObjectId, ZPage, ZPageQuery } from './common';
import { ZCalendarDate } from './legality';

/**
 * The seller ledger: what the platform owes each UMKM. Money flows through the platform, so a seller is
 * owed a seller order's price (and its PPN) once the buyer's money arrived, less the platform fee; refunds
 * take it back and payouts settle it. A balance is always the sum of its entries, never kept on its own.
 */
export const LEDGER_ENTRY_KINDS = ['sale', 'ppn', 'platform_fee', 'refund', 'payout'] as const;
export const ZLedgerEntryKind = z.enum(LEDGER_ENTRY_KINDS);
export type TLedgerEntryKind = z.infer<typeof ZLedgerEntryKind>;

/** A payout batch names at most this many UMKM when it names them; the whole list otherwise. */
export const PAYOUT_BATCH_MAX_SELLERS = 200;
/** The CSV export stops here and asks for a shorter date range instead of building a huge file. */
export const LEDGER_CSV_MAX_ROWS = 50_000;

export const ZLedgerEntry = z.strictObject({
  id: ZObjectId,
  sellerOrganisationId: ZObjectId,
  kind: ZLedgerEntryKind,
  /** Signed whole rupiah: positive, the platform owes the seller more; negative, less. */
  amountRupiah: z.number().int(),
  sellerOrderId: ZObjectId.nullable(),
  sellerOrderNumber: z.string().nullable(),
  payoutBatchId: ZObjectId.nullable(),
  description: z.string(),
  occurredAt: ZIsoDateTime,
});
export type TLedgerEntry = z.infer<typeof ZLedgerEntry>;

/** Sellers read their own ledger; Dinkop admins and analysts name the seller. */
const sellerChoice = { sellerOrganisationId: ZObjectId.optional() };

export const ZLedgerEntriesQuery = ZPageQuery.extend(sellerChoice);
export const ZListLedgerEntriesResponse = ZPage(ZLedgerEntry);

export const ZLedgerBalanceQuery = z.strictObject(sellerChoice);
export const ZLedgerBalance = z.strictObject({
  sellerOrganisationId: ZObjectId,
  balanceRupiah: z.number().int(),
  /** The sum of each kind of entry; they add up to the balance. */
  byKind: z.strictObject({
    sale: z.number().int(),
    ppn: z.number().int(),
    platform_fee: z.number().int(),
    refund: z.number().int(),
    payout: z.number().int(),
  }),
});
export type TLedgerBalance = z.infer<typeof ZLedgerBalance>;

export const ZSellerBalancesQuery = ZPageQuery;
export const ZSellerBalance = z.strictObject({
  sellerOrganisationId: ZObjectId,
  sellerName: z.string(),
  balanceRupiah: z.number().int(),
});
export type TSellerBalance = z.infer<typeof ZSellerBalance>;
/** Every seller with ledger entries, in id order (stable while new sellers appear). */
export const ZListSellerBalancesResponse = ZPage(ZSellerBalance);

export const ZLedgerCsvQuery = z
  .strictObject({
    ...sellerChoice,
    /** WIB calendar dates, both inclusive. */
    from: ZCalendarDate.optional(),
    to: ZCalendarDate.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'Tanggal awal tidak boleh setelah tanggal akhir',
    path: ['from'],
  });

export const ZTransferReference = z
  .string()
  .trim()
  .min(3, 'Referensi transfer minimal 3 karakter')
  .max(60, 'Referensi transfer maksimal 60 karakter');

export const ZCreatePayoutBatchRequest = z.strictObject({
  transferReference: ZTransferReference,
  /** Omitted: every UMKM the platform owes money to now. */
  sellerOrganisationIds: z
    .array(ZObjectId)
    .min(1, 'Pilih minimal satu UMKM')
    .max(PAYOUT_BATCH_MAX_SELLERS, `Maksimal ${PAYOUT_BATCH_MAX_SELLERS} UMKM per pembayaran`)
    .refine((ids) => new Set(ids).size === ids.length, 'Ada UMKM yang disebut lebih dari sekali')
    .optional(),
});
export type TCreatePayoutBatchRequest = z.infer<typeof ZCreatePayoutBatchRequest>;

export const ZPayoutAccountSnapshot = z.strictObject({
  bankName: z.string(),
  accountNumber: z.string(),
  holderName: z.string(),
});

export const ZPayoutItem = z.strictObject({
  sellerOrganisationId: ZObjectId,
  sellerName: z.string(),
  /** Positive: what was transferred to the seller (its ledger has the matching negative payout entry). */
  amountRupiah: z.number().int().positive(),
  /** As the UMKM profile held it when the batch was made; null when the UMKM has not entered one. */
  payoutAccount: ZPayoutAccountSnapshot.nullable(),
});

/** `processing` only while a batch is being written (or after it was interrupted, until retried). */
export const ZPayoutBatchStatus = z.enum(['processing', 'done']);

const batchFields = {
  id: ZObjectId,
  transferReference: z.string(),
  status: ZPayoutBatchStatus,
  createdBy: z.strictObject({ userId: ZObjectId, name: z.string() }),
  createdAt: ZIsoDateTime,
  completedAt: ZIsoDateTime.nullable(),
  itemCount: z.number().int().nonnegative(),
  totalRupiah: z.number().int().nonnegative(),
};
export const ZPayoutBatchSummary = z.strictObject(batchFields);
export const ZPayoutBatch = z.strictObject({ ...batchFields, items: z.array(ZPayoutItem) });
export type TPayoutBatch = z.infer<typeof ZPayoutBatch>;
export type TPayoutBatchSummary = z.infer<typeof ZPayoutBatchSummary>;

export const ZListPayoutBatchesResponse = ZPage(ZPayoutBatchSummary);
export const ZPayoutBatchParams = z.strictObject({ batchId: ZObjectId });
