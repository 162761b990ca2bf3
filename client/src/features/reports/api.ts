import {
  ZOverviewResponse,
  ZSalesBreakdownResponse,
  ZSalesSeriesResponse,
  ZSalesTopResponse,
  type TBreakdownDimension,
  type TSalesChannel,
  type TSeriesBucket,
} from '@shared/contracts/reports';
import { apiJson } from '../../api/client';

/** The filters the dashboard keeps in the URL; the server applies the caller's scope on top. */
export interface DashboardFilters {
  from: string;
  to: string;
  kecamatan?: string;
  category?: string;
  programme?: string;
  channel?: TSalesChannel;
  sellerOrganisationId?: string;
}

const filterQuery = (f: DashboardFilters) => ({
  from: f.from,
  to: f.to,
  kecamatan: f.kecamatan,
  category: f.category,
  programme: f.programme,
  channel: f.channel,
  sellerOrganisationId: f.sellerOrganisationId,
});

export const reportKeys = {
  all: ['reports'] as const,
  series: (f: DashboardFilters, bucket: TSeriesBucket) => ['reports', 'series', f, bucket] as const,
  today: (date: string) => ['reports', 'today', date] as const,
  breakdown: (f: DashboardFilters, by: TBreakdownDimension) => ['reports', 'breakdown', f, by] as const,
  top: (f: DashboardFilters) => ['reports', 'top', f] as const,
  overview: (f: DashboardFilters) => ['reports', 'overview', f] as const,
};

export const getSalesSeries = (f: DashboardFilters, bucket: TSeriesBucket, signal?: AbortSignal) =>
  apiJson('GET', '/api/reports/sales/series', ZSalesSeriesResponse, {
    query: { ...filterQuery(f), bucket },
    signal,
  });

/** Orders placed count the moment a buyer orders: what "today" means on the live counters. */
export const getTodayPlaced = (date: string, signal?: AbortSignal) =>
  apiJson('GET', '/api/reports/sales/series', ZSalesSeriesResponse, {
    query: { from: date, to: date, bucket: 'day', stage: 'placed' },
    signal,
  });

export const getSalesBreakdown = (f: DashboardFilters, by: TBreakdownDimension, signal?: AbortSignal) =>
  apiJson('GET', '/api/reports/sales/breakdown', ZSalesBreakdownResponse, {
    query: { ...filterQuery(f), by, limit: 100 },
    signal,
  });

export const getSalesTop = (f: DashboardFilters, signal?: AbortSignal) =>
  apiJson('GET', '/api/reports/sales/top', ZSalesTopResponse, { query: filterQuery(f), signal });

export const getOverview = (f: DashboardFilters, signal?: AbortSignal) =>
  apiJson('GET', '/api/reports/overview', ZOverviewResponse, {
    query: { from: f.from, to: f.to, kecamatan: f.kecamatan, sellerOrganisationId: f.sellerOrganisationId },
    signal,
  });

/** A plain link: the browser downloads the file with the server's Content-Disposition name. */
export function exportUrl(f: DashboardFilters, by: TBreakdownDimension, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filterQuery(f), by })) if (value) params.set(key, value);
  return `/api/reports/sales/breakdown.${format}?${params.toString()}`;
}
