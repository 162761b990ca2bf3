import type { TPaymentMethod } from '../../../shared/contracts/orders';
import type { TSellerOrderStatus } from '../../../shared/states/order';
import { BuyerOrderModel, SellerOrderModel, type BuyerOrderDoc, type SellerOrderDoc } from './order.models';

/** What an invoice copies from a seller order and its buyer order (read-only; for the invoices module). */
export interface InvoiceSource {
  sellerOrderId: string;
  sellerOrganisationId: string;
  buyerOrganisationId: string;
  buyerOrderId: string;
  sellerOrderNumber: string;
  buyerOrderNumber: string;
  purchaseOrderNumber: string | null;
  status: TSellerOrderStatus;
  /** The seller accepted it at some point (it may have been cancelled since). */
  accepted: boolean;
  seller: { name: string; isPkp: boolean };
  buyer: { name: string };
  lines: Array<{ name: string; unit: string; quantity: number; unitPrice: number; lineTotal: number }>;
  totals: { subtotal: number; taxBase: number; ppn: number; total: number };
  payment: {
    method: TPaymentMethod;
    termDays: number | null;
    paidAt: Date | null;
  };
}

/** null when the seller order is not this seller's, or its buyer order is gone. */
export async function invoiceSource(
  sellerOrderId: string,
  sellerOrganisationId: string,
): Promise<InvoiceSource | null> {
  const order = await SellerOrderModel.findOne({ _id: sellerOrderId, organisationId: sellerOrganisationId })
    .select({ outbox: 0, reservations: 0 })
    .lean<SellerOrderDoc>();
  if (!order) return null;
  const buyerOrder = await BuyerOrderModel.findOne({
    _id: order.buyerOrderId,
    organisationId: order.buyerOrganisationId,
  })
    .select({ number: 1, payment: 1 })
    .lean<Pick<BuyerOrderDoc, '_id' | 'number' | 'payment'>>();
  if (!buyerOrder) return null;
  return {
    sellerOrderId: String(order._id),
    sellerOrganisationId: String(order.organisationId),
    buyerOrganisationId: String(order.buyerOrganisationId),
    buyerOrderId: String(order.buyerOrderId),
    sellerOrderNumber: order.number,
    buyerOrderNumber: buyerOrder.number,
    purchaseOrderNumber: order.purchaseOrderNumber ?? null,
    status: order.status,
    accepted: order.history.some((entry) => entry.move === 'accept'),
    seller: { name: order.seller?.name ?? '', isPkp: order.seller?.isPkp === true },
    buyer: { name: order.buyer?.name ?? '' },
    lines: order.lines.map((line) => ({
      name: line.name,
      unit: line.unit,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: line.lineTotal,
    })),
    totals: {
      subtotal: order.totals.subtotal ?? 0,
      taxBase: order.totals.taxBase ?? 0,
      ppn: order.totals.ppn ?? 0,
      total: order.totals.total ?? 0,
    },
    payment: {
      method: buyerOrder.payment.method,
      termDays: buyerOrder.payment.termDays ?? null,
      paidAt: buyerOrder.payment.paidAt ?? null,
    },
  };
}
