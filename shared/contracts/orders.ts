import { z } from 'zod';
import {
  BUYER_ORDER_STATUSES,
  ORDER_MOVE_NAMES,
  SELLER_ORDER_STATUSES,
  ORDER_PARTIES,
} from '../states/order';
import { ZBuyerType } from './organisations';
import { ZCalendarDate } from './legality';
import { ZIsoDateTime, ZObjectId, ZPage, ZPageQuery } from './common';
import { ZPhoto, ZPhotoId } from './photos';
import { ZProductUnit } from './products';
import { ZAddress } from './regions';

/** An order line's quantity: whole units, and a ceiling no UMKM could ever make. */
export const ZOrderQuantity = z
  .number({ message: 'Jumlah harus angka' })
  .int('Jumlah harus bilangan bulat')
  .min(1, 'Jumlah minimal 1')
  .max(1_000_000, 'Jumlah terlalu besar');

// --- cart ---

export const ZSetCartLineRequest = z.strictObject({ quantity: ZOrderQuantity });

/** Why a cart line cannot be ordered as it is; the message says what to change. */
export const CART_LINE_PROBLEMS = ['unavailable', 'below_minimum', 'off_increment', 'insufficient'] as const;

export const ZCartLine = z.strictObject({
  productId: ZObjectId,
  name: z.string(),
  unit: ZProductUnit,
  quantity: z.number().int(),
  /** The tier price for this quantity, and the base price it saves against. */
  unitPrice: z.number().int(),
  basePrice: z.number().int(),
  lineTotal: z.number().int(),
  saving: z.number().int(),
  minimumOrder: z.number().int(),
  orderIncrement: z.number().int(),
  leadTimeDays: z.number().int(),
  /** Units that can still be reserved now (stock products), or null when made to order. */
  available: z.number().int().nullable(),
  problem: z.strictObject({ code: z.enum(CART_LINE_PROBLEMS), message: z.string() }).nullable(),
});
export type TCartLine = z.infer<typeof ZCartLine>;

export const ZOrderTotals = z.strictObject({
  subtotal: z.number().int(),
  taxBase: z.number().int(),
  ppn: z.number().int(),
  total: z.number().int(),
});

export const ZCartGroup = z.strictObject({
  seller: z.strictObject({
    id: ZObjectId,
    name: z.string(),
    districtName: z.string().nullable(),
    isPkp: z.boolean(),
  }),
  lines: z.array(ZCartLine),
  totals: ZOrderTotals,
  saving: z.number().int(),
});

export const ZCart = z.strictObject({
  groups: z.array(ZCartGroup),
  /** Lines whose product is no longer on sale (unlisted since it was added). */
  unavailable: z.array(ZCartLine),
  totals: ZOrderTotals,
  saving: z.number().int(),
  /** The earliest delivery date checkout accepts: today (WIB) plus the longest lead time. */
  earliestDeliveryDate: ZCalendarDate,
});
export type TCart = z.infer<typeof ZCart>;
export const ZCartLineParams = z.strictObject({ productId: ZObjectId });

/** Cart size: a big Lebaran order has many products, but not thousands. */
export const MAX_ORDER_LINES = 200;

// --- checkout ---

/**
 * How a buyer order is paid. online: through the payment provider before the sellers are asked, within
 * `deadlineAt`, else its reservations go back; tempo: on invoice, due `termDays` after each seller
 * order's invoice, within the organisation's credit limit.
 */
export const PAYMENT_METHODS = ['online', 'tempo'] as const;
export const ZPaymentMethod = z.enum(PAYMENT_METHODS);
export type TPaymentMethod = z.infer<typeof ZPaymentMethod>;
export const ORDER_PAYMENT_STATUSES = ['awaiting', 'paid', 'expired', 'on_terms'] as const;
export const ZOrderPayment = z.strictObject({
  method: ZPaymentMethod,
  status: z.enum(ORDER_PAYMENT_STATUSES),
  /** tempo: days from invoice to due date; online: null. */
  termDays: z.number().int().nullable(),
  /** online: pay by then or the order is cancelled; tempo: null. */
  deadlineAt: ZIsoDateTime.nullable(),
  paidAt: ZIsoDateTime.nullable(),
});
export type TOrderPayment = z.infer<typeof ZOrderPayment>;

export const ZPlaceOrderRequest = z.strictObject({
  lines: z
    .array(z.strictObject({ productId: ZObjectId, quantity: ZOrderQuantity }))
    .min(1, 'Keranjang masih kosong')
    .max(MAX_ORDER_LINES, `Maksimal ${MAX_ORDER_LINES} produk per pesanan`)
    .refine(
      (lines) => new Set(lines.map((line) => line.productId)).size === lines.length,
      'Produk yang sama muncul dua kali',
    ),
  requestedDeliveryDate: ZCalendarDate,
  purchaseOrderNumber: z.string().trim().max(60, 'Nomor PO maksimal 60 karakter').optional(),
  notes: z.string().trim().max(1000, 'Catatan maksimal 1000 karakter').optional(),
  /** One of the organisation's delivery locations; without it the goods go to the organisation's address. */
  deliveryLocationId: ZObjectId.optional(),
  /** Without it: on terms when the organisation has a credit line from Dinkop, otherwise online. */
  paymentMethod: ZPaymentMethod.optional(),
});
export type TPlaceOrderRequest = z.infer<typeof ZPlaceOrderRequest>;

/** `Idempotency-Key` header: the client makes one per checkout attempt and repeats it on retry. */
export const ZIdempotencyKey = z
  .string({ message: 'Header Idempotency-Key wajib diisi' })
  .regex(/^[A-Za-z0-9_-]{16,100}$/, 'Idempotency-Key harus 16–100 huruf, angka, - atau _');

