import { z } from 'zod';
import { ZProductCategory } from '../catalog/categories';
import { normaliseLegalityNumber } from '../legality/documents';
import { ZIsoDateTime, ZObjectId } from './common';
import { ZPhoto, ZPhotoId } from './photos';

/** NIB as typed (dots, spaces) → 13 digits, with the same message the legality vault gives. */
export const ZNib = z.string().transform((raw, ctx) => {
  const result = normaliseLegalityNumber('nib', raw, { regencyExists: () => false });
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.number;
});

/** NPWP: 16 digits since 2024 (the NIK-based format); punctuation as printed on the card is removed. */
export const ZNpwp = z
  .string()
  .transform((raw) => raw.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^\d{16}$/, 'NPWP harus 16 angka'));

export const ZPayoutAccount = z.strictObject({
  bankName: z.string().trim().min(2, 'Nama bank wajib diisi').max(60),
  accountNumber: z
    .string()
    .transform((raw) => raw.replace(/[\s.-]/g, ''))
    .pipe(z.string().regex(/^\d{5,20}$/, 'Nomor rekening 5–20 angka')),
  holderName: z.string().trim().min(2, 'Nama pemilik rekening wajib diisi').max(120),
});

const profileFields = {
  nib: ZNib,
  npwp: ZNpwp.nullable(),
  /** Pengusaha Kena Pajak: only PKP sellers charge PPN on their invoices. */
  isPkp: z.boolean(),
  category: ZProductCategory,
  payoutAccount: ZPayoutAccount,
  story: z.string().trim().max(1000, 'Cerita usaha maksimal 1000 karakter'),
};

export const ZUpdateUmkmProfileRequest = z
  .strictObject(profileFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Tidak ada perubahan');

export const ZProgrammeTag = z.string().trim().min(2).max(60);
export const ZSetProgrammeTagsRequest = z.strictObject({
  tags: z.array(ZProgrammeTag).max(10, 'Maksimal 10 program'),
});

export const ZUmkmProfile = z.strictObject({
  organisationId: ZObjectId,
  nib: z.string().nullable(),
  npwp: z.string().nullable(),
  isPkp: z.boolean(),
  category: ZProductCategory.nullable(),
  payoutAccount: z
    .strictObject({ bankName: z.string(), accountNumber: z.string(), holderName: z.string() })
    .nullable(),
  story: z.string().nullable(),
  /** Set by Dinkop: "Bela Beli Produk UMKM", "OVOP Desa Pasirjaya", … */
  programmeTags: z.array(z.string()),
  /** The business in pictures (shop, kitchen, people), shown on its page in the catalog. */
  photos: z.array(ZPhoto),
  updatedAt: ZIsoDateTime.nullable(),
});
export type TUmkmProfile = z.infer<typeof ZUmkmProfile>;

export const ZUmkmParams = z.strictObject({ organisationId: ZObjectId });
export const ZUmkmPhotoParams = ZUmkmParams.extend({ photoId: ZPhotoId });
