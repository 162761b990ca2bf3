import mongoose, { trusted, type Types } from 'mongoose';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { OrganisationModel } from '../accounts/organisation.model';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { ProductModel, type ProductDoc } from '../catalog/product.model';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { SellerOrderModel } from '../orders/order.models';
// eslint-disable-next-line no-restricted-imports -- cross-tenant reads no module index offers yet (ADR 014)
import { UmkmProfileModel } from '../umkm/umkm-profile.model';
import type { DisplaySale, OrderForRollup, ProductContext, SellerContext } from './rollup-facts';

/**
 * What the reports read of other modules' documents, in one place. These are read-only lookups no
 * module index offers yet (a seller's kecamatan with its programme tags, a product's category, seller
 * orders across tenants); they would move behind those modules' indexes when they do.
 */

const UNKNOWN_DISTRICT = { code: '', name: 'Tidak diketahui' };

/** Seller and product facts of the rollups' dimensions, each read once per loader (a rebuild shares one). */
export class RollupContextLoader {
  private readonly sellers = new Map<string, Promise<SellerContext>>();
  private readonly products = new Map<string, Promise<ProductContext>>();

  seller(organisationId: string): Promise<SellerContext> {
    let found = this.sellers.get(organisationId);
    if (!found) {
      found = readSeller(organisationId);
      this.sellers.set(organisationId, found);
    }
    return found;
  }

  async productsOf(productIds: readonly string[]): Promise<Map<string, ProductContext>> {
    const missing = productIds.filter((id) => !this.products.has(id));
    if (missing.length > 0) {
      const read = readProducts(missing);
      for (const id of missing)
        this.products.set(
          id,
          read.then((found) => found.get(id) ?? NO_PRODUCT),
        );
    }
    return new Map(
      await Promise.all(productIds.map(async (id) => [id, await this.products.get(id)!] as const)),
    );
  }
}

const NO_PRODUCT: ProductContext = { name: null, category: null };

async function readSeller(organisationId: string): Promise<SellerContext> {
  const [organisation, profile] = await Promise.all([
    OrganisationModel.findById(organisationId, { name: 1, address: 1 }).lean(),
    UmkmProfileModel.findById(organisationId, { programmeTags: 1 }).lean(),
  ]);
  const district = organisation?.address?.district;
  return {
    sellerName: organisation?.name ?? '',
    district: district?.code ? { code: district.code, name: district.name } : UNKNOWN_DISTRICT,
    programmeTags: [...new Set(profile?.programmeTags ?? [])].sort(),
  };
}

async function readProducts(productIds: readonly string[]): Promise<Map<string, ProductContext>> {
  const products = await ProductModel.find(
    { _id: trusted({ $in: productIds }) },
    {
      'live.name': 1,
      'live.category': 1,
      'content.name': 1,
      'content.category': 1,
    },
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

const ORDER_FIELDS = {
  organisationId: 1,
  buyerOrganisationId: 1,
  'buyer.buyerType': 1,
  lines: 1,
  'totals.ppn': 1,
  history: 1,
} as const;

export async function sellerOrderForRollup(
  sellerOrderId: string,
  sellerOrganisationId: string,
): Promise<OrderForRollup | null> {
  return SellerOrderModel.findOne(
    { _id: sellerOrderId, organisationId: sellerOrganisationId },
    ORDER_FIELDS,
  ).lean<OrderForRollup>();
}

/** Every seller order (or those changed since `since`), streamed. */
export function sellerOrdersForRollup(since: Date | null): AsyncIterable<OrderForRollup> {
  return SellerOrderModel.find(since ? { updatedAt: trusted({ $gte: since }) } : {}, ORDER_FIELDS)
    .setOptions({ crossTenant: true })
    .lean<OrderForRollup[]>()
    .cursor() as AsyncIterable<OrderForRollup>;
}

/**
 * Display sales as the consignment module stores them (collection `DisplaySale`, keyed by sale id),
 * read by name so the reports need nothing else of that module; an absent collection yields nothing.
 */
export async function* displaySalesForRollup(since: Date | null): AsyncIterable<DisplaySale> {
  const collection = mongoose.connection.db!.collection<{
    _id: string;
    soldOn: string;
    channel: 'galeri' | 'pojok';
    sellerOrganisationId: Types.ObjectId;
    productId: Types.ObjectId;
    units: number;
    grossRupiah: number;
    ppnRupiah: number;
    createdAt: Date;
  }>('DisplaySale');
  for await (const sale of collection.find(since ? { createdAt: { $gte: since } } : {})) {
    yield {
      saleId: String(sale._id),
      soldOn: sale.soldOn,
      channel: sale.channel,
      sellerOrganisationId: String(sale.sellerOrganisationId),
      productId: String(sale.productId),
      units: sale.units,
      grossRupiah: sale.grossRupiah,
      ppnRupiah: sale.ppnRupiah,
    };
  }
}
