import type { z } from 'zod';
import type { ZListCurationQueueQuery, ZRequestChangesRequest } from '../../../shared/contracts/products';
import { searchPrefixes } from '../../../shared/catalog/search';
import { missingLegality } from '../../../shared/legality/requirements';
import { canMove, PRODUCT_MOVES, type TProductMove } from '../../../shared/states/product';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import type { StoragePort } from '../../platform/storage';
import { assertCanTrade, getOrganisation } from '../accounts';
import { legalityStatesOf } from '../legality';
import { deletePhotoFiles, photosLetGo } from '../photos';
import { getProduct } from './catalog.service';
import { announceCurationMove } from './curation.notices';
import { listingBadges } from './listings.service';
import { ProductModel, type ProductDoc } from './product.model';

const notFound = () => new AppError('NOT_FOUND', 'Produk tidak ditemukan.');

function invalidMove(move: TProductMove, status: string): AppError {
  return new AppError('INVALID_STATE', 'Langkah kurasi ini tidak berlaku untuk status produk saat ini.', {
    currentStatus: status,
    allowedFrom: PRODUCT_MOVES[move].from,
  });
}

function historyEntry(
  actor: Actor,
  product: ProductDoc,
  to: string,
  at: Date,
  extra: Record<string, unknown> = {},
) {
  return {
    from: product.status,
    to,
    revision: product.revision,
    byUserId: actor.userId,
    byName: actor.name,
    byOrganisationKind: actor.organisationKind,
    at,
    ...extra,
  };
}

/**
 * One guarded update per move: the filter pins the status and revision that were read, so of two
 * curators acting at once one wins and the other gets the current state; the history entry is part of
 * the same write, so a move is never recorded without happening, nor the reverse.
 */
async function applyMove(
  actor: Actor,
  product: ProductDoc,
  move: TProductMove,
  to: string,
  set: Record<string, unknown>,
  at: Date,
  history: Record<string, unknown> = {},
): Promise<ProductDoc> {
  const updated = await ProductModel.findOneAndUpdate(
    {
      _id: product._id,
      organisationId: product.organisationId,
      status: product.status,
      revision: product.revision,
    },
    { $set: { status: to, ...set }, $push: { history: historyEntry(actor, product, to, at, history) } },
    { returnDocument: 'after' },
  ).lean<ProductDoc>();
  if (!updated) {
    const now = await ProductModel.findOne({
      _id: product._id,
      organisationId: product.organisationId,
    }).lean<ProductDoc>();
    throw invalidMove(move, now?.status ?? 'deleted');
  }
  // Written after the move, not with it: should this write fail, the caller sees an error although the
  // move stands (a reload shows it). Moving notices into the product's outbox would close that gap.
  await announceCurationMove(updated);
  return updated;
}

/** Missing legality routes the product to needs_legality with the list, instead of the curators' queue. */
export async function submitProduct(actor: Actor, productId: string, now = new Date()): Promise<ProductDoc> {
  assertCanTrade(actor);
  const product = await getProduct(actor, productId);
  if (!canMove('submit', product.status)) throw invalidMove('submit', product.status);
  const missing = missingLegality({
    category: product.content.category,
    documents: await legalityStatesOf(actor.organisationId, productId),
    on: now,
  });
  const organisation = await getOrganisation(actor.organisationId);
  const district = organisation.address?.district;
  const to = missing.length > 0 ? 'needs_legality' : 'submitted';
  return applyMove(
    actor,
    product,
    'submit',
    to,
    {
      missingLegality: missing,
      seller: {
        name: organisation.name,
        districtCode: district?.code ?? null,
        districtName: district?.name ?? null,
      },
      ...(to === 'submitted' ? { submittedAt: now } : {}),
    },
    now,
    { missingLegality: missing.map((m) => m.reason) },
  );
}

async function productForCuration(productId: string): Promise<ProductDoc> {
  const product = await ProductModel.findOne({ _id: productId })
    .setOptions({ crossTenant: true })
    .lean<ProductDoc>();
  if (!product) throw notFound();
  return product;
}

export async function getForCuration(productId: string): Promise<ProductDoc> {
  return productForCuration(productId);
}

async function curatorMove(actor: Actor, productId: string, move: Exclude<TProductMove, 'submit'>) {
  const product = await productForCuration(productId);
  if (!canMove(move, product.status)) throw invalidMove(move, product.status);
  return product;
}

export async function startReview(actor: Actor, productId: string, now = new Date()) {
  const product = await curatorMove(actor, productId, 'startReview');
  return applyMove(actor, product, 'startReview', 'in_review', {}, now);
}

/** Legality is checked again: a certificate may have expired while the product waited. */
export async function approveProduct(
  actor: Actor,
  productId: string,
  note: string | undefined,
  storage: StoragePort,
  now = new Date(),
) {
  const product = await curatorMove(actor, productId, 'approve');
  const documents = await legalityStatesOf(String(product.organisationId), productId);
  const missing = missingLegality({ category: product.content.category, documents, on: now });
  if (missing.length > 0) {
    throw new AppError('INVALID_STATE', 'Legalitas produk tidak lengkap lagi; minta penjual melengkapinya.', {
      currentStatus: product.status,
      missingLegality: missing,
    });
  }
  const listing = {
    listed: true,
    offSaleReasons: [],
    approvedAt: now,
    badges: listingBadges(documents, now),
    prefixes: searchPrefixes(`${product.content.name} ${product.content.description}`),
    namePrefixes: searchPrefixes(product.content.name),
  };
  const approved = await applyMove(
    actor,
    product,
    'approve',
    'approved',
    { live: product.content, missingLegality: [], listing },
    now,
    {
      reason: note ?? null,
    },
  );
  // Photos the seller removed while the old version was live were kept for it; now nothing shows them.
  await deletePhotoFiles(storage, photosLetGo(product.live?.photos ?? [], approved.content.photos));
  return approved;
}

export async function requestChanges(
  actor: Actor,
  productId: string,
  request: z.output<typeof ZRequestChangesRequest>,
  now = new Date(),
) {
  const product = await curatorMove(actor, productId, 'requestChanges');
  return applyMove(actor, product, 'requestChanges', 'changes_requested', {}, now, {
    changes: request.changes,
  });
}

export async function rejectProduct(actor: Actor, productId: string, reason: string, now = new Date()) {
  const product = await curatorMove(actor, productId, 'reject');
  return applyMove(actor, product, 'reject', 'rejected', {}, now, { reason });
}

/** The queue across all UMKM, longest waiting first, by kecamatan and category when asked. */
export async function listQueue(query: z.output<typeof ZListCurationQueueQuery>) {
  const filter: Record<string, unknown> = { status: query.status };
  if (query.category) filter['content.category'] = query.category;
  if (query.districtCode) filter['seller.districtCode'] = query.districtCode;
  if (query.cursor) Object.assign(filter, afterCursor('submittedAt', query.cursor, 1));
  const rows = await ProductModel.find(filter)
    .setOptions({ crossTenant: true })
    .sort({ submittedAt: 1, _id: 1 })
    .limit(query.limit + 1)
    .lean<ProductDoc[]>();
  return toPage(rows, query.limit, (product) => product.submittedAt ?? product.createdAt);
}
