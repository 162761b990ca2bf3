import mongoose, { Types } from 'mongoose';
import type { AnyBulkWriteOperation, Collection, Document, UpdateFilter } from 'mongodb';
import type { z } from 'zod';
import type { JOBS } from '../../../shared/jobs';
import { isDuplicateKeyError } from '../../platform/db';
import { eventStage, rollupId, stageFacts, type RollupIncrement } from './rollup-facts';
import {
  DEFAULT_ROLLUP_SOURCES,
  displaySaleIncrementOf,
  incrementsOfOrder,
  type RollupSource,
} from './rollup-sources';
import { RollupContextLoader, sellerOrderForRollup } from './reports.sources';
import { applyToSalesCube } from './sales-cube.service';
import { SalesRollupModel } from './sales-rollup.model';

/**
 * The increment as one update: applied only if this key is not on the document yet, pushing the key in
 * the same write, so a redelivered or replayed event adds nothing (docs/adr/014).
 */
function incrementUpdate(increment: RollupIncrement): {
  filter: Document;
  update: UpdateFilter<Document>;
} {
  const filter = {
    _id: rollupId(increment),
    organisationId: new Types.ObjectId(increment.organisationId),
    appliedKeys: { $ne: increment.key },
  };
  const update = {
    $setOnInsert: {
      day: increment.day,
      stage: increment.stage,
      channel: increment.channel,
      district: increment.district,
      productId: new Types.ObjectId(increment.productId),
      category: increment.category,
      buyerOrganisationId: increment.buyerOrganisationId
        ? new Types.ObjectId(increment.buyerOrganisationId)
        : null,
      buyerType: increment.buyerType,
      programmeTags: [...increment.programmeTags].sort(),
      sellerName: increment.sellerName,
      productName: increment.productName,
    },
    $inc: {
      orders: increment.orders,
      orderLines: increment.orderLines,
      units: increment.units,
      grossRupiah: increment.grossRupiah,
      ppnRupiah: increment.ppnRupiah,
    },
    $push: { appliedKeys: increment.key },
  };
  // The driver's typing cannot follow $push on an untyped collection; the shape is the model's.
  return { filter, update: update as unknown as UpdateFilter<Document> };
}

/**
 * The upsert fails with a duplicate key when the document exists and already holds the key (nothing to
 * do), or when another worker inserted it a moment ago: then the plain guarded update applies it once.
 */
async function applyIncrement(collection: Collection<Document>, increment: RollupIncrement): Promise<void> {
  const { filter, update } = incrementUpdate(increment);
  try {
    await collection.updateOne(filter, update, { upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await collection.updateOne(filter, { $inc: update.$inc, $push: update.$push });
  }
}

function liveCollection(): Collection<Document> {
  return SalesRollupModel.collection as unknown as Collection<Document>;
}

/**
 * An order event from the orders worker: the stage it names is looked up in the order's own history
 * (when it was reached), and each product of the order is added once to that day's rollup.
 */
export async function applyOrderEventToRollups(
  event: z.output<(typeof JOBS)['orders']['order-event']>,
): Promise<void> {
  const stage = eventStage(event);
  if (!stage) return;
  const order = await sellerOrderForRollup(event.sellerOrderId, event.sellerOrganisationId);
  if (!order) return;
  const facts = stageFacts(order.history).filter((fact) => fact.stage === stage);
  const collection = liveCollection();
  const increments = await incrementsOfOrder(order, facts, new RollupContextLoader());
  for (const increment of increments) await applyIncrement(collection, increment);
  await applyToSalesCube(increments);
}

/** A sale entered at a galeri or pojok (from the consignment module): counted once as a completed sale. */
export async function recordDisplaySale(sale: {
  saleId: string;
  soldOn: string /* YYYY-MM-DD WIB */;
  channel: 'galeri' | 'pojok';
  sellerOrganisationId: string;
  productId: string;
  units: number;
  grossRupiah: number;
  ppnRupiah: number;
}): Promise<void> {
  const increment = await displaySaleIncrementOf(sale, new RollupContextLoader());
  await applyIncrement(liveCollection(), increment);
  await applyToSalesCube([increment]);
}

const BATCH = 500;

/** One ordered bulk per batch (a rebuild is the only writer of its collection); a refused batch goes one by one. */
async function applyBatch(collection: Collection<Document>, batch: RollupIncrement[]): Promise<void> {
  const operations: AnyBulkWriteOperation<Document>[] = batch.map((increment) => {
    const { filter, update } = incrementUpdate(increment);
    return { updateOne: { filter, update, upsert: true } };
  });
  try {
    await collection.bulkWrite(operations, { ordered: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    for (const increment of batch) await applyIncrement(collection, increment);
  }
}

async function applySources(
  collection: Collection<Document>,
  sources: readonly RollupSource[],
  since: Date | null,
): Promise<number> {
  const context = new RollupContextLoader();
  let applied = 0;
  let batch: RollupIncrement[] = [];
  for (const source of sources) {
    for await (const increment of source.increments(context, since)) {
      batch.push(increment);
      if (batch.length >= BATCH) {
        await applyBatch(collection, batch);
        applied += batch.length;
        batch = [];
      }
    }
  }
  if (batch.length > 0) await applyBatch(collection, batch);
  return applied + batch.length;
}

/** Events handled while the rebuild read its sources went to the old collection: they are re-applied. */
const CATCH_UP_MARGIN_MS = 60_000;

/**
 * Recomputes every rollup from the source documents into a fresh collection, builds its indexes, and
 * swaps it in by renaming (one step for readers). Sources changed since the rebuild began are applied
 * again afterwards: their keys make that a no-op for whatever the rebuild already counted.
 */
export async function rebuildRollups(
  options: { sources?: readonly RollupSource[] } = {},
): Promise<{ increments: number; documents: number; caughtUp: number }> {
  const sources = options.sources ?? DEFAULT_ROLLUP_SOURCES;
  const db = mongoose.connection.db!;
  const startedAt = new Date();
  const target = SalesRollupModel.collection.collectionName;
  const fresh = db.collection<Document>(`${target}_rebuild_${startedAt.getTime()}`);
  const increments = await applySources(fresh, sources, null);
  for (const [fields, indexOptions] of SalesRollupModel.schema.indexes()) {
    await fresh.createIndex(fields as Document, indexOptions as Document);
  }
  // Building the indexes created the collection even when there was nothing to count.
  await fresh.rename(target, { dropTarget: true });
  const caughtUp = await applySources(
    liveCollection(),
    sources,
    new Date(startedAt.getTime() - CATCH_UP_MARGIN_MS),
  );
  return { increments, documents: await liveCollection().countDocuments(), caughtUp };
}
