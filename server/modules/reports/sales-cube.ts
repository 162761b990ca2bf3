import { createHash } from 'node:crypto';
import type { TSalesFilters, TSalesMeasures } from '../../../shared/contracts/reports';
import type { RollupIncrement } from './rollup-facts';
import type { CubeGrain, SalesCubeCell, SalesCubeDoc } from './sales-cube.model';

/**
 * The coarse dashboard rollup's arithmetic (docs/adr/016), free of the database: which document and cell
 * an increment lands in, how a period splits into whole months and loose days, and how cells add up.
 */

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
const firstOfMonth = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
const lastOfMonth = (day: string) => dayOf(dayNumber(firstOfMonth(monthIndex(day) + 1)) - 1);

/** A period from the first day of a month to the last day of a month (maybe another). */
export function isWholeMonths(period: Period): boolean {
  return period.from.endsWith('-01') && lastOfMonth(period.to) === period.to;
}

/**
 * The period to compare with: for whole months the same number of whole months just before (a quarter
 * against the quarter before, as an analyst reports it); otherwise the same number of days just before.
 */
export function previousPeriod(period: Period): Period {
  if (isWholeMonths(period)) {
    const months = monthIndex(period.to) - monthIndex(period.from) + 1;
    return {
      from: firstOfMonth(monthIndex(period.from) - months),
      to: dayOf(dayNumber(period.from) - 1),
    };
  }
  const length = dayNumber(period.to) - dayNumber(period.from) + 1;
  const to = dayNumber(period.from) - 1;
  return { from: dayOf(to - length + 1), to: dayOf(to) };
}

/** The whole months inside the period (read from month documents) and the days around them. */
export function periodParts(period: Period): { months: string[]; dayRanges: Period[] } {
  const months: string[] = [];
  const dayRanges: Period[] = [];
  let cursor = period.from;
  while (cursor <= period.to) {
    const monthEnd = lastOfMonth(cursor);
    if (cursor.endsWith('-01') && monthEnd <= period.to) {
      months.push(cursor.slice(0, 7));
    } else {
      const end = monthEnd < period.to ? monthEnd : period.to;
      const last = dayRanges.at(-1);
      if (last && dayNumber(last.to) + 1 === dayNumber(cursor)) last.to = end;
      else dayRanges.push({ from: cursor, to: end });
    }
    cursor = dayOf(dayNumber(monthEnd) + 1);
  }
  return { months, dayRanges };
}

export const cubeDocumentId = (bucket: string, stage: string, districtCode: string) =>
  `${bucket}|${stage}|${districtCode}`;

/** Cell ids are field names: a digest, so no tag can put a dot or a dollar sign in a path. */
export function cubeCellId(
  cell: Pick<SalesCubeCell, 'category' | 'buyerType' | 'channel' | 'programmeTags'>,
) {
  const dimensions = [cell.category, cell.buyerType, cell.channel, [...cell.programmeTags].sort()];
  return createHash('sha1').update(JSON.stringify(dimensions)).digest('hex').slice(0, 20);
}

/** Everything one order stage (or one display sale) adds to one cube document, guarded by `key`. */
export interface CubeUpdate {
  grain: CubeGrain;
  id: string;
  key: string;
  bucket: string;
  stage: SalesCubeDoc['stage'];
  district: SalesCubeDoc['district'];
  cells: Map<string, SalesCubeCell>;
}

/**
 * The increments of an order's stage all share its day, stage and seller kecamatan, so they make one
 * update per grain; products of the same category, buyer type and channel add up in one cell.
 */
export function cubeUpdates(increments: readonly RollupIncrement[]): CubeUpdate[] {
  const updates = new Map<string, CubeUpdate>();
  for (const increment of increments) {
    for (const grain of ['month', 'day'] as const) {
      const bucket = grain === 'month' ? increment.day.slice(0, 7) : increment.day;
      const id = cubeDocumentId(bucket, increment.stage, increment.district.code);
      const updateKey = `${grain}|${id}|${increment.sourceKey}`;
      let update = updates.get(updateKey);
      if (!update) {
        update = {
          grain,
          id,
          key: increment.sourceKey,
          bucket,
          stage: increment.stage,
          district: increment.district,
          cells: new Map(),
        };
        updates.set(updateKey, update);
      }
      const dimensions = {
        category: increment.category,
        buyerType: increment.buyerType,
        channel: increment.channel,
        programmeTags: [...increment.programmeTags].sort(),
      };
      const cellId = cubeCellId(dimensions);
      const cell = update.cells.get(cellId) ?? {
        ...dimensions,
        orders: 0,
        orderLines: 0,
        units: 0,
        grossRupiah: 0,
        ppnRupiah: 0,
      };
      cell.orders += increment.orders;
      cell.orderLines += increment.orderLines;
      cell.units += increment.units;
      cell.grossRupiah += increment.grossRupiah;
      cell.ppnRupiah += increment.ppnRupiah;
      update.cells.set(cellId, cell);
    }
  }
  return [...updates.values()];
}

/** The dimensions the cube can break down by; UMKM and product need the fine rollup. */
export const CUBE_DIMENSIONS = ['kecamatan', 'category', 'buyerType', 'channel', 'programme'] as const;
export type CubeDimension = (typeof CUBE_DIMENSIONS)[number];
export const isCubeDimension = (by: string): by is CubeDimension =>
  (CUBE_DIMENSIONS as readonly string[]).includes(by);

function cellMatches(
  cell: SalesCubeCell,
  filters: Pick<TSalesFilters, 'category' | 'channel' | 'programme'>,
) {
  return (
    (!filters.category || cell.category === filters.category) &&
    (!filters.channel || cell.channel === filters.channel) &&
    (!filters.programme || cell.programmeTags.includes(filters.programme))
  );
}

export type CubeDocForReading = Pick<SalesCubeDoc, 'bucket' | 'district' | 'cells'>;

/**
 * Cells of the documents that pass the filters (kecamatan and stage are chosen by the read), summed per
 * value of `by` with its label where it has one. Categories count "orders containing it", as the fine
 * rollup's product-level breakdowns do; every other dimension counts each order once.
 */
export function sumCubeCells(
  documents: readonly CubeDocForReading[],
  by: CubeDimension | 'bucket',
  filters: Pick<TSalesFilters, 'category' | 'channel' | 'programme'>,
): Map<string | null, { label: string | null; measures: TSalesMeasures }> {
  const sums = new Map<string | null, { label: string | null; measures: TSalesMeasures }>();
  const add = (key: string | null, label: string | null, cell: SalesCubeCell) => {
    const found = sums.get(key);
    const measures = found?.measures ?? { orders: 0, units: 0, grossRupiah: 0, ppnRupiah: 0 };
    measures.orders += by === 'category' ? cell.orderLines : cell.orders;
    measures.units += cell.units;
    measures.grossRupiah += cell.grossRupiah;
    measures.ppnRupiah += cell.ppnRupiah;
    if (!found) sums.set(key, { label, measures });
  };
  for (const document of documents) {
    for (const cell of Object.values(document.cells)) {
      if (!cellMatches(cell, filters)) continue;
      switch (by) {
        case 'bucket':
          add(document.bucket, null, cell);
          break;
        case 'kecamatan':
          add(document.district.code, document.district.name, cell);
          break;
        case 'programme':
          for (const tag of cell.programmeTags) add(tag, null, cell);
          break;
        default:
          add(cell[by], null, cell);
      }
    }
  }
  return sums;
}
