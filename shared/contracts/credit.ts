import { z } from 'zod';
import { ZIsoDateTime, ZObjectId, ZPage, ZPageQuery } from './common';
import type { TBuyerType } from './organisations';

/**
 * Buying on terms (tempo): Dinkop gives a verified koperasi, company or government office a credit line
 * (terms and a limit). An order on terms goes ahead unpaid while what the organisation owes, this order
 * included, stays within the limit; each seller order's invoice is due `termDays` after it is issued.
 */
export const CREDIT_TERM_DAYS = [14, 30, 45] as const;
export const BUYER_TYPES_ON_TERMS = [
  'koperasi_karyawan',
  'company',
  'government_office',
] as const satisfies readonly TBuyerType[];

/** Rp 10 billion: far above any koperasi's monthly purchasing, low enough to catch a typo of zeros. */
export const CREDIT_LIMIT_MAX_RUPIAH = 10_000_000_000;

export const ZCreditLineRequest = z.strictObject({
  termDays: z.literal(CREDIT_TERM_DAYS, { message: 'Tempo harus 14, 30 atau 45 hari' }),
  limitRupiah: z
    .number({ message: 'Batas kredit harus angka' })
    .int('Batas kredit dalam rupiah utuh')
    .min(0, 'Batas kredit tidak boleh negatif')
    .max(CREDIT_LIMIT_MAX_RUPIAH, 'Batas kredit maksimal Rp10.000.000.000'),
  /** false stops new orders on terms; what is owed stays owed. */
  active: z.boolean(),
});
export type TCreditLineRequest = z.infer<typeof ZCreditLineRequest>;

export const ZCreditLine = z.strictObject({
  organisationId: ZObjectId,
  organisationName: z.string(),
  termDays: z.number().int(),
  limitRupiah: z.number().int(),
  /** Unpaid invoices and orders on terms not yet invoiced. */
  outstandingRupiah: z.number().int(),
  /** limit − outstanding; negative after a limit was lowered below what is owed. */
  availableRupiah: z.number().int(),
  active: z.boolean(),
  updatedAt: ZIsoDateTime,
  updatedByName: z.string(),
});
export type TCreditLine = z.infer<typeof ZCreditLine>;

/** `GET /api/organisation/credit-line`: the caller's own line, or null when it has none. */
export const ZMyCreditLineResponse = z.strictObject({ creditLine: ZCreditLine.nullable() });

export const ZListCreditLinesQuery = ZPageQuery;
export const ZListCreditLinesResponse = ZPage(ZCreditLine);
export const ZCreditLineParams = z.strictObject({ organisationId: ZObjectId });

/** 409 CREDIT_LIMIT_EXCEEDED: what the order needs and what the line still allows. */
export const ZCreditLimitDetails = z.strictObject({
  requiredRupiah: z.number().int(),
  availableRupiah: z.number().int(),
});
