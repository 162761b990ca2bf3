import type { TProductImport, TProductImportSummary } from '../../../shared/contracts/product-imports';
import type { ProductImportDoc } from './product-import.model';

export function presentProductImportSummary(productImport: ProductImportDoc): TProductImportSummary {
  const rows = productImport.rows!;
  return {
    id: String(productImport._id),
    status: productImport.status,
    rows: {
      total: rows.total ?? 0,
      processed: rows.processed ?? 0,
      created: rows.created ?? 0,
      invalid: rows.invalid ?? 0,
    },
    failure: productImport.failure ?? null,
    createdAt: productImport.createdAt.toISOString(),
    startedAt: productImport.startedAt ? productImport.startedAt.toISOString() : null,
    finishedAt: productImport.finishedAt ? productImport.finishedAt.toISOString() : null,
  };
}

export function presentProductImport(productImport: ProductImportDoc): TProductImport {
  return {
    ...presentProductImportSummary(productImport),
    errors: productImport.rowErrors.map((error) => ({
      row: error.row!,
      column: error.column ?? null,
      message: error.message ?? '',
    })),
    errorsTruncated: productImport.rowErrorsTruncated,
    createdProductIds: productImport.createdProductIds.map(String),
  };
}
