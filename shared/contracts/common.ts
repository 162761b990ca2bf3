import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { ERROR_CODES } from '../errors';

export const ZObjectId = z.string().regex(/^[a-f0-9]{24}$/, 'ID tidak valid');

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Alamat e-mail tidak valid' }));

/** Indonesian numbers as people type them (0812…, +62 812…, 62812…) stored as E.164 (+62812…). */
export const ZPhone = z
  .string()
  .trim()
  .max(32)
  .transform((raw, ctx) => {
    const phone = parsePhoneNumberFromString(raw, 'ID');
    if (!phone || !phone.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'Nomor telepon tidak valid, contoh: 0812 3456 7890' });
      return z.NEVER;
    }
    return phone.number as string;
  });

/** Long enough to resist guessing, short enough to type on a phone; letters and digits both present. */
export const ZNewPassword = z
  .string()
  .min(10, 'Kata sandi minimal 10 karakter')
  .max(128, 'Kata sandi maksimal 128 karakter')
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), 'Kata sandi harus berisi huruf dan angka');

export const ZPersonName = z.string().trim().min(2, 'Nama minimal 2 karakter').max(120);

export const ZIsoDateTime = z.iso.datetime();

/** Cursor pagination: an opaque cursor and a page length capped at 100. */
export const ZPageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** `details` of VALIDATION_FAILED (and of EMAIL_TAKEN, which names its field): where, and what to fix. */
export const ZValidationDetails = z.strictObject({
  issues: z.array(z.strictObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })),
});
export type TValidationDetails = z.infer<typeof ZValidationDetails>;

export const ZErrorResponse = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;
