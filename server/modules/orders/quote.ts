import { unitPriceFor } from '../../../shared/catalog/pricing';
import type { TCartLine } from '../../../shared/contracts/orders';
import type { TProductContent } from '../../../shared/contracts/products';
import { ppnOf } from '../../../shared/tax/ppn';
import { todayInWib } from '../../../shared/time';
import { orderableProducts, type OrderableProduct } from '../catalog';
import { pkpSellers } from '../umkm';
import { availableStock } from './inventory.service';

export interface QuotedLine extends TCartLine {
  sellerId: string;
  supply: TProductContent['supply'] | null;
}

export interface QuotedGroup {
  seller: { id: string; name: string; districtName: string | null; isPkp: boolean };
  lines: QuotedLine[];
  totals: { subtotal: number; taxBase: number; ppn: number; total: number };
  saving: number;
}

export interface Quote {
  lines: QuotedLine[];
  groups: QuotedGroup[];
  totals: QuotedGroup['totals'];
  saving: number;
  earliestDeliveryDate: string;
}

function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function problemOf(
  product: OrderableProduct | undefined,
  quantity: number,
  available: number | null,
): TCartLine['problem'] {
  if (!product) {
    return { code: 'unavailable', message: 'Produk ini tidak lagi dijual di katalog' };
  }
  const { minimumOrder, orderIncrement, unit } = product.live;
  if (quantity < minimumOrder) {
    return { code: 'below_minimum', message: `Minimum pesanan ${minimumOrder} ${unit}` };
  }
  if (quantity % orderIncrement !== 0) {
    return { code: 'off_increment', message: `Jumlah harus kelipatan ${orderIncrement} ${unit}` };
  }
  if (available !== null && quantity > available) {
    return { code: 'insufficient', message: `Stok tersedia ${available} ${unit}` };
  }
  return null;
}

/**
 * Prices lines against the catalog as it is now: the tier price for each quantity, the saving against
 * the base price, each line's problem if it cannot be ordered as is, and per seller the subtotal with
 * PPN for PKP sellers. Cart and checkout read the same quote.
 */
export async function quote(
  requested: ReadonlyArray<{ productId: string; quantity: number; name?: string }>,
  now = new Date(),
): Promise<Quote> {
  const ids = requested.map((line) => line.productId);
  const [products, stock] = await Promise.all([orderableProducts(ids), availableStock(ids)]);
  const pkp = await pkpSellers([...new Set([...products.values()].map((product) => product.sellerId))]);

  const lines: QuotedLine[] = requested.map(({ productId, quantity, name }) => {
    const product = products.get(productId);
    const supply = product?.live.supply ?? null;
    const available = supply?.mode === 'stock' ? (stock.get(productId) ?? supply.stockOnHand) : null;
    const unitPrice = product ? unitPriceFor(product.live, quantity) : 0;
    const basePrice = product?.live.price ?? 0;
    return {
      productId,
      sellerId: product?.sellerId ?? '',
      name: product?.live.name ?? name ?? '',
      unit: product?.live.unit ?? 'pcs',
      quantity,
      unitPrice,
      basePrice,
      lineTotal: unitPrice * quantity,
      saving: (basePrice - unitPrice) * quantity,
      minimumOrder: product?.live.minimumOrder ?? 1,
      orderIncrement: product?.live.orderIncrement ?? 1,
      leadTimeDays: product?.live.leadTimeDays ?? 0,
      available,
      problem: problemOf(product, quantity, available),
      supply,
    };
  });

  const groups = new Map<string, QuotedGroup>();
  for (const line of lines) {
    const product = products.get(line.productId);
    if (!product) continue;
    let group = groups.get(product.sellerId);
    if (!group) {
      group = {
        seller: {
          id: product.sellerId,
          name: product.sellerName,
          districtName: product.sellerDistrictName,
          isPkp: pkp.has(product.sellerId),
        },
        lines: [],
        totals: { subtotal: 0, taxBase: 0, ppn: 0, total: 0 },
        saving: 0,
      };
      groups.set(product.sellerId, group);
    }
    group.lines.push(line);
  }
  const totals = { subtotal: 0, taxBase: 0, ppn: 0, total: 0 };
  let saving = 0;
  for (const group of groups.values()) {
    const subtotal = group.lines.reduce((sum, line) => sum + line.lineTotal, 0);
    const { taxBase, ppn } = ppnOf(subtotal, group.seller.isPkp);
    group.totals = { subtotal, taxBase, ppn, total: subtotal + ppn };
    group.saving = group.lines.reduce((sum, line) => sum + line.saving, 0);
    totals.subtotal += subtotal;
    totals.taxBase += taxBase;
    totals.ppn += ppn;
    totals.total += subtotal + ppn;
    saving += group.saving;
  }
  const longestLead = Math.max(0, ...lines.map((line) => line.leadTimeDays));
  return {
    lines,
    groups: [...groups.values()],
    totals,
    saving,
    earliestDeliveryDate: shiftDays(todayInWib(now), longestLead),
  };
}
