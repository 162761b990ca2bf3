import { z } from 'zod';
import { ZProductCategory } from '../catalog/categories';
import { ZLegalityDocumentType } from '../legality/documents';
import { ZIsoDateTime, ZObjectId, ZPage, ZPageQuery } from './common';
import { ZCalendarDate, ZLegalityDocument } from './legality';
import { ZOrganisationStatus } from './organisations';
import { ZProductStatus } from './products';
import { ZDistrictCode } from './regions';

/**
 * Dinkop's UMKM registry: every UMKM with its products and legality as of today (WIB).
 *
 * Legality is complete when the NIB is valid and every product that is approved, listed or in curation
 * meets the requirement rules of its category today (shared/legality/requirements.ts). "Expiring soon"
 * is orthogonal to it: some document runs out within EXPIRING_SOON_DAYS.
 */
export const REGISTRY_LEGALITY_FILTERS = ['complete', 'incomplete', 'expiring_soon'] as const;
export const ZRegistryLegalityFilter = z.enum(REGISTRY_LEGALITY_FILTERS);

export const ZUmkmRegistryQuery = ZPageQuery.extend({
  districtCode: ZDistrictCode.optional(),
  status: ZOrganisationStatus.optional(),
  legality: ZRegistryLegalityFilter.optional(),
  q: z.string().trim().max(100).optional(),
});

const count = z.number().int().min(0);

export const ZUmkmRegistryEntry = z.strictObject({
  organisationId: ZObjectId,
  name: z.string(),
  district: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
  status: ZOrganisationStatus,
  programmeTags: z.array(z.string()),
  /** By the working copy's status, except `listed`: the live version is on sale (whatever the working copy). */
  products: z.strictObject({
    total: count,
    draft: count,
    inCuration: count,
    listed: count,
    needsLegality: count,
  }),
  /** `valid` includes documents without an expiry date. */
  documents: z.strictObject({ valid: count, expiringSoon: count, expired: count }),
  legality: z.strictObject({
    complete: z.boolean(),
    nibValid: z.boolean(),
    /** Approved, listed or in-curation products that lack a required document today. */
    productsMissingLegality: count,
  }),
});
export type TUmkmRegistryEntry = z.infer<typeof ZUmkmRegistryEntry>;

/** Ordered by name; the cursor is opaque. */
export const ZUmkmRegistryPage = ZPage(ZUmkmRegistryEntry);

export const ZUmkmRegistrySummaryQuery = z.strictObject({ districtCode: ZDistrictCode.optional() });

export const ZUmkmRegistrySummary = z.strictObject({
  /** The WIB calendar day the figures hold for. */
  asOf: ZCalendarDate,
  umkm: count,
  verified: count,
  verifiedComplete: count,
  /** verifiedComplete / verified, between 0 and 1; null while no UMKM is verified. */
  coverage: z.number().min(0).max(1).nullable(),
  /** UMKM (any status) with at least one document expiring soon. */
  expiringSoon: count,
});
export type TUmkmRegistrySummary = z.infer<typeof ZUmkmRegistrySummary>;

export const ZUmkmRegistryProduct = z.strictObject({
  id: ZObjectId,
  name: z.string(),
  status: ZProductStatus,
  category: ZProductCategory,
  listed: z.boolean(),
  /** What it lacks today, for products that must hold their legality now (approved, listed, in curation). */
  missingLegality: z.array(z.strictObject({ anyOf: z.array(ZLegalityDocumentType), reason: z.string() })),
  updatedAt: ZIsoDateTime,
});
export type TUmkmRegistryProduct = z.infer<typeof ZUmkmRegistryProduct>;

export const ZUmkmRegistryDetail = z.strictObject({
  entry: ZUmkmRegistryEntry,
  documents: z.array(ZLegalityDocument),
  /** Newest first. */
  products: z.array(ZUmkmRegistryProduct),
});
export type TUmkmRegistryDetail = z.infer<typeof ZUmkmRegistryDetail>;
