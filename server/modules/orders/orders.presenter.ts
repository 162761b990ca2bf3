import type { TBuyerOrder, TCart, TCartLine, TSellerOrder } from '../../../shared/contracts/orders';
import { deriveBuyerOrderStatus } from '../../../shared/states/order';
import { presentPhoto } from '../photos';
import type { BuyerOrderDoc, SellerOrderDoc } from './order.models';
import type { Quote, QuotedLine } from './quote';

function presentCartLine(line: QuotedLine): TCartLine {
  return {
    productId: line.productId,
    name: line.name,
    unit: line.unit,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    basePrice: line.basePrice,
    lineTotal: line.lineTotal,
    saving: line.saving,
    minimumOrder: line.minimumOrder,
    orderIncrement: line.orderIncrement,
    leadTimeDays: line.leadTimeDays,
    available: line.available,
    problem: line.problem,
  };
}

/** The cart by seller; lines of products no longer on sale are listed on their own, to be removed. */
export function presentCart(quote: Quote): TCart {
  return {
    groups: quote.groups.map((group) => ({
      seller: group.seller,
      lines: group.lines.map(presentCartLine),
      totals: group.totals,
      saving: group.saving,
    })),
    unavailable: quote.lines.filter((line) => line.problem?.code === 'unavailable').map(presentCartLine),
    totals: quote.totals,
    saving: quote.saving,
    earliestDeliveryDate: quote.earliestDeliveryDate,
  };
}

type Totals = {
  subtotal?: number | null;
  taxBase?: number | null;
  ppn?: number | null;
  total?: number | null;
};
const totals = (t: Totals | null | undefined) => ({
  subtotal: t?.subtotal ?? 0,
  taxBase: t?.taxBase ?? 0,
  ppn: t?.ppn ?? 0,
  total: t?.total ?? 0,
});

export function presentSellerOrder(order: SellerOrderDoc): TSellerOrder {
  const address = order.deliveryAddress!;
  return {
    id: String(order._id),
    number: order.number,
    buyerOrderId: String(order.buyerOrderId),
    paymentMethod: order.paymentMethod,
    buyer: {
      id: String(order.buyerOrganisationId),
      name: order.buyer?.name ?? '',
      buyerType: order.buyer?.buyerType ?? null,
    },
    seller: {
      id: String(order.organisationId),
      name: order.seller?.name ?? '',
      isPkp: order.seller?.isPkp ?? false,
    },
    status: order.status,
    version: order.version,
    lines: order.lines.map((line) => ({
      productId: String(line.productId),
      name: line.name,
      unit: line.unit,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      basePrice: line.basePrice,
      lineTotal: line.lineTotal,
    })),
    totals: totals(order.totals),
    requestedDeliveryDate: order.requestedDeliveryDate,
    purchaseOrderNumber: order.purchaseOrderNumber ?? null,
    notes: order.notes ?? null,
    deliveryAddress: {
      street: address.street ?? '',
      province: { code: address.province?.code ?? '', name: address.province?.name ?? '' },
      regency: { code: address.regency?.code ?? '', name: address.regency?.name ?? '' },
      district: { code: address.district?.code ?? '', name: address.district?.name ?? '' },
      village: address.village
        ? { code: address.village.code ?? '', name: address.village.name ?? '' }
        : null,
      postalCode: address.postalCode ?? null,
      label: address.label ?? null,
      recipientName: address.recipientName ?? null,
      recipientPhone: address.recipientPhone ?? null,
      courierNote: address.courierNote ?? null,
    },
    shipment: order.shipment
      ? {
          courier: order.shipment.courier ?? '',
          trackingNumber: order.shipment.trackingNumber ?? '',
          shippedAt: order.shipment.shippedAt!.toISOString(),
        }
      : null,
    receipt: order.receipt
      ? {
          bastNumber: order.receipt.bastNumber ?? '',
          note: order.receipt.note ?? null,
          receivedAt: order.receipt.receivedAt!.toISOString(),
          byName: order.receipt.byName ?? '',
        }
      : null,
    receiptPhoto: order.receiptPhoto ? presentPhoto(order.receiptPhoto) : null,
    history: order.history.map((entry) => ({
      move: entry.move ?? null,
      from: entry.from ?? null,
      to: entry.to,
      byName: entry.byName,
      byParty: entry.byParty,
      at: entry.at.toISOString(),
      reason: entry.reason ?? null,
    })),
    placedAt: order.createdAt.toISOString(),
  };
}

/** The buyer order with its parts; its status is derived from theirs, never stored. */
export function presentBuyerOrder(order: BuyerOrderDoc, parts: readonly SellerOrderDoc[]): TBuyerOrder {
  const sellerOrders = order.parts
    .map((part) => parts.find((doc) => String(doc._id) === String(part.sellerOrderId)))
    .filter((doc): doc is SellerOrderDoc => doc !== undefined)
    .map(presentSellerOrder);
  return {
    id: String(order._id),
    number: order.number,
    status: deriveBuyerOrderStatus(sellerOrders.map((part) => part.status)),
    placedAt: order.createdAt.toISOString(),
    placedByName: order.placedByName,
    requestedDeliveryDate: order.requestedDeliveryDate,
    purchaseOrderNumber: order.purchaseOrderNumber ?? null,
    totals: totals(order.totals),
    payment: {
      method: order.payment.method,
      status: order.payment.status,
      termDays: order.payment.termDays ?? null,
      deadlineAt: order.payment.deadlineAt?.toISOString() ?? null,
      paidAt: order.payment.paidAt?.toISOString() ?? null,
    },
    sellerOrders,
  };
}
