import { trusted } from 'mongoose';
import type { z } from 'zod';
import type { TProductCategory } from '../../../shared/catalog/categories';
import type { ZExpiryStatus } from '../../../shared/contracts/legality';
import type { TProductStatus } from '../../../shared/contracts/products';
import type {
  TUmkmRegistrySummary,
  ZUmkmRegistryQuery,
  ZUmkmRegistrySummaryQuery,
} from '../../../shared/contracts/registry';
import {
  missingLegality,
  type TLegalityDocumentState,
  type TMissingLegality,
} from '../../../shared/legality/requirements';
import { todayInWib } from '../../../shared/time';
import { AppError } from '../../platform/http/errors';
import { getOrganisation, listUmkmByName } from '../accounts';
import { productsOfUmkm, type UmkmProductRow } from '../catalog';
import { legalityOverviewOf, presentedDocumentsOf } from '../legality';
import { UmkmProfileModel, type UmkmProfileDoc } from './umkm-profile.model';

type RegistryOrganisation = Awaited<ReturnType<typeof listUmkmByName>>[number];

export type CheckedProduct = UmkmProductRow & { missingLegality: TMissingLegality[] };

/** A UMKM as Dinkop's registry shows it: what it sells and how its legality stands on the day. */
export interface UmkmStanding {
  organisation: RegistryOrganisation;
  programmeTags: string[];
  products: CheckedProduct[];
  documentStatuses: z.infer<typeof ZExpiryStatus>[];
  nibValid: boolean;
  /** A valid NIB, and no approved, listed or in-curation product lacks a required document. */
  complete: boolean;
  expiringSoon: boolean;
}

export const IN_CURATION: readonly TProductStatus[] = ['submitted', 'in_review'];

/**
 * Organisations read per round trip when the registry has to look at more UMKM than it shows (a legality
 * filter, the summary): large enough for few round trips, small enough for the `$in` reads behind it.
 */
const SCAN_BATCH = 200;

/**
 * The categories whose rules a product must meet today: its working copy's while approved or with the
 * curators, and the live version's while on sale (an update under review does not excuse the live one).
 */
function categoriesHeldToLegality(product: UmkmProductRow): TProductCategory[] {
  const categories = new Set<TProductCategory>();
  if (product.status === 'approved' || IN_CURATION.includes(product.status)) categories.add(product.category);
  if (product.listed && product.liveCategory) categories.add(product.liveCategory);
  return [...categories];
}

function missingToday(
  product: UmkmProductRow,
  documents: readonly TLegalityDocumentState[],
  now: Date,
): TMissingLegality[] {
  const missing = categoriesHeldToLegality(product).flatMap((category) =>
    missingLegality({ category, documents, on: now }),
  );
  // The live and the working copy's category may share rules (the NIB always): each once.
  return [...new Map(missing.map((rule) => [rule.anyOf.join(), rule])).values()];
}

/** Three reads for any number of UMKM (their products, legality vaults and profiles), not three per UMKM. */
async function standingsOf(organisations: RegistryOrganisation[], now: Date): Promise<UmkmStanding[]> {
  if (organisations.length === 0) return [];
  const ids = organisations.map((organisation) => String(organisation._id));
  const today = todayInWib(now);
  const [products, vaults, profiles] = await Promise.all([
    productsOfUmkm(ids),
    legalityOverviewOf(ids, today),
    UmkmProfileModel.find({ _id: trusted({ $in: ids }) })
      .select({ programmeTags: 1 })
      .lean<UmkmProfileDoc[]>(),
  ]);
  const tagsById = new Map(profiles.map((profile) => [String(profile._id), profile.programmeTags]));
  const productsById = new Map(ids.map((id) => [id, [] as UmkmProductRow[]]));
  for (const product of products) productsById.get(product.organisationId)?.push(product);
  return organisations.map((organisation) => {
    const id = String(organisation._id);
    const vault = vaults.get(id)!;
    const checked = productsById.get(id)!.map((product) => ({
      ...product,
      missingLegality: missingToday(product, vault.statesFor(product.id), now),
    }));
    // The NIB belongs to the business; like every document it is valid through its expiry day (WIB).
    const nibValid = vault
      .statesFor()
      .some((doc) => doc.type === 'nib' && (doc.expiresOn === null || todayInWib(doc.expiresOn) >= today));
    return {
      organisation,
      programmeTags: [...(tagsById.get(id) ?? [])],
      products: checked,
      documentStatuses: vault.expiryStatuses,
      nibValid,
      complete: nibValid && checked.every((product) => product.missingLegality.length === 0),
      expiringSoon: vault.expiryStatuses.includes('expiring_soon'),
    };
  });
}

