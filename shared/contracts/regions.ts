import { z } from 'zod';

/** Kemendagri region codes: 32 (provinsi), 32.15 (kabupaten/kota), 32.15.05 (kecamatan), 32.15.05.2001 (desa). */
export const ZProvinceCode = z.string().regex(/^\d{2}$/, 'Kode provinsi tidak valid');
export const ZRegencyCode = z.string().regex(/^\d{2}\.\d{2}$/, 'Kode kabupaten/kota tidak valid');
export const ZDistrictCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan tidak valid');
export const ZVillageCode = z
  .string()
  .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa/kelurahan tidak valid');

export const REGION_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export const ZRegionLevel = z.enum(REGION_LEVELS);

export const ZRegion = z.strictObject({
  code: z.string(),
  name: z.string(),
  level: ZRegionLevel,
  parentCode: z.string().nullable(),
});
export type TRegion = z.infer<typeof ZRegion>;

/** GET /api/regions?parent= — children of a region; without parent, the provinces. */
export const ZListRegionsQuery = z.strictObject({
  parent: z.union([ZProvinceCode, ZRegencyCode, ZDistrictCode]).optional(),
});
export const ZListRegionsResponse = z.strictObject({ items: z.array(ZRegion) });

/** What a form sends: the kecamatan decides kabupaten and provinsi, so they cannot disagree. */
export const ZAddressInput = z.strictObject({
  street: z.string().trim().min(5, 'Alamat jalan minimal 5 karakter').max(300),
  districtCode: ZDistrictCode,
  villageCode: ZVillageCode.optional(),
  postalCode: z
    .string()
    .regex(/^\d{5}$/, 'Kode pos 5 angka')
    .optional(),
});
export type TAddressInput = z.infer<typeof ZAddressInput>;

const ZNamedRegion = z.strictObject({ code: z.string(), name: z.string() });
export const ZAddress = z.strictObject({
  street: z.string(),
  province: ZNamedRegion,
  regency: ZNamedRegion,
  district: ZNamedRegion,
  village: ZNamedRegion.nullable(),
  postalCode: z.string().nullable(),
});
export type TAddress = z.infer<typeof ZAddress>;
