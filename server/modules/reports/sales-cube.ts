import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { TBreakdownDimension, TSalesFilters, TSalesMeasures } from '../../../shared/contracts/reports';
import type { RollupIncrement } from './rollup-facts';
import {
  CUBE_GRAINS,
  CUBE_KINDS,
  MARGIN_DIMENSIONS,
  type CubeGrain,
  type CubeKind,
  type CubeMeasures,
  type KecamatanCubeCell,
  type KecamatanCubeDoc,
  type MarginDimension,
  type MarginEntry,
  type SellerCubeCell,
  type SellerCubeDoc,
} from './sales-cube.model';

/**
 * The rollups' arithmetic (docs/adr/016), free of the database: which document and cell an increment
 * lands in, how a period splits into whole months and loose days, and how cells add up.
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

export const cubeDocumentId = (bucket: string, stage: string, owner: string) => `${bucket}|${stage}|${owner}`;

/** Cell ids are field names: a digest, so no tag or label can put a dot or a dollar sign in a path. */
export function cubeCellId(dimensions: Record<string, unknown>): string {
  return createHash('sha1').update(JSON.stringify(dimensions)).digest('hex').slice(0, 20);
}

/** What tells one cube's documents and cells apart. */
interface CubeLayout {
  owner(increment: RollupIncrement): string;
  /** Written when the document is created. */
  documentFields(increment: RollupIncrement): Record<string, unknown>;
  /** The cell's identity (digested into its id) and stored on it. */
  cellDimensions(increment: RollupIncrement): Record<string, unknown>;
  /** Stored on the cell, not part of its identity. */
  cellLabels(increment: RollupIncrement): Record<string, unknown>;
  /** The sums besides the cells that the increment adds to: their field paths and what they store. */
  summaries(increment: RollupIncrement): Array<[path: string, labels: Record<string, unknown>]>;
}

const marginOf = (dimension: MarginDimension, value: string | null): [string, Record<string, unknown>] => [
  `margins.${dimension}.${cubeCellId({ value })}`,
  { value },
];

const LAYOUTS: Record<CubeKind, CubeLayout> = {
  kecamatan: {
    owner: (increment) => increment.district.code,
    documentFields: (increment) => ({ district: increment.district }),
    cellDimensions: (increment) => ({
      category: increment.category,
      buyerType: increment.buyerType,
      channel: increment.channel,
      programmeTags: [...increment.programmeTags].sort(),
    }),
    cellLabels: () => ({}),
    summaries: (increment) => [
      ['totals', {}],
      marginOf('category', increment.category),
      marginOf('buyerType', increment.buyerType),
      marginOf('channel', increment.channel),
      // As the programme breakdown over cells counts it: under each programme of the seller.
      ...[...increment.programmeTags].sort().map((tag) => marginOf('programme', tag)),
    ],
  },
  seller: {
    owner: (increment) => increment.organisationId,
    documentFields: (increment) => ({
      organisationId: new Types.ObjectId(increment.organisationId),
      sellerName: increment.sellerName,
      programmeTags: [...increment.programmeTags].sort(),
      district: increment.district,
    }),
    cellDimensions: (increment) => ({
      productId: increment.productId,
      category: increment.category,
      buyerType: increment.buyerType,
      channel: increment.channel,
    }),
    cellLabels: (increment) => ({ productName: increment.productName }),
    summaries: () => [['totals', {}]],
  },
};

export type CubeEntryDraft = Record<string, unknown> & CubeMeasures;

/** Everything one order stage (or one display sale) adds to one cube document, guarded by `key`. */
export interface CubeUpdate {
  kind: CubeKind;
  grain: CubeGrain;
  id: string;
  key: string;
  bucket: string;
  stage: RollupIncrement['stage'];
  documentFields: Record<string, unknown>;
  /** By field path (`cells.<id>`, `totals`, `margins.<dimension>.<id>`): labels to set, measures to add. */
  entries: Map<string, CubeEntryDraft>;
}

const zeroMeasures = (): CubeMeasures => ({
  orders: 0,
  orderLines: 0,
  units: 0,
  grossRupiah: 0,
  ppnRupiah: 0,
  timedOrders: 0,
  timedMinutes: 0,
  onTimeOrders: 0,
});

