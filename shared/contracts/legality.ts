import { z } from 'zod';
import { ZLegalityDocumentType } from '../legality/documents';
import { ZIsoDateTime, ZObjectId } from './common';

/** A calendar date, `YYYY-MM-DD`: legality documents are valid until a day, not an instant. */
export const ZCalendarDate = z.iso.date({ message: 'Tanggal harus berformat TTTT-BB-HH' });

/** Which products a document covers; none: the whole business. */
const ZDocumentProductIds = z
  .array(ZObjectId)
  .max(100, 'Maksimal 100 produk per dokumen')
  .refine((ids) => new Set(ids).size === ids.length, 'Produk yang sama dipilih dua kali');

export const ZCreateLegalityDocumentRequest = z
  .strictObject({
    type: ZLegalityDocumentType,
    // Checked and normalised per type by the server (the P-IRT check needs the region list).
    number: z.string().trim().min(1, 'Nomor dokumen wajib diisi').max(100),
    issuer: z.string().trim().min(2, 'Penerbit wajib diisi').max(160),
    issuedOn: ZCalendarDate,
    expiresOn: ZCalendarDate.nullable(),
    productIds: ZDocumentProductIds.default([]),
  })
  .refine((doc) => doc.expiresOn === null || doc.expiresOn > doc.issuedOn, {
    path: ['expiresOn'],
    message: 'Tanggal kedaluwarsa harus setelah tanggal terbit',
  });
export type TCreateLegalityDocumentRequest = z.infer<typeof ZCreateLegalityDocumentRequest>;

/** How a seller and a curator read a document's dates today (in WIB). */
export const EXPIRY_STATUSES = ['no_expiry', 'valid', 'expiring_soon', 'expired'] as const;
export const ZExpiryStatus = z.enum(EXPIRY_STATUSES);
/** Days before expiry from which a document shows as expiring soon (the first warning goes out then). */
export const EXPIRING_SOON_DAYS = 30;

export const ZLegalityDocument = z.strictObject({
  id: ZObjectId,
  organisationId: ZObjectId,
  type: ZLegalityDocumentType,
  number: z.string(),
  issuer: z.string(),
  issuedOn: ZCalendarDate,
  expiresOn: ZCalendarDate.nullable(),
  expiryStatus: ZExpiryStatus,
  productIds: z.array(ZObjectId),
  file: z
    .strictObject({ contentType: z.string(), size: z.number().int(), uploadedAt: ZIsoDateTime })
    .nullable(),
  createdAt: ZIsoDateTime,
});
export type TLegalityDocument = z.infer<typeof ZLegalityDocument>;

export const ZListLegalityDocumentsResponse = z.strictObject({ items: z.array(ZLegalityDocument) });
export const ZSetDocumentProductsRequest = z.strictObject({ productIds: ZDocumentProductIds });
export const ZLegalityDocumentParams = z.strictObject({ documentId: ZObjectId });

/** Legality scans: a PDF or a photo, 5 MB at most (a phone photo of a certificate fits). */
export const LEGALITY_FILE_MAX_BYTES = 5 * 1024 * 1024;
