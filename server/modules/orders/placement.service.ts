import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { trusted, Types } from 'mongoose';
import type { TPlaceOrderRequest } from '../../../shared/contracts/orders';
import { todayInWib } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { assertCanTrade, getOrganisation } from '../accounts';
import { removeCartLines } from './cart.service';
import {
  availableNow,
  release,
  reserveCapacity,
  reserveStock,
  weeksBetween,
  type Reservation,
} from './inventory.service';
import {
  BuyerOrderModel,
  OrderCounterModel,
  OrderPlacementModel,
  SellerOrderModel,
  type BuyerOrderDoc,
  type OrderPlacementDoc,
} from './order.models';
import { announceOrderChange } from './order-events';
import { orderEvent, sellerOrderOutbox } from './orders.outbox';
import { publishNow, withOutbox } from '../../platform/outbox';
import { quote, type Quote } from './quote';

/** Idempotency keys are honoured for a day at least, as the issue asks. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A checkout not heard from for this long is presumed dead, and the next request with its key takes over. */
const STALE_AFTER_MS = 30_000;
/** How long a repeated request waits for the first one to finish before answering "still working". */
const WAIT_FOR_FIRST_MS = 15_000;

function hashRequest(body: TPlaceOrderRequest): string {
  const canonical = {
    ...body,
    lines: [...body.lines].sort((a, b) => a.productId.localeCompare(b.productId)),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export interface PlacedOrder {
  order: BuyerOrderDoc;
  /** True when this answer repeats an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Checkout. The Idempotency-Key claims a placement document first; the same key and body return the
 * same order (also to 20 requests at once: one works, the others wait for it), a different body is
 * refused with 422. Without transactions the order of writes is the safety: reservations (each recorded
 * on the placement), then the buyer order (the commit point, holding every part), then the seller orders
 * derived from it with fixed ids, then "done". A placement found stale is compensated or completed from
 * that record by whichever request finds it.
 */
export async function placeOrder(
  actor: Actor,
  key: string,
  body: TPlaceOrderRequest,
  now = new Date(),
): Promise<PlacedOrder> {
  assertCanTrade(actor);
  const requestHash = hashRequest(body);
  let placement: OrderPlacementDoc;
  try {
    placement = (
      await OrderPlacementModel.create({
        organisationId: actor.organisationId,
        key,
        requestHash,
        state: 'processing',
        orderId: new Types.ObjectId(),
        heartbeatAt: now,
        expiresAt: new Date(now.getTime() + KEY_LIFETIME_MS),
      })
    ).toObject();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return awaitEarlierAttempt(actor, key, requestHash, body, now);
  }
  try {
    return { order: await carryOut(actor, placement, body, now), replayed: false };
  } catch (error) {
    await abandon(placement);
    throw error;
  }
}

async function awaitEarlierAttempt(
  actor: Actor,
  key: string,
  requestHash: string,
  body: TPlaceOrderRequest,
  now: Date,
): Promise<PlacedOrder> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const earlier = await OrderPlacementModel.findOne({
      organisationId: actor.organisationId,
      key,
    }).lean<OrderPlacementDoc>();
    if (!earlier) return placeOrder(actor, key, body, now); // it failed and gave the key back
    if (earlier.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'Kunci idempotensi ini sudah dipakai untuk pesanan lain. Muat ulang halaman checkout lalu coba lagi.',
      );
    }
    if (earlier.state === 'done') {
      return { order: await loadBuyerOrder(actor, String(earlier.orderId)), replayed: true };
    }
    if (Date.now() - earlier.heartbeatAt.getTime() > STALE_AFTER_MS && (await takeOver(earlier))) {
      return recover(actor, earlier, body);
    }
    if (Date.now() > deadline) {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'Pesanan ini masih diproses. Coba lagi sebentar lagi.');
    }
    await sleep(100);
  }
}

/** Of several requests finding the same stale attempt, exactly one wins the right to finish or undo it. */
async function takeOver(stale: OrderPlacementDoc): Promise<boolean> {
  const claimed = await OrderPlacementModel.updateOne(
    {
      _id: stale._id,
      organisationId: stale.organisationId,
      state: 'processing',
      heartbeatAt: stale.heartbeatAt,
    },
    { $set: { heartbeatAt: new Date() } },
  );
  return claimed.modifiedCount === 1;
}

