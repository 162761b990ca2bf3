import { createHash } from 'node:crypto';
import { trusted, Types } from 'mongoose';
import {
  SALE_BACKDATE_MAX_DAYS,
  type TDeliveryRequest,
  type TSaleRequest,
  type TStockCountRequest,
  type TStockOutRequest,
} from '../../../shared/contracts/consignment';
import { ppnOf } from '../../../shared/tax/ppn';
import { daysBetween, todayInWib } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { withOutbox } from '../../platform/outbox';
import {
  ConsignmentMovementModel,
  ConsignmentStockModel,
  DisplaySaleModel,
  type ByLine,
  type ConsignmentStockDoc,
  type DisplayPointDoc,
  type MovementFields,
  type PendingStep,
  type SaleFields,
} from './consignment.models';
import { displaySaleEvent } from './consignment.outbox';
import { assertMay, mayDeliverAt, mayEnterAt } from './consignment.policy';
import { consignableProduct, sellerIsPkp, type ConsignableProduct } from './consignment.sources';
import { getPoint } from './points.service';

/**
 * Consignment stock without transactions (docs/adr/015). Every change is one guarded update of the
 * (point, product) stock document that also pushes a pending step; the step's own documents (the
 * movement, for a sale the DisplaySale — the commit point, keyed by the sale id) are written next, then
 * the step is pulled. A step left behind by a crash is finished by `finishStalePendingSteps`.
 */

/** How long a pending step may sit before it counts as left behind by a crashed request. */
export const STALE_STEP_MS = 60_000;

const productNotFound = () => new AppError('NOT_FOUND', 'Produk tidak ditemukan.');
const noStockHere = () =>
  new AppError('NOT_FOUND', 'Produk ini belum pernah dititipkan di titik pajang ini.', {
    issues: [{ path: ['productId'], message: 'Belum ada stok di titik ini' }],
  });

function short(available: number, units: number): AppError {
  return new AppError(
    'INSUFFICIENT_STOCK',
    `Stok di titik pajang tinggal ${available}, tidak cukup untuk ${units}.`,
    { available },
  );
}

function byLine(actor: Actor): ByLine {
  return {
    userId: new Types.ObjectId(actor.userId),
    name: actor.name,
    organisationKind: actor.organisationKind === 'dinkop' ? 'dinkop' : 'umkm',
  };
}

/** A seller names only its own products (another's is a 404); Dinkop staff act for any seller. */
async function productFor(actor: Actor, productId: string): Promise<ConsignableProduct> {
  const product = await consignableProduct(
    productId,
    actor.organisationKind === 'umkm' ? actor.organisationId : null,
  );
  if (!product) throw productNotFound();
  return product;
}

/**
 * The stock, with any step a crashed request left on it finished first: the next entry at the point heals
 * it, without waiting for the sweep.
 */
async function stockOf(point: DisplayPointDoc, product: ConsignableProduct, now = new Date()) {
  const stock = await ConsignmentStockModel.findOne({
    organisationId: product.sellerOrganisationId,
    pointId: point._id,
    productId: product.id,
  }).lean<ConsignmentStockDoc>();
  const stale = stock?.pending.filter((step) => step.at.getTime() < now.getTime() - STALE_STEP_MS) ?? [];
  for (const step of stale) await finishStep(stock!, step);
  return stock;
}

function movement(
  fields: Pick<MovementFields, 'kind' | 'change'> & Partial<MovementFields>,
  stock: Pick<ConsignmentStockDoc, '_id' | 'organisationId' | 'pointId' | 'productId'>,
  actor: Actor,
  at: Date,
): MovementFields {
  return {
    _id: new Types.ObjectId(),
    organisationId: stock.organisationId,
    pointId: stock.pointId,
    productId: stock.productId,
    stockId: stock._id,
    deliveryNoteNumber: null,
    bestBefore: null,
    countedQuantity: null,
    saleId: null,
    note: null,
    by: byLine(actor),
    at,
    ...fields,
  };
}

function stepOf(move: MovementFields, sale: SaleFields | null = null): PendingStep {
  return { movementId: move._id, saleId: sale?._id ?? null, at: move.at, movement: move, sale };
}

