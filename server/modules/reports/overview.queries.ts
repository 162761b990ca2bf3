import mongoose, { trusted, Types, type PipelineStage } from 'mongoose';
import type { TOverviewResponse } from '../../../shared/contracts/reports';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { OrganisationModel } from '../accounts/organisation.model';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { ProductModel } from '../catalog/product.model';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { LegalityDocumentModel } from '../legality/legality-document.model';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { SellerOrderModel } from '../orders/order.models';
import type { Period } from './reports.queries';

/**
 * The dashboard's health figures, computed from the source documents by aggregation and bounded by the
 * period (they are not sums, so rollups would not give them): who sold, what was curated, how legality,
 * delivery and answering stand.
 */

const HOUR_MS = 3_600_000;
const WIB_OFFSET_MS = 7 * HOUR_MS;

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
  const found = await OrganisationModel.find(
    { kind: 'umkm', 'address.district.code': kecamatan },
    { _id: 1 },
  ).lean();
  return found.map((organisation) => organisation._id);
}

const inScope = (sellers: Types.ObjectId[] | null) => (sellers ? { organisationId: { $in: sellers } } : {});

async function activeUmkm(sellers: Types.ObjectId[] | null, period: Period): Promise<number> {
  const { start, end } = instants(period);
  const [ordering, displaySellers] = await Promise.all([
    SellerOrderModel.aggregate<{ _id: Types.ObjectId }>([
      {
        $match: {
          ...inScope(sellers),
          history: { $elemMatch: { to: 'placed', at: { $gte: start, $lt: end } } },
        },
      },
      { $group: { _id: '$organisationId' } },
    ]).option({ crossTenant: true }),
    mongoose.connection.db!.collection('DisplaySale').distinct('sellerOrganisationId', {
      soldOn: { $gte: period.from, $lte: period.to },
      ...(sellers ? { sellerOrganisationId: { $in: sellers } } : {}),
    }),
  ]);
  return new Set([...ordering.map((row) => String(row._id)), ...displaySellers.map(String)]).size;
}

async function newlyCuratedProducts(sellers: Types.ObjectId[] | null, period: Period): Promise<number> {
  const { start, end } = instants(period);
  const [row] = await ProductModel.aggregate<{ count: number }>([
    { $match: { ...inScope(sellers), 'history.to': 'approved' } },
    { $unwind: '$history' },
    { $match: { 'history.to': 'approved' } },
    // A product is new when its first approval falls in the period, not each later revision.
    { $group: { _id: '$_id', firstApprovedAt: { $min: '$history.at' } } },
    { $match: { firstApprovedAt: { $gte: start, $lt: end } } },
    { $count: 'count' },
  ]).option({ crossTenant: true });
  return row?.count ?? 0;
}

/**
 * Verified UMKM registered by the period's end; covered when a NIB valid on its last day was on file and
 * none of its approved products lacks a required document (the registry's "complete", over time).
 */
async function legalityCoverage(sellers: Types.ObjectId[] | null, period: Period) {
  const { end } = instants(period);
  const umkm = await OrganisationModel.find(
    {
      kind: 'umkm',
      status: 'verified',
      createdAt: trusted({ $lt: end }),
      ...(sellers ? { _id: trusted({ $in: sellers }) } : {}),
    },
    { _id: 1 },
  ).lean();
  const ids = umkm.map((organisation) => organisation._id);
  if (ids.length === 0) return { covered: 0, total: 0, share: null };
  const [withNib, lacking] = await Promise.all([
    LegalityDocumentModel.aggregate<{ _id: Types.ObjectId }>([
      {
        $match: {
          organisationId: { $in: ids },
          type: 'nib',
          issuedOn: { $lte: period.to },
          createdAt: { $lt: end },
          $or: [{ expiresOn: null }, { expiresOn: { $gte: period.to } }],
        },
      },
      { $group: { _id: '$organisationId' } },
    ]),
    ProductModel.aggregate<{ _id: Types.ObjectId }>([
      {
        $match: { organisationId: { $in: ids }, status: 'approved', 'missingLegality.0': { $exists: true } },
      },
      { $group: { _id: '$organisationId' } },
    ]),
  ]);
  const incomplete = new Set(lacking.map((row) => String(row._id)));
  const covered = withNib.filter((row) => !incomplete.has(String(row._id))).length;
  return { covered, total: ids.length, share: Math.round((covered / ids.length) * 1000) / 1000 };
}

/**
 * Seller orders whose `to` stage was first reached in the period: how many, the average hours since
 * they were placed, and (deliveries) how many arrived by the requested date in WIB.
 */
async function durations(
  sellers: Types.ObjectId[] | null,
  period: Period,
  reached: string[],
): Promise<{ count: number; averageHours: number | null; onTime: number }> {
  const { start, end } = instants(period);
  const firstAt = (statuses: string[]) => ({
    $min: { $cond: [{ $in: ['$history.to', statuses] }, '$history.at', null] },
  });
  const pipeline: PipelineStage[] = [
    {
      $match: {
        ...inScope(sellers),
        history: { $elemMatch: { to: { $in: reached }, at: { $gte: start, $lt: end } } },
      },
    },
    { $project: { requestedDeliveryDate: 1, history: 1 } },
    { $unwind: '$history' },
    {
      $group: {
        _id: '$_id',
        requested: { $first: '$requestedDeliveryDate' },
        placedAt: firstAt(['placed']),
        reachedAt: firstAt(reached),
      },
    },
    // Reached earlier (a receipt after a delivery in an earlier period) or never placed: not this period's.
    { $match: { reachedAt: { $gte: start, $lt: end }, placedAt: { $ne: null } } },
    {
      $project: {
        hours: { $divide: [{ $subtract: ['$reachedAt', '$placedAt'] }, HOUR_MS] },
        onTime: {
          $cond: [
            {
              $lte: [
                { $dateToString: { format: '%Y-%m-%d', date: { $add: ['$reachedAt', WIB_OFFSET_MS] } } },
                '$requested',
              ],
            },
            1,
            0,
          ],
        },
      },
    },
    {
      $group: {
        _id: null,
        count: { $sum: 1 },
        averageHours: { $avg: '$hours' },
        onTime: { $sum: '$onTime' },
      },
    },
  ];
  const [row] = await SellerOrderModel.aggregate<{ count: number; averageHours: number; onTime: number }>(
    pipeline,
  ).option({ crossTenant: true });
  if (!row) return { count: 0, averageHours: null, onTime: 0 };
  return { count: row.count, averageHours: Math.round(row.averageHours * 10) / 10, onTime: row.onTime };
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
