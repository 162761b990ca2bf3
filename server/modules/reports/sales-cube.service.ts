import mongoose from 'mongoose';
import type { Collection, Document, UpdateFilter } from 'mongodb';
import { isDuplicateKeyError } from '../../platform/db';
import type { RollupIncrement } from './rollup-facts';
import { RollupContextLoader } from './reports.sources';
import { cubeUpdates, type CubeUpdate } from './sales-cube';
import { CUBE_MODELS, type CubeGrain, type SalesCubeCell } from './sales-cube.model';
import { DEFAULT_ROLLUP_SOURCES, type RollupSource } from './rollup-sources';

/**
 * Keeps the coarse dashboard rollup (docs/adr/016) beside the fine one: the same increments, folded into
 * month and day documents per kecamatan and stage, each guarded by the order stage's key.
 */

function collectionOf(grain: CubeGrain): Collection<Document> {
  return CUBE_MODELS[grain].collection as unknown as Collection<Document>;
}

function cellFields(cells: Map<string, SalesCubeCell>) {
  const set: Record<string, unknown> = {};
  const inc: Record<string, number> = {};
  for (const [cellId, cell] of cells) {
    set[`cells.${cellId}.category`] = cell.category;
    set[`cells.${cellId}.buyerType`] = cell.buyerType;
    set[`cells.${cellId}.channel`] = cell.channel;
    set[`cells.${cellId}.programmeTags`] = cell.programmeTags;
    for (const measure of ['orders', 'orderLines', 'units', 'grossRupiah', 'ppnRupiah'] as const) {
      inc[`cells.${cellId}.${measure}`] = cell[measure];
    }
  }
  return { set, inc };
}

/**
 * One write per document: applied only if the key is not on it yet, pushing the key in the same write.
 * A duplicate key means the document exists (holding the key, or just inserted by another worker): the
 * same update without upsert then applies it at most once.
 */
async function applyCubeUpdate(update: CubeUpdate): Promise<void> {
  const collection = collectionOf(update.grain);
  const filter = { _id: update.id, appliedKeys: { $ne: update.key } } as Document;
  const { set, inc } = cellFields(update.cells);
  const change = {
    $set: set,
    $inc: inc,
    $push: { appliedKeys: update.key },
  } as unknown as UpdateFilter<Document>;
  try {
    await collection.updateOne(
      filter,
      {
        ...change,
        $setOnInsert: { bucket: update.bucket, stage: update.stage, district: update.district },
      },
      { upsert: true },
    );
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await collection.updateOne(filter, change);
  }
}

/** The increments of one order stage or one display sale (the worker's path). */
export async function applyToSalesCube(increments: readonly RollupIncrement[]): Promise<void> {
  for (const update of cubeUpdates(increments)) await applyCubeUpdate(update);
}

interface CubeDraft {
  bucket: string;
  stage: string;
  district: { code: string; name: string };
  cells: Map<string, SalesCubeCell>;
  keys: Set<string>;
}

/**
 * A rebuild reads each source document once, so it folds straight into documents held in memory (a few
 * thousand per month of history: no seller, product or buyer in them) and writes each document once.
 */
function fold(drafts: Record<CubeGrain, Map<string, CubeDraft>>, update: CubeUpdate): void {
  const documents = drafts[update.grain];
  let draft = documents.get(update.id);
  if (!draft) {
    draft = {
      bucket: update.bucket,
      stage: update.stage,
      district: update.district,
      cells: new Map(),
      keys: new Set(),
    };
    documents.set(update.id, draft);
  }
  draft.keys.add(update.key);
  for (const [cellId, cell] of update.cells) {
    const into = draft.cells.get(cellId);
    if (!into) {
      draft.cells.set(cellId, { ...cell });
      continue;
    }
    into.orders += cell.orders;
    into.orderLines += cell.orderLines;
    into.units += cell.units;
    into.grossRupiah += cell.grossRupiah;
    into.ppnRupiah += cell.ppnRupiah;
  }
}

const INSERT_BATCH = 200;

async function writeFresh(grain: CubeGrain, drafts: Map<string, CubeDraft>, suffix: string): Promise<void> {
  const model = CUBE_MODELS[grain];
  const target = model.collection.collectionName;
  const fresh = mongoose.connection.db!.collection<Document>(`${target}_rebuild_${suffix}`);
  let batch: Document[] = [];
  for (const [id, draft] of drafts) {
    batch.push({
      _id: id,
      bucket: draft.bucket,
      stage: draft.stage,
      district: draft.district,
      cells: Object.fromEntries(draft.cells),
      appliedKeys: [...draft.keys],
    });
    if (batch.length >= INSERT_BATCH) {
      await fresh.insertMany(batch, { ordered: false });
      batch = [];
    }
  }
  if (batch.length > 0) await fresh.insertMany(batch, { ordered: false });
  for (const [fields, indexOptions] of model.schema.indexes()) {
    await fresh.createIndex(fields as Document, indexOptions as Document);
  }
  // Building the indexes created the collection even when there was nothing to count.
  await fresh.rename(target, { dropTarget: true });
}

/** Events handled while the rebuild read its sources went to the old documents: they are applied again. */
const CATCH_UP_MARGIN_MS = 60_000;

/**
 * Recomputes the cube from the source documents into fresh collections and swaps each in by renaming;
 * sources changed since the rebuild began are applied again afterwards through the guarded path, where
 * their keys make a repeat a no-op.
 */
export async function rebuildSalesCube(
  options: { sources?: readonly RollupSource[] } = {},
): Promise<{ increments: number; documents: number; caughtUp: number }> {
  const sources = options.sources ?? DEFAULT_ROLLUP_SOURCES;
  const startedAt = new Date();
  const drafts: Record<CubeGrain, Map<string, CubeDraft>> = { month: new Map(), day: new Map() };
  const context = new RollupContextLoader();
  let increments = 0;
  for (const source of sources) {
    for await (const increment of source.increments(context, null)) {
      increments += 1;
      for (const update of cubeUpdates([increment])) fold(drafts, update);
    }
  }
  const suffix = String(startedAt.getTime());
  await writeFresh('month', drafts.month, suffix);
  await writeFresh('day', drafts.day, suffix);
  const documents = drafts.month.size + drafts.day.size;
  let caughtUp = 0;
  const since = new Date(startedAt.getTime() - CATCH_UP_MARGIN_MS);
  for (const source of sources) {
    const pending: RollupIncrement[] = [];
    for await (const increment of source.increments(context, since)) pending.push(increment);
    caughtUp += pending.length;
    await applyToSalesCube(pending);
  }
  return { increments, documents, caughtUp };
}
