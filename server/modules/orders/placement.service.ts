import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { trusted, Types } from 'mongoose';
import type { TPlaceOrderRequest } from '../../../shared/contracts/orders';
import { todayInWib } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { assertCanTrade, deliveryAddressFor, getOrganisation } from '../accounts';
import { creditLineOf, releaseCreditOfOrder, reserveCredit } from '../credit';
import { removeCartLines } from './cart.service';
import { holdsOf, releaseHolds, reserveLines, settleHolds, weeksBetween } from './inventory.service';
import {
  BuyerOrderModel,
  OrderCounterModel,
  OrderPlacementModel,
  SellerOrderModel,
  type BuyerOrderDoc,
  type OrderPlacementDoc,
  type SellerOrderDoc,
} from './order.models';
import { announceOrderChange } from './order-events';
import { orderEvent, sellerOrderOutbox } from './orders.outbox';
import { publishNowMany, withOutbox } from '../../platform/outbox';
import { quote, type Quote } from './quote';

/** Idempotency keys are honoured for a day at least, as the issue asks. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A checkout not heard from for this long is presumed dead, and the next request with its key takes over. */
const STALE_AFTER_MS = 30_000;
/** How long a repeated request waits for the first one to finish before answering "still working". */
const WAIT_FOR_FIRST_MS = 15_000;

export interface PlacementSettings {
  /** An order paid online waits this long for its payment before its reservations go back. */
  paymentWindowMinutes: number;
}
export const DEFAULT_PLACEMENT_SETTINGS: PlacementSettings = { paymentWindowMinutes: 24 * 60 };

function hashRequest(body: TPlaceOrderRequest): string {
  const canonical = {
    ...body,
    lines: [...body.lines].sort((a, b) => a.productId.localeCompare(b.productId)),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export interface PlacedOrder {
  order: BuyerOrderDoc;
  /** Its seller orders as just written; null when they are to be read (a repeated request). */
  parts: SellerOrderDoc[] | null;
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
  settings = DEFAULT_PLACEMENT_SETTINGS,
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
        productIds: body.lines.map((line) => line.productId),
        heartbeatAt: now,
        expiresAt: new Date(now.getTime() + KEY_LIFETIME_MS),
      })
    ).toObject();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return awaitEarlierAttempt(actor, key, requestHash, body, now, settings);
  }
  try {
    return { ...(await carryOut(actor, placement, body, now, settings)), replayed: false };
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
  settings: PlacementSettings,
): Promise<PlacedOrder> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const earlier = await OrderPlacementModel.findOne({
      organisationId: actor.organisationId,
      key,
    }).lean<OrderPlacementDoc>();
    if (!earlier) return placeOrder(actor, key, body, now, settings); // it failed and gave the key back
    if (earlier.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'Kunci idempotensi ini sudah dipakai untuk pesanan lain. Muat ulang halaman checkout lalu coba lagi.',
      );
    }
    if (earlier.state === 'done') {
      return { order: await loadBuyerOrder(actor, String(earlier.orderId)), parts: null, replayed: true };
    }
    if (Date.now() - earlier.heartbeatAt.getTime() > STALE_AFTER_MS && (await takeOver(earlier))) {
      return recover(actor, earlier, body, settings);
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
  settings: PlacementSettings,
): Promise<PlacedOrder> {
  const order = await BuyerOrderModel.findOne({
    _id: stale.orderId,
    organisationId: stale.organisationId,
  }).lean<BuyerOrderDoc>();
  if (order) {
    // The steps after the commit point, as carryOut would have taken them: the cart too, or the buyer
    // sees the ordered lines still waiting there.
    await completeAfterCommit(order, stale);
    await removeCartLines(
      actor,
      body.lines.map((line) => line.productId),
    );
    return { order, parts: null, replayed: true };
  }
  await abandon(stale);
  return placeOrder(actor, stale.key, body, new Date(), settings);
}

/** Undo: what it holds given back (at most once, through the holds), the key freed so the buyer can try again. */
async function abandon(
  placement: Pick<OrderPlacementDoc, '_id' | 'organisationId' | 'orderId' | 'productIds'>,
): Promise<void> {
  const current = await OrderPlacementModel.findOne({
    _id: placement._id,
    organisationId: placement.organisationId,
  }).lean<OrderPlacementDoc>();
  if (!current || current.state === 'done') return;
  const productIds = current.productIds.map(String);
  await Promise.all([
    releaseHolds(current.orderId, await holdsOf(current.orderId, productIds)),
    releaseCreditOfOrder(String(current.organisationId), String(current.orderId)),
  ]);
  await OrderPlacementModel.deleteOne({ _id: current._id, organisationId: current.organisationId });
}