/**
 * The increments of an order's stage share its day, stage, seller and kecamatan, so they make one
 * update per cube and grain; products that fall in the same cell add up there.
 */
export function cubeUpdates(increments: readonly RollupIncrement[]): CubeUpdate[] {
  const updates = new Map<string, CubeUpdate>();
  for (const increment of increments) {
    for (const kind of CUBE_KINDS) {
      const layout = LAYOUTS[kind];
      for (const grain of CUBE_GRAINS) {
        const bucket = grain === 'month' ? increment.day.slice(0, 7) : increment.day;
        const id = cubeDocumentId(bucket, increment.stage, layout.owner(increment));
        const updateKey = `${kind}|${grain}|${id}|${increment.sourceKey}`;
        let update = updates.get(updateKey);
        if (!update) {
          update = {
            kind,
            grain,
            id,
            key: increment.sourceKey,
            bucket,
            stage: increment.stage,
            documentFields: layout.documentFields(increment),
            entries: new Map(),
          };
          updates.set(updateKey, update);
        }
        const dimensions = layout.cellDimensions(increment);
        const targets: Array<[string, Record<string, unknown>]> = [
          [`cells.${cubeCellId(dimensions)}`, { ...dimensions, ...layout.cellLabels(increment) }],
          ...layout.summaries(increment),
        ];
        for (const [path, labels] of targets) {
          const entry = update.entries.get(path) ?? { ...labels, ...zeroMeasures() };
          addMeasures(entry, increment);
          update.entries.set(path, entry);
        }
      }
    }
  }
  return [...updates.values()];
}

export function addMeasures(into: CubeMeasures, from: CubeMeasures): void {
  into.orders += from.orders;
  into.orderLines += from.orderLines;
  into.units += from.units;
  into.grossRupiah += from.grossRupiah;
  into.ppnRupiah += from.ppnRupiah;
  into.timedOrders += from.timedOrders;
  into.timedMinutes += from.timedMinutes;
  into.onTimeOrders += from.onTimeOrders;
}

/**
 * What a read takes of a cube's documents besides their dimensions: every cell, or one of the sums kept
 * beside them (never the applied keys, the bulk of a month).
 */
export type CubePart = 'cells' | 'totals' | `margins.${MarginDimension}`;

type CubeCell = KecamatanCubeCell | SellerCubeCell;

/** The fields a read needs of either cube's documents; only the part it asked for is there. */
export type CubeDocForReading = (
  | Pick<KecamatanCubeDoc, 'bucket' | 'district'>
  | Pick<SellerCubeDoc, 'bucket' | 'district' | 'organisationId' | 'sellerName' | 'programmeTags'>
) & {
  cells?: Record<string, CubeCell>;
  totals?: CubeMeasures;
  margins?: Partial<KecamatanCubeDoc['margins']>;
};

/** A seller's programmes are on its seller-cube documents; the kecamatan cube keeps them per cell. */
const programmesOf = (document: CubeDocForReading, cell: CubeCell): readonly string[] =>
  'programmeTags' in cell ? cell.programmeTags : 'programmeTags' in document ? document.programmeTags : [];

/** The dimensions the kecamatan cube can break down by; UMKM and product need the seller cube. */
const KECAMATAN_CUBE_DIMENSIONS: ReadonlySet<string> = new Set([
  'kecamatan',
  'category',
  'buyerType',
  'channel',
  'programme',
]);
export const inKecamatanCube = (by: TBreakdownDimension | 'bucket') =>
  by === 'bucket' || KECAMATAN_CUBE_DIMENSIONS.has(by);

const isMarginDimension = (by: string): by is MarginDimension =>
  (MARGIN_DIMENSIONS as readonly string[]).includes(by);

type CellFilters = Pick<TSalesFilters, 'category' | 'channel' | 'programme'>;

/**
 * The least a sum by `by` can read: a filter on the cells needs every cell; otherwise a breakdown by a
 * document's own dimension reads its totals, and one by a margin's dimension that margin.
 */
export function cubePartFor(
  kind: CubeKind,
  by: TBreakdownDimension | 'bucket',
  filters: CellFilters,
): CubePart {
  if (filters.category || filters.channel || filters.programme) return 'cells';
  if (by === 'bucket' || by === 'kecamatan' || by === 'umkm') return 'totals';
  if (kind === 'kecamatan' && isMarginDimension(by)) return `margins.${by}`;
  return 'cells';
}

