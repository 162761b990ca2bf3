import type { z } from 'zod';
import type { TCatalogProduct } from '../../../shared/contracts/catalog';
import type { TProductVersion, TSellerProduct, ZCurationProduct } from '../../../shared/contracts/products';
import { presentPhoto } from '../photos';
import type { ProductDoc } from './product.model';

type StoredContent = NonNullable<ProductDoc['live']>;

function presentContent(content: StoredContent): TProductVersion {
  const supply = content.supply!;
  return {
    name: content.name,
    description: content.description,
    category: content.category,
    unit: content.unit,
    weightGrams: content.weightGrams,
    price: content.price,
    priceTiers: content.priceTiers.map((tier) => ({
      minQuantity: tier.minQuantity!,
      unitPrice: tier.unitPrice!,
    })),
    minimumOrder: content.minimumOrder,
    orderIncrement: content.orderIncrement,
    supply:
      supply.mode === 'stock'
        ? { mode: 'stock', stockOnHand: supply.stockOnHand ?? 0 }
        : { mode: 'capacity', weeklyCapacity: supply.weeklyCapacity ?? 0 },
    leadTimeDays: content.leadTimeDays,
    shelfLifeDays: content.shelfLifeDays ?? null,
    photos: content.photos.map(presentPhoto),
  };
}

export function presentSellerProduct(product: ProductDoc): TSellerProduct {
  return {
    id: String(product._id),
    status: product.status,
    revision: product.revision,
    content: presentContent(product.content),
    live: product.live ? presentContent(product.live) : null,
    missingLegality: product.missingLegality.map((missing) => ({
      anyOf: [...missing.anyOf],
      reason: missing.reason ?? '',
    })),
    history: product.history.map((entry) => ({
      from: entry.from ?? null,
      to: entry.to,
      revision: entry.revision,
      byName: entry.byName,
      byOrganisationKind: entry.byOrganisationKind,
      at: entry.at.toISOString(),
      reason: entry.reason ?? null,
      changes: entry.changes.map((change) => ({ item: change.item!, note: change.note ?? '' })),
      missingLegality: [...entry.missingLegality],
      listingChange: entry.listingChange ?? null,
    })),
    listing: product.listing
      ? { listed: product.listing.listed, offSaleReasons: [...product.listing.offSaleReasons] }
      : null,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function presentCurationProduct(product: ProductDoc): z.input<typeof ZCurationProduct> {
  return {
    ...presentSellerProduct(product),
    organisationId: String(product.organisationId),
    seller: product.seller
      ? {
          name: product.seller.name ?? '',
          districtCode: product.seller.districtCode ?? null,
          districtName: product.seller.districtName ?? null,
        }
      : null,
    submittedAt: product.submittedAt ? product.submittedAt.toISOString() : null,
  };
}

/** The buyer's view: the live version only; stock figures stay with the seller. */
export function presentCatalogProduct(product: ProductDoc): TCatalogProduct {
  const live = presentContent(product.live!);
  return {
    id: String(product._id),
    name: live.name,
    description: live.description,
    category: live.category,
    unit: live.unit,
    weightGrams: live.weightGrams,
    price: live.price,
    priceTiers: live.priceTiers,
    minimumOrder: live.minimumOrder,
    orderIncrement: live.orderIncrement,
    leadTimeDays: live.leadTimeDays,
    shelfLifeDays: live.shelfLifeDays,
    madeToOrder: live.supply.mode === 'capacity',
    badges: [...(product.listing?.badges ?? [])],
    photos: live.photos,
    seller: {
      id: String(product.organisationId),
      name: product.seller?.name ?? '',
      districtName: product.seller?.districtName ?? null,
    },
    approvedAt: product.listing!.approvedAt.toISOString(),
  };
}
