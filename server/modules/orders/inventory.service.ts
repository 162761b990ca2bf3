import { trusted, type Types } from 'mongoose';
import { isoWeekOf } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { CapacityWeekModel, StockLevelModel } from './order.models';

/** What one reservation took (see order.models.ts); `week` null means stock on hand. */
export interface Reservation {
  productId: string;
  week: string | null;
  quantity: number;
}

export type ReserveResult = { ok: true; taken: Reservation[] } | { ok: false; available: number };

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

/** A line of a checkout, as inventory sees it. */
export interface LineToReserve {
  sellerId: string;
  productId: string;
  quantity: number;
  supply: { mode: 'stock'; stockOnHand: number } | { mode: 'capacity'; weeklyCapacity: number };
}

/** A reservation and whose it is. */
export type HeldReservation = Reservation & { sellerId: string };

export type ReserveLinesResult =
  | { ok: true; taken: HeldReservation[] }
  | { ok: false; short: Array<{ productId: string; available: number }> };

/** The conditional update that takes `quantity` of a counter for `orderId`, at most once per order. */
function takeFor(orderId: Types.ObjectId, quantity: number) {
  return {
    filter: { available: trusted({ $gte: quantity }), 'holds.orderId': trusted({ $ne: orderId }) },
    update: { $inc: { available: -quantity, reserved: quantity }, $push: { holds: { orderId, quantity } } },
  };
}

/**
 * Reserves every line of a checkout for `orderId`, or nothing. Stock lines go to the server in one
 * unordered bulk of conditional single-document updates — each succeeds only while enough is available,
 * so concurrent buyers can never take stock below zero — and leave a hold naming the order. When fewer
 * matched than were sent, the counters are read back: a hold says which succeeded, and the rest were
 * short (or had no counter yet: created and tried once more). Made-to-order lines take weekly capacity
 * week by week. Any short line gives back everything this order took, through its holds.
 */
export async function reserveLines(
  orderId: Types.ObjectId,
  lines: readonly LineToReserve[],
  weeks: readonly string[],
): Promise<ReserveLinesResult> {
  const taken: HeldReservation[] = [];
  const short: Array<{ productId: string; available: number }> = [];
  const stockLines = lines.filter((line) => line.supply.mode === 'stock');
  if (stockLines.length > 0) {
    const sent = await StockLevelModel.bulkWrite(
      stockLines.map((line) => {
        const take = takeFor(orderId, line.quantity);
        return {
          updateOne: {
            filter: { organisationId: line.sellerId, productId: line.productId, ...take.filter },
            update: take.update,
          },
        };
      }),
      { ordered: false },
    );
    let unsure = stockLines;
    if (sent.modifiedCount !== stockLines.length) {
      const counters = await StockLevelModel.find({
        productId: trusted({ $in: stockLines.map((line) => line.productId) }),
      })
        .setOptions({ crossTenant: true })
        .lean();
      const byProduct = new Map(counters.map((counter) => [String(counter.productId), counter]));
      unsure = [];
      for (const line of stockLines) {
        const counter = byProduct.get(line.productId);
        if (!counter) {
          await ensure(() =>
            StockLevelModel.create({
              organisationId: line.sellerId,
              productId: line.productId,
              onHand: line.supply.mode === 'stock' ? line.supply.stockOnHand : 0,
              reserved: 0,
              available: line.supply.mode === 'stock' ? line.supply.stockOnHand : 0,
            }),
          );
          const take = takeFor(orderId, line.quantity);
          const retried = await StockLevelModel.findOneAndUpdate(
            { organisationId: line.sellerId, productId: line.productId, ...take.filter },
            take.update,
            { returnDocument: 'after' },
          ).lean();
          if (retried) unsure.push(line);
          else short.push({ productId: line.productId, available: await stockAvailable(line) });
        } else if (counter.holds.some((hold) => hold.orderId.equals(orderId))) {
          unsure.push(line);
        } else if (counter.available >= line.quantity) {
          // Enough now: the counter did not exist yet when the bulk ran (another checkout created it
          // since) or units came back meanwhile. Try once more rather than refuse what is there.
          const take = takeFor(orderId, line.quantity);
          const retried = await StockLevelModel.findOneAndUpdate(
            { organisationId: line.sellerId, productId: line.productId, ...take.filter },
            take.update,
            { returnDocument: 'after' },
          ).lean();
          if (retried) unsure.push(line);
          else short.push({ productId: line.productId, available: await stockAvailable(line) });
        } else {
          short.push({ productId: line.productId, available: Math.max(0, counter.available) });
        }
      }
    }
    for (const line of unsure) {
      taken.push({ sellerId: line.sellerId, productId: line.productId, week: null, quantity: line.quantity });
    }
  }
  for (const line of lines) {
    if (line.supply.mode !== 'capacity') continue;
    const result = await reserveCapacity(orderId, line, line.supply.weeklyCapacity, weeks);
    if (result.ok)
      taken.push(...result.taken.map((reservation) => ({ ...reservation, sellerId: line.sellerId })));
    else short.push({ productId: line.productId, available: result.available });
  }
  if (short.length === 0) return { ok: true, taken };
  await releaseHolds(orderId, taken);
  const order = new Map(lines.map((line, index) => [line.productId, index]));
  return { ok: false, short: short.sort((a, b) => order.get(a.productId)! - order.get(b.productId)!) };
}

