import { z } from 'zod';
import { ZIsoDateTime, ZObjectId, ZPage, ZPageQuery } from './common';

/** A seller's CSV of products: checked at upload, before anything is stored or queued. */
export const PRODUCT_IMPORT_MAX_BYTES = 1024 * 1024;
export const PRODUCT_IMPORT_MAX_ROWS = 1_000;
/** Row errors kept and shown per import; a file wrong on every row needs fixing as a whole anyway. */
export const PRODUCT_IMPORT_MAX_REPORTED_ERRORS = 500;

export const PRODUCT_IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const ZProductImportStatus = z.enum(PRODUCT_IMPORT_STATUSES);
export type TProductImportStatus = z.infer<typeof ZProductImportStatus>;

export const ZProductImportRowError = z.strictObject({
  /** As a spreadsheet counts rows: the header is row 1, the first product row 2. */
  row: z.number().int().min(2),
  /** The column's header as written in the file; null when the row as a whole is wrong. */
  column: z.string().nullable(),
  /** In Bahasa Indonesia, the same words the product form uses. */
  message: z.string(),
});
export type TProductImportRowError = z.infer<typeof ZProductImportRowError>;

export const ZProductImportSummary = z.strictObject({
  id: ZObjectId,
  status: ZProductImportStatus,
  rows: z.strictObject({
    /** Product rows in the file (blank rows not counted). */
    total: z.number().int().min(0),
    processed: z.number().int().min(0),
    /** Rows that became draft products. */
    created: z.number().int().min(0),
    /** Rows that changed nothing because of an error. */
    invalid: z.number().int().min(0),
  }),
  /** Why a failed import stopped before or while writing rows. */
  failure: z.string().nullable(),
  createdAt: ZIsoDateTime,
  startedAt: ZIsoDateTime.nullable(),
  finishedAt: ZIsoDateTime.nullable(),
});
export type TProductImportSummary = z.infer<typeof ZProductImportSummary>;

/** Sent to the organisation's room as an import runs, with a ZProductImportSummary as payload. */
export const PRODUCT_IMPORT_PROGRESS_EVENT = 'product-import.progress';

export const ZProductImport = ZProductImportSummary.extend({
  /** The first PRODUCT_IMPORT_MAX_REPORTED_ERRORS errors, by row. */
  errors: z.array(ZProductImportRowError),
  errorsTruncated: z.boolean(),
  createdProductIds: z.array(ZObjectId),
});
export type TProductImport = z.infer<typeof ZProductImport>;

export const ZProductImportParams = z.strictObject({ importId: ZObjectId });
export const ZListProductImportsQuery = ZPageQuery;
export const ZListProductImportsResponse = ZPage(ZProductImportSummary);
