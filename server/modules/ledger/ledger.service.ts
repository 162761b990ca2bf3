import { Types, trusted } from 'mongoose';
import { z } from 'zod';
import {
  LEDGER_ENTRY_KINDS,
  type TLedgerBalance,
  type TLedgerEntryKind,
} from '../../../shared/contracts/ledger';
import { ZObjectId } from '../../../shared/contracts/common';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError, zodIssues } from '../../platform/http/errors';
import { LedgerEntryModel, type LedgerEntryDoc } from './ledger.models';

/** The platform fee, in basis points of a seller order's subtotal (1% = 100), read from config once. */
export interface LedgerSettings {
  platformFeeBasisPoints: number;
}

/** PLATFORM_FEE_PERCENT has at most two decimals, so ×100 is a whole number once float noise is rounded off. */
export function ledgerSettings(config: { PLATFORM_FEE_PERCENT: number }): LedgerSettings {
  return { platformFeeBasisPoints: Math.round(config.PLATFORM_FEE_PERCENT * 100) };
}

/**
 * The fee on a subtotal, rounded half up to whole rupiah. In integers (BigInt), so a large subtotal times
 * basis points never passes 2^53 and no float rounding decides a rupiah.
 */
export function platformFeeRupiah(subtotalRupiah: number, basisPoints: number): number {
  if (!Number.isSafeInteger(subtotalRupiah) || subtotalRupiah < 0) {
    throw new RangeError(`subtotal must be whole non-negative rupiah, got ${subtotalRupiah}`);
  }
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError(`fee must be 0–10000 basis points, got ${basisPoints}`);
  }
  return Number((BigInt(subtotalRupiah) * BigInt(basisPoints) + 5_000n) / 10_000n);
}