async function stockAvailable(line: Pick<LineToReserve, 'sellerId' | 'productId'>): Promise<number> {
  const level = await StockLevelModel.findOne({
    organisationId: line.sellerId,
    productId: line.productId,
  }).lean();
  return Math.max(0, level?.available ?? 0);
}

/**
 * Takes production capacity of a made-to-order product, earliest week first, across the weeks up to the
 * delivery date. Each week is its own conditional update holding for `orderId`; if the weeks together
 * fall short, what was taken is given back and the shortfall reported.
 */
async function reserveCapacity(
  orderId: Types.ObjectId,
  line: Pick<LineToReserve, 'sellerId' | 'productId' | 'quantity'>,
  weeklyCapacity: number,
  weeks: readonly string[],
): Promise<{ ok: true; taken: Reservation[] } | { ok: false; available: number }> {
  const { sellerId, productId } = line;
  let remaining = line.quantity;
  let availableSeen = 0;
  const taken: HeldReservation[] = [];
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
      const amount = Math.min(remaining, bucket?.available ?? 0);
      if (amount <= 0) break;
      const take = takeFor(orderId, amount);
      const updated = await CapacityWeekModel.findOneAndUpdate(
        { ...filter, ...take.filter },
        take.update,
      ).lean();
      if (updated) {
        taken.push({ sellerId, productId, week, quantity: amount });
        availableSeen += amount;
        remaining -= amount;
        break;
      }
    }
    if (remaining === 0) return { ok: true, taken };
  }
  await releaseHolds(orderId, taken);
  return { ok: false, available: availableSeen };
}

/** The counter documents a reservation lives on, and the filter naming one of them. */
function counterOf(sellerId: string, { productId, week }: Reservation) {
  return week === null
    ? { model: StockLevelModel, filter: { organisationId: sellerId, productId } }
    : { model: CapacityWeekModel, filter: { organisationId: sellerId, productId, week } };
}

/** One bulk per counter collection, skipping the ones with nothing to send. */
async function perCollection(
  reservations: readonly HeldReservation[],
  operation: (reservation: HeldReservation) => { filter: object; update: object },
): Promise<void> {
  const stock = reservations.filter((reservation) => reservation.week === null);
  const capacity = reservations.filter((reservation) => reservation.week !== null);
  const send = async (model: typeof StockLevelModel | typeof CapacityWeekModel, some: HeldReservation[]) => {
    if (some.length === 0) return;
    await (model as typeof StockLevelModel).bulkWrite(
      some.map((reservation) => {
        const { filter, update } = operation(reservation);
        return {
          updateOne: {
            filter: { ...counterOf(reservation.sellerId, reservation).filter, ...filter },
            update,
          },
        };
      }),
      { ordered: false },
    );
  };
  await Promise.all([send(StockLevelModel, stock), send(CapacityWeekModel, capacity)]);
}

/**
 * Undoes a checkout that will not become an order: each counter still holding for `orderId` gets its
 * units back and loses the hold, in the same update — so releasing twice (the checkout itself, and a
 * retry that took it over) gives back once.
 */
export async function releaseHolds(
  orderId: Types.ObjectId,
  reservations: readonly HeldReservation[],
): Promise<void> {
  await perCollection(reservations, ({ quantity }) => ({
    filter: { holds: trusted({ $elemMatch: { orderId, quantity } }) },
    update: { $inc: { available: quantity, reserved: -quantity }, $pull: { holds: { orderId } } },
  }));
}

/** The order is written and now holds the reservations itself: the checkout's marks can go. */
export async function settleHolds(
  orderId: Types.ObjectId,
  reservations: readonly HeldReservation[],
): Promise<void> {
  await perCollection(reservations, () => ({
    filter: { 'holds.orderId': orderId },
    update: { $pull: { holds: { orderId } } },
  }));
}

/** What a checkout that died holds, read from the counters of the products it was ordering. */
export async function holdsOf(
  orderId: Types.ObjectId,
  productIds: readonly string[],
): Promise<HeldReservation[]> {
  const filter = { productId: trusted({ $in: [...productIds] }), 'holds.orderId': orderId };
  const [stock, capacity] = await Promise.all([
    StockLevelModel.find(filter).setOptions({ crossTenant: true }).lean(),
    CapacityWeekModel.find(filter).setOptions({ crossTenant: true }).lean(),
  ]);
  return [...stock.map((counter) => ({ ...counter, week: null })), ...capacity].map((counter) => ({
    sellerId: String(counter.organisationId),
    productId: String(counter.productId),
    week: counter.week ?? null,
    quantity: counter.holds.find((hold) => hold.orderId.equals(orderId))!.quantity,
  }));
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
