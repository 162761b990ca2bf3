import mongoose from 'mongoose';
import type { AnyBulkWriteOperation, Collection, Document, UpdateFilter } from 'mongodb';
import type { z } from 'zod';
import type { JOBS } from '../../../shared/jobs';
import { isDuplicateKeyError } from '../../platform/db';
import { eventStage, stageFacts, type RollupIncrement } from './rollup-facts';
import {
  DEFAULT_ROLLUP_SOURCES,
  displaySaleIncrementOf,
  incrementsOfOrder,
  type RollupSource,
} from './rollup-sources';
import { RollupContextLoader, sellerOrderForRollup } from './reports.sources';
import { addMeasures, cubeUpdates, type CubeEntryDraft, type CubeUpdate } from './sales-cube';
import { CUBE_GRAINS, CUBE_KINDS, CUBE_MODELS, type CubeGrain, type CubeKind } from './sales-cube.model';

/**
 * Keeps the sales rollups (docs/adr/014, 016): each order stage or display sale is folded into the month
 * and day documents of its kecamatan and of its seller, each write guarded by the stage's key.
 */

function collectionOf(kind: CubeKind, grain: CubeGrain): Collection<Document> {
  return CUBE_MODELS[kind][grain].collection as unknown as Collection<Document>;
}

function entryFields(entries: Map<string, CubeEntryDraft>) {
  const set: Record<string, unknown> = {};
  const inc: Record<string, number> = {};
  for (const [path, entry] of entries) {
    for (const [field, value] of Object.entries(entry)) {
      if (typeof value === 'number') inc[`${path}.${field}`] = value;
      else set[`${path}.${field}`] = value;
    }
  }
  return { set, inc };
}

/**
 * One write per document: applied only if the key is not on it yet, pushing the key in the same write,
 * so a redelivered or replayed event adds nothing. A duplicate key means the document exists (holding
 * the key, or just inserted by another worker): the same update without upsert then applies it at most once.
 */
async function applyCubeUpdate(update: CubeUpdate): Promise<void> {
  const collection = collectionOf(update.kind, update.grain);
  const filter = { _id: update.id, appliedKeys: { $ne: update.key } } as Document;
  const { set, inc } = entryFields(update.entries);
  // The driver's typing cannot follow $push on an untyped collection; the shape is the model's.
  const change = {
    $set: set,
    $inc: inc,
    $push: { appliedKeys: update.key },
  } as unknown as UpdateFilter<Document>;
  try {
    await collection.updateOne(
      filter,
      { ...change, $setOnInsert: { bucket: update.bucket, stage: update.stage, ...update.documentFields } },
      { upsert: true },
    );
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await collection.updateOne(filter, change);
  }
}

async function applyIncrements(increments: readonly RollupIncrement[]): Promise<void> {
  for (const update of cubeUpdates(increments)) await applyCubeUpdate(update);
}

/**
 * An order event from the orders worker: the stage it names is looked up in the order's own history
 * (when it was reached), and each product of the order is added once to that day's and month's rollups.
 */
export async function applyOrderEventToRollups(
  event: z.output<(typeof JOBS)['orders']['order-event']>,
): Promise<void> {
  const stage = eventStage(event);
  if (!stage) return;
  const order = await sellerOrderForRollup(event.sellerOrderId, event.sellerOrganisationId);
  if (!order) return;
  const facts = stageFacts(order.history).filter((fact) => fact.stage === stage);
  await applyIncrements(await incrementsOfOrder(order, facts, new RollupContextLoader()));
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
  await applyIncrements([await displaySaleIncrementOf(sale, new RollupContextLoader())]);
}

interface DocumentDraft {
  fields: Record<string, unknown>;
  /** By field path, as in an update. */
  entries: Map<string, CubeEntryDraft>;
  keys: Set<string>;
}

type Drafts = Record<CubeKind, Record<CubeGrain, Map<string, DocumentDraft>>>;

const emptyDrafts = (): Drafts => ({
  kecamatan: { month: new Map(), day: new Map() },
  seller: { month: new Map(), day: new Map() },
});

const draftCount = (drafts: Drafts) =>
  CUBE_KINDS.reduce((sum, kind) => sum + drafts[kind].month.size + drafts[kind].day.size, 0);

/** A rebuild reads each source document once, so it folds without guards. */
function fold(drafts: Drafts, update: CubeUpdate): void {
  const documents = drafts[update.kind][update.grain];
  let draft = documents.get(update.id);
  if (!draft) {
    draft = {
      fields: { bucket: update.bucket, stage: update.stage, ...update.documentFields },
      entries: new Map(),
      keys: new Set(),
    };
    documents.set(update.id, draft);
  }
  draft.keys.add(update.key);
  for (const [path, entry] of update.entries) {
    const into = draft.entries.get(path);
    if (into) addMeasures(into, entry);
    else draft.entries.set(path, { ...entry });
  }
}

/** The entries as the document holds them: `margins.channel.<id>` under `margins`, then `channel`. */
function nested(entries: Map<string, CubeEntryDraft>): Document {
  const document: Document = {};
  for (const [path, entry] of entries) {
    const names = path.split('.');
    let into = document;
    for (const name of names.slice(0, -1)) into = (into[name] ??= {}) as Document;
    into[names.at(-1)!] = entry;
  }
  return document;
}