/** Product-level dimensions count "orders containing it"; the others count each order once. */
const PER_PRODUCT: ReadonlySet<string> = new Set(['category', 'product']);

/** What a sum of `by` is keyed (and labelled) by; a document's totals know only its own dimensions. */
function keysOf(
  document: CubeDocForReading,
  cell: CubeCell | null,
  by: TBreakdownDimension | 'bucket',
): Array<[string | null, string | null]> {
  switch (by) {
    case 'bucket':
      return [[document.bucket, null]];
    case 'kecamatan':
      return [[document.district.code, document.district.name]];
    case 'umkm':
      return 'organisationId' in document ? [[String(document.organisationId), document.sellerName]] : [];
    case 'product':
      return cell && 'productId' in cell ? [[cell.productId, cell.productName]] : [];
    case 'programme':
      // A sale counts under each programme of its seller; sellers in none are not in this breakdown.
      return cell ? programmesOf(document, cell).map((tag) => [tag, null]) : [];
    default:
      return cell ? [[cell[by], null]] : [];
  }
}

/**
 * The documents' `part` (as read), summed per value of `by`, with its label where it has one; cells
 * count only if they pass the filters (kecamatan, seller and stage are chosen by the read).
 */
export function sumCube(
  documents: readonly CubeDocForReading[],
  part: CubePart,
  by: TBreakdownDimension | 'bucket',
  filters: CellFilters,
): Map<string | null, { label: string | null; measures: TSalesMeasures }> {
  const sums = new Map<string | null, { label: string | null; measures: TSalesMeasures }>();
  const perProduct = PER_PRODUCT.has(by);
  const add = (key: string | null, label: string | null, measures: CubeMeasures) => {
    let sum = sums.get(key);
    if (!sum) {
      sum = { label, measures: { orders: 0, units: 0, grossRupiah: 0, ppnRupiah: 0 } };
      sums.set(key, sum);
    }
    sum.measures.orders += perProduct ? measures.orderLines : measures.orders;
    sum.measures.units += measures.units;
    sum.measures.grossRupiah += measures.grossRupiah;
    sum.measures.ppnRupiah += measures.ppnRupiah;
  };
  // Plain loops, without a merged row per cell: a quarter of Dinkop's view is thousands of cells.
  for (const document of documents) {
    if (part === 'totals') {
      if (!document.totals) continue;
      for (const [key, label] of keysOf(document, null, by)) add(key, label, document.totals);
    } else if (part === 'cells') {
      for (const cell of Object.values(document.cells ?? {}) as CubeCell[]) {
        if (filters.category && cell.category !== filters.category) continue;
        if (filters.channel && cell.channel !== filters.channel) continue;
        if (filters.programme && !programmesOf(document, cell).includes(filters.programme)) continue;
        for (const [key, label] of keysOf(document, cell, by)) add(key, label, cell);
      }
    } else {
      const dimension = part.slice('margins.'.length) as MarginDimension;
      const entries: Record<string, MarginEntry> = document.margins?.[dimension] ?? {};
      for (const entry of Object.values(entries)) add(entry.value, null, entry);
    }
  }
  return sums;
}

/** The timing measures of the documents' totals (the documents are of the stage being timed). */
export function sumTiming(documents: readonly CubeDocForReading[]) {
  const sum = { timedOrders: 0, timedMinutes: 0, onTimeOrders: 0 };
  for (const { totals } of documents) {
    if (!totals) continue;
    sum.timedOrders += totals.timedOrders;
    sum.timedMinutes += totals.timedMinutes;
    sum.onTimeOrders += totals.onTimeOrders;
  }
  return sum;
}

/** The sellers of seller-cube documents, optionally only those with a cell of a counter (galeri, pojok). */
export function sellersOf(documents: readonly CubeDocForReading[], countersOnly: boolean): string[] {
  return documents.flatMap((document) =>
    'organisationId' in document &&
    (!countersOnly || Object.values(document.cells ?? {}).some((cell) => cell.channel !== 'marketplace'))
      ? [String(document.organisationId)]
      : [],
  );
}
