import { EXPIRING_SOON_DAYS, type TLegalityDocument } from '../../../shared/contracts/legality';
import { daysBetween } from '../../../shared/time';
import type { LegalityDocumentDoc } from './legality-document.model';

export function expiryStatus(expiresOn: string | null, today: string): TLegalityDocument['expiryStatus'] {
  if (expiresOn === null) return 'no_expiry';
  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft < 0) return 'expired';
  return daysLeft <= EXPIRING_SOON_DAYS ? 'expiring_soon' : 'valid';
}

/** `today` is the WIB calendar date the reader lives in, passed in so the status is testable. */
export function presentLegalityDocument(doc: LegalityDocumentDoc, today: string): TLegalityDocument {
  return {
    id: String(doc._id),
    organisationId: String(doc.organisationId),
    type: doc.type,
    number: doc.number,
    issuer: doc.issuer,
    issuedOn: doc.issuedOn,
    expiresOn: doc.expiresOn ?? null,
    expiryStatus: expiryStatus(doc.expiresOn ?? null, today),
    productIds: doc.productIds.map(String),
    file: doc.file
      ? {
          contentType: doc.file.contentType,
          size: doc.file.size,
          uploadedAt: doc.file.uploadedAt.toISOString(),
        }
      : null,
    createdAt: doc.createdAt.toISOString(),
  };
}
