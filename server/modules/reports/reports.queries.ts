import { trusted, Types, type PipelineStage } from 'mongoose';
import { PRODUCT_CATEGORIES } from '../../../shared/catalog/categories';
import {
  BUYER_TYPE_LABELS,
  CHANNEL_LABELS,
  NO_BUYER_TYPE,
  type TBreakdownDimension,
  type TBreakdownRow,
  type TSalesChannel,
  type TSalesFilters,
  type TSalesMeasures,
  type TSeriesBucket,
} from '../../../shared/contracts/reports';
import { isCubeDimension, previousPeriod, sumCubeCells, type Period } from './sales-cube';
import { cubeDaysOf, cubeDocumentsOf } from './sales-cube.queries';
import { SalesRollupModel } from './sales-rollup.model';

export type { Period } from './sales-cube';

/**
 * The dashboard's sales figures, read from the rollups only (docs/adr/014). `seller` is the
 * organisation the caller is limited to (a UMKM's own), or null for Dinkop's view of everything.
 */

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function rollupMatch(filters: TSalesFilters, period: Period, seller: string | null): Record<string, unknown> {
  const match: Record<string, unknown> = {};
  // The seller first: the tenant guard reads it, and the (organisationId, day, stage) index serves it.
  if (seller) match.organisationId = new Types.ObjectId(seller);
  match.day = trusted({ $gte: period.from, $lte: period.to });
  match.stage = filters.stage;
  if (filters.kecamatan) match['district.code'] = filters.kecamatan;
  if (filters.category) match.category = filters.category;
  if (filters.programme) match.programmeTags = filters.programme;
  if (filters.channel) match.channel = filters.channel;
  return match;
}

function aggregate<T>(pipeline: PipelineStage[], seller: string | null) {
  const query = SalesRollupModel.aggregate<T>(pipeline);
  return seller ? query : query.option({ crossTenant: true });
}

const ZERO: TSalesMeasures = { orders: 0, units: 0, grossRupiah: 0, ppnRupiah: 0 };

function measureSums(ordersField: 'orders' | 'orderLines') {
  return {
    orders: { $sum: `$${ordersField}` },
    units: { $sum: '$units' },
    grossRupiah: { $sum: '$grossRupiah' },
    ppnRupiah: { $sum: '$ppnRupiah' },
  };
}

type MeasureRow = TSalesMeasures & { _id: unknown; label?: unknown };

const measuresOf = (row: MeasureRow): TSalesMeasures => ({
  orders: row.orders,
  units: row.units,
  grossRupiah: row.grossRupiah,
  ppnRupiah: row.ppnRupiah,
});

function add(a: TSalesMeasures, b: TSalesMeasures): TSalesMeasures {
  return {
    orders: a.orders + b.orders,
    units: a.units + b.units,
    grossRupiah: a.grossRupiah + b.grossRupiah,
    ppnRupiah: a.ppnRupiah + b.ppnRupiah,
  };
}

/** ISO week (`2026-W49`) of a calendar day. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const year = date.getUTCFullYear();
  const january4 = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(((date.getTime() - january4.getTime()) / DAY_MS - 3 + ((january4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function bucketOf(day: string, bucket: TSeriesBucket): string {
  if (bucket === 'month') return day.slice(0, 7);
  if (bucket === 'week') return isoWeek(day);
  return day;
}

/**
 * Sums per day (or per whole month), at most 731 rows: from the cube for all of Dinkop's sellers, from the
 * fine rollup for one seller.
 */
async function seriesSums(
  filters: TSalesFilters & { bucket: TSeriesBucket },
  seller: string | null,
): Promise<Array<{ day: string; measures: TSalesMeasures }>> {
  if (seller) {
    const rows = await aggregate<MeasureRow>(
      [
        { $match: rollupMatch(filters, filters, seller) },
        { $group: { _id: '$day', ...measureSums('orders') } },
      ],
      seller,
    );
    return rows.map((row) => ({ day: String(row._id), measures: measuresOf(row) }));
  }
  // Whole months need only their month documents when the series is by month.
  const documents =
    filters.bucket === 'month'
      ? await cubeDocumentsOf(filters, filters.stage, filters.kecamatan)
      : await cubeDaysOf(filters, filters.stage, filters.kecamatan);
  return [...sumCubeCells(documents, 'bucket', filters)].map(([bucket, { measures }]) => ({
    // A month document stands for its first day: bucketOf puts it in its month.
    day: bucket!.length === 7 ? `${bucket}-01` : bucket!,
    measures,
  }));
}

/** Buckets of the period, empty ones included. */
export async function salesSeries(
  filters: TSalesFilters & { bucket: TSeriesBucket },
  seller: string | null,
): Promise<Array<{ bucket: string } & TSalesMeasures>> {
  const buckets = new Map<string, TSalesMeasures>();
  for (let n = dayNumber(filters.from); n <= dayNumber(filters.to); n++) {
    buckets.set(bucketOf(dayOf(n), filters.bucket), ZERO);
  }
  for (const { day, measures } of await seriesSums(filters, seller)) {
    const key = bucketOf(day, filters.bucket);
    buckets.set(key, add(buckets.get(key) ?? ZERO, measures));
  }
  return [...buckets].map(([bucket, measures]) => ({ bucket, ...measures }));
}

interface Grouping {
  /** Stages before the group (programmes: one row per tag). */
  before: PipelineStage[];
  key: string;
  label: string | null;
  /** Orders are counted once per product where the dimension splits an order by product. */
  ordersField: 'orders' | 'orderLines';
  present: (key: string, label: string | null) => string;
}

