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

function read(kind: CubeKind, grain: CubeGrain, buckets: object, scope: CubeScope, part: CubePart) {
  const filter: Record<string, unknown> = {};
  // The seller first: the tenant guard reads it, and the (organisationId, stage, bucket) index serves it.
  if (scope.seller) filter.organisationId = new Types.ObjectId(scope.seller);
  filter.stage = scope.stage;
  filter.bucket = trusted(buckets);
  if (scope.kecamatan) filter['district.code'] = scope.kecamatan;
  const query = CUBE_MODELS[kind][grain].find(filter, fieldsOf(part)).lean<CubeDocForReading[]>();
  return kind === 'seller' && !scope.seller ? query.setOptions({ crossTenant: true }) : query;
}

/** The documents of a period: whole months from month documents, the days around them from day ones. */
export async function cubeDocumentsOf(
  kind: CubeKind,
  period: Period,
  scope: CubeScope,
  part: CubePart,
): Promise<CubeDocForReading[]> {
  const { months, dayRanges } = periodParts(period);
  const reads = dayRanges.map((range) =>
    read(kind, 'day', { $gte: range.from, $lte: range.to }, scope, part),
  );
  if (months.length > 0) reads.push(read(kind, 'month', { $in: months }, scope, part));
  return (await Promise.all(reads)).flat();
}

/** Every day document of the period, for series by day or week. */
export async function cubeDaysOf(
  kind: CubeKind,
  period: Period,
  scope: CubeScope,
  part: CubePart,
): Promise<CubeDocForReading[]> {
  return read(kind, 'day', { $gte: period.from, $lte: period.to }, scope, part);
}
