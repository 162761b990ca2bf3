import { trusted } from 'mongoose';
import type { TProductCategory } from '../../../shared/catalog/categories';
import type { TProductStatus } from '../../../shared/contracts/products';
import { ProductModel } from './product.model';

/** A product as Dinkop's UMKM registry counts and checks it: no content beyond its name and categories. */
export interface UmkmProductRow {
  id: string;
  organisationId: string;
  name: string;
  status: TProductStatus;
  /** The working copy's category. */
  category: TProductCategory;
  /** The approved version's category, while there is one. */
  liveCategory: TProductCategory | null;
  listed: boolean;
  updatedAt: Date;
}

type StoredRow = {
  _id: unknown;
  organisationId: unknown;
  status: TProductStatus;
  content: { name: string; category: TProductCategory };
  live: { category: TProductCategory } | null;
  listing: { listed: boolean } | null;
  updatedAt: Date;
};

/** Every product of these UMKM in one read, newest first. */
export async function productsOfUmkm(organisationIds: readonly string[]): Promise<UmkmProductRow[]> {
  const rows = await ProductModel.find({ organisationId: trusted({ $in: [...organisationIds] }) })
    .setOptions({ crossTenant: true })
    .select({
      organisationId: 1,
      status: 1,
      'content.name': 1,
      'content.category': 1,
      'live.category': 1,
      'listing.listed': 1,
      updatedAt: 1,
    })
    .sort({ createdAt: -1, _id: -1 })
    .lean<StoredRow[]>();
  return rows.map((row) => ({
    id: String(row._id),
    organisationId: String(row.organisationId),
    name: row.content.name,
    status: row.status,
    category: row.content.category,
    liveCategory: row.live?.category ?? null,
    listed: row.listing?.listed ?? false,
    updatedAt: row.updatedAt,
  }));
}
