import { trusted } from 'mongoose';
import { isDuplicateKeyError } from '../../platform/db';
import { CapacityWeekModel, StockLevelModel } from './order.models';

/** What one reservation took (see order.models.ts); `week` null means stock on hand. */
export interface Reservation {
  productId: string;
  week: string | null;
  quantity: number;
}

export type ReserveResult = { ok: true; taken: Reservation[] } | { ok: false; available: number };

/** The ISO week (`2026-W48`) of a calendar date, as Jakarta counts days. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of that week decides its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Every ISO week from the one holding `from` to the one holding `to` (calendar dates), in order. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const week = isoWeekOf(new Date(t).toISOString().slice(0, 10));
    if (weeks.at(-1) !== week) weeks.push(week);
  }
  return weeks;
}

/** Creates a counter on first use; of two first uses at once, one inserts and the other finds it. */
async function ensure(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/**
 * Takes `quantity` units of a stock product in one conditional update: it succeeds only while that many
 * are available, so concurrent buyers can never take stock below zero.
 */
export async function reserveStock(
  sellerId: string,
  productId: string,
  stockOnHand: number,
  quantity: number,
): Promise<ReserveResult> {
  const take = () =>
    StockLevelModel.findOneAndUpdate(
      { organisationId: sellerId, productId, available: trusted({ $gte: quantity }) },
      { $inc: { available: -quantity, reserved: quantity } },
      { returnDocument: 'after' },
    ).lean();
  // The counter exists after a product's first order: try at once, create it only when nothing matched.
  let updated = await take();
  if (!updated && !(await StockLevelModel.exists({ organisationId: sellerId, productId }))) {
    await ensure(() =>
      StockLevelModel.create({
        organisationId: sellerId,
        productId,
        onHand: stockOnHand,
        reserved: 0,
        available: stockOnHand,
      }),
    );
    updated = await take();
  }
  if (updated) return { ok: true, taken: [{ productId, week: null, quantity }] };
  const level = await StockLevelModel.findOne({ organisationId: sellerId, productId }).lean();
  return { ok: false, available: Math.max(0, level?.available ?? 0) };
}

/**
 * Takes production capacity of a made-to-order product, earliest week first, across the weeks up to the
 * delivery date. Each week is its own conditional update; if the weeks together fall short, what was
 * taken is given back and the shortfall reported.
 */
export async function reserveCapacity(
  sellerId: string,
  productId: string,
  weeklyCapacity: number,
  weeks: readonly string[],
  quantity: number,
): Promise<ReserveResult> {
  let remaining = quantity;
  let availableSeen = 0;
  const taken: Reservation[] = [];
  for (const week of weeks) {
    const filter = { organisationId: sellerId, productId, week };
    if (!(await CapacityWeekModel.exists(filter))) {
      await ensure(() =>
        CapacityWeekModel.create({
          ...filter,
          capacity: weeklyCapacity,
          reserved: 0,
          available: weeklyCapacity,
        }),
      );
    }
    // A competitor may take some between the read and the write: re-read and try again a few times.
    for (let attempt = 0; attempt < 5; attempt++) {
      const bucket = await CapacityWeekModel.findOne(filter).lean();
      const take = Math.min(remaining, bucket?.available ?? 0);
      if (take <= 0) break;
      const updated = await CapacityWeekModel.findOneAndUpdate(
        { ...filter, available: trusted({ $gte: take }) },
        { $inc: { available: -take, reserved: take } },
      ).lean();
      if (updated) {
        taken.push({ productId, week, quantity: take });
        availableSeen += take;
        remaining -= take;
        break;
      }
    }
    if (remaining === 0) return { ok: true, taken };
  }
  await release(sellerId, taken);
  return { ok: false, available: availableSeen };
}

/** Gives reservations back (a rejected or cancelled order, a failed checkout). */
export async function release(sellerId: string, reservations: readonly Reservation[]): Promise<void> {
  for (const { productId, week, quantity } of reservations) {
    if (week === null) {
      await StockLevelModel.updateOne(
        { organisationId: sellerId, productId, reserved: trusted({ $gte: quantity }) },
        { $inc: { available: quantity, reserved: -quantity } },
      );
    } else {
      await CapacityWeekModel.updateOne(
        { organisationId: sellerId, productId, week, reserved: trusted({ $gte: quantity }) },
        { $inc: { available: quantity, reserved: -quantity } },
      );
    }
  }
}

/** The goods left the seller: reserved stock becomes sold (capacity stays used: the work was done). */
export async function consume(sellerId: string, reservations: readonly Reservation[]): Promise<void> {
  for (const { productId, week, quantity } of reservations) {
    if (week !== null) continue;
    await StockLevelModel.updateOne(
      { organisationId: sellerId, productId, reserved: trusted({ $gte: quantity }) },
      { $inc: { onHand: -quantity, reserved: -quantity } },
    );
  }
}

/** Units a stock product can still sell now; null for made-to-order products. */
export async function availableStock(productIds: readonly string[]): Promise<Map<string, number>> {
  const levels = await StockLevelModel.find({ productId: trusted({ $in: [...productIds] }) })
    .setOptions({ crossTenant: true })
    .lean();
  return new Map(levels.map((level) => [String(level.productId), level.available]));
}

/**
 * What could be reserved now, without reserving it: for the 409 of a checkout that already came up short
 * on an earlier line (holding more stock to name the rest would only starve concurrent buyers).
 */
export async function availableNow(
  sellerId: string,
  productId: string,
  supply: { mode: 'stock'; stockOnHand: number } | { mode: 'capacity'; weeklyCapacity: number },
  weeks: readonly string[],
): Promise<number> {
  if (supply.mode === 'stock') {
    const level = await StockLevelModel.findOne({ organisationId: sellerId, productId }).lean();
    return Math.max(0, level ? level.available : supply.stockOnHand);
  }
  const buckets = await CapacityWeekModel.find({
    organisationId: sellerId,
    productId,
    week: trusted({ $in: [...weeks] }),
  }).lean();
  return weeks.reduce(
    (sum, week) => sum + (buckets.find((bucket) => bucket.week === week)?.available ?? supply.weeklyCapacity),
    0,
  );
}
