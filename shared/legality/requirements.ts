import { categoryKind, type TCategoryKind, type TProductCategory } from '../catalog/categories';
import { type TLegalityDocumentType } from './documents';

/**
 * Halal certification becomes mandatory for micro and small food (and cosmetic) businesses on this date,
 * as the product issue states (the regulation behind it is to be confirmed with Dinkop before launch);
 * until then it is only recommended. A calendar date in Asia/Jakarta.
 */
export const HALAL_MANDATORY_FROM = '2026-10-17';

export type TLegalityRequirementRule = {
  /** Any one of these documents, valid on the day, satisfies the rule. */
  anyOf: readonly TLegalityDocumentType[];
  /** Shown to the seller and the curator as is. */
  reason: string;
  /** null: in force now; otherwise the Jakarta date from which it is required (recommended before). */
  mandatoryFrom: string | null;
};

export type TMissingLegality = { anyOf: TLegalityDocumentType[]; reason: string };

export type TLegalityDocumentState = { type: TLegalityDocumentType; expiresOn: Date | null };

export type TLegalityCheck = {
  category: TProductCategory;
  /** The seller's business-level documents (NIB) and the product's own documents together. */
  documents: readonly TLegalityDocumentState[];
  on: Date;
};

const NIB: TLegalityRequirementRule = {
  anyOf: ['nib'],
  reason: 'Setiap UMKM wajib memiliki NIB (Nomor Induk Berusaha) dari OSS',
  mandatoryFrom: null,
};

/**
 * The one table of which documents a product needs, by the kind of its category. Curation, the catalog
 * ("off sale when legality lapses") and the seller's checklist all read it through missingLegality.
 */
export const LEGALITY_REQUIREMENTS: Readonly<Record<TCategoryKind, readonly TLegalityRequirementRule[]>> = {
  food: [
    NIB,
    {
      anyOf: ['pirt', 'bpom_md', 'bpom_ml'],
      reason: 'Produk pangan wajib memiliki P-IRT atau izin edar BPOM (MD/ML)',
      mandatoryFrom: null,
    },
    {
      anyOf: ['halal'],
      reason: 'Produk pangan wajib bersertifikat halal mulai 17 Oktober 2026',
      mandatoryFrom: HALAL_MANDATORY_FROM,
    },
  ],
  cosmetic: [
    NIB,
    {
      anyOf: ['bpom_md', 'bpom_ml'],
      reason: 'Produk kosmetik wajib memiliki izin edar BPOM',
      mandatoryFrom: null,
    },
    {
      anyOf: ['halal'],
      reason: 'Produk kosmetik wajib bersertifikat halal mulai 17 Oktober 2026',
      mandatoryFrom: HALAL_MANDATORY_FROM,
    },
  ],
  other: [NIB],
};

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * Dates are compared as Jakarta calendar days: a permit "berlaku sampai 1 Mei" is still good all of
 * 1 May WIB, whether the date was stored as UTC midnight or WIB midnight.
 */
function jakartaDay(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid date in legality check');
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

function isSatisfied(
  rule: TLegalityRequirementRule,
  documents: readonly TLegalityDocumentState[],
  today: string,
) {
  return documents.some(
    (doc) => rule.anyOf.includes(doc.type) && (doc.expiresOn === null || jakartaDay(doc.expiresOn) >= today),
  );
}

function unmet(check: TLegalityCheck, inForce: boolean): TMissingLegality[] {
  const today = jakartaDay(check.on);
  return LEGALITY_REQUIREMENTS[categoryKind(check.category)]
    .filter((rule) => (rule.mandatoryFrom === null || today >= rule.mandatoryFrom) === inForce)
    .filter((rule) => !isSatisfied(rule, check.documents, today))
    .map((rule) => ({ anyOf: [...rule.anyOf], reason: rule.reason }));
}

/** What a product still lacks to be sold on `on`; an expired document counts as missing. Empty: complete. */
export function missingLegality(check: TLegalityCheck): TMissingLegality[] {
  return unmet(check, true);
}

/** Documents not yet required on `on` but that will be (halal before 17 October 2026), so sellers start early. */
export function recommendedLegality(check: TLegalityCheck): TMissingLegality[] {
  return unmet(check, false);
}
