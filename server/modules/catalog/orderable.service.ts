import { trusted } from 'mongoose';
import type { TProductContent } from '../../../shared/contracts/products';
import { ProductModel, type ProductDoc } from './product.model';

/** What ordering needs of a product on sale: its live version and its seller, as buyers see them. */
export interface OrderableProduct {
  id: string;
  sellerId: string;
  sellerName: string;
  sellerDistrictName: string | null;
  live: Pick<
    TProductContent,
    'name' | 'unit' | 'price' | 'priceTiers' | 'minimumOrder' | 'orderIncrement' | 'supply' | 'leadTimeDays'
  >;
}

/** The listed products among `ids`, any seller; ids that are not on sale are simply absent. */
export async function orderableProducts(ids: readonly string[]): Promise<Map<string, OrderableProduct>> {
  if (ids.length === 0) return new Map();
  const rows = await ProductModel.find({ _id: trusted({ $in: [...ids] }), 'listing.listed': true })
    .setOptions({ crossTenant: true })
    .lean<ProductDoc[]>();
  return new Map(
    rows.map((row) => {
      const live = row.live!;
      const supply = live.supply!;
      const product: OrderableProduct = {
        id: String(row._id),
        sellerId: String(row.organisationId),
        sellerName: row.seller?.name ?? '',
        sellerDistrictName: row.seller?.districtName ?? null,
        live: {
          name: live.name,
          unit: live.unit,
          price: live.price,
          priceTiers: live.priceTiers.map((tier) => ({
            minQuantity: tier.minQuantity!,
            unitPrice: tier.unitPrice!,
          })),
          minimumOrder: live.minimumOrder,
          orderIncrement: live.orderIncrement,
          supply:
            supply.mode === 'stock'
              ? { mode: 'stock', stockOnHand: supply.stockOnHand ?? 0 }
              : { mode: 'capacity', weeklyCapacity: supply.weeklyCapacity ?? 0 },
          leadTimeDays: live.leadTimeDays,
        },
      };
      return [product.id, product];
    }),
  );
}
