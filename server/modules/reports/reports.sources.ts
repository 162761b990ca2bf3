import mongoose, { type Types } from 'mongoose';
import { sellerLabels } from '../accounts';
import { productDimensions } from '../catalog';
import { allSellerOrderFacts, sellerOrderFacts } from '../orders';
import { programmeTagsOf } from '../umkm';
import type { DisplaySale, OrderForRollup, ProductContext, SellerContext } from './rollup-facts';

/**
 * What the reports read of other modules, in one place, through their indexes (a seller's kecamatan and
 * programmes, a product's category, seller orders across tenants) — except display sales, read from their
 * collection by name: consignment feeds the rollups, so importing it here would make the two depend on
 * each other.
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
  const [labels, programmeTags] = await Promise.all([
    sellerLabels(organisationId),
    programmeTagsOf(organisationId),
  ]);
  return {
    sellerName: labels?.name ?? '',
    district: labels?.district ?? UNKNOWN_DISTRICT,
    programmeTags,
  };
}

async function readProducts(productIds: readonly string[]): Promise<Map<string, ProductContext>> {
  return productDimensions(productIds);
}

export async function sellerOrderForRollup(
  sellerOrderId: string,
  sellerOrganisationId: string,
): Promise<OrderForRollup | null> {
  return sellerOrderFacts(sellerOrderId, sellerOrganisationId);
}

/** Every seller order (or those changed since `since`), streamed. */
export function sellerOrdersForRollup(since: Date | null): AsyncIterable<OrderForRollup> {
  return allSellerOrderFacts(since);
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