/** A dead attempt: if its buyer order was written, finish it; otherwise give its reservations back and retry. */
async function recover(
  actor: Actor,
  stale: OrderPlacementDoc,
  body: TPlaceOrderRequest,
): Promise<PlacedOrder> {
  const order = await BuyerOrderModel.findOne({
    _id: stale.orderId,
    organisationId: stale.organisationId,
  }).lean<BuyerOrderDoc>();
  if (order) {
    // The steps after the commit point, as carryOut would have taken them: the cart too, or the buyer
    // sees the ordered lines still waiting there.
    await writeSellerOrders(order);
    await finish(stale);
    await removeCartLines(
      actor,
      body.lines.map((line) => line.productId),
    );
    return { order, replayed: true };
  }
  await abandon(stale);
  return placeOrder(actor, stale.key, body);
}

/** Undo: reservations given back, the key freed so the buyer can try again. */
async function abandon(placement: Pick<OrderPlacementDoc, '_id' | 'organisationId'>): Promise<void> {
  const current = await OrderPlacementModel.findOne({
    _id: placement._id,
    organisationId: placement.organisationId,
  }).lean<OrderPlacementDoc>();
  if (!current || current.state === 'done') return;
  const bySeller = new Map<string, Reservation[]>();
  for (const reservation of current.reserved) {
    const sellerId = String(reservation.sellerId);
    bySeller.set(sellerId, [
      ...(bySeller.get(sellerId) ?? []),
      {
        productId: String(reservation.productId),
        week: reservation.week ?? null,
        quantity: reservation.quantity,
      },
    ]);
  }
  for (const [sellerId, reservations] of bySeller) await release(sellerId, reservations);
  await OrderPlacementModel.deleteOne({ _id: current._id, organisationId: current.organisationId });
}

async function finish(placement: Pick<OrderPlacementDoc, '_id' | 'organisationId'>): Promise<void> {
  await OrderPlacementModel.updateOne(
    { _id: placement._id, organisationId: placement.organisationId },
    { $set: { state: 'done', heartbeatAt: new Date() } },
  );
}

function lineIssues(priced: Quote, body: TPlaceOrderRequest) {
  return priced.lines
    .flatMap((line, index) =>
      line.problem && line.problem.code !== 'insufficient'
        ? [
            {
              path: ['lines', index, line.problem.code === 'unavailable' ? 'productId' : 'quantity'],
              message: line.problem.message,
            },
          ]
        : [],
    )
    .concat(
      body.requestedDeliveryDate < priced.earliestDeliveryDate
        ? [
            {
              path: ['requestedDeliveryDate'],
              message: `Tanggal kirim paling cepat ${priced.earliestDeliveryDate} (waktu produksi terlama)`,
            },
          ]
        : [],
    );
}

