import { z } from 'zod';

export const LEGALITY_DOCUMENT_TYPES = [
  'nib',
  'pirt',
  'halal',
  'bpom_md',
  'bpom_ml',
  'sni',
  'other',
] as const;
export const ZLegalityDocumentType = z.enum(LEGALITY_DOCUMENT_TYPES, {
  message: 'Jenis dokumen legalitas tidak dikenal',
});
export type TLegalityDocumentType = z.infer<typeof ZLegalityDocumentType>;

export const LEGALITY_DOCUMENT_LABELS: Record<TLegalityDocumentType, { id: string; en: string }> = {
  nib: { id: 'NIB (Nomor Induk Berusaha)', en: 'NIB (business identification number)' },
  pirt: { id: 'P-IRT (izin pangan industri rumah tangga)', en: 'P-IRT (home-industry food permit)' },
  halal: { id: 'Sertifikat halal (BPJPH)', en: 'Halal certificate (BPJPH)' },
  bpom_md: { id: 'Izin edar BPOM MD (produk dalam negeri)', en: 'BPOM MD registration (domestic)' },
  bpom_ml: { id: 'Izin edar BPOM ML (produk impor)', en: 'BPOM ML registration (imported)' },
  sni: { id: 'Sertifikat SNI', en: 'SNI certificate (national standard)' },
  other: { id: 'Dokumen lainnya', en: 'Other document' },
};

/** Takes a Kemendagri kabupaten/kota code such as `32.15`; the region list lives in the database. */
export type TRegencyExists = (code: string) => boolean;
export type TLegalityNumberOptions = { regencyExists: TRegencyExists };
export type TLegalityNumberResult = { ok: true; number: string } | { ok: false; message: string };

const MAX_RAW_LENGTH = 200;
const FREE_TEXT_MAX = 100;

// Phones and word processors turn '-' into en/em dashes, and sellers copy numbers with any of them.
const SEPARATORS = /[\s.\-\u2010-\u2015]/g;

function digitsAndLetters(raw: string): string {
  return raw.replace(SEPARATORS, '').toUpperCase();
}

/** Sellers copy the label as printed on the certificate or the pack, so a leading name is allowed. */
function withoutPrefix(raw: string, prefix: RegExp): string {
  return raw.trim().replace(prefix, '');
}

const fail = (message: string): TLegalityNumberResult => ({ ok: false, message });
const ok = (number: string): TLegalityNumberResult => ({ ok: true, number });

function normaliseNib(raw: string): TLegalityNumberResult {
  const nib = digitsAndLetters(withoutPrefix(raw, /^NIB\s*:?\s*/i));
  if (!/^\d{13}$/.test(nib)) return fail('NIB harus 13 angka, contoh: 9120001234567');
  return ok(nib);
}

/**
 * P-IRT positions: 1 kemasan, 2–3 jenis pangan, 4–5 provinsi, 6–7 kabupaten/kota, 8–11 nomor urut
 * pangan, 12–13 nomor urut IRTP, 14–15 tahun berakhir.
 */
export function pirtRegencyCode(pirtDigits: string): string {
  return `${pirtDigits.slice(3, 5)}.${pirtDigits.slice(5, 7)}`;
}

function normalisePirt(raw: string, regencyExists: TRegencyExists): TLegalityNumberResult {
  const pirt = digitsAndLetters(withoutPrefix(raw, /^(SP)?P[\s-]?IRT(\s*NO\b\.?)?\s*:?\s*/i));
  if (!/^\d{15}$/.test(pirt)) {
    return fail('Nomor P-IRT harus 15 angka (termasuk 2 angka tahun di akhir), contoh: 2063215010123-25');
  }
  const regency = pirtRegencyCode(pirt);
  if (!regencyExists(regency)) {
    return fail(
      `Angka ke-4 sampai ke-7 nomor P-IRT (${pirt.slice(3, 7)}) bukan kode kabupaten/kota yang dikenal. ` +
        'Periksa kembali nomor pada sertifikat SPP-IRT.',
    );
  }
  return ok(pirt);
}

function normaliseBpom(raw: string, expected: 'MD' | 'ML'): TLegalityNumberResult {
  const number = digitsAndLetters(withoutPrefix(raw, /^(BPOM|POM)(\s*RI)?\s*:?\s*/i));
  const match = /^(MD|ML)\d{12}$/.exec(number);
  if (match && match[1] !== expected) {
    // The number itself is fine; the seller picked the wrong type, so say which one it is.
    return fail(
      expected === 'MD'
        ? 'Nomor ini berawalan ML (produk impor); pilih jenis dokumen "BPOM ML"'
        : 'Nomor ini berawalan MD (produk dalam negeri); pilih jenis dokumen "BPOM MD"',
    );
  }
  if (!match) {
    return fail(
      `Nomor izin edar BPOM ${expected} harus "${expected}" diikuti 12 angka, contoh: ${expected} 224510001234`,
    );
  }
  return ok(number);
}

function normaliseHalal(raw: string): TLegalityNumberResult {
  const number = digitsAndLetters(raw);
  if (!/^ID\d{14,17}$/.test(number)) {
    return fail('Nomor sertifikat halal harus "ID" diikuti 14 sampai 17 angka, contoh: ID32110000123450823');
  }
  return ok(number);
}

function normaliseFreeText(raw: string, required: boolean): TLegalityNumberResult {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (required && text === '') return fail('Nomor sertifikat SNI wajib diisi');
  if (text.length > FREE_TEXT_MAX) return fail(`Nomor dokumen maksimal ${FREE_TEXT_MAX} karakter`);
  return ok(text);
}

/**
 * Checks a document number as a seller types it and returns the form it is stored and compared in
 * (NIB/P-IRT digits only; BPOM and halal upper case without spaces), or a message the seller can act on.
 */
export function normaliseLegalityNumber(
  type: TLegalityDocumentType,
  raw: string,
  { regencyExists }: TLegalityNumberOptions,
): TLegalityNumberResult {
  if (raw.length > MAX_RAW_LENGTH) return fail('Nomor dokumen terlalu panjang');
  if (raw.trim() === '' && type !== 'other' && type !== 'sni') return fail('Nomor dokumen wajib diisi');
  switch (type) {
    case 'nib':
      return normaliseNib(raw);
    case 'pirt':
      return normalisePirt(raw, regencyExists);
    case 'bpom_md':
      return normaliseBpom(raw, 'MD');
    case 'bpom_ml':
      return normaliseBpom(raw, 'ML');
    case 'halal':
      return normaliseHalal(raw);
    case 'sni':
      return normaliseFreeText(raw, true);
    case 'other':
      return normaliseFreeText(raw, false);
  }
}

/**
 * `{ type, number }` as a form sends it, parsed to the normalised number; a bad number is reported on
 * the `number` field. A factory, because `regencyExists` is the caller's region data (the server's
 * regency table, or the client's copy of it).
 */
export function ZLegalityNumberInput(options: TLegalityNumberOptions) {
  return z
    .strictObject({ type: ZLegalityDocumentType, number: z.string().max(MAX_RAW_LENGTH) })
    .transform((input, ctx) => {
      const result = normaliseLegalityNumber(input.type, input.number, options);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message, path: ['number'] });
        return z.NEVER;
      }
      return { type: input.type, number: result.number };
    });
}
export type TLegalityNumberInput = z.output<ReturnType<typeof ZLegalityNumberInput>>;
