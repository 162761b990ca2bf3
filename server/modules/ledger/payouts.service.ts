import { createHash } from 'node:crypto';
import { Types, trusted } from 'mongoose';
import type { z } from 'zod';
import type { TCreatePayoutBatchRequest, ZPayoutAccountSnapshot } from '../../../shared/contracts/ledger';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import {
  LedgerEntryModel,
  PayoutBatchModel,
  PayoutSequenceModel,
  type LedgerEntryDoc,
  type PayoutBatchDoc,
  type PayoutItem,
  type PayoutSequenceDoc,
} from './ledger.models';
import { assertUmkm, sellerName, sellersOwed } from './ledger.queries';
import { sellerBalance } from './ledger.service';

export type PayoutAccount = z.infer<typeof ZPayoutAccountSnapshot>;

/**
 * Where the money goes: the UMKM profile's payout account (the umkm module's), copied onto the batch item
 * so the batch keeps saying where it was sent after the seller changes banks. Null: none entered yet.
 */
export type PayoutAccountLookup = (sellerOrganisationId: string) => Promise<PayoutAccount | null>;

/** How many sellers of one batch are worked on at once: each is a handful of small round trips. */
const SELLERS_AT_ONCE = 4;
/** A seller's payout is retried this often when other batches keep winning its payout number. */
const ATTEMPTS_PER_SELLER = 6;

const nothingToPay = () =>
  new AppError(
    'NOTHING_TO_PAY',
    'Tidak ada saldo yang perlu dibayarkan: UMKM yang dipilih tidak memiliki saldo positif, atau baru saja dibayar dalam pembayaran lain.',
  );

export function payoutRequestHash(body: TCreatePayoutBatchRequest): string {
  const canonical = {
    transferReference: body.transferReference,
    sellerOrganisationIds: body.sellerOrganisationIds ? [...body.sellerOrganisationIds].sort() : null,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export const payoutEntryKey = (sellerOrganisationId: string, seq: number) =>
  `payout:${sellerOrganisationId}:${seq}`;

export interface CreatedBatch {
  batch: PayoutBatchDoc;
  /** True when this answer repeats an earlier request with the same key. */
  replayed: boolean;
}

/**
 * A payout batch: for each seller, its whole positive balance now, recorded as one `payout` entry
 * (−amount) and one item of the batch. No transaction holds this together, so the order of writes does:
 * the batch (keyed by the Idempotency-Key), then per seller the item (with the seller's payout number),
 * then its entry (keyed by that number), then the number moves on. A retry with the same key resumes
 * from the items; two batches paying one seller at once compete for one entry key (docs/adr/012).
 */
export async function createPayoutBatch(
  actor: Actor,
  key: string,
  body: TCreatePayoutBatchRequest,
  payoutAccounts: PayoutAccountLookup,
): Promise<CreatedBatch> {
  const requestHash = payoutRequestHash(body);
  const earlier = await PayoutBatchModel.findOne({ key }).lean<PayoutBatchDoc>();
  let batch: PayoutBatchDoc;
  if (earlier) {
    batch = sameRequest(earlier, requestHash);
    if (batch.status === 'done') return { batch, replayed: true };
  } else {
    const targets = await payoutTargets(body);
    try {
      batch = (
        await PayoutBatchModel.create({
          key,
          requestHash,
          transferReference: body.transferReference,
          sellerOrganisationIds: targets.map((id) => new Types.ObjectId(id)),
          createdBy: { userId: actor.userId, name: actor.name },
          status: 'processing',
          items: [],
        })
      ).toObject<PayoutBatchDoc>();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // A request with the same key got there first: carry on with its batch (each step is safe twice).
      batch = sameRequest((await PayoutBatchModel.findOne({ key }).lean<PayoutBatchDoc>())!, requestHash);
      if (batch.status === 'done') return { batch, replayed: true };
    }
  }
  const sellers = batch.sellerOrganisationIds.map(String);
  for (let i = 0; i < sellers.length; i += SELLERS_AT_ONCE) {
    await Promise.all(
      sellers.slice(i, i + SELLERS_AT_ONCE).map((seller) => paySeller(batch._id, seller, payoutAccounts)),
    );
  }
  return { batch: await completeBatch(batch._id), replayed: Boolean(earlier) };
}

function sameRequest(batch: PayoutBatchDoc, requestHash: string): PayoutBatchDoc {
  if (batch.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'Kunci idempotensi ini sudah dipakai untuk pembayaran lain. Muat ulang halaman lalu coba lagi.',
    );
  }
  return batch;
}

/** The sellers named (each must be a UMKM), or every seller owed money now. */
async function payoutTargets(body: TCreatePayoutBatchRequest): Promise<string[]> {
  if (!body.sellerOrganisationIds) {
    const owed = await sellersOwed();
    if (owed.length === 0) throw nothingToPay();
    return owed;
  }
  const ids = body.sellerOrganisationIds;
  const found = await Promise.allSettled(ids.map((id) => assertUmkm(id)));
  const issues = found.flatMap((result, i) =>
    result.status === 'rejected'
      ? [{ path: ['sellerOrganisationIds', String(i)], message: 'UMKM tidak ditemukan' }]
      : [],
  );
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Ada UMKM yang tidak ditemukan.', { issues });
  }
  return ids;
}