function formatPercent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`;
}

const ZRupiah = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const ZSellerOrderRef = z.strictObject({
  sellerOrganisationId: ZObjectId,
  sellerOrderId: ZObjectId,
  sellerOrderNumber: z.string().trim().min(1).max(60),
  occurredAt: z.date(),
});
const ZSellerOrderPaid = ZSellerOrderRef.extend({ subtotalRupiah: ZRupiah, ppnRupiah: ZRupiah });

export type SellerOrderRef = z.infer<typeof ZSellerOrderRef>;
export type SellerOrderPaid = z.infer<typeof ZSellerOrderPaid>;

/** The lead's calls carry data the server computed; a bad one is a bug, named precisely rather than stored. */
function checked<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Data buku besar tidak valid.', zodIssues(parsed.error));
  }
  return parsed.data;
}

interface NewEntry {
  organisationId: Types.ObjectId;
  kind: TLedgerEntryKind;
  amountRupiah: number;
  sellerOrderId: Types.ObjectId | null;
  sellerOrderNumber: string | null;
  payoutBatchId: Types.ObjectId | null;
  key: string;
  occurredAt: Date;
  description: string;
}

interface WriteError {
  code?: number;
  err?: { code?: number };
}
interface BulkWriteFailure {
  writeErrors?: WriteError[] | WriteError;
}

/** An unordered insert that failed only because some keys exist already. */
function onlyDuplicateKeys(error: unknown): boolean {
  if (isDuplicateKeyError(error)) return true;
  const writeErrors = (error as BulkWriteFailure | null)?.writeErrors;
  if (!writeErrors) return false;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  return list.length > 0 && list.every((e) => (e.code ?? e.err?.code) === 11000);
}

/**
 * Writes each entry unless its key exists. A key that exists with another amount means the caller
 * described the same event twice differently: that is refused loudly, never settled silently.
 */
export async function recordOnce(entries: NewEntry[]): Promise<{ written: number }> {
  if (entries.length === 0) return { written: 0 };
  try {
    await LedgerEntryModel.insertMany(entries, { ordered: false });
    return { written: entries.length };
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
  const organisationId = entries[0]!.organisationId;
  const existing = await LedgerEntryModel.find({
    organisationId,
    key: trusted({ $in: entries.map((entry) => entry.key) }),
  }).lean<LedgerEntryDoc[]>();
  const byKey = new Map(existing.map((entry) => [entry.key, entry]));
  for (const entry of entries) {
    const stored = byKey.get(entry.key);
    if (
      !stored ||
      stored.amountRupiah !== entry.amountRupiah ||
      String(stored.organisationId) !== String(entry.organisationId)
    ) {
      throw new AppError(
        'INVALID_STATE',
        `Entri buku besar ${entry.key} sudah tercatat dengan data lain; periksa pesanan ${entry.sellerOrderNumber ?? '-'}.`,
      );
    }
  }
  return { written: 0 };
}

const keys = (sellerOrderId: string) => ({
  sale: `sale:${sellerOrderId}`,
  ppn: `ppn:${sellerOrderId}`,
  fee: `fee:${sellerOrderId}`,
  refundSale: `refund:sale:${sellerOrderId}`,
  refundPpn: `refund:ppn:${sellerOrderId}`,
  refundFee: `refund:fee:${sellerOrderId}`,
});

/**
 * The platform received the buyer's money for this seller order (online payment succeeded, or the tempo
 * invoice was marked paid): the seller is owed its subtotal and PPN, less the platform fee. Idempotent:
 * the entries are keyed by the seller order, a second call records nothing.
 */
export async function recordSellerOrderPaid(
  input: SellerOrderPaid,
  settings: LedgerSettings,
): Promise<{ written: number }> {
  const paid = checked(ZSellerOrderPaid, input);
  const key = keys(paid.sellerOrderId);
  const fee = platformFeeRupiah(paid.subtotalRupiah, settings.platformFeeBasisPoints);
  const base = {
    organisationId: new Types.ObjectId(paid.sellerOrganisationId),
    sellerOrderId: new Types.ObjectId(paid.sellerOrderId),
    sellerOrderNumber: paid.sellerOrderNumber,
    payoutBatchId: null,
    occurredAt: paid.occurredAt,
  };
  const number = paid.sellerOrderNumber;
  const entries: NewEntry[] = [
    {
      ...base,
      kind: 'sale',
      amountRupiah: paid.subtotalRupiah,
      key: key.sale,
      description: `Penjualan pesanan ${number}`,
    },
  ];
  if (paid.ppnRupiah > 0) {
    entries.push({
      ...base,
      kind: 'ppn',
      amountRupiah: paid.ppnRupiah,
      key: key.ppn,
      description: `PPN pesanan ${number}, diteruskan ke penjual PKP`,
    });
  }
  if (fee > 0) {
    entries.push({
      ...base,
      kind: 'platform_fee',
      amountRupiah: -fee,
      key: key.fee,
      description: `Biaya platform ${formatPercent(settings.platformFeeBasisPoints)} pesanan ${number}`,
    });
  }
  return recordOnce(entries);
}

/**
 * The buyer's money for this seller order went back (refund or credit note): exactly what was recorded
 * as paid is reversed, so the order nets to zero for the seller and the platform alike. Reads the paid
 * entries rather than recomputing, so a fee percentage changed since is of no concern. Nothing recorded as
 * paid → nothing to reverse. Idempotent like the payment.
 */
export async function recordSellerOrderRefund(input: SellerOrderRef): Promise<{ written: number }> {
  const refund = checked(ZSellerOrderRef, input);
  const key = keys(refund.sellerOrderId);
  const paid = await LedgerEntryModel.find({
    organisationId: refund.sellerOrganisationId,
    key: trusted({ $in: [key.sale, key.ppn, key.fee] }),
  }).lean<LedgerEntryDoc[]>();
  const number = refund.sellerOrderNumber;
  const reversal: Record<string, { key: string; kind: TLedgerEntryKind; description: string }> = {
    [key.sale]: { key: key.refundSale, kind: 'refund', description: `Pengembalian dana pesanan ${number}` },
    [key.ppn]: { key: key.refundPpn, kind: 'refund', description: `Pengembalian PPN pesanan ${number}` },
    [key.fee]: {
      key: key.refundFee,
      kind: 'platform_fee',
      description: `Biaya platform pesanan ${number} dikembalikan`,
    },
  };
  return recordOnce(
    paid.map((entry) => ({
      organisationId: entry.organisationId,
      sellerOrderId: entry.sellerOrderId ?? null,
      sellerOrderNumber: entry.sellerOrderNumber ?? number,
      payoutBatchId: null,
      occurredAt: refund.occurredAt,
      amountRupiah: -entry.amountRupiah,
      ...reversal[entry.key]!,
    })),
  );
}

const noKinds = (): TLedgerBalance['byKind'] =>
  Object.fromEntries(LEDGER_ENTRY_KINDS.map((kind) => [kind, 0])) as TLedgerBalance['byKind'];

/** Derived on every read: the sum of the seller's entries, by kind and in all. */
export async function sellerBalance(sellerOrganisationId: string): Promise<TLedgerBalance> {
  checked(ZObjectId, sellerOrganisationId);
  const sums = await LedgerEntryModel.aggregate<{ _id: TLedgerEntryKind; total: number }>([
    { $match: { organisationId: new Types.ObjectId(sellerOrganisationId) } },
    { $group: { _id: '$kind', total: { $sum: '$amountRupiah' } } },
  ]);
  const byKind = noKinds();
  for (const sum of sums) byKind[sum._id] = sum.total;
  return {
    sellerOrganisationId,
    balanceRupiah: Object.values(byKind).reduce((total, amount) => total + amount, 0),
    byKind,
  };
}
