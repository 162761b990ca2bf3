import {
  displaySaleIncrement,
  orderIncrements,
  stageFacts,
  type DisplaySale,
  type OrderForRollup,
  type RollupIncrement,
} from './rollup-facts';
import { displaySalesForRollup, type RollupContextLoader, sellerOrdersForRollup } from './reports.sources';

/** The increments of the sources, shared by the worker, the rollup rebuild and the cube rebuild. */

export async function incrementsOfOrder(
  order: OrderForRollup,
  facts: ReturnType<typeof stageFacts>,
  context: RollupContextLoader,
): Promise<RollupIncrement[]> {
  if (facts.length === 0) return [];
  const [seller, products] = await Promise.all([
    context.seller(String(order.organisationId)),
    context.productsOf([...new Set(order.lines.map((line) => String(line.productId)))]),
  ]);
  return facts.flatMap((fact) => orderIncrements(order, fact, seller, products));
}

export async function displaySaleIncrementOf(sale: DisplaySale, context: RollupContextLoader) {
  const [seller, products] = await Promise.all([
    context.seller(sale.sellerOrganisationId),
    context.productsOf([sale.productId]),
  ]);
  return displaySaleIncrement(sale, seller, products.get(sale.productId));
}

/** Where a rebuild reads sales from: every increment of the source's documents (changed since `since`). */
export interface RollupSource {
  name: string;
  increments(context: RollupContextLoader, since: Date | null): AsyncIterable<RollupIncrement>;
}

export const sellerOrderSource: RollupSource = {
  name: 'seller orders',
  async *increments(context, since) {
    for await (const order of sellerOrdersForRollup(since)) {
      yield* await incrementsOfOrder(order, stageFacts(order.history), context);
    }
  },
};

export const displaySaleSource: RollupSource = {
  name: 'display sales',
  async *increments(context, since) {
    for await (const sale of displaySalesForRollup(since)) yield await displaySaleIncrementOf(sale, context);
  },
};

export const DEFAULT_ROLLUP_SOURCES: readonly RollupSource[] = [sellerOrderSource, displaySaleSource];
