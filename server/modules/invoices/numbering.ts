import { trusted } from 'mongoose';
import { todayInWib } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { InvoiceCounterModel, InvoiceSellerModel, type InvoiceCounterDoc } from './invoice.models';

/**
 * Gap-free numbers without transactions (docs/adr/011). Taking a number is one guarded update of the
 * series' counter that increments `seq` and records a hold `{sellerOrderId, seq}`, unless that seller
 * order already holds one (a retry: it gets the same number back). The document is then written with
 * the number, and only then is the hold removed. A crash in between leaves the hold, never a gap; the
 * retry finds it.
 */
export type Series = 'INV' | 'KN';

/** The year a document belongs to: its date in Jakarta. */
export function wibYear(at: Date): number {
  return Number(todayInWib(at).slice(0, 4));
}

function counterId(series: Series, sellerId: string, year: number): string {
  return `${series}:${sellerId}:${year}`;
}

export function formatNumber(series: Series, sellerCode: string, year: number, seq: number): string {
  return `${series}/${sellerCode}/${year}/${String(seq).padStart(6, '0')}`;
}

export interface Hold {
  seq: number;
  /** When the number was first taken: the date (and year) of the document it numbers. */
  at: Date;
  year: number;
}

/**
 * A hold this seller order has in the seller's series, this year's or last year's (a number taken on
 * 31 December and written after midnight keeps its year).
 */
export async function findHold(
  series: Series,
  sellerId: string,
  sellerOrderId: string,
  now: Date,
): Promise<Hold | null> {
  const year = wibYear(now);
  for (const candidate of [year, year - 1]) {
    const counter = await InvoiceCounterModel.findOne({
      _id: counterId(series, sellerId, candidate),
      'holds.sellerOrderId': sellerOrderId,
    }).lean<InvoiceCounterDoc>();
    const hold = counter?.holds.find((entry) => entry.sellerOrderId === sellerOrderId);
    if (hold) return { seq: hold.seq, at: hold.at, year: candidate };
  }
  return null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The next number of the series for this seller order, or the one it already holds. Concurrent takers
 * race on `seq`: the update is guarded on the value read, so exactly one wins each value and the others
 * read again.
 */
export async function takeNumber(
  series: Series,
  sellerId: string,
  sellerOrderId: string,
  at: Date,
): Promise<Hold> {
  const year = wibYear(at);
  const _id = counterId(series, sellerId, year);
  for (let attempt = 0; ; attempt++) {
    const counter = await InvoiceCounterModel.findById(_id).lean<InvoiceCounterDoc>();
    if (!counter) {
      try {
        await InvoiceCounterModel.create({ _id, seq: 0, holds: [] });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      continue;
    }
    const held = counter.holds.find((entry) => entry.sellerOrderId === sellerOrderId);
    if (held) return { seq: held.seq, at: held.at, year };
    const seq = counter.seq + 1;
    const taken = await InvoiceCounterModel.updateOne(
      { _id, seq: counter.seq, 'holds.sellerOrderId': trusted({ $ne: sellerOrderId }) },
      { $inc: { seq: 1 }, $push: { holds: { sellerOrderId, seq, at } } },
    );
    if (taken.modifiedCount === 1) return { seq, at, year };
    // Lost the race for this value: a short random pause spreads the next round of a crowd of takers.
    if (attempt > 2) await pause(Math.random() * Math.min(50, attempt * 5));
  }
}

/** The number is in its document now; the hold has done its work. */
export async function releaseHold(series: Series, sellerId: string, year: number, sellerOrderId: string) {
  await InvoiceCounterModel.updateOne(
    { _id: counterId(series, sellerId, year) },
    { $pull: { holds: { sellerOrderId } } },
  );
}

/** Holds older than `olderThanMs` in this seller's series this year: numbers whose writer died. */
export async function staleHolds(
  series: Series,
  sellerId: string,
  now: Date,
  olderThanMs: number,
): Promise<string[]> {
  const counter = await InvoiceCounterModel.findById(
    counterId(series, sellerId, wibYear(now)),
  ).lean<InvoiceCounterDoc>();
  return (counter?.holds ?? [])
    .filter((hold) => now.getTime() - hold.at.getTime() > olderThanMs)
    .map((hold) => hold.sellerOrderId);
}

/** `U00042`: made on the seller's first invoice from one global counter, then kept. */
export async function sellerCodeOf(sellerId: string): Promise<string> {
  const existing = await InvoiceSellerModel.findById(sellerId).lean();
  if (existing) return existing.code;
  const code = `U${String(await nextSellerCodeSeq()).padStart(5, '0')}`;
  try {
    await InvoiceSellerModel.create({ _id: sellerId, code });
    return code;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // Another invoice of this seller made its code a moment ago; the code taken here stays unused.
    const made = await InvoiceSellerModel.findById(sellerId).lean();
    if (!made) throw error;
    return made.code;
  }
}

async function nextSellerCodeSeq(): Promise<number> {
  for (;;) {
    try {
      const counter = await InvoiceCounterModel.findOneAndUpdate(
        { _id: 'seller-code' },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean<InvoiceCounterDoc>();
      return counter!.seq;
    } catch (error) {
      // Two first upserts at once: one inserted, the other's insert is refused; increment that one.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