function matchesLegality(
  standing: UmkmStanding,
  filter: z.output<typeof ZUmkmRegistryQuery>['legality'],
): boolean {
  switch (filter) {
    case undefined:
      return true;
    case 'complete':
      return standing.complete;
    case 'incomplete':
      return !standing.complete;
    case 'expiring_soon':
      return standing.expiringSoon;
  }
}

// --- the registry's cursor: the (name, id) of the last UMKM on the page ---

function encodeKey(organisation: RegistryOrganisation): string {
  return Buffer.from(JSON.stringify({ n: organisation.name, i: String(organisation._id) })).toString(
    'base64url',
  );
}

function decodeKey(cursor: string): { name: string; id: string } {
  try {
    const { n, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      n?: unknown;
      i?: unknown;
    };
    if (typeof n === 'string' && typeof i === 'string' && /^[a-f0-9]{24}$/.test(i)) return { name: n, id: i };
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION_FAILED', 'Kursor halaman tidak valid.', {
    issues: [{ path: ['cursor'], message: 'Kursor tidak valid' }],
  });
}

/**
 * One page of the registry in name order. Legality is computed, not stored (it changes with the calendar),
 * so with a legality filter the UMKM are read in batches and the matching ones kept until the page is full.
 */
export async function listRegistry(query: z.output<typeof ZUmkmRegistryQuery>, now = new Date()) {
  const filter = { status: query.status, districtCode: query.districtCode, q: query.q };
  const batchSize = query.legality ? SCAN_BATCH : query.limit + 1;
  let after = query.cursor ? decodeKey(query.cursor) : null;
  const matches: UmkmStanding[] = [];
  for (;;) {
    const organisations = await listUmkmByName(filter, after, batchSize);
    const standings = await standingsOf(organisations, now);
    matches.push(...standings.filter((standing) => matchesLegality(standing, query.legality)));
    const last = organisations.at(-1);
    if (matches.length > query.limit || organisations.length < batchSize || !last) break;
    after = { name: last.name, id: String(last._id) };
  }
  const items = matches.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: matches.length > query.limit && last ? encodeKey(last.organisation) : null };
}

/** Coverage is over verified UMKM (those allowed to trade); the other figures count every UMKM. */
export async function registrySummary(
  query: z.output<typeof ZUmkmRegistrySummaryQuery>,
  now = new Date(),
): Promise<TUmkmRegistrySummary> {
  const summary = { umkm: 0, verified: 0, verifiedComplete: 0, expiringSoon: 0 };
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const organisations = await listUmkmByName({ districtCode: query.districtCode }, after, SCAN_BATCH);
    for (const standing of await standingsOf(organisations, now)) {
      summary.umkm++;
      if (standing.expiringSoon) summary.expiringSoon++;
      if (standing.organisation.status !== 'verified') continue;
      summary.verified++;
      if (standing.complete) summary.verifiedComplete++;
    }
    const last = organisations.at(-1);
    if (organisations.length < SCAN_BATCH || !last) break;
    after = { name: last.name, id: String(last._id) };
  }
  return {
    asOf: todayInWib(now),
    ...summary,
    coverage: summary.verified === 0 ? null : summary.verifiedComplete / summary.verified,
  };
}

/** One UMKM's registry entry with its documents and products; a buyer's or unknown id is a 404. */
export async function registryDetail(organisationId: string, now = new Date()) {
  const organisation = await getOrganisation(organisationId);
  if (organisation.kind !== 'umkm') throw new AppError('NOT_FOUND', 'UMKM tidak ditemukan.');
  const [[standing], documents] = await Promise.all([
    standingsOf([organisation], now),
    presentedDocumentsOf(organisationId),
  ]);
  return { standing: standing!, documents };
}
