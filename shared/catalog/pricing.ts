import type { Rupiah } from '../money';
import type { TProductContent } from '../contracts/products';

/** The unit price for an order quantity: the deepest tier the quantity reaches, else the base price. */
export function unitPriceFor(
  product: Pick<TProductContent, 'price' | 'priceTiers'>,
  quantity: number,
): Rupiah {
  let price = product.price;
  for (const tier of product.priceTiers) if (quantity >= tier.minQuantity) price = tier.unitPrice;
  return price;
}
