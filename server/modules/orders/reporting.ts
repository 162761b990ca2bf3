import { trusted, type Types, type PipelineStage } from 'mongoose';
import { SellerOrderModel } from './order.models';

/**
 * Read-only views of seller orders across organisations, for the Dinkop reports (server/modules/reports):
 * the fields a sales rollup needs, and the aggregations behind the dashboard's health figures.
 */

const HOUR_MS = 3_600_000;
const WIB_OFFSET_MS = 7 * HOUR_MS;

/** A seller order as the rollups read it. */
export interface SellerOrderFacts {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  buyerOrganisationId: Types.ObjectId;
  buyer?: { buyerType?: string | null } | null;
  lines: Array<{ productId: Types.ObjectId; name: string; quantity: number; lineTotal: number }>;
  totals: { ppn: number };
  history: Array<{ move: string | null; from: string | null; to: string; at: Date }>;
}

const FACT_FIELDS = {
  organisationId: 1,
  buyerOrganisationId: 1,
  'buyer.buyerType': 1,
  lines: 1,
  'totals.ppn': 1,
  history: 1,
} as const;

export async function sellerOrderFacts(
  sellerOrderId: string,
  sellerOrganisationId: string,
): Promise<SellerOrderFacts | null> {
  return SellerOrderModel.findOne(
    { _id: sellerOrderId, organisationId: sellerOrganisationId },
    FACT_FIELDS,
  ).lean<SellerOrderFacts>();
}

/** Every seller order (or those changed since `since`), streamed. */
export function allSellerOrderFacts(since: Date | null): AsyncIterable<SellerOrderFacts> {
  return SellerOrderModel.find(since ? { updatedAt: trusted({ $gte: since }) } : {}, FACT_FIELDS)
    .setOptions({ crossTenant: true })
    .lean<SellerOrderFacts[]>()
    .cursor() as AsyncIterable<SellerOrderFacts>;
}

const inScope = (sellers: Types.ObjectId[] | null) => (sellers ? { organisationId: { $in: sellers } } : {});

/** The sellers (of `sellers`, or all) with an order placed in [start, end). */
export async function sellersWithPlacedOrders(
  sellers: Types.ObjectId[] | null,
  start: Date,
  end: Date,
): Promise<string[]> {
  const rows = await SellerOrderModel.aggregate<{ _id: Types.ObjectId }>([
    {
      $match: {
        ...inScope(sellers),
        history: { $elemMatch: { to: 'placed', at: { $gte: start, $lt: end } } },
      },
    },
    { $group: { _id: '$organisationId' } },
  ]).option({ crossTenant: true });
  return rows.map((row) => String(row._id));
}

/**
 * Seller orders whose `reached` stage was first reached in [start, end): how many, the average hours
 * since they were placed, and how many got there by the requested date in WIB.
 */
export async function stageDurations(
  sellers: Types.ObjectId[] | null,
  start: Date,
  end: Date,
  reached: string[],
): Promise<{ count: number; averageHours: number | null; onTime: number }> {
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
