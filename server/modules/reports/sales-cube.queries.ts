import { trusted, Types } from 'mongoose';
import type { TSalesStage } from '../../../shared/contracts/reports';
import { periodParts, type CubeDocForReading, type CubePart, type Period } from './sales-cube';
import { CUBE_MODELS, type CubeGrain, type CubeKind } from './sales-cube.model';

/** The documents' dimensions, and of their sums only the part asked for: the rest is most of the bytes. */
const fieldsOf = (part: CubePart) => ({
  bucket: 1,
  district: 1,
  organisationId: 1,
  sellerName: 1,
  programmeTags: 1,
  [part]: 1,
});

export interface CubeScope {
  stage: TSalesStage;
  kecamatan?: string | undefined;
  /** One seller's documents (the seller cube only), or null for all. */
  seller: string | null;
}

/** The documents of one grain whose bucket is in `buckets` (an `$in`, or ranges of days). */
function read(
  kind: CubeKind,
  grain: CubeGrain,
  buckets: { $in: string[] } | Period[],
  scope: CubeScope,
  part: CubePart,
) {
  const filter: Record<string, unknown> = {};
  // The seller first: the tenant guard reads it, and the (organisationId, stage, bucket) index serves it.
  if (scope.seller) filter.organisationId = new Types.ObjectId(scope.seller);
  filter.stage = scope.stage;
  if (!Array.isArray(buckets)) filter.bucket = trusted(buckets);
  else if (buckets.length === 1) filter.bucket = trusted({ $gte: buckets[0]!.from, $lte: buckets[0]!.to });
  else filter.$or = buckets.map((range) => ({ bucket: trusted({ $gte: range.from, $lte: range.to }) }));
  if (scope.kecamatan) filter['district.code'] = scope.kecamatan;
  const query = CUBE_MODELS[kind][grain].find(filter, fieldsOf(part)).lean<CubeDocForReading[]>();
  return kind === 'seller' && !scope.seller ? query.setOptions({ crossTenant: true }) : query;
}

/**
 * The documents of each period (whole months from month documents, the days around them from day ones),
 * in one read per grain however many periods: a breakdown and its comparison cost one round trip.
 */
export async function cubeDocumentsOfPeriods(
  kind: CubeKind,
  periods: readonly Period[],
  scope: CubeScope,
  part: CubePart,
): Promise<CubeDocForReading[][]> {
  const parts = periods.map(periodParts);
  const months = parts.flatMap((period) => period.months);
  const dayRanges = parts.flatMap((period) => period.dayRanges);
  const [monthDocuments, dayDocuments] = await Promise.all([
    months.length > 0 ? read(kind, 'month', { $in: months }, scope, part) : [],
    dayRanges.length > 0 ? read(kind, 'day', dayRanges, scope, part) : [],
  ]);
  return parts.map((period) => [
    ...monthDocuments.filter((document) => period.months.includes(document.bucket)),
    ...dayDocuments.filter((document) =>
      period.dayRanges.some((range) => range.from <= document.bucket && document.bucket <= range.to),
    ),
  ]);
}

/** The documents of a period. */
export async function cubeDocumentsOf(
  kind: CubeKind,
  period: Period,
  scope: CubeScope,
  part: CubePart,
): Promise<CubeDocForReading[]> {
  return (await cubeDocumentsOfPeriods(kind, [period], scope, part))[0]!;
}

/** Every day document of the period, for series by day or week. */
export async function cubeDaysOf(
  kind: CubeKind,
  period: Period,
  scope: CubeScope,
  part: CubePart,
): Promise<CubeDocForReading[]> {
  return read(kind, 'day', [period], scope, part);
}
