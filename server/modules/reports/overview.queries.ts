import { Types } from 'mongoose';
import type { TOverviewResponse, TSalesStage } from '../../../shared/contracts/reports';
import { umkmIdsInKecamatan, verifiedUmkmRegisteredBefore } from '../accounts';
import { productsFirstApprovedBetween, sellersWithIncompleteProducts } from '../catalog';
import { sellersWithValidNib } from '../legality';
import type { Period } from './reports.queries';
import { sellersOf, sumTiming } from './sales-cube';
import { cubeDocumentsOf } from './sales-cube.queries';

/**
 * The dashboard's health figures: who sold, and how delivery and answering stand, from the rollups (whose
 * cells carry timing sums, docs/adr/016); what was curated and how legality stands from the catalog and
 * legality documents, bounded by the period and the UMKM in scope.
 */

const HOUR_MS = 3_600_000;

/** The period's instants: from 00.00 WIB of its first day to 00.00 WIB after its last. */
function instants(period: Period): { start: Date; end: Date } {
  return {
    start: new Date(Date.parse(`${period.from}T00:00:00+07:00`)),
    end: new Date(Date.parse(`${period.to}T00:00:00+07:00`) + 24 * HOUR_MS),
  };
}

/** The UMKM in scope: one seller, a kecamatan's, or (null) every one. */
async function sellersInScope(seller: string | null, kecamatan: string | undefined) {
  if (seller) return [new Types.ObjectId(seller)];
  if (!kecamatan) return null;
  return umkmIdsInKecamatan(kecamatan);
}

/** Who sold in the period: placed an order on the marketplace, or sold at a galeri or pojok. */
async function activeUmkm(period: Period, kecamatan: string | undefined, seller: string | null) {
  // Any placed order makes a seller active: its documents' totals say enough. A completed sale only
  // counts from a galeri or pojok (a marketplace order was placed first), which only the cells tell.
  const [placed, completed] = await Promise.all([
    cubeDocumentsOf('seller', period, { stage: 'placed', kecamatan, seller }, 'totals'),
    cubeDocumentsOf('seller', period, { stage: 'completed', kecamatan, seller }, 'cells'),
  ]);
  return new Set([...sellersOf(placed, false), ...sellersOf(completed, true)]).size;
}

async function newlyCuratedProducts(sellers: Types.ObjectId[] | null, period: Period): Promise<number> {
  const { start, end } = instants(period);
  return productsFirstApprovedBetween(sellers, start, end);
}

/**
 * Verified UMKM registered by the period's end; covered when a NIB valid on its last day was on file and
 * none of its approved products lacks a required document (the registry's "complete", over time).
 */
async function legalityCoverage(sellers: Types.ObjectId[] | null, period: Period) {
  const { end } = instants(period);
  const ids = await verifiedUmkmRegisteredBefore(sellers, end);
  if (ids.length === 0) return { covered: 0, total: 0, share: null };
  const [withNib, incomplete] = await Promise.all([
    sellersWithValidNib(ids, period.to, end),
    sellersWithIncompleteProducts(ids),
  ]);
  const covered = withNib.filter((id) => !incomplete.has(id)).length;
  return { covered, total: ids.length, share: Math.round((covered / ids.length) * 1000) / 1000 };
}

/** Orders first reaching the stages in the period: how many, their average hours since placing, how many on time. */
async function timing(
  stages: TSalesStage[],
  period: Period,
  kecamatan: string | undefined,
  seller: string | null,
): Promise<{ count: number; averageHours: number | null; onTime: number }> {
  const kind = seller ? 'seller' : 'kecamatan';
  const documents = await Promise.all(
    stages.map((stage) => cubeDocumentsOf(kind, period, { stage, kecamatan, seller }, 'totals')),
  );
  const sum = sumTiming(documents.flat());
  return {
    count: sum.timedOrders,
    averageHours:
      sum.timedOrders > 0 ? Math.round((sum.timedMinutes / sum.timedOrders / 60) * 10) / 10 : null,
    onTime: sum.onTimeOrders,
  };
}

export async function overview(
  period: Period,
  filters: { kecamatan?: string },
  seller: string | null,
): Promise<TOverviewResponse> {
  const sellers = await sellersInScope(seller, filters.kecamatan);
  const [active, curated, coverage, delivered, answered] = await Promise.all([
    activeUmkm(period, filters.kecamatan, seller),
    newlyCuratedProducts(sellers, period),
    legalityCoverage(sellers, period),
    timing(['delivered'], period, filters.kecamatan, seller),
    // A rejection answers an order as an acceptance does; other cancellations carry no timing.
    timing(['accepted', 'cancelled'], period, filters.kecamatan, seller),
  ]);
  return {
    period,
    activeUmkm: active,
    newlyCuratedProducts: curated,
    legalityCoverage: coverage,
    deliveredOrders: delivered.count,
    averageHoursToDelivery: delivered.averageHours,
    onTimeDeliveryShare:
      delivered.count > 0 ? Math.round((delivered.onTime / delivered.count) * 1000) / 1000 : null,
    answeredOrders: answered.count,
    averageResponseHours: answered.averageHours,
  };
}
