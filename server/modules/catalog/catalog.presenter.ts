import type { TProductContent, TSellerProduct } from '../../../shared/contracts/products';
import type { ProductDoc } from './product.model';

type StoredContent = NonNullable<ProductDoc['live']>;

function presentContent(content: StoredContent): TProductContent {
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
  };
}

export function presentSellerProduct(product: ProductDoc): TSellerProduct {
  return {
    id: String(product._id),
    status: product.status,
    revision: product.revision,
    content: presentContent(product.content),
    live: product.live ? presentContent(product.live) : null,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
