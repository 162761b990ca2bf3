import {
  EXPORT_MAX_ROWS,
  ZOverviewQuery,
  ZOverviewResponse,
  ZSalesBreakdownQuery,
  ZSalesBreakdownResponse,
  ZSalesExportQuery,
  ZSalesSeriesQuery,
  ZSalesSeriesResponse,
  ZSalesTopQuery,
  ZSalesTopResponse,
} from '../../../shared/contracts/reports';
import { AppError } from '../../platform/http/errors';
import { binary, defineRoute, signedIn, type Actor, type AnyRoute } from '../../platform/http/route';
import { getOrganisation } from '../accounts';
import { regionName } from '../regions';
import { overview } from './overview.queries';
import { breakdownCsv, breakdownXlsx, type BreakdownExport } from './reports.exports';
import { salesBreakdownRows, salesSeries, salesTop } from './reports.queries';

/**
 * Dinkop's admins and analysts read everything; a UMKM's owner and staff read the same figures of their
 * own organisation only. Every route only reads: nobody changes a figure through this API.
 */
const reportReaders = signedIn({
  organisationKinds: ['dinkop', 'umkm'],
  roles: ['admin', 'analyst', 'owner', 'staff'],
});

/** The seller the caller may see: their own for a UMKM (another's is refused), the one asked for or all for Dinkop. */
function sellerScope(actor: Actor, requested: string | undefined): string | null {
  if (actor.organisationKind === 'dinkop') return requested ?? null;
  if (requested !== undefined && requested !== actor.organisationId) {
    throw new AppError('FORBIDDEN', 'Anda hanya dapat melihat laporan penjualan organisasi Anda sendiri.');
  }
  return actor.organisationId;
}

async function exportData(actor: Actor, query: BreakdownExport['filters'] & { by: BreakdownExport['by'] }) {
  const seller = sellerScope(actor, query.sellerOrganisationId);
  const { rows, previous, totals } = await salesBreakdownRows(query.by, query, seller);
  if (rows.length > EXPORT_MAX_ROWS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Laporan terlalu besar untuk diunduh (lebih dari ${EXPORT_MAX_ROWS} baris). Persempit periode atau filter.`,
    );
  }
  const [sellerName, kecamatanName] = await Promise.all([
    seller ? getOrganisation(seller).then((organisation) => organisation.name) : null,
    query.kecamatan ? regionName(query.kecamatan) : null,
  ]);
  return { by: query.by, filters: query, previous, rows, totals, sellerName, kecamatanName };
}

export function reportRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/reports/sales/series',
      summary: 'Sales per day, week or month (WIB) from the rollups; UMKM see their own',
      tag: 'reports',
      access: reportReaders,
      query: ZSalesSeriesQuery,
      response: ZSalesSeriesResponse,
      handler: async ({ actor, query }) => {
        const points = await salesSeries(query, sellerScope(actor, query.sellerOrganisationId));
        return {
          bucket: query.bucket,
          stage: query.stage,
          period: { from: query.from, to: query.to },
          points,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/sales/breakdown',
      summary:
        'Sales by kecamatan, category, UMKM, buyer type, channel, programme or product, with the previous period',
      tag: 'reports',
      access: reportReaders,
      query: ZSalesBreakdownQuery,
      response: ZSalesBreakdownResponse,
      handler: async ({ actor, query }) => {
        const seller = sellerScope(actor, query.sellerOrganisationId);
        const { rows, previous, totals } = await salesBreakdownRows(query.by, query, seller);
        const start = (query.page - 1) * query.limit;
        return {
          by: query.by,
          stage: query.stage,
          period: { from: query.from, to: query.to },
          previousPeriod: previous,
          rows: rows.slice(start, start + query.limit),
          totals,
          page: query.page,
          limit: query.limit,
          totalRows: rows.length,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/sales/breakdown.csv',
      summary: 'The whole breakdown as CSV (semicolons, Indonesian headers)',
      tag: 'reports',
      access: reportReaders,
      query: ZSalesExportQuery,
      response: binary,
      handler: async ({ actor, query }) => breakdownCsv(await exportData(actor, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/sales/breakdown.xlsx',
      summary: 'The whole breakdown as an Excel workbook (rupiah format, WIB dates)',
      tag: 'reports',
      access: reportReaders,
      query: ZSalesExportQuery,
      response: binary,
      handler: async ({ actor, query }) => breakdownXlsx(await exportData(actor, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/sales/top',
      summary: 'Best-selling products and UMKM of the period',
      tag: 'reports',
      access: reportReaders,
      query: ZSalesTopQuery,
      response: ZSalesTopResponse,
      handler: async ({ actor, query }) => ({
        stage: query.stage,
        period: { from: query.from, to: query.to },
        ...(await salesTop(query, query.limit, sellerScope(actor, query.sellerOrganisationId))),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/overview',
      summary:
        'Active UMKM, new products, legality coverage, delivery and response times (from the source documents)',
      tag: 'reports',
      access: reportReaders,
      query: ZOverviewQuery,
      response: ZOverviewResponse,
      handler: async ({ actor, query }) =>
        overview(
          { from: query.from, to: query.to },
          { kecamatan: query.kecamatan },
          sellerScope(actor, query.sellerOrganisationId),
        ),
    }),
  ];
}