/** After the commit point: the seller orders derived, the counters' holds removed, the key answered. */
async function completeAfterCommit(
  order: BuyerOrderDoc,
  placement: Pick<OrderPlacementDoc, '_id' | 'organisationId' | 'orderId' | 'productIds'>,
): Promise<SellerOrderDoc[]> {
  const parts = await writeSellerOrders(order);
  const held = order.parts.flatMap((part) =>
    part.reservations.map((reservation) => ({
      sellerId: part.seller!.id!,
      productId: String(reservation.productId),
      week: reservation.week ?? null,
      quantity: reservation.quantity,
    })),
  );
  await Promise.all([settleHolds(order._id, held), finish(placement)]);
  return parts;
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
  settings: PlacementSettings,
): Promise<{ order: BuyerOrderDoc; parts: SellerOrderDoc[] }> {
  const [buyer, deliveryAddress, priced, creditLine] = await Promise.all([
    getOrganisation(actor.organisationId),
    deliveryAddressFor(actor.organisationId, body.deliveryLocationId),
    quote(body.lines, now),
    body.paymentMethod === 'online' ? null : creditLineOf(actor.organisationId),
  ]);
  const unavailable = priced.lines.filter((line) => line.problem?.code === 'unavailable');
  if (unavailable.length > 0) {
    throw new AppError('NOT_FOUND', 'Sebagian produk tidak ditemukan di katalog.', {
      issues: lineIssues(priced, body).filter((issue) => issue.path.at(-1) === 'productId'),
    });
  }
  const issues = lineIssues(priced, body);
  if (issues.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Periksa kembali jumlah dan tanggal kirim.', { issues });

  // Ids fixed before anything is taken: credit holds name the seller orders they are for.
  const sellerOrderIds = priced.groups.map(() => new Types.ObjectId());
  const method = body.paymentMethod ?? (creditLine?.active ? 'tempo' : 'online');
  let termDays: number | null = null;
  if (method === 'tempo') {
    const credit = await reserveCredit(
      actor.organisationId,
      String(placement.orderId),
      priced.groups.map((group, index) => ({
        sellerOrderId: String(sellerOrderIds[index]),
        amountRupiah: group.totals.total,
      })),
    );
    if (!credit.ok && credit.reason === 'no_line') {
      throw new AppError(
        'NOT_ON_TERMS',
        'Organisasi Anda belum punya kredit tempo yang aktif dari Dinkop. Pilih bayar online.',
      );
    }
    if (!credit.ok) {
      throw new AppError('CREDIT_LIMIT_EXCEEDED', 'Sisa batas kredit tempo tidak cukup untuk pesanan ini.', {
        requiredRupiah: credit.requiredRupiah,
        availableRupiah: credit.availableRupiah,
      });
    }
    termDays = credit.termDays;
  }

  const today = todayInWib(now);
  const reserved = await reserveLines(
    placement.orderId,
    priced.lines.map((line) => ({
      sellerId: line.sellerId,
      productId: line.productId,
      quantity: line.quantity,
      supply: line.supply!,
    })),
    weeksBetween(today, body.requestedDeliveryDate),
  );
  if (!reserved.ok) {
    const lines = new Map(priced.lines.map((line) => [line.productId, line]));
    throw new AppError('INSUFFICIENT_STOCK', 'Sebagian produk tidak cukup tersedia untuk jumlah ini.', {
      lines: reserved.short.map(({ productId, available }) => ({
        productId,
        name: lines.get(productId)!.name,
        requested: lines.get(productId)!.quantity,
        available,
      })),
    });
  }
  // The commit point comes next. A retry takes a checkout over only once it has been silent for
  // STALE_AFTER_MS; this guard makes sure that has not happened to this one while it was reserving.
  const stillMine = await OrderPlacementModel.updateOne(
    {
      _id: placement._id,
      organisationId: placement.organisationId,
      state: 'processing',
      heartbeatAt: placement.heartbeatAt,
    },
    { $set: { heartbeatAt: new Date() } },
  );
  if (stillMine.modifiedCount !== 1) {
    throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'Pesanan ini masih diproses. Coba lagi sebentar lagi.');
  }

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
      deliveryAddress,
      totals: priced.totals,
      payment:
        method === 'tempo'
          ? { method, status: 'on_terms', termDays, deadlineAt: null, paidAt: null }
          : {
              method,
              status: 'awaiting',
              termDays: null,
              deadlineAt: new Date(now.getTime() + settings.paymentWindowMinutes * 60_000),
              paidAt: null,
            },
      parts: priced.groups.map((group, index) => ({
        sellerOrderId: sellerOrderIds[index],
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
        reservations: reserved.taken
          .filter((reservation) => reservation.sellerId === group.seller.id)
          .map((reservation) => ({
            productId: reservation.productId,
            week: reservation.week ?? null,
            quantity: reservation.quantity,
          })),
      })),
      buyer: { name: buyer.name, buyerType: buyer.buyerType ?? null },
    })
  ).toObject() as BuyerOrderDoc;
  const [parts] = await Promise.all([
    completeAfterCommit(order, placement),
    removeCartLines(
      actor,
      body.lines.map((line) => line.productId),
    ),
  ]);
  return { order, parts };
}

