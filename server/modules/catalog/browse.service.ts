import { trusted, Types } from 'mongoose';
import { queryTerms } from '../../../shared/catalog/search';
import type { TCatalogQuery } from '../../../shared/contracts/catalog';
import { AppError } from '../../platform/http/errors';
import { ProductModel, type ProductDoc } from './product.model';

/**
 * Catalog pages are offset-based in a total order (ties broken by _id): relevance cannot be keyset-
 * paginated, and buyers page a few times at most. The cursor is opaque so this can change later.
 */
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && o <= 10_000) return o;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'Kursor halaman tidak valid.', {
    issues: [{ path: ['cursor'], message: 'Kursor tidak valid' }],
  });
}

const encodeOffset = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

const SORTS = {
  relevance: { relevance: -1, 'listing.approvedAt': -1, _id: 1 },
  newest: { 'listing.approvedAt': -1, _id: 1 },
  price_asc: { 'live.price': 1, _id: 1 },
  price_desc: { 'live.price': -1, _id: 1 },
} as const;

/** Listed products only: approved, from verified UMKM, legality valid (unlisted when it lapses). */
export async function searchCatalog(
  query: TCatalogQuery,
): Promise<{ items: ProductDoc[]; nextCursor: string | null }> {
  const terms = query.q ? queryTerms(query.q) : [];
  const match: Record<string, unknown> = { 'listing.listed': true };
  if (terms.length > 0) match['listing.prefixes'] = trusted({ $all: terms });
  if (query.category) match['live.category'] = query.category;
  if (query.seller) match.organisationId = new Types.ObjectId(query.seller);
  if (query.districtCode) match['seller.districtCode'] = query.districtCode;
  const badges = [...(query.halal ? ['halal'] : []), ...(query.certification ? [query.certification] : [])];
  if (badges.length > 0) match['listing.badges'] = trusted({ $all: badges });
  if (query.priceMin !== undefined || query.priceMax !== undefined) {
    match['live.price'] = trusted({
      ...(query.priceMin !== undefined ? { $gte: query.priceMin } : {}),
      ...(query.priceMax !== undefined ? { $lte: query.priceMax } : {}),
    });
  }
  if (query.moqMax !== undefined) match['live.minimumOrder'] = trusted({ $lte: query.moqMax });
  if (query.leadTimeMax !== undefined) match['live.leadTimeDays'] = trusted({ $lte: query.leadTimeMax });

  const sort = query.sort ?? (terms.length > 0 ? 'relevance' : 'newest');
  const offset = decodeOffset(query.cursor);
  const rows = await ProductModel.aggregate<ProductDoc>([
    { $match: match },
    // Words found in the name weigh more than words found only in the description.
    ...(sort === 'relevance'
      ? [{ $addFields: { relevance: { $size: { $setIntersection: ['$listing.namePrefixes', terms] } } } }]
      : []),
    { $sort: SORTS[sort] },
    { $skip: offset },
    { $limit: query.limit + 1 },
    { $project: { history: 0, 'listing.prefixes': 0, 'listing.namePrefixes': 0, content: 0 } },
  ]).option({ crossTenant: true });
  const hasMore = rows.length > query.limit;
  return {
    items: rows.slice(0, query.limit),
    nextCursor: hasMore ? encodeOffset(offset + query.limit) : null,
  };
}

export async function getListedProduct(productId: string): Promise<ProductDoc> {
  const product = await ProductModel.findOne({ _id: productId, 'listing.listed': true })
    .setOptions({ crossTenant: true })
    .lean<ProductDoc>();
  if (!product) throw new AppError('NOT_FOUND', 'Produk tidak ditemukan atau sedang tidak dijual.');
  return product;
}

/** Whether a UMKM has anything on sale: its page in the catalog, with its photos, is open to buyers. */
export async function sellsInCatalog(organisationId: string): Promise<boolean> {
  return (await ProductModel.exists({ organisationId, 'listing.listed': true })) !== null;
}
