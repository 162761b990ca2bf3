import type { TSalesChannel, TSalesStage } from '../../../shared/contracts/reports';
import type { TOrderMove, TSellerOrderStatus } from '../../../shared/states/order';
import { allocate } from '../../../shared/tax/ppn';
import type { CubeMeasures } from './sales-cube.model';
import { todayInWib } from '../../../shared/time';

/**
 * What one sale adds to the rollups, decided from the source documents alone: the worker and the
 * rebuild both go through these functions, which is what makes rebuild == incremental hold.
 */

export interface HistoryEntry {
  move?: string | null;
  from?: string | null;
  to: string;
  at: Date;
}

/** The parts of a seller order the rollups read. */
export interface OrderForRollup {
  _id: unknown;
  organisationId: unknown;
  buyer?: { buyerType?: string | null } | null;
  lines: ReadonlyArray<{ productId: unknown; name: string; quantity: number; lineTotal: number }>;
  totals: { ppn: number };
  /** `YYYY-MM-DD` (WIB): a delivery on or before it is on time. */
  requestedDeliveryDate?: string | null;
  history: readonly HistoryEntry[];
}

export interface SellerContext {
  sellerName: string;
  district: { code: string; name: string };
  programmeTags: string[];
}
export interface ProductContext {
  name: string | null;
  category: string | null;
}

/**
 * What one order stage adds for one product (or one display sale), with its dimensions. Timing measures
 * are counted once per order like `orders`: at `delivered` from placing to delivery and whether on time;
 * at `accepted`, and at `cancelled` when it was a rejection, the seller's time to answer.
 */
export interface RollupIncrement extends CubeMeasures {
  /** The order's stage (`<sellerOrderId>:<stage>`) or the display sale (`sale:<id>`): the guard of its writes. */
  sourceKey: string;
  organisationId: string;
  day: string;
  stage: TSalesStage;
  channel: TSalesChannel;
  district: { code: string; name: string };
  productId: string;
  category: string | null;
  buyerType: string | null;
  programmeTags: string[];
  sellerName: string;
  productName: string;
}

export interface StageFact {
  stage: TSalesStage;
  at: Date;
}

const DELIVERED: readonly string[] = ['delivered', 'received'];
const CANCELLED: readonly string[] = ['rejected', 'cancelled'];

/**
 * Each stage an order reached, at the first time it reached it. An online order is placed when its
 * payment is confirmed, never while it awaits payment; one that expired (or was cancelled) unpaid was
 * never a sale, so its cancellation is not counted. A receipt confirmed without a "delivered" move
 * counts as the delivery.
 */
export function stageFacts(history: readonly HistoryEntry[]): StageFact[] {
  const first = (matches: (entry: HistoryEntry) => boolean) => history.find(matches)?.at;
  const facts: Array<[TSalesStage, Date | undefined]> = [
    ['placed', first((entry) => entry.to === 'placed')],
    ['accepted', first((entry) => entry.to === 'accepted')],
    ['delivered', first((entry) => DELIVERED.includes(entry.to))],
    ['completed', first((entry) => entry.to === 'completed')],
    ['cancelled', first((entry) => CANCELLED.includes(entry.to) && entry.from !== 'awaiting_payment')],
  ];
  return facts.flatMap(([stage, at]) => (at ? [{ stage, at: new Date(at) }] : []));
}

/** The stage an order event names (the order's own history then says when), or null for the moves between. */
export function eventStage(event: {
  status: TSellerOrderStatus;
  move: TOrderMove | null;
}): TSalesStage | null {
  switch (event.status) {
    case 'placed':
      return event.move === null || event.move === 'confirmPayment' ? 'placed' : null;
    case 'accepted':
      return event.move === 'accept' ? 'accepted' : null;
    case 'delivered':
    case 'received':
      return 'delivered';
    case 'completed':
      return 'completed';
    case 'rejected':
    case 'cancelled':
      return event.move === 'expirePayment' ? null : 'cancelled';
    default:
      return null;
  }
}

/**
 * One increment per product of the order (lines of the same product summed). PPN is the order's,
 * shared over its lines by the rule invoices use, so the rollups add up to the orders' totals.
 */