/** Takes a step back out of its stock, giving its units back in the same update (at most once). */
async function undoStep(stock: Pick<ConsignmentStockDoc, '_id' | 'organisationId'>, step: PendingStep) {
  await ConsignmentStockModel.updateOne(
    { _id: stock._id, organisationId: stock.organisationId, 'pending.movementId': step.movementId },
    {
      $inc: { quantity: -step.movement.change, version: 1 },
      $pull: { pending: { movementId: step.movementId } },
    },
  );
}

/**
 * Writes a step's documents and pulls it. For a sale, a DisplaySale already there under the same id but
 * from another step means this step was a duplicate: its units go back. Returns the sale that stands.
 */
async function finishStep(
  stock: Pick<ConsignmentStockDoc, '_id' | 'organisationId'>,
  step: PendingStep,
): Promise<SaleFields | null> {
  let sale: SaleFields | null = null;
  if (step.sale) {
    try {
      await DisplaySaleModel.create({ ...step.sale, ...withOutbox([displaySaleEvent(step.sale)]) });
      sale = step.sale;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const standing = await DisplaySaleModel.findOne({
        _id: step.sale._id,
        organisationId: step.sale.organisationId,
      }).lean<SaleFields>();
      if (!standing || !standing.stockMovementId.equals(step.movementId)) {
        await undoStep(stock, step);
        return standing;
      }
      sale = standing;
    }
  }
  try {
    await ConsignmentMovementModel.create(step.movement);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  await ConsignmentStockModel.updateOne(
    { _id: stock._id, organisationId: stock.organisationId },
    { $pull: { pending: { movementId: step.movementId } } },
  );
  return sale;
}

/** Today + the product's shelf life, when it has one. */
function bestBeforeFrom(product: ConsignableProduct, now: Date): string | null {
  if (!product.shelfLifeDays) return null;
  const today = todayInWib(now);
  return new Date(Date.parse(`${today}T00:00:00Z`) + product.shelfLifeDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Delivered in: creates the stock on the first delivery, which must name the agreed consignment price. */
export async function recordDelivery(
  actor: Actor,
  pointId: string,
  input: TDeliveryRequest,
  now = new Date(),
): Promise<MovementFields> {
  const point = await getPoint(pointId);
  assertMay(mayDeliverAt(actor, point));
  const product = await productFor(actor, input.productId);
  const existing = await stockOf(point, product);
  if (!existing && input.consignmentPrice === undefined) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Pengiriman pertama ke titik ini wajib mencantumkan harga konsinyasi.',
      {
        issues: [{ path: ['consignmentPrice'], message: 'Harga konsinyasi wajib diisi' }],
      },
    );
  }
  const key = { organisationId: product.sellerOrganisationId, pointId: point._id, productId: product.id };
  const stockId = existing?._id ?? new Types.ObjectId();
  const move = movement(
    {
      kind: 'delivered_in',
      change: input.units,
      deliveryNoteNumber: input.deliveryNoteNumber,
      bestBefore: input.bestBefore ?? bestBeforeFrom(product, now),
    },
    { _id: stockId, ...key },
    actor,
    now,
  );
  const update = {
    $inc: { quantity: input.units, version: 1 },
    $set: {
      productName: product.name,
      sellerName: product.sellerName,
      ...(input.consignmentPrice !== undefined ? { consignmentPrice: input.consignmentPrice } : {}),
    },
    $setOnInsert: { _id: stockId },
    $push: { pending: stepOf(move) },
  };
  let stock: ConsignmentStockDoc | null;
  try {
    stock = await ConsignmentStockModel.findOneAndUpdate(key, update, {
      upsert: true,
      returnDocument: 'after',
    }).lean<ConsignmentStockDoc>();
  } catch (error) {
    // Two first deliveries at once: the unique index let one insert; the other now finds it.
    if (!isDuplicateKeyError(error)) throw error;
    const { $setOnInsert: _ignored, ...onExisting } = update;
    stock = await ConsignmentStockModel.findOneAndUpdate(key, onExisting, {
      returnDocument: 'after',
    }).lean<ConsignmentStockDoc>();
  }
  if (!stock) throw noStockHere();
  // The step names the stock it went into (on a raced first delivery, the other request's document).
  const step = stock.pending.find((entry) => entry.movementId.equals(move._id))!;
  await finishStep(stock, step);
  return step.movement;
}

/** Returned to the seller, or written off as expired or damaged: never more than is there. */
export async function recordStockOut(
  actor: Actor,
  pointId: string,
  input: TStockOutRequest,
  now = new Date(),
): Promise<MovementFields> {
  const point = await getPoint(pointId);
  // A seller may take back its own goods from any point; entries for others are the operator's.
  assertMay(actor.organisationKind === 'umkm' || mayEnterAt(actor, point));
  const product = await productFor(actor, input.productId);
  const stock = await stockOf(point, product);
  if (!stock) throw noStockHere();
  const move = movement(
    { kind: input.kind, change: -input.units, note: input.note ?? null },
    stock,
    actor,
    now,
  );
  const taken = await ConsignmentStockModel.findOneAndUpdate(
    { _id: stock._id, organisationId: stock.organisationId, quantity: trusted({ $gte: input.units }) },
    { $inc: { quantity: -input.units, version: 1 }, $push: { pending: stepOf(move) } },
    { returnDocument: 'after' },
  ).lean<ConsignmentStockDoc>();
  if (!taken) {
    const now2 = await ConsignmentStockModel.findOne({ _id: stock._id, organisationId: stock.organisationId })
      .select({ quantity: 1 })
      .lean<{ quantity: number }>();
    throw short(now2?.quantity ?? 0, input.units);
  }
  await finishStep(taken, stepOf(move));
  return move;
}

const COUNT_ATTEMPTS = 5;

/**
 * Stock opname: the counted quantity replaces the recorded one, and the difference becomes a `counted`
 * movement with who and when (also when there is none: the count itself is the record). The update is
 * guarded by the version read, so a sale landing in between makes the count compare again.
 */
export async function recordCount(
  actor: Actor,
  pointId: string,
  input: TStockCountRequest,
  now = new Date(),
): Promise<MovementFields> {
  const point = await getPoint(pointId);
  assertMay(mayEnterAt(actor, point));
  const product = await productFor(actor, input.productId);
  for (let attempt = 0; attempt < COUNT_ATTEMPTS; attempt++) {
    const stock = await stockOf(point, product);
    if (!stock) throw noStockHere();
    const move = movement(
      {
        kind: 'counted',
        change: input.countedQuantity - stock.quantity,
        countedQuantity: input.countedQuantity,
        note: input.note ?? null,
      },
      stock,
      actor,
      now,
    );
    const counted = await ConsignmentStockModel.findOneAndUpdate(
      { _id: stock._id, organisationId: stock.organisationId, version: stock.version },
      {
        $set: { quantity: input.countedQuantity },
        $inc: { version: 1 },
        $push: { pending: stepOf(move) },
      },
      { returnDocument: 'after' },
    ).lean<ConsignmentStockDoc>();
    if (counted) {
      await finishStep(counted, stepOf(move));
      return move;
    }
  }
  throw new AppError('INVALID_STATE', 'Stok sedang berubah terus. Ulangi stok opname sebentar lagi.');
}

function requestHashOf(actor: Actor, pointId: string, input: TSaleRequest): string {
  const canonical = [
    actor.organisationId,
    pointId,
    input.productId,
    input.units,
    input.unitPrice ?? '',
    input.soldOn ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function soldOnFor(input: TSaleRequest, now: Date): string {
  const today = todayInWib(now);
  const soldOn = input.soldOn ?? today;
  const age = daysBetween(soldOn, today);
  if (age < 0 || age > SALE_BACKDATE_MAX_DAYS) {
    const message = `Tanggal penjualan harus antara ${SALE_BACKDATE_MAX_DAYS} hari lalu dan hari ini.`;
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['soldOn'], message }] });
  }
  return soldOn;
}