/** 409 INSUFFICIENT_STOCK: every line that could not be reserved, with what is available now. */
export const ZInsufficientStockDetails = z.strictObject({
  lines: z.array(
    z.strictObject({
      productId: ZObjectId,
      name: z.string(),
      requested: z.number().int(),
      available: z.number().int(),
    }),
  ),
});

// --- orders ---

export const ZSellerOrderStatus = z.enum(SELLER_ORDER_STATUSES);
export const ZBuyerOrderStatus = z.enum(BUYER_ORDER_STATUSES);
export const ZOrderMove = z.enum(ORDER_MOVE_NAMES as [string, ...string[]]);
const ZOrderParty = z.enum(ORDER_PARTIES);

export const ZOrderLine = z.strictObject({
  productId: ZObjectId,
  name: z.string(),
  unit: ZProductUnit,
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  basePrice: z.number().int(),
  lineTotal: z.number().int(),
});

export const ZOrderHistoryEntry = z.strictObject({
  move: ZOrderMove.nullable(),
  from: ZSellerOrderStatus.nullable(),
  to: ZSellerOrderStatus,
  byName: z.string(),
  byParty: ZOrderParty,
  at: ZIsoDateTime,
  reason: z.string().nullable(),
});

/**
 * Where the goods go, copied at checkout. From a delivery location also its name, recipient and note for
 * the courier; all four are null when the order went to the organisation's own address.
 */
export const ZDeliveryAddress = ZAddress.extend({
  label: z.string().nullable(),
  recipientName: z.string().nullable(),
  recipientPhone: z.string().nullable(),
  courierNote: z.string().nullable(),
});
export type TDeliveryAddress = z.infer<typeof ZDeliveryAddress>;

export const ZSellerOrder = z.strictObject({
  id: ZObjectId,
  number: z.string(),
  buyerOrderId: ZObjectId,
  buyer: z.strictObject({ id: ZObjectId, name: z.string(), buyerType: ZBuyerType.nullable() }),
  seller: z.strictObject({ id: ZObjectId, name: z.string(), isPkp: z.boolean() }),
  status: ZSellerOrderStatus,
  paymentMethod: ZPaymentMethod,
  /** Increases with every change; live events carry it so a client can skip stale refetches. */
  version: z.number().int(),
  lines: z.array(ZOrderLine),
  totals: ZOrderTotals,
  requestedDeliveryDate: ZCalendarDate,
  purchaseOrderNumber: z.string().nullable(),
  notes: z.string().nullable(),
  deliveryAddress: ZDeliveryAddress,
  shipment: z
    .strictObject({ courier: z.string(), trackingNumber: z.string(), shippedAt: ZIsoDateTime })
    .nullable(),
  receipt: z
    .strictObject({
      bastNumber: z.string(),
      note: z.string().nullable(),
      receivedAt: ZIsoDateTime,
      byName: z.string(),
    })
    .nullable(),
  /** The photo of the signed BAST or of the goods as received, when the buyer added one. */
  receiptPhoto: ZPhoto.nullable(),
  history: z.array(ZOrderHistoryEntry),
  placedAt: ZIsoDateTime,
});
export type TSellerOrder = z.infer<typeof ZSellerOrder>;

export const ZBuyerOrder = z.strictObject({
  id: ZObjectId,
  number: z.string(),
  status: ZBuyerOrderStatus,
  placedAt: ZIsoDateTime,
  placedByName: z.string(),
  requestedDeliveryDate: ZCalendarDate,
  purchaseOrderNumber: z.string().nullable(),
  totals: ZOrderTotals,
  payment: ZOrderPayment,
  sellerOrders: z.array(ZSellerOrder),
});
export type TBuyerOrder = z.infer<typeof ZBuyerOrder>;

export const ZOrderParams = z.strictObject({ orderId: ZObjectId });
export const ZSellerOrderParams = z.strictObject({ sellerOrderId: ZObjectId });
export const ZListBuyerOrdersResponse = ZPage(ZBuyerOrder);
export const ZListSellerOrdersQuery = ZPageQuery.extend({ status: ZSellerOrderStatus.optional() });
export const ZListSellerOrdersResponse = ZPage(ZSellerOrder);

const reason = z.string().trim().min(10, 'Alasan minimal 10 karakter').max(500);
export const ZOrderReasonRequest = z.strictObject({ reason });
export const ZShipOrderRequest = z.strictObject({
  courier: z.string().trim().min(2, 'Nama kurir wajib diisi').max(60),
  trackingNumber: z.string().trim().min(3, 'Nomor resi wajib diisi').max(60),
});
export const ZConfirmReceiptRequest = z.strictObject({
  bastNumber: z.string().trim().min(3, 'Nomor BAST wajib diisi').max(60),
  note: z.string().trim().max(500).optional(),
});
export const ZEmptyMoveRequest = z.strictObject({});

/** The receipt photo (JPEG or PNG, read from the content, up to PHOTO_MAX_BYTES), named by its id. */
export const ZReceiptPhotoParams = ZSellerOrderParams.extend({ photoId: ZPhotoId });

/** The live event for any change of a seller order: ids and version only; clients refetch. */
export const ORDER_CHANGED_EVENT = 'order.changed';
export const ZOrderChangedEvent = z.strictObject({
  buyerOrderId: ZObjectId,
  sellerOrderId: ZObjectId,
  version: z.number().int(),
  status: ZSellerOrderStatus,
});
