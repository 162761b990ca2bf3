import { createHash } from 'node:crypto';
import { trusted, Types } from 'mongoose';
import {
  PRODUCT_IMPORT_MAX_REPORTED_ERRORS,
  PRODUCT_IMPORT_PROGRESS_EVENT,
  type TProductImportRowError,
  type ZListProductImportsQuery,
} from '../../../shared/contracts/product-imports';
import type { TProductContent } from '../../../shared/contracts/products';
import type { z } from 'zod';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor, FileDownload, UploadedFile } from '../../platform/http/route';
import type { JobQueues } from '../../platform/jobs';
import { afterCursor, toPage } from '../../platform/pagination';
import { publishLive, rooms } from '../../platform/realtime';
import type { StoragePort } from '../../platform/storage';
import { createProduct } from './catalog.service';
import { productFromRow, productImportTemplate, readProductCsv } from './product-import.csv';
import { ProductImportModel, type ProductImportDoc } from './product-import.model';
import { presentProductImportSummary } from './product-import.presenter';

const notFound = () => new AppError('NOT_FOUND', 'Impor produk tidak ditemukan.');

/** Progress is saved and pushed every this many rows: often enough for a progress bar, cheap enough. */
const PROGRESS_EVERY_ROWS = 25;

/**
 * Checks the whole file (readable CSV, known columns, 1–1,000 rows) so a bad file is refused at once,
 * stores it, records the import and queues its job. Should the queue be unreachable (Redis down), the
 * import and the file are taken back and the seller is told to upload again: nothing is left waiting
 * for a job that does not exist.
 */
export async function startProductImport(
  actor: Actor,
  file: UploadedFile,
  deps: { storage: StoragePort; jobs: JobQueues },
): Promise<ProductImportDoc> {
  const read = readProductCsv(file.data.toString('utf8'));
  if (!read.ok) {
    throw new AppError('VALIDATION_FAILED', 'Berkas CSV belum dapat diimpor.', {
      issues: read.problems.map((message) => ({ path: ['file'], message })),
    });
  }
  const importId = new Types.ObjectId();
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const key = `product-imports/${actor.organisationId}/${importId}/${sha256}`;
  await deps.storage.put(key, file.data);
  let created: ProductImportDoc;
  try {
    created = (
      await ProductImportModel.create({
        _id: importId,
        organisationId: actor.organisationId,
        createdByUserId: actor.userId,
        status: 'queued',
        file: { key, size: file.data.length, sha256 },
        rows: { total: read.csv.rows.length, processed: 0, created: 0, invalid: 0 },
      })
    ).toObject();
  } catch (error) {
    await deps.storage.delete(key);
    throw error;
  }
  try {
    await deps.jobs.enqueue(
      'product-import',
      'import-products',
      { version: 1, importId: String(importId), organisationId: actor.organisationId },
      { jobId: String(importId) },
    );
  } catch {
    await ProductImportModel.deleteOne({ _id: importId, organisationId: actor.organisationId });
    await deps.storage.delete(key);
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'Antrean impor sedang tidak tersedia, jadi berkas belum diimpor. Coba unggah lagi beberapa saat lagi.',
    );
  }
  return created;
}

export async function getProductImport(actor: Actor, importId: string): Promise<ProductImportDoc> {
  const found = await ProductImportModel.findOne({
    _id: importId,
    organisationId: actor.organisationId,
  }).lean<ProductImportDoc>();
  if (!found) throw notFound();
  return found;
}

/** Newest first, without the per-row details (those are read one import at a time). */
export async function listProductImports(actor: Actor, query: z.output<typeof ZListProductImportsQuery>) {
  const filter: Record<string, unknown> = { organisationId: actor.organisationId };
  if (query.cursor) Object.assign(filter, afterCursor('createdAt', query.cursor, -1));
  const rows = await ProductImportModel.find(filter)
    .select({ rowErrors: 0, createdProductIds: 0 })
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<ProductImportDoc[]>();
  return toPage(rows, query.limit, (productImport) => productImport.createdAt);
}