export interface RecordedSale {
  sale: SaleFields;
  replayed: boolean;
}

async function saleWithKey(key: string): Promise<SaleFields | null> {
  return DisplaySaleModel.findOne({ _id: key }).setOptions({ crossTenant: true }).lean<SaleFields>();
}

function replay(sale: SaleFields, requestHash: string): RecordedSale {
  if (sale.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'Kunci Idempotency-Key ini sudah dipakai untuk penjualan lain. Buat kunci baru untuk penjualan baru.',
    );
  }
  return { sale, replayed: true };
}

/**
 * A sale at the point: the units leave the stock in one guarded update holding the sale as a pending
 * step; the DisplaySale (id = the Idempotency-Key) is then written with its rollup event. A retry with
 * the same key returns the first sale; a second step for a key that already has a sale gives its units back.
 */
export async function recordSale(
  actor: Actor,
  pointId: string,
  key: string,
  input: TSaleRequest,
  now = new Date(),
): Promise<RecordedSale> {
  const point = await getPoint(pointId);
  assertMay(mayEnterAt(actor, point));
  const requestHash = requestHashOf(actor, pointId, input);
  const earlier = await saleWithKey(key);
  if (earlier) return replay(earlier, requestHash);
  const product = await productFor(actor, input.productId);
  const soldOn = soldOnFor(input, now);
  const stock = await stockOf(point, product);
  if (!stock) throw short(0, input.units);
  const unitPrice = input.unitPrice ?? stock.consignmentPrice;
  const grossRupiah = unitPrice * input.units;
  const move = movement({ kind: 'sold', change: -input.units, saleId: key }, stock, actor, now);
  const sale: SaleFields = {
    _id: key,
    organisationId: stock.organisationId,
    sellerOrganisationId: stock.organisationId,
    sellerName: product.sellerName,
    stockMovementId: move._id,
    soldOn,
    channel: point.kind,
    pointId: point._id,
    productId: product.id,
    productName: product.name,
    units: input.units,
    unitPrice,
    grossRupiah,
    ppnRupiah: ppnOf(grossRupiah, await sellerIsPkp(String(stock.organisationId))).ppn,
    consignmentPrice: stock.consignmentPrice,
    commissionBasisPoints: point.commissionBasisPoints,
    requestHash,
    enteredBy: byLine(actor),
    createdAt: now,
  };
  const step = stepOf(move, sale);
  const taken = await ConsignmentStockModel.findOneAndUpdate(
    {
      _id: stock._id,
      organisationId: stock.organisationId,
      quantity: trusted({ $gte: input.units }),
      'pending.saleId': trusted({ $ne: key }),
    },
    { $inc: { quantity: -input.units, version: 1 }, $push: { pending: step } },
    { returnDocument: 'after' },
  ).lean<ConsignmentStockDoc>();
  if (!taken) {
    const current = await ConsignmentStockModel.findOne({
      _id: stock._id,
      organisationId: stock.organisationId,
    }).lean<ConsignmentStockDoc>();
    // The same sale is being recorded by a concurrent retry: finish that one and answer with it.
    const held = current?.pending.find((entry) => entry.saleId === key);
    if (current && held) {
      const standing = await finishStep(current, held);
      if (standing) return replay(standing, requestHash);
    }
    const recorded = await saleWithKey(key);
    if (recorded) return replay(recorded, requestHash);
    throw short(current?.quantity ?? 0, input.units);
  }
  const standing = await finishStep(taken, step);
  if (!standing) throw new Error(`display sale ${key} vanished while being recorded`);
  return standing.stockMovementId.equals(move._id)
    ? { sale: standing, replayed: false }
    : replay(standing, requestHash);
}

/**
 * Finishes the steps that crashed requests left on stock documents: writes their movement and sale
 * (never twice) and pulls them. Run from the worker's maintenance sweep; returns how many were finished.
 */
export async function finishStalePendingSteps(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALE_STEP_MS);
  const stocks = await ConsignmentStockModel.find({ 'pending.at': trusted({ $lt: before }) })
    .setOptions({ crossTenant: true })
    .limit(500)
    .lean<ConsignmentStockDoc[]>();
  let finished = 0;
  for (const stock of stocks) {
    for (const step of stock.pending.filter((entry) => entry.at < before)) {
      await finishStep(stock, step);
      finished++;
    }
  }
  return finished;
}
