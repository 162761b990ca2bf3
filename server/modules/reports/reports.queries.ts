import { PRODUCT_CATEGORIES } from '../../../shared/catalog/categories';
import { isoWeekOf } from '../../../shared/time';
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
import { cubePartFor, inKecamatanCube, previousPeriod, sumCube, type Period } from './sales-cube';
import { cubeDaysOf, cubeDocumentsOf, cubeDocumentsOfPeriods, type CubeScope } from './sales-cube.queries';
import type { CubeKind } from './sales-cube.model';

export type { Period } from './sales-cube';

/**
 * The dashboard's sales figures, read from the rollups only (docs/adr/014, 016). `seller` is the
 * organisation the caller is limited to (a UMKM's own), or null for Dinkop's view of everything.
 */

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Dinkop's view of every seller by a coarse dimension reads the kecamatan cube (a few documents per
 * kecamatan and month); a UMKM or product view, or one seller's, reads the seller cube.
 */
function cubeFor(by: TBreakdownDimension | 'bucket', seller: string | null): CubeKind {
  return !seller && inKecamatanCube(by) ? 'kecamatan' : 'seller';
}

const scopeOf = (filters: TSalesFilters, seller: string | null): CubeScope => ({
  stage: filters.stage,
  kecamatan: filters.kecamatan,
  seller,
});

const ZERO: TSalesMeasures = { orders: 0, units: 0, grossRupiah: 0, ppnRupiah: 0 };

function add(a: TSalesMeasures, b: TSalesMeasures): TSalesMeasures {
  return {
    orders: a.orders + b.orders,
    units: a.units + b.units,
    grossRupiah: a.grossRupiah + b.grossRupiah,
    ppnRupiah: a.ppnRupiah + b.ppnRupiah,
  };
}

function bucketOf(day: string, bucket: TSeriesBucket): string {
  if (bucket === 'month') return day.slice(0, 7);
  if (bucket === 'week') return isoWeekOf(day);
  return day;
}

/** Sums per day (or per whole month for a series by month), at most 731 rows. */
async function seriesSums(
  filters: TSalesFilters & { bucket: TSeriesBucket },
  seller: string | null,
): Promise<Array<{ day: string; measures: TSalesMeasures }>> {
  const kind = cubeFor('bucket', seller);
  const scope = scopeOf(filters, seller);
  const part = cubePartFor(kind, 'bucket', filters);
  const documents =
    filters.bucket === 'month'
      ? await cubeDocumentsOf(kind, filters, scope, part)
      : await cubeDaysOf(kind, filters, scope, part);
  return [...sumCube(documents, part, 'bucket', filters)].map(([bucket, { measures }]) => ({
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

const CATEGORY_LABELS = new Map<string, string>(PRODUCT_CATEGORIES.map((c) => [c.id, c.label.id]));
export const categoryLabel = (id: string) => CATEGORY_LABELS.get(id) ?? 'Tanpa kategori';

/** How a row of each breakdown is named: the rollups' label where they keep one, else a fixed one. */
const PRESENT: Record<TBreakdownDimension, (key: string, label: string | null) => string> = {
  kecamatan: (key, label) => label ?? key,
  category: (key) => categoryLabel(key),
  umkm: (key, label) => label || key,
  buyerType: (key) => BUYER_TYPE_LABELS[key as keyof typeof BUYER_TYPE_LABELS] ?? key,
  channel: (key) => CHANNEL_LABELS[key as TSalesChannel] ?? key,
  programme: (key) => key,
  product: (key, label) => label || key,
};

function keyOf(by: TBreakdownDimension, raw: string | null): string {
  if (raw === null) return by === 'buyerType' ? NO_BUYER_TYPE : '';
  return raw;
}

type Groups = Map<string, { label: string; measures: TSalesMeasures }>;

/** The sums by `by` of each period, from one read of the cube for all of them. */
async function groups(
  by: TBreakdownDimension,
  filters: TSalesFilters,
  periods: readonly Period[],
  seller: string | null,
): Promise<Groups[]> {
  const kind = cubeFor(by, seller);
  const part = cubePartFor(kind, by, filters);
  const perPeriod = await cubeDocumentsOfPeriods(kind, periods, scopeOf(filters, seller), part);
  return perPeriod.map((documents) => {
    const result: Groups = new Map();
    for (const [raw, { label, measures }] of sumCube(documents, part, by, filters)) {
      const key = keyOf(by, raw);
      const existing = result.get(key);
      result.set(key, {
        label: PRESENT[by](key, label),
        measures: existing ? add(existing.measures, measures) : measures,
      });
    }
    return result;
  });
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
  const [now, before] = (await groups(by, filters, [filters, previous], seller)) as [Groups, Groups];
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
    [...(await groups(by, filters, [filters], seller))[0]!]
      .map(([key, { label, measures }]) => ({ key, label, ...measures }))
      .sort((a, b) => b.grossRupiah - a.grossRupiah || a.label.localeCompare(b.label, 'id'))
      .slice(0, limit);
  const [products, umkm] = await Promise.all([top('product'), top('umkm')]);
  return { products, umkm };
}
