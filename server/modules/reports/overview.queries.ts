import mongoose, { Types } from 'mongoose';
import type { TOverviewResponse } from '../../../shared/contracts/reports';
import { umkmIdsInKecamatan, verifiedUmkmRegisteredBefore } from '../accounts';
import { productsFirstApprovedBetween, sellersWithIncompleteProducts } from '../catalog';
import { sellersWithValidNib } from '../legality';
import { sellersWithPlacedOrders, stageDurations } from '../orders';
import type { Period } from './reports.queries';

/**
 * The dashboard's health figures, computed from the source documents by aggregation and bounded by the
 * period (they are not sums, so rollups would not give them): who sold, what was curated, how legality,
 * delivery and answering stand.
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

/** Who sold in the period: on the marketplace, or at a galeri or pojok (display sales, read by name). */
async function activeUmkm(sellers: Types.ObjectId[] | null, period: Period): Promise<number> {
  const { start, end } = instants(period);
  const [ordering, displaySellers] = await Promise.all([
    sellersWithPlacedOrders(sellers, start, end),
    mongoose.connection.db!.collection('DisplaySale').distinct('sellerOrganisationId', {
      soldOn: { $gte: period.from, $lte: period.to },
      ...(sellers ? { sellerOrganisationId: { $in: sellers } } : {}),
    }),
  ]);
  return new Set([...ordering, ...displaySellers.map(String)]).size;
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

/** Seller orders first reaching `reached` in the period: how many, how long after placing, how many on time. */
function durations(sellers: Types.ObjectId[] | null, period: Period, reached: string[]) {
  const { start, end } = instants(period);
  return stageDurations(sellers, start, end, reached);
}

export async function overview(
  period: Period,
  filters: { kecamatan?: string },
  seller: string | null,
): Promise<TOverviewResponse> {
  const sellers = await sellersInScope(seller, filters.kecamatan);
  const [active, curated, coverage, delivered, answered] = await Promise.all([
    activeUmkm(sellers, period),
    newlyCuratedProducts(sellers, period),
    legalityCoverage(sellers, period),
    durations(sellers, period, ['delivered', 'received']),
    durations(sellers, period, ['accepted', 'rejected']),
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
