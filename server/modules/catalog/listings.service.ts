import { trusted } from 'mongoose';
import { todayInWib } from '../../../shared/time';
import { missingLegality, type TLegalityDocumentState } from '../../../shared/legality/requirements';
import { AppError } from '../../platform/http/errors';
import { legalityStatesResolver, type ProductLink } from '../legality';
import { notify, notifyDinkop } from '../notifications';
import { ProductModel, type ProductDoc } from './product.model';

/**
 * The legality badges a buyer sees: the document types valid today (WIB calendar days, as the
 * requirement rules count them — a document is valid through its expiry day).
 */
export function listingBadges(documents: readonly TLegalityDocumentState[], now: Date) {
  const today = todayInWib(now);
  const valid = documents.filter(
    (doc) => doc.expiresOn === null || doc.expiresOn.toISOString().slice(0, 10) >= today,
  );
  return [...new Set(valid.map((doc) => doc.type))].sort();
}

export interface ListingChanges {
  unlisted: string[];
  relisted: string[];
}

const SYSTEM = { byUserId: null, byName: 'Sistem Pasar UMKM', byOrganisationKind: 'system' } as const;

/**
 * Re-checks every approved product of a UMKM against its documents as of `now`: a product whose
 * legality lapsed goes off sale with the reasons, one whose legality is whole again comes back, and
 * badges follow the documents. Each change is one guarded write with its history entry, and the seller
 * and Dinkop are told; nothing goes off sale silently. Safe to repeat (the sweep and every vault change).
 */
export async function refreshListings(organisationId: string, now = new Date()): Promise<ListingChanges> {
  const [products, statesFor] = await Promise.all([
    ProductModel.find({ organisationId, listing: trusted({ $ne: null }) }).lean<ProductDoc[]>(),
    legalityStatesResolver(organisationId),
  ]);
  const changes: ListingChanges = { unlisted: [], relisted: [] };
  for (const product of products) {
    const listing = product.listing!;
    const documents = statesFor(String(product._id));
    const missing = missingLegality({ category: product.live!.category, documents, on: now });
    const listed = missing.length === 0;
    const badges = listingBadges(documents, now);
    const reasons = missing.map((m) => m.reason);
    const sameBadges = badges.join() === [...listing.badges].sort().join();
    const sameReasons = reasons.join('\n') === listing.offSaleReasons.join('\n');
    if (listed === listing.listed && sameBadges && sameReasons) continue;

    const listingChange = listed === listing.listed ? null : listed ? 'relisted' : 'unlisted';
    const update: Record<string, unknown> = {
      $set: { 'listing.listed': listed, 'listing.badges': badges, 'listing.offSaleReasons': reasons },
    };
    if (listingChange) {
      update.$push = {
        history: {
          from: product.status,
          to: product.status,
          revision: product.revision,
          ...SYSTEM,
          at: now,
          missingLegality: reasons,
          listingChange,
        },
      };
    }
    // Guarded on what was read: a concurrent approval or refresh wins, and the next refresh re-checks.
    const written = await ProductModel.updateOne(
      { _id: product._id, organisationId, 'listing.listed': listing.listed, revision: product.revision },
      update,
    );
    if (written.modifiedCount === 0 || !listingChange) continue;
    changes[listingChange].push(String(product._id));
    await announceListingChange(product, listingChange, reasons, now);
  }
  return changes;
}

/**
 * The daily sweep: every UMKM with an approved product is re-checked, so a document that lapsed
 * overnight and a rule that came into force (halal from 17 October 2026) take effect the same way.
 */
export async function refreshAllListings(now = new Date()): Promise<ListingChanges & { sellers: number }> {
  const sellers = await ProductModel.distinct('organisationId', {
    listing: trusted({ $ne: null }),
  }).setOptions({
    crossTenant: true,
  });
  const total: ListingChanges & { sellers: number } = { unlisted: [], relisted: [], sellers: sellers.length };
  for (const organisationId of sellers) {
    const changes = await refreshListings(String(organisationId), now);
    total.unlisted.push(...changes.unlisted);
    total.relisted.push(...changes.relisted);
  }
  return total;
}

async function announceListingChange(
  product: ProductDoc,
  change: 'unlisted' | 'relisted',
  reasons: string[],
  now: Date,
): Promise<void> {
  const name = product.live!.name;
  const day = todayInWib(now);
  const productId = String(product._id);
  // One notice per product, change and day: a repeated sweep or a retried job says it once.
  const dedupeKey = `listing:${productId}:${change}:${day}`;
  if (change === 'unlisted') {
    const body = `Produk ini tidak ditampilkan kepada pembeli sampai legalitasnya lengkap: ${reasons.join('; ')}.`;
    await notify(String(product.organisationId), {
      kind: 'product.unlisted',
      title: `"${name}" berhenti dijual`,
      body: `${body} Perbarui dokumen di brankas legalitas.`,
      link: `/usaha/produk/${productId}`,
      roles: ['owner', 'staff'],
      dedupeKey,
    });
    await notifyDinkop({
      kind: 'product.unlisted',
      title: `"${name}" (${product.seller?.name ?? 'UMKM'}) berhenti dijual`,
      body,
      link: `/dinkop/kurasi/${productId}`,
      roles: ['admin', 'curator'],
      dedupeKey,
    });
  } else {
    await notify(String(product.organisationId), {
      kind: 'product.relisted',
      title: `"${name}" dijual kembali`,
      body: 'Legalitas produk ini sudah lengkap lagi, jadi pembeli dapat memesannya kembali.',
      link: `/usaha/produk/${productId}`,
      roles: ['owner', 'staff'],
      dedupeKey,
    });
    await notifyDinkop({
      kind: 'product.relisted',
      title: `"${name}" (${product.seller?.name ?? 'UMKM'}) dijual kembali`,
      body: 'Penjual memperbarui dokumen legalitasnya. Periksa dokumen baru bila perlu.',
      link: `/dinkop/kurasi/${productId}`,
      roles: ['admin', 'curator'],
      dedupeKey,
    });
  }
}

/** A document may only name the organisation's own products; anything else looks like it does not exist. */
export async function assertOwnProducts(organisationId: string, productIds: readonly string[]) {
  if (productIds.length === 0) return;
  const found = await ProductModel.countDocuments({
    organisationId,
    _id: trusted({ $in: [...productIds] }),
  });
  if (found !== new Set(productIds).size) {
    throw new AppError('NOT_FOUND', 'Produk yang dipilih tidak ditemukan di katalog Anda.', {
      issues: [{ path: ['productIds'], message: 'Ada produk yang tidak ditemukan' }],
    });
  }
}

/** The port the legality module calls back through (wired in server/app.ts). */
export const catalogProductLink: ProductLink = {
  assertOwnProducts,
  legalityChanged: async (organisationId) => {
    await refreshListings(organisationId);
  },
};
