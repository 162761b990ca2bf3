import { trusted } from 'mongoose';
import type { TSalesStage } from '../../../shared/contracts/reports';
import { periodParts, type CubeDocForReading, type Period } from './sales-cube';
import { SalesCubeDayModel, SalesCubeMonthModel } from './sales-cube.model';

/** Only what the sums need: the applied keys are the bulk of a month document. */
const READ_FIELDS = { _id: 0, bucket: 1, district: 1, cells: 1 } as const;

function daysOf(period: Period, stage: TSalesStage, kecamatan: string | undefined) {
  return SalesCubeDayModel.find(
    {
      stage,
      bucket: trusted({ $gte: period.from, $lte: period.to }),
      ...(kecamatan ? { 'district.code': kecamatan } : {}),
    },
    READ_FIELDS,
  ).lean<CubeDocForReading[]>();
}

/** The cube documents of a period: whole months from month documents, the days around them from day ones. */
export async function cubeDocumentsOf(
  period: Period,
  stage: TSalesStage,
  kecamatan: string | undefined,
): Promise<CubeDocForReading[]> {
  const { months, dayRanges } = periodParts(period);
  const reads: Array<Promise<CubeDocForReading[]>> = dayRanges.map((range) =>
    daysOf(range, stage, kecamatan),
  );
  if (months.length > 0) {
    reads.push(
      SalesCubeMonthModel.find(
        {
          stage,
          bucket: trusted({ $in: months }),
          ...(kecamatan ? { 'district.code': kecamatan } : {}),
        },
        READ_FIELDS,
      ).lean<CubeDocForReading[]>(),
    );
  }
  return (await Promise.all(reads)).flat();
}

/** Every day document of the period, for series by day or week. */
export function cubeDaysOf(
  period: Period,
  stage: TSalesStage,
  kecamatan: string | undefined,
): Promise<CubeDocForReading[]> {
  return daysOf(period, stage, kecamatan);
}
