import { trusted } from 'mongoose';
import {
  OrderPlacementModel,
  SellerOrderModel,
  StockLevelModel,
  type SellerOrderDoc,
  type StockLevelDoc,
} from '../../server/modules/orders/order.models';

export interface StockAudit {
  products: number;
  /** Units the products were listed with, ordered in seller orders, and held by the counters now. */
  stockOnHand: number;
  ordered: number;
  reserved: number;
  available: number;
  /** Units promised to buyers beyond what was on hand, or counters below zero: must be 0. */
  oversoldUnits: number;
  /** Products whose counters disagree with each other or with the orders holding them: must be none. */
  mismatches: Array<{ productId: string; stockOnHand: number; ordered: number; counter: object | null }>;
  /** Checkouts neither finished nor given back: must be 0 once every request has been answered. */
  checkoutsLeftProcessing: number;
}

/**
 * After a run, reads back what the checkouts left: per stock product, the counter must say
 * `available + reserved = onHand` with neither below zero, and `reserved` must equal the units in the
 * seller orders holding it (nothing here moves an order on, so every order still holds its units).
 */
export async function auditStock(
  products: ReadonlyArray<{ id: string; stockOnHand: number }>,
): Promise<StockAudit> {
  const ids = products.map((product) => product.id);
  const [levels, orders, checkoutsLeftProcessing] = await Promise.all([
    StockLevelModel.find({ productId: trusted({ $in: ids }) })
      .setOptions({ crossTenant: true })
      .lean<StockLevelDoc[]>(),
    SellerOrderModel.find({ 'lines.productId': trusted({ $in: ids }) })
      .select({ lines: 1 })
      .setOptions({ crossTenant: true })
      .lean<Array<Pick<SellerOrderDoc, 'lines'>>>(),
    OrderPlacementModel.countDocuments({ state: 'processing' }).setOptions({ crossTenant: true }),
  ]);
  const ordered = new Map<string, number>();
  for (const line of orders.flatMap((order) => order.lines)) {
    const id = String(line.productId);
    ordered.set(id, (ordered.get(id) ?? 0) + line.quantity);
  }
  const audit: StockAudit = {
    products: products.length,
    stockOnHand: 0,
    ordered: 0,
    reserved: 0,
    available: 0,
    oversoldUnits: 0,
    mismatches: [],
    checkoutsLeftProcessing,
  };
  for (const product of products) {
    const level = levels.find((candidate) => String(candidate.productId) === product.id) ?? null;
    // A product nobody reserved yet has no counter: everything is still available.
    const counter = level ?? { onHand: product.stockOnHand, reserved: 0, available: product.stockOnHand };
    const units = ordered.get(product.id) ?? 0;
    audit.stockOnHand += product.stockOnHand;
    audit.ordered += units;
    audit.reserved += counter.reserved;
    audit.available += counter.available;
    audit.oversoldUnits +=
      Math.max(0, units - product.stockOnHand) + Math.max(0, -counter.available, -counter.reserved);
    const consistent =
      counter.onHand === product.stockOnHand &&
      counter.available + counter.reserved === counter.onHand &&
      counter.reserved === units;
    if (!consistent) {
      audit.mismatches.push({
        productId: product.id,
        stockOnHand: product.stockOnHand,
        ordered: units,
        counter: level && { onHand: level.onHand, reserved: level.reserved, available: level.available },
      });
    }
  }
  return audit;
}

/** One line for the report: "0 oversold; 1,234 of 5,000 units ordered, 1,234 reserved, … counters agree…". */
export function describeAudit(audit: StockAudit): string {
  const problems = [
    audit.mismatches.length > 0 ? `${audit.mismatches.length} products with mismatched counters` : null,
    audit.checkoutsLeftProcessing > 0 ? `${audit.checkoutsLeftProcessing} checkouts left processing` : null,
  ].filter(Boolean);
  const units = (value: number) => value.toLocaleString('en');
  return (
    `${units(audit.oversoldUnits)} oversold; ${units(audit.ordered)} of ${units(audit.stockOnHand)} units ordered, ` +
    `${units(audit.reserved)} reserved, ${units(audit.available)} available` +
    (problems.length > 0 ? `; ${problems.join(', ')}` : '; counters agree with the orders')
  );
}
