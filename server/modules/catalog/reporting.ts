import { trusted, type Types } from 'mongoose';
import { ProductModel, type ProductDoc } from './product.model';

/** Read-only views of products across sellers, for the Dinkop reports (server/modules/reports). */

const inScope = (sellers: Types.ObjectId[] | null) => (sellers ? { organisationId: { $in: sellers } } : {});

/** Name and category of each product (live version, else the working copy); unknown ids are absent. */
export async function productDimensions(
  productIds: readonly string[],
): Promise<Map<string, { name: string | null; category: string | null }>> {
  const products = await ProductModel.find(
    { _id: trusted({ $in: productIds }) },
    { 'live.name': 1, 'live.category': 1, 'content.name': 1, 'content.category': 1 },
  )
    .setOptions({ crossTenant: true })
    .lean<Array<Pick<ProductDoc, '_id' | 'live' | 'content'>>>();
  return new Map(
    products.map((product) => [
      String(product._id),
      {
        name: product.live?.name ?? product.content?.name ?? null,
        category: product.live?.category ?? product.content?.category ?? null,
      },
    ]),
  );
}

/** Products (of `sellers`, or all) first approved in [start, end); later revisions do not count again. */
export async function productsFirstApprovedBetween(
  sellers: Types.ObjectId[] | null,
  start: Date,
  end: Date,
): Promise<number> {
  const [row] = await ProductModel.aggregate<{ count: number }>([
    { $match: { ...inScope(sellers), 'history.to': 'approved' } },
    { $unwind: '$history' },
    { $match: { 'history.to': 'approved' } },
    { $group: { _id: '$_id', firstApprovedAt: { $min: '$history.at' } } },
    { $match: { firstApprovedAt: { $gte: start, $lt: end } } },
    { $count: 'count' },
  ]).option({ crossTenant: true });
  return row?.count ?? 0;
}

/** Of these sellers, those with an approved product that lacks a required legality document. */
export async function sellersWithIncompleteProducts(sellers: Types.ObjectId[]): Promise<Set<string>> {
  const rows = await ProductModel.aggregate<{ _id: Types.ObjectId }>([
    {
      $match: {
        organisationId: { $in: sellers },
        status: 'approved',
        'missingLegality.0': { $exists: true },
      },
    },
    { $group: { _id: '$organisationId' } },
  ]);
  return new Set(rows.map((row) => String(row._id)));
}