const WRITE_BATCH = 500;
/**
 * How many documents a rebuild folds in memory before writing them to the fresh collections: memory stays
 * bounded whatever the history (a document's keys are most of it). A document already written by an
 * earlier flush (mostly month documents) gets the rest added by an update.
 */
const FLUSH_AT_DOCUMENTS = 50_000;

const freshName = (kind: CubeKind, grain: CubeGrain, suffix: string) =>
  `${CUBE_MODELS[kind][grain].collection.collectionName}_rebuild_${suffix}`;

/** The fresh collections of one rebuild, and the ids already written to each. */
function freshCollections(suffix: string) {
  const written: Record<CubeKind, Record<CubeGrain, Set<string>>> = {
    kecamatan: { month: new Set(), day: new Set() },
    seller: { month: new Set(), day: new Set() },
  };

  /** No guard: each source is read once. New documents are inserted whole, which is the fast path. */
  async function flush(drafts: Drafts): Promise<void> {
    for (const kind of CUBE_KINDS) {
      for (const grain of CUBE_GRAINS) {
        const fresh = mongoose.connection.db!.collection<Document>(freshName(kind, grain, suffix));
        const ids = written[kind][grain];
        let batch: AnyBulkWriteOperation<Document>[] = [];
        for (const [id, draft] of drafts[kind][grain]) {
          if (!ids.has(id)) {
            // String ids, as every cube document has: the driver's typing assumes ObjectIds.
            const document = {
              _id: id,
              ...draft.fields,
              ...nested(draft.entries),
              appliedKeys: [...draft.keys],
            } as unknown as Document;
            batch.push({ insertOne: { document } });
            ids.add(id);
          } else {
            const { set, inc } = entryFields(draft.entries);
            const update = {
              $set: set,
              $inc: inc,
              // A flush may fall between two products of one order stage: its key comes twice, is kept once.
              $addToSet: { appliedKeys: { $each: [...draft.keys] } },
            } as unknown as UpdateFilter<Document>;
            batch.push({ updateOne: { filter: { _id: id } as Document, update } });
          }
          if (batch.length >= WRITE_BATCH) {
            await fresh.bulkWrite(batch, { ordered: false });
            batch = [];
          }
        }
        if (batch.length > 0) await fresh.bulkWrite(batch, { ordered: false });
        drafts[kind][grain].clear();
      }
    }
  }

  const count = (kind: CubeKind) => written[kind].month.size + written[kind].day.size;
  return { flush, count };
}

/** Builds the fresh collection's indexes and renames it over the live one (one step for its readers). */
async function swapIn(kind: CubeKind, grain: CubeGrain, suffix: string): Promise<void> {
  const model = CUBE_MODELS[kind][grain];
  const fresh = mongoose.connection.db!.collection<Document>(freshName(kind, grain, suffix));
  for (const [fields, indexOptions] of model.schema.indexes()) {
    await fresh.createIndex(fields as Document, indexOptions as Document);
  }
  // Building the indexes created the collection even when there was nothing to count.
  await fresh.rename(model.collection.collectionName, { dropTarget: true });
}

/** Events handled while the rebuild read its sources went to the old documents: they are applied again. */
const CATCH_UP_MARGIN_MS = 60_000;

/**
 * Recomputes every rollup from the source documents (seller orders with their history, display sales)
 * through the same functions as the worker, folded in memory a bounded number of documents at a time into
 * fresh collections, and swaps each in by renaming (one step for its readers). Sources changed since the
 * rebuild began are applied again afterwards through the guarded path, where their keys make a repeat a
 * no-op.
 */
export async function rebuildRollups(
  options: { sources?: readonly RollupSource[]; flushAtDocuments?: number } = {},
): Promise<{ increments: number; documents: Record<CubeKind, number>; caughtUp: number }> {
  const sources = options.sources ?? DEFAULT_ROLLUP_SOURCES;
  const flushAt = options.flushAtDocuments ?? FLUSH_AT_DOCUMENTS;
  const startedAt = new Date();
  const suffix = String(startedAt.getTime());
  const drafts = emptyDrafts();
  const fresh = freshCollections(suffix);
  const context = new RollupContextLoader();
  let increments = 0;
  for (const source of sources) {
    for await (const increment of source.increments(context, null)) {
      increments += 1;
      for (const update of cubeUpdates([increment])) fold(drafts, update);
      if (draftCount(drafts) >= flushAt) await fresh.flush(drafts);
    }
  }
  await fresh.flush(drafts);
  for (const kind of CUBE_KINDS) {
    for (const grain of CUBE_GRAINS) await swapIn(kind, grain, suffix);
  }
  const documents = { kecamatan: fresh.count('kecamatan'), seller: fresh.count('seller') };
  let caughtUp = 0;
  const since = new Date(startedAt.getTime() - CATCH_UP_MARGIN_MS);
  for (const source of sources) {
    const pending: RollupIncrement[] = [];
    for await (const increment of source.increments(context, since)) pending.push(increment);
    caughtUp += pending.length;
    await applyIncrements(pending);
  }
  return { increments, documents, caughtUp };
}