export function orderIncrements(
  order: OrderForRollup,
  fact: StageFact,
  seller: SellerContext,
  products: ReadonlyMap<string, ProductContext>,
): RollupIncrement[] {
  const ppnShares = allocate(
    order.totals.ppn,
    order.lines.map((line) => line.lineTotal),
  );
  const byProduct = new Map<string, { name: string; units: number; gross: number; ppn: number }>();
  order.lines.forEach((line, index) => {
    const id = String(line.productId);
    const sum = byProduct.get(id) ?? { name: line.name, units: 0, gross: 0, ppn: 0 };
    sum.units += line.quantity;
    sum.gross += line.lineTotal;
    sum.ppn += ppnShares[index]!;
    byProduct.set(id, sum);
  });
  const orderId = String(order._id);
  const sourceKey = `${orderId}:${fact.stage}`;
  const timing = stageTiming(order, fact);
  return [...byProduct].map(([productId, sum], index) => ({
    sourceKey,
    organisationId: String(order.organisationId),
    day: todayInWib(fact.at),
    stage: fact.stage,
    channel: 'marketplace',
    district: seller.district,
    productId,
    category: products.get(productId)?.category ?? null,
    buyerType: order.buyer?.buyerType ?? null,
    programmeTags: seller.programmeTags,
    sellerName: seller.sellerName,
    // The catalog's name where the product still exists: one product, one label across channels.
    productName: products.get(productId)?.name ?? sum.name,
    orders: index === 0 ? 1 : 0,
    orderLines: 1,
    units: sum.units,
    grossRupiah: sum.gross,
    ppnRupiah: sum.ppn,
    ...(index === 0 ? timing : UNTIMED),
  }));
}

const UNTIMED = { timedOrders: 0, timedMinutes: 0, onTimeOrders: 0 } as const;

/** How long the order took to reach this stage from being placed, where the dashboard asks. */
function stageTiming(
  order: OrderForRollup,
  fact: StageFact,
): Pick<RollupIncrement, 'timedOrders' | 'timedMinutes' | 'onTimeOrders'> {
  const placedAt = order.history.find((entry) => entry.to === 'placed')?.at;
  if (!placedAt) return UNTIMED;
  const minutes = Math.round((fact.at.getTime() - new Date(placedAt).getTime()) / 60_000);
  const rejection = order.history.find((entry) => entry.to === 'rejected');
  const answered =
    fact.stage === 'accepted' ||
    (fact.stage === 'cancelled' && !!rejection && new Date(rejection.at).getTime() === fact.at.getTime());
  if (answered) return { timedOrders: 1, timedMinutes: minutes, onTimeOrders: 0 };
  if (fact.stage !== 'delivered') return UNTIMED;
  const onTime = !!order.requestedDeliveryDate && todayInWib(fact.at) <= order.requestedDeliveryDate;
  return { timedOrders: 1, timedMinutes: minutes, onTimeOrders: onTime ? 1 : 0 };
}

/** A sale at a galeri or pojok, exactly as the consignment module reports it. */
export interface DisplaySale {
  saleId: string;
  /** YYYY-MM-DD WIB */
  soldOn: string;
  channel: 'galeri' | 'pojok';
  sellerOrganisationId: string;
  productId: string;
  units: number;
  grossRupiah: number;
  ppnRupiah: number;
}

/**
 * A display sale is paid and handed over on the spot: it is counted as a completed sale, so the
 * dashboard's default stage (completed) shows every channel side by side.
 */
export function displaySaleIncrement(
  sale: DisplaySale,
  seller: SellerContext,
  product: ProductContext | undefined,
): RollupIncrement {
  return {
    sourceKey: `sale:${sale.saleId}`,
    organisationId: sale.sellerOrganisationId,
    day: sale.soldOn,
    stage: 'completed',
    channel: sale.channel,
    district: seller.district,
    productId: sale.productId,
    category: product?.category ?? null,
    buyerType: null,
    programmeTags: seller.programmeTags,
    sellerName: seller.sellerName,
    productName: product?.name ?? '',
    orders: 1,
    orderLines: 1,
    units: sale.units,
    grossRupiah: sale.grossRupiah,
    ppnRupiah: sale.ppnRupiah,
    ...UNTIMED,
  };
}
