import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { TAddress, TAddressInput, TRegion } from '../../../shared/contracts/regions';
import { trusted } from 'mongoose';
import { AppError } from '../../platform/http/errors';
import { RegionModel, type RegionDoc } from './region.model';

const DATASET_DIR = path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
const FILES = [
  { file: 'provinces.csv', level: 'province' },
  { file: 'regencies.csv', level: 'regency' },
  { file: 'districts.csv', level: 'district' },
  { file: 'villages.csv', level: 'village' },
] as const;

/** The dataset's CSVs are `code,parent_code,name` (provinces: `code,name`); names may be quoted. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      current += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}

async function* readRegions(file: string, level: TRegion['level']): AsyncGenerator<RegionDoc> {
  const lines = createInterface({
    input: createReadStream(path.join(DATASET_DIR, file)),
    crlfDelay: Infinity,
  });
  let header = true;
  for await (const line of lines) {
    if (header || line.trim() === '') {
      header = false;
      continue;
    }
    const fields = parseCsvLine(line);
    const code = fields[0]!;
    const [parentCode, name] = level === 'province' ? [null, fields[1]!] : [fields[1]!, fields[2]!];
    yield { _id: code, name, level, parentCode };
  }
}

export interface LoadRegionsOptions {
  /** Load villages only under these regencies (tests use one kabupaten); all when omitted. */
  villagesOfRegencies?: readonly string[];
}

/**
 * Idempotent: upserts by code, so it can run on every boot of the seed; a level already complete
 * (same count as the dataset) is skipped, which makes the second run take milliseconds.
 */
export async function loadRegions(options: LoadRegionsOptions = {}): Promise<{ upserted: number }> {
  let upserted = 0;
  for (const { file, level } of FILES) {
    const batch: RegionDoc[] = [];
    for await (const region of readRegions(file, level)) {
      if (level === 'village' && options.villagesOfRegencies) {
        if (!options.villagesOfRegencies.some((regency) => region._id.startsWith(`${regency}.`))) continue;
      }
      batch.push(region);
    }
    const existing = await RegionModel.countDocuments({ level });
    if (existing >= batch.length) continue;
    for (let i = 0; i < batch.length; i += 2_000) {
      const chunk = batch.slice(i, i + 2_000);
      const result = await RegionModel.bulkWrite(
        chunk.map((region) => ({
          updateOne: { filter: { _id: region._id }, update: { $set: region }, upsert: true },
        })),
        { ordered: false },
      );
      upserted += result.upsertedCount;
    }
  }
  return { upserted };
}

function present(region: RegionDoc): TRegion {
  return { code: region._id, name: region.name, level: region.level, parentCode: region.parentCode };
}

export async function listRegions(parentCode: string | undefined): Promise<TRegion[]> {
  const regions = await RegionModel.find({ parentCode: parentCode ?? null })
    .sort({ name: 1 })
    .lean<RegionDoc[]>();
  return regions.map(present);
}

/** A region's name by its code (an export names the kecamatan it was filtered to), or null if unknown. */
export async function regionName(code: string): Promise<string | null> {
  const region = await RegionModel.findOne({ _id: code }).lean<RegionDoc>();
  return region?.name ?? null;
}

function invalidAddress(at: readonly string[], field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path: [...at, field], message }] });
}

/**
 * Checks the codes against the dataset and fills in the names; the kecamatan decides the rest.
 * `at` is where the address sits in the request body, so the error lands under the right field.
 */
export async function resolveAddress(
  input: TAddressInput,
  at: readonly string[] = ['address'],
): Promise<TAddress> {
  const regencyCode = input.districtCode.slice(0, 5);
  const provinceCode = input.districtCode.slice(0, 2);
  const codes = [
    provinceCode,
    regencyCode,
    input.districtCode,
    ...(input.villageCode ? [input.villageCode] : []),
  ];
  const found = await RegionModel.find({ _id: trusted({ $in: codes }) }).lean<RegionDoc[]>();
  const byCode = new Map(found.map((region) => [region._id, region]));
  const province = byCode.get(provinceCode);
  const regency = byCode.get(regencyCode);
  const district = byCode.get(input.districtCode);
  if (!province || !regency || !district)
    throw invalidAddress(at, 'districtCode', 'Kecamatan tidak dikenal.');
  let village: RegionDoc | null = null;
  if (input.villageCode) {
    village = byCode.get(input.villageCode) ?? null;
    if (!village || village.parentCode !== district._id) {
      throw invalidAddress(at, 'villageCode', 'Desa/kelurahan tidak ada di kecamatan ini.');
    }
  }
  const named = (region: RegionDoc) => ({ code: region._id, name: region.name });
  return {
    street: input.street,
    province: named(province),
    regency: named(regency),
    district: named(district),
    village: village ? named(village) : null,
    postalCode: input.postalCode ?? null,
  };
}

let regencyCodeCache: Set<string> | undefined;

/** Kabupaten/kota codes (`32.15`), cached once loaded: P-IRT numbers embed one and are checked against it. */
export async function regencyCodes(): Promise<ReadonlySet<string>> {
  if (regencyCodeCache) return regencyCodeCache;
  const regencies = await RegionModel.find({ level: 'regency' }, { _id: 1 }).lean<Array<{ _id: string }>>();
  const codes = new Set(regencies.map((region) => region._id));
  // Not cached while empty: the regions may simply not be loaded yet.
  if (codes.size > 0) regencyCodeCache = codes;
  return codes;
}