const CATEGORY_LABELS = new Map<string, string>(PRODUCT_CATEGORIES.map((c) => [c.id, c.label.id]));
export const categoryLabel = (id: string) => CATEGORY_LABELS.get(id) ?? 'Tanpa kategori';

const GROUPINGS: Record<TBreakdownDimension, Grouping> = {
  kecamatan: {
    before: [],
    key: '$district.code',
    label: '$district.name',
    ordersField: 'orders',
    present: (key, label) => label ?? key,
  },
  category: {
    before: [],
    key: '$category',
    label: null,
    ordersField: 'orderLines',
    present: (key) => categoryLabel(key),
  },
  umkm: {
    before: [],
    key: '$organisationId',
    label: '$sellerName',
    ordersField: 'orders',
    present: (key, label) => label || key,
  },
  buyerType: {
    before: [],
    key: '$buyerType',
    label: null,
    ordersField: 'orders',
    present: (key) => BUYER_TYPE_LABELS[key as keyof typeof BUYER_TYPE_LABELS] ?? key,
  },
  channel: {
    before: [],
    key: '$channel',
    label: null,
    ordersField: 'orders',
    present: (key) => CHANNEL_LABELS[key as TSalesChannel] ?? key,
  },
  programme: {
    // A sale counts under each programme of its seller; sellers in none are not in this breakdown.
    before: [{ $unwind: '$programmeTags' }],
    key: '$programmeTags',
    label: null,
    ordersField: 'orders',
    present: (key) => key,
  },
  product: {
    before: [],
    key: '$productId',
    label: '$productName',
    ordersField: 'orderLines',
    present: (key, label) => label || key,
  },
};

function keyOf(by: TBreakdownDimension, raw: unknown): string {
  if (raw === null || raw === undefined) return by === 'buyerType' ? NO_BUYER_TYPE : '';
  return String(raw);
}

async function groups(
  by: TBreakdownDimension,
  filters: TSalesFilters,
  period: Period,
  seller: string | null,
): Promise<Map<string, { label: string; measures: TSalesMeasures }>> {
  const grouping = GROUPINGS[by];
  const result = new Map<string, { label: string; measures: TSalesMeasures }>();
  const put = (raw: unknown, label: string | null, measures: TSalesMeasures) => {
    const key = keyOf(by, raw);
    const existing = result.get(key);
    result.set(key, {
      label: grouping.present(key, label),
      measures: existing ? add(existing.measures, measures) : measures,
    });
  };
  if (!seller && isCubeDimension(by)) {
    const documents = await cubeDocumentsOf(period, filters.stage, filters.kecamatan);
    for (const [raw, { label, measures }] of sumCubeCells(documents, by, filters)) put(raw, label, measures);
    return result;
  }
  const rows = await aggregate<MeasureRow>(
    [
      { $match: rollupMatch(filters, period, seller) },
      ...grouping.before,
      {
        $group: {
          _id: grouping.key,
          ...(grouping.label ? { label: { $first: grouping.label } } : {}),
          ...measureSums(grouping.ordersField),
        },
      },
    ],
    seller,
  );
  for (const row of rows) put(row._id, typeof row.label === 'string' ? row.label : null, measuresOf(row));
  return result;
}

function changePercent(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

/**
 * Every row of the breakdown for the period and the previous one, by current gross value (rows that
 * sold only before come last, so a kecamatan that stopped selling is still seen).
 */
export async function salesBreakdownRows(
  by: TBreakdownDimension,
  filters: TSalesFilters,
  seller: string | null,
): Promise<{
  rows: TBreakdownRow[];
  previous: Period;
  totals: { current: TSalesMeasures; previous: TSalesMeasures };
}> {
  const previous = previousPeriod(filters);
  const [now, before] = await Promise.all([
    groups(by, filters, filters, seller),
    groups(by, filters, previous, seller),
  ]);
  const keys = new Set([...now.keys(), ...before.keys()]);
  const rows = [...keys].map((key) => {
    const current = now.get(key)?.measures ?? ZERO;
    const earlier = before.get(key)?.measures ?? ZERO;
    return {
      key,
      label: now.get(key)?.label ?? before.get(key)!.label,
      current,
      previous: earlier,
      grossChangePercent: changePercent(current.grossRupiah, earlier.grossRupiah),
    };
  });
  rows.sort(
    (a, b) =>
      b.current.grossRupiah - a.current.grossRupiah ||
      b.previous.grossRupiah - a.previous.grossRupiah ||
      a.label.localeCompare(b.label, 'id'),
  );
  return {
    rows,
    previous,
    totals: {
      current: rows.reduce((sum, row) => add(sum, row.current), ZERO),
      previous: rows.reduce((sum, row) => add(sum, row.previous), ZERO),
    },
  };
}

/** The best-selling products and UMKM of the period, by gross value. */
export async function salesTop(filters: TSalesFilters, limit: number, seller: string | null) {
  const top = async (by: 'product' | 'umkm') =>
    [...(await groups(by, filters, filters, seller))]
      .map(([key, { label, measures }]) => ({ key, label, ...measures }))
      .sort((a, b) => b.grossRupiah - a.grossRupiah || a.label.localeCompare(b.label, 'id'))
      .slice(0, limit);
  const [products, umkm] = await Promise.all([top('product'), top('umkm')]);
  return { products, umkm };
}
