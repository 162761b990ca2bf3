import { BuyerOrderModel, SellerOrderModel, type BuyerOrderDoc, type SellerOrderDoc } from './order.models';
import { moveByPlatform } from './transitions.service';

/** What became of an online order's payment, as far as the order is concerned. */
export type OrderPaymentOutcome =
  /** The order now counts as paid and its seller orders are placed with their sellers. */
  | 'paid'
  /** Its window had closed first: the order is cancelled, the money must go back. */
  | 'expired'
  /** The window has not closed yet (an early expiry job): nothing changed. */
  | 'still_open'
  /** No such online order. */
  | 'unknown';

async function buyerOrder(buyerOrderId: string, organisationId: string): Promise<BuyerOrderDoc | null> {
  return BuyerOrderModel.findOne({ _id: buyerOrderId, organisationId }).lean<BuyerOrderDoc>();
}

/** Applies a platform move to every part still waiting for it (each move is idempotent). */
async function moveParts(
  order: BuyerOrderDoc,
  move: 'confirmPayment' | 'expirePayment',
  now: Date,
): Promise<void> {
  for (const part of order.parts) {
    await moveByPlatform(String(part.sellerOrderId), part.seller!.id!, move, now);
  }
}

/**
 * The payment of an online order succeeded: the order is paid (one guarded update from `awaiting`, so a
 * payment and an expiry racing each other settle on exactly one of them), then each seller order moves
 * to placed and its seller is asked. Run again, it finishes the moves a crash left undone.
 */
export async function confirmOrderPayment(
  buyerOrderId: string,
  organisationId: string,
  paidAt: Date,
): Promise<OrderPaymentOutcome> {
  await BuyerOrderModel.updateOne(
    { _id: buyerOrderId, organisationId, 'payment.method': 'online', 'payment.status': 'awaiting' },
    { $set: { 'payment.status': 'paid', 'payment.paidAt': paidAt } },
  );
  const order = await buyerOrder(buyerOrderId, organisationId);
  if (!order || order.payment.method !== 'online') return 'unknown';
  if (order.payment.status === 'expired') return 'expired';
  await moveParts(order, 'confirmPayment', paidAt);
  return 'paid';
}

/**
 * The payment window of an online order closed: unless it was paid first, the order expires and each
 * seller order is cancelled by the platform, which gives its reservations back. Idempotent.
 */
export async function expireOrderPayment(
  buyerOrderId: string,
  organisationId: string,
  now = new Date(),
): Promise<OrderPaymentOutcome> {
  const before = await buyerOrder(buyerOrderId, organisationId);
  if (!before || before.payment.method !== 'online') return 'unknown';
  if (before.payment.deadlineAt && before.payment.deadlineAt.getTime() > now.getTime()) return 'still_open';
  await BuyerOrderModel.updateOne(
    { _id: buyerOrderId, organisationId, 'payment.method': 'online', 'payment.status': 'awaiting' },
    { $set: { 'payment.status': 'expired' } },
  );
  const order = (await buyerOrder(buyerOrderId, organisationId))!;
  if (order.payment.status === 'paid') return 'paid';
  await moveParts(order, 'expirePayment', now);
  return 'expired';
}

/** The seller orders of a buyer order, as the platform (not a person) reads them. */
export async function sellerOrdersOf(
  buyerOrderId: string,
  organisationId: string,
): Promise<SellerOrderDoc[]> {
  return SellerOrderModel.find({ buyerOrderId, buyerOrganisationId: organisationId })
    .setOptions({ crossTenant: true })
    .lean<SellerOrderDoc[]>();
}

/** One buyer order as the platform reads it (for the billing steps), null when there is none. */
export async function buyerOrderForBilling(
  buyerOrderId: string,
  organisationId: string,
): Promise<BuyerOrderDoc | null> {
  return buyerOrder(buyerOrderId, organisationId);
}

/** One seller order as the platform reads it (for the billing steps), null when there is none. */
export async function sellerOrderForBilling(
  sellerOrderId: string,
  sellerOrganisationId: string,
): Promise<SellerOrderDoc | null> {
  return SellerOrderModel.findOne({
    _id: sellerOrderId,
    organisationId: sellerOrganisationId,
  }).lean<SellerOrderDoc>();
}