async function carryOut(
  actor: Actor,
  placement: OrderPlacementDoc,
  body: TPlaceOrderRequest,
  now: Date,
): Promise<BuyerOrderDoc> {
  const buyer = await getOrganisation(actor.organisationId);
  if (!buyer.address) {
    throw new AppError('INVALID_STATE', 'Lengkapi alamat organisasi Anda dulu: pesanan dikirim ke sana.');
  }
  const priced = await quote(body.lines, now);
  const unavailable = priced.lines.filter((line) => line.problem?.code === 'unavailable');
  if (unavailable.length > 0) {
    throw new AppError('NOT_FOUND', 'Sebagian produk tidak ditemukan di katalog.', {
      issues: lineIssues(priced, body).filter((issue) => issue.path.at(-1) === 'productId'),
    });
  }
  const issues = lineIssues(priced, body);
  if (issues.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Periksa kembali jumlah dan tanggal kirim.', { issues });

  // Lines are reserved until one comes up short; the rest are only read, so the 409 still names every
  // short line without holding stock that concurrent buyers could have had.
  const today = todayInWib(now);
  const weeks = weeksBetween(today, body.requestedDeliveryDate);
  const short: Array<{ productId: string; name: string; requested: number; available: number }> = [];
  for (const line of priced.lines) {
    const supply = line.supply!;
    if (short.length > 0) {
      const available = await availableNow(line.sellerId, line.productId, supply, weeks);
      if (available < line.quantity) {
        short.push({ productId: line.productId, name: line.name, requested: line.quantity, available });
      }
      continue;
    }
    const result =
      supply.mode === 'stock'
        ? await reserveStock(line.sellerId, line.productId, supply.stockOnHand, line.quantity)
        : await reserveCapacity(line.sellerId, line.productId, supply.weeklyCapacity, weeks, line.quantity);
    if (!result.ok) {
      short.push({
        productId: line.productId,
        name: line.name,
        requested: line.quantity,
        available: result.available,
      });
      continue;
    }
    await OrderPlacementModel.updateOne(
      { _id: placement._id, organisationId: placement.organisationId },
      {
        $push: { reserved: { $each: result.taken.map((taken) => ({ ...taken, sellerId: line.sellerId })) } },
        $set: { heartbeatAt: new Date() },
      },
    );
  }
  if (short.length > 0) {
    throw new AppError('INSUFFICIENT_STOCK', 'Sebagian produk tidak cukup tersedia untuk jumlah ini.', {
      lines: short,
    });
  }

  const current = await OrderPlacementModel.findOne({
    _id: placement._id,
    organisationId: placement.organisationId,
  }).lean<OrderPlacementDoc>();
  const number = await nextOrderNumber(now);
  const order = (
    await BuyerOrderModel.create({
      _id: placement.orderId,
      organisationId: actor.organisationId,
      number,
      placedByUserId: actor.userId,
      placedByName: actor.name,
      requestedDeliveryDate: body.requestedDeliveryDate,
      purchaseOrderNumber: body.purchaseOrderNumber ?? null,
      notes: body.notes ?? null,
      deliveryAddress: buyer.address,
      totals: priced.totals,
      parts: priced.groups.map((group, index) => ({
        sellerOrderId: new Types.ObjectId(),
        number: `${number}-${index + 1}`,
        seller: group.seller,
        lines: group.lines.map((line) => ({
          productId: line.productId,
          name: line.name,
          unit: line.unit,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          basePrice: line.basePrice,
          lineTotal: line.lineTotal,
        })),
        totals: group.totals,
        reservations: (current?.reserved ?? [])
          .filter((reservation) => String(reservation.sellerId) === group.seller.id)
          .map((reservation) => ({
            productId: reservation.productId,
            week: reservation.week ?? null,
            quantity: reservation.quantity,
          })),
      })),
      buyer: { name: buyer.name, buyerType: buyer.buyerType ?? null },
    })
  ).toObject() as BuyerOrderDoc;
  await writeSellerOrders(order);
  await finish(placement);
  await removeCartLines(
    actor,
    body.lines.map((line) => line.productId),
  );
  return order;
}

/** Derives the seller orders from the buyer order; fixed ids make a second run (recovery) a no-op. */
async function writeSellerOrders(order: BuyerOrderDoc): Promise<void> {
  for (const part of order.parts) {
    try {
      const placed = orderEvent(
        {
          _id: part.sellerOrderId,
          organisationId: new Types.ObjectId(part.seller!.id!),
          version: 1,
          status: 'placed',
        },
        null,
      );
      const created = await SellerOrderModel.create({
        _id: part.sellerOrderId,
        organisationId: part.seller!.id!,
        buyerOrganisationId: order.organisationId,
        buyerOrderId: order._id,
        number: part.number,
        buyer: order.buyer,
        seller: { name: part.seller!.name, isPkp: part.seller!.isPkp },
        status: 'placed',
        version: 1,
        lines: part.lines,
        totals: part.totals,
        reservations: part.reservations,
        requestedDeliveryDate: order.requestedDeliveryDate,
        purchaseOrderNumber: order.purchaseOrderNumber ?? null,
        notes: order.notes ?? null,
        deliveryAddress: order.deliveryAddress,
        history: [
          {
            move: null,
            from: null,
            to: 'placed',
            byUserId: order.placedByUserId,
            byName: order.placedByName,
            byParty: 'buyer',
            at: order.createdAt,
          },
        ],
        ...withOutbox([placed]),
      });
      await publishNow(sellerOrderOutbox.source, part.sellerOrderId, [placed], [0]);
      announceOrderChange(created.toObject());
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

/** `PSR-2026-000123`: gap-free per year (an atomic counter), so buyers and sellers can quote it. */
async function nextOrderNumber(now: Date): Promise<string> {
  const year = todayInWib(now).slice(0, 4);
  const counter = await OrderCounterModel.findOneAndUpdate(
    { _id: `order:${year}` },
    { $inc: { seq: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean<{ seq: number }>();
  return `PSR-${year}-${String(counter!.seq).padStart(6, '0')}`;
}

export async function loadBuyerOrder(actor: Actor, orderId: string): Promise<BuyerOrderDoc> {
  const order = await BuyerOrderModel.findOne({
    _id: orderId,
    organisationId: actor.organisationId,
  }).lean<BuyerOrderDoc>();
  if (!order) throw new AppError('NOT_FOUND', 'Pesanan tidak ditemukan.');
  return order;
}

/**
 * Finished checkouts whose keys are past their day: the key may be used again. Unfinished ones stay for
 * the takeover path (a request with the same key finishes or undoes them).
 */
export async function purgeExpiredPlacements(now = new Date()): Promise<number> {
  const { deletedCount } = await OrderPlacementModel.deleteMany({
    state: 'done',
    expiresAt: trusted({ $lt: now }),
  }).setOptions({ crossTenant: true });
  return deletedCount;
}