export function productImportTemplateFile(): FileDownload {
  return {
    data: Buffer.from(productImportTemplate(), 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    filename: 'templat-impor-produk.csv',
  };
}

/** What the import job carries: enough to find the import within its organisation. */
export interface ProductImportTarget {
  importId: string;
  organisationId: string;
}

/** The same file row always names the same product id, so a retried insert meets the unique `_id`. */
function productIdFor(importId: string, row: number): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${importId}:${row}`).digest('hex').slice(0, 24));
}

async function createDraftOnce(
  creator: { organisationId: string; userId: string },
  content: TProductContent,
  productId: Types.ObjectId,
): Promise<void> {
  try {
    await createProduct(creator, content, productId);
  } catch (error) {
    // An earlier attempt of this job created it already.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

function announce(productImport: ProductImportDoc | null): void {
  if (!productImport) return;
  publishLive(
    [rooms.organisation(String(productImport.organisationId))],
    PRODUCT_IMPORT_PROGRESS_EVENT,
    presentProductImportSummary(productImport),
  );
}

/** Ends an import that cannot go on, telling the seller why. Finished imports stay as they are. */
export async function failProductImport(target: ProductImportTarget, reason: string): Promise<void> {
  announce(
    await ProductImportModel.findOneAndUpdate(
      {
        _id: target.importId,
        organisationId: target.organisationId,
        status: trusted({ $in: ['queued', 'running'] }),
      },
      { $set: { status: 'failed', failure: reason, finishedAt: new Date() } },
      { returnDocument: 'after' },
    ).lean<ProductImportDoc>(),
  );
}

/**
 * The job: every row is validated with the product form's schema; a valid row becomes a draft, an
 * invalid one is reported and changes nothing. A retry (after a crash or an outage) starts over from
 * the first row: drafts created before are found by their derived ids, and counters and errors are
 * written as absolute values, so the result is the same as one clean run.
 * Returns null when there is nothing to do (the import finished already or was taken back).
 */
export async function runProductImport(
  target: ProductImportTarget,
  deps: { storage: StoragePort; reportProgress: (percent: number) => Promise<unknown> },
): Promise<{ created: number; invalid: number } | null> {
  const scope = { _id: target.importId, organisationId: target.organisationId };
  const started = await ProductImportModel.findOneAndUpdate(
    { ...scope, status: trusted({ $in: ['queued', 'running'] }) },
    {
      // A retry starts over from the first row, and so does what the seller sees.
      $set: {
        status: 'running',
        startedAt: new Date(),
        'rows.processed': 0,
        'rows.created': 0,
        'rows.invalid': 0,
        rowErrors: [],
        rowErrorsTruncated: false,
        createdProductIds: [],
      },
    },
    { returnDocument: 'after' },
  ).lean<ProductImportDoc>();
  if (!started) return null;
  announce(started);

  const data = await deps.storage.get(started.file!.key!);
  if (!data) {
    await failProductImport(
      target,
      'Berkas impor tidak ditemukan lagi di penyimpanan. Unggah ulang berkasnya.',
    );
    return null;
  }
  // Checked at upload already; only a rule changed since then (a lower row limit) can stop it here.
  const read = readProductCsv(data.toString('utf8'));
  if (!read.ok) {
    await failProductImport(target, read.problems.join(' '));
    return null;
  }

  const { headers, rows } = read.csv;
  const creator = { organisationId: target.organisationId, userId: String(started.createdByUserId) };
  const progress = { total: rows.length, processed: 0, created: 0, invalid: 0 };
  const errors: TProductImportRowError[] = [];
  const createdProductIds: Types.ObjectId[] = [];
  const save = async (status: 'running' | 'done') => {
    announce(
      await ProductImportModel.findOneAndUpdate(
        scope,
        {
          $set: {
            status,
            rows: progress,
            rowErrors: errors.slice(0, PRODUCT_IMPORT_MAX_REPORTED_ERRORS),
            rowErrorsTruncated: errors.length > PRODUCT_IMPORT_MAX_REPORTED_ERRORS,
            createdProductIds,
            ...(status === 'done' ? { finishedAt: new Date() } : {}),
          },
        },
        { returnDocument: 'after' },
      ).lean<ProductImportDoc>(),
    );
    await deps.reportProgress(Math.floor((progress.processed / progress.total) * 100));
  };

  for (const row of rows) {
    const result = productFromRow(row, headers);
    if (result.ok) {
      const productId = productIdFor(target.importId, row.row);
      await createDraftOnce(creator, result.content, productId);
      createdProductIds.push(productId);
      progress.created++;
    } else {
      errors.push(...result.errors.map((error) => ({ row: row.row, ...error })));
      progress.invalid++;
    }
    progress.processed++;
    if (progress.processed % PROGRESS_EVERY_ROWS === 0 && progress.processed < progress.total) {
      await save('running');
    }
  }
  await save('done');
  return { created: progress.created, invalid: progress.invalid };
}