async function loadBatch(batchId: Types.ObjectId): Promise<PayoutBatchDoc | null> {
  return PayoutBatchModel.findById(batchId).lean<PayoutBatchDoc>();
}

/** The seller's next payout number, its counter created on the first payout. */
async function nextPayoutNumber(seller: string): Promise<number> {
  const filter = { _id: seller, organisationId: seller };
  try {
    const sequence = await PayoutSequenceModel.findOneAndUpdate(
      filter,
      { $setOnInsert: { next: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean<PayoutSequenceDoc>();
    return sequence!.next;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return (await PayoutSequenceModel.findOne(filter).lean<PayoutSequenceDoc>())!.next;
  }
}

/** Only from the number whose entry exists: a number never moves past a payout not yet recorded. */
async function passPayoutNumber(seller: string, seq: number): Promise<void> {
  await PayoutSequenceModel.updateOne(
    { _id: seller, organisationId: seller, next: seq },
    { $set: { next: seq + 1 } },
  );
}

async function payoutEntry(seller: string, seq: number): Promise<LedgerEntryDoc | null> {
  return LedgerEntryModel.findOne({
    organisationId: seller,
    key: payoutEntryKey(seller, seq),
  }).lean<LedgerEntryDoc>();
}

/**
 * Writes the entry of a batch's item. False when the item's payout number went to another batch (whose
 * entry then stands for that money): the item must go.
 */
async function recordItemEntry(batch: PayoutBatchDoc, item: PayoutItem): Promise<boolean> {
  const seller = String(item.sellerOrganisationId);
  try {
    await LedgerEntryModel.create({
      organisationId: item.sellerOrganisationId,
      kind: 'payout',
      amountRupiah: -item.amountRupiah,
      sellerOrderId: null,
      sellerOrderNumber: null,
      payoutBatchId: batch._id,
      key: payoutEntryKey(seller, item.seq),
      occurredAt: batch.createdAt,
      description: `Pembayaran ke rekening UMKM, referensi transfer ${batch.transferReference}`,
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = await payoutEntry(seller, item.seq);
    if (String(existing?.payoutBatchId) !== String(batch._id)) return false;
  }
  await passPayoutNumber(seller, item.seq);
  return true;
}

/**
 * Pays one seller within a batch, or finds it has nothing to pay. Safe to run twice for the same batch
 * and seller (a retry, or two requests with one key): the item is pushed only if absent, the entry is
 * keyed. Another batch paying the same seller at once takes the same payout number; one entry wins.
 */
async function paySeller(batchId: Types.ObjectId, seller: string, payoutAccounts: PayoutAccountLookup) {
  for (let attempt = 0; attempt < ATTEMPTS_PER_SELLER; attempt++) {
    const batch = await loadBatch(batchId);
    if (!batch || batch.status !== 'processing') return;
    const item = batch.items.find((it) => String(it.sellerOrganisationId) === seller);
    if (item) {
      if (await recordItemEntry(batch, item)) return;
      await PayoutBatchModel.updateOne(
        { _id: batchId },
        {
          $pull: { items: { sellerOrganisationId: item.sellerOrganisationId, seq: item.seq } },
          $inc: { version: 1 },
        },
      );
      continue;
    }
    const seq = await nextPayoutNumber(seller);
    if (await payoutEntry(seller, seq)) {
      // Its batch stopped between the entry and moving the number on: move it on for them.
      await passPayoutNumber(seller, seq);
      continue;
    }
    // Read after the number: every earlier payout of this seller is in the sum.
    const { balanceRupiah } = await sellerBalance(seller);
    if (balanceRupiah <= 0) return;
    const [name, payoutAccount] = await Promise.all([sellerName(seller), payoutAccounts(seller)]);
    await PayoutBatchModel.updateOne(
      {
        _id: batchId,
        status: 'processing',
        'items.sellerOrganisationId': trusted({ $ne: new Types.ObjectId(seller) }),
      },
      {
        $push: {
          items: {
            sellerOrganisationId: seller,
            sellerName: name,
            amountRupiah: balanceRupiah,
            payoutAccount,
            seq,
          },
        },
        $inc: { version: 1 },
      },
    );
    // Pushed or not (the other request with this key did), the next round writes the item's entry.
  }
}

/**
 * Every item has its entry, then "done" — guarded by the version the check saw, so an item pushed by a
 * concurrent run of the same batch is checked too. A batch that paid no one is deleted, freeing its key.
 */
async function completeBatch(batchId: Types.ObjectId): Promise<PayoutBatchDoc> {
  for (let round = 0; round < ATTEMPTS_PER_SELLER; round++) {
    const batch = await loadBatch(batchId);
    if (!batch) throw nothingToPay();
    if (batch.status === 'done') return batch;
    let removed = false;
    for (const item of batch.items) {
      if (!(await recordItemEntry(batch, item))) {
        await PayoutBatchModel.updateOne(
          { _id: batchId },
          {
            $pull: { items: { sellerOrganisationId: item.sellerOrganisationId, seq: item.seq } },
            $inc: { version: 1 },
          },
        );
        removed = true;
      }
    }
    if (removed) continue;
    if (batch.items.length === 0) {
      const deleted = await PayoutBatchModel.deleteOne({
        _id: batchId,
        version: batch.version,
        status: 'processing',
      });
      if (deleted.deletedCount === 1) throw nothingToPay();
      continue;
    }
    const done = await PayoutBatchModel.findOneAndUpdate(
      { _id: batchId, version: batch.version, status: 'processing' },
      { $set: { status: 'done', completedAt: new Date() } },
      { returnDocument: 'after' },
    ).lean<PayoutBatchDoc>();
    if (done) return done;
  }
  throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'Pembayaran ini masih diproses. Coba lagi sebentar lagi.');
}

export async function listPayoutBatches(query: { cursor?: string; limit: number }) {
  const filter: Record<string, unknown> = {};
  if (query.cursor) Object.assign(filter, afterCursor('createdAt', query.cursor, -1));
  const rows = await PayoutBatchModel.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<PayoutBatchDoc[]>();
  return toPage(rows, query.limit, (batch) => batch.createdAt);
}

export async function getPayoutBatch(batchId: string): Promise<PayoutBatchDoc> {
  const batch = await PayoutBatchModel.findById(batchId).lean<PayoutBatchDoc>();
  if (!batch) throw new AppError('NOT_FOUND', 'Pembayaran tidak ditemukan.');
  return batch;
}