/**
 * Derives the seller orders from the buyer order, in one insert; fixed ids make a second run (recovery)
 * skip the ones already there. Returns the ones this call wrote, each with its "placed" event, which is
 * published at once (the relay publishes whatever this misses).
 */
async function writeSellerOrders(order: BuyerOrderDoc): Promise<SellerOrderDoc[]> {
  const method = order.payment.method;
  // Paid online, the sellers are asked once the payment is in; on terms, at once.
  const firstStatus = method === 'online' ? ('awaiting_payment' as const) : ('placed' as const);
  const docs = order.parts.map((part) => ({
    _id: part.sellerOrderId,
    organisationId: new Types.ObjectId(part.seller!.id!),
    buyerOrganisationId: order.organisationId,
    buyerOrderId: order._id,
    number: part.number,
    buyer: order.buyer,
    seller: { name: part.seller!.name, isPkp: part.seller!.isPkp },
    status: firstStatus,
    paymentMethod: method,
    version: 1,
    lines: part.lines,
    totals: part.totals,
    reservations: part.reservations,
    requestedDeliveryDate: order.requestedDeliveryDate,
    purchaseOrderNumber: order.purchaseOrderNumber ?? null,
    notes: order.notes ?? null,
    deliveryAddress: order.deliveryAddress,
    shipment: null,
    receipt: null,
    receiptPhoto: null,
    reservationsState: 'held' as const,
    history: [
      {
        move: null,
        from: null,
        to: firstStatus,
        byUserId: order.placedByUserId,
        byName: order.placedByName,
        byParty: 'buyer' as const,
        at: order.createdAt,
        reason: null,
      },
    ],
    createdAt: order.createdAt,
    updatedAt: order.createdAt,
    __v: 0,
  }));
  const events = docs.map((doc) => orderEvent(doc, null));
  let written: SellerOrderDoc[];
  try {
    // Inserted as built, without hydrating mongoose documents (a third of checkout's CPU went there):
    // every field comes typed from the buyer order just written, and the defaults are spelled out above.
    const complete = docs.map((doc, i) => ({ ...doc, ...withOutbox([events[i]!]) }));
    await SellerOrderModel.insertMany(complete, { ordered: false, lean: true });
    written = complete as unknown as SellerOrderDoc[];
  } catch (error) {
    const failures = (
      error as { writeErrors?: Array<{ index: number; code?: number; err?: { code?: number } }> }
    ).writeErrors;
    if (!failures?.every((failure) => (failure.code ?? failure.err?.code) === 11000)) throw error;
    const already = new Set(failures.map((failure) => String(docs[failure.index]!._id)));
    written = await SellerOrderModel.find({
      _id: trusted({ $in: docs.filter((doc) => !already.has(String(doc._id))).map((doc) => doc._id) }),
      buyerOrganisationId: order.organisationId,
    })
      .setOptions({ crossTenant: true })
      .lean<SellerOrderDoc[]>();
  }
  await publishNowMany(
    sellerOrderOutbox.source,
    written.map((doc) => ({ docId: doc._id, entries: doc.outbox.slice(0, 1), positions: [0] })),
  );
  for (const doc of written) announceOrderChange(doc);
  return written;
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

/** Long enough that the buyer's own retry (which takes over after STALE_AFTER_MS) comes first. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * Checkouts that died and that nobody retried (the buyer closed the tab): finished from their buyer
 * order when it was written, otherwise undone through their holds — so no stock stays reserved by an
 * order that does not exist. Each is claimed first, as a retry would, so a late retry and this sweep
 * never both act. Part of the hourly maintenance.
 */
export async function reconcileAbandonedPlacements(now = new Date()): Promise<number> {
  const abandoned = await OrderPlacementModel.find({
    state: 'processing',
    heartbeatAt: trusted({ $lt: new Date(now.getTime() - ABANDONED_AFTER_MS) }),
  })
    .setOptions({ crossTenant: true })
    .limit(500)
    .lean<OrderPlacementDoc[]>();
  let reconciled = 0;
  for (const placement of abandoned) {
    if (!(await takeOver(placement))) continue;
    const order = await BuyerOrderModel.findOne({
      _id: placement.orderId,
      organisationId: placement.organisationId,
    }).lean<BuyerOrderDoc>();
    if (order) {
      await completeAfterCommit(order, placement);
      // As the buyer's own retry would: the ordered lines leave the cart of whoever placed the order.
      await removeCartLines(
        { organisationId: String(order.organisationId), userId: String(order.placedByUserId) },
        order.parts.flatMap((part) => part.lines.map((line) => String(line.productId))),
      );
    } else await abandon(placement);
    reconciled++;
  }
  return reconciled;
}
