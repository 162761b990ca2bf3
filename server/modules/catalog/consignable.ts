import type { Types } from 'mongoose';
import { ProductModel, type ProductDoc } from './product.model';

export interface ConsignableProduct {
  id: Types.ObjectId;
  sellerOrganisationId: Types.ObjectId;
  sellerName: string;
  name: string;
  shelfLifeDays: number | null;
}

/**
 * A product with an approved (live) version: only curated products go on a Dinkop shelf. With
 * `sellerOrganisationId` the read is scoped to that seller (a UMKM caller); otherwise any seller's.
 */
export async function consignableProduct(
  productId: string,
  sellerOrganisationId: string | null,
): Promise<ConsignableProduct | null> {
  const query = sellerOrganisationId
    ? ProductModel.findOne({ _id: productId, organisationId: sellerOrganisationId })
    : ProductModel.findOne({ _id: productId }).setOptions({ crossTenant: true });
  const product = await query.lean<ProductDoc>();
  if (!product?.live) return null;
  return {
    id: product._id,
    sellerOrganisationId: product.organisationId,
    sellerName: product.seller?.name ?? '',
    name: product.live.name,
    shelfLifeDays: product.live.shelfLifeDays ?? null,
  };
}
