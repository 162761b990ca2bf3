import { trusted, Types } from 'mongoose';
import type { TSalesStage } from '../../../shared/contracts/reports';
import { periodParts, type CubeDocForReading, type Period } from './sales-cube';
import { CUBE_MODELS, type CubeGrain, type CubeKind } from './sales-cube.model';

/** Only what the sums need: the applied keys are the bulk of a month document. */
const READ_FIELDS = { appliedKeys: 0 } as const;

export interface CubeScope {
  stage: TSalesStage;
  kecamatan?: string | undefined;
  /** One seller's documents (the seller cube only), or null for all. */
  seller: string | null;
}

function read(kind: CubeKind, grain: CubeGrain, buckets: object, scope: CubeScope) {
  const filter: Record<string, unknown> = {};
  // The seller first: the tenant guard reads it, and the (organisationId, stage, bucket) index serves it.
  if (scope.seller) filter.organisationId = new Types.ObjectId(scope.seller);
  filter.stage = scope.stage;
  filter.bucket = trusted(buckets);
  if (scope.kecamatan) filter['district.code'] = scope.kecamatan;
  const query = CUBE_MODELS[kind][grain].find(filter, READ_FIELDS).lean<CubeDocForReading[]>();
  return kind === 'seller' && !scope.seller ? query.setOptions({ crossTenant: true }) : query;
}

/** The documents of a period: whole months from month documents, the days around them from day ones. */
export async function cubeDocumentsOf(
  kind: CubeKind,
  period: Period,
  scope: CubeScope,
): Promise<CubeDocForReading[]> {
  const { months, dayRanges } = periodParts(period);
  const reads = dayRanges.map((range) => read(kind, 'day', { $gte: range.from, $lte: range.to }, scope));
  if (months.length > 0) reads.push(read(kind, 'month', { $in: months }, scope));
  return (await Promise.all(reads)).flat();
}

/** Every day document of the period, for series by day or week. */
export async function cubeDaysOf(
  kind: CubeKind,
  period: Period,
  scope: CubeScope,
): Promise<CubeDocForReading[]> {
  return read(kind, 'day', { $gte: period.from, $lte: period.to }, scope);
}
