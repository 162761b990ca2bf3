import { Types, trusted } from 'mongoose';
import { PaymentModel, type PaymentDoc } from './payment.models';
import { notifyDinkop } from '../notifications';
import { PaymentProviderError, type PaymentProvider, type RefundState } from './payment-provider';
import { applyPaymentState } from './payments.service';

/**
 * The payment window of a buyer order closed. Its provider payment, if the buyer started one, is
 * canceled so that it can no longer be paid — unless it succeeded meanwhile, which is then recorded
 * (the `payment.succeeded` event follows) and reported so the order is not expired.
 */
export async function closeUnpaidPayment(
  buyerOrderId: string,
  organisationId: string,
  provider: PaymentProvider,
  now = new Date(),
): Promise<'succeeded' | 'closed'> {
  const payment = await PaymentModel.findOne({ buyerOrderId, organisationId }).lean<PaymentDoc>();
  if (!payment?.providerPaymentId) return 'closed';
  if (payment.status === 'succeeded') return 'succeeded';
  if (payment.status === 'canceled') return 'closed';
  let state;
  try {
    state = await provider.cancelPayment(payment.providerPaymentId);
  } catch (error) {
    // Refused: it may have succeeded (or be processing) after all; what it is now decides.
    if (!(error instanceof PaymentProviderError) || error.kind !== 'rejected') throw error;
    state = await provider.retrievePayment(payment.providerPaymentId);
  }
  await applyPaymentState({ provider: payment.provider, observed: state, observedAt: now, eventId: null });
  return state.status === 'succeeded' ? 'succeeded' : 'closed';
}

export type RefundOutcome = 'refunded' | 'pending' | 'not_paid' | 'failed';

/**
 * Gives one seller order's money back from its buyer order's payment, through the provider, at most once:
 * the refund is first claimed on the Payment (one per seller order, and never more in total than was
 * paid), then requested with an idempotency key of that seller order, so a retry repeats the same
 * request and the provider answers with the same refund.
 */
export async function refundSellerOrder(
  input: { buyerOrderId: string; buyerOrganisationId: string; sellerOrderId: string; amountRupiah: number },
  provider: PaymentProvider,
  now = new Date(),
): Promise<RefundOutcome> {
  const { buyerOrderId, buyerOrganisationId: organisationId, sellerOrderId, amountRupiah } = input;
  const payment = await PaymentModel.findOne({ buyerOrderId, organisationId }).lean<PaymentDoc>();
  if (!payment || payment.status !== 'succeeded' || !payment.providerPaymentId) return 'not_paid';
  const sellerOrderObjectId = new Types.ObjectId(sellerOrderId);
  await PaymentModel.updateOne(
    {
      _id: payment._id,
      organisationId,
      'refunds.sellerOrderId': trusted({ $ne: sellerOrderObjectId }),
      refundedRupiah: trusted({ $lte: payment.amountRupiah - amountRupiah }),
    },
    {
      $push: {
        refunds: {
          sellerOrderId: sellerOrderObjectId,
          amountRupiah,
          providerRefundId: null,
          status: 'requested',
          requestedAt: now,
        },
      },
      $inc: { refundedRupiah: amountRupiah },
    },
  );
  const claimed = (await PaymentModel.findOne({ _id: payment._id, organisationId }).lean<PaymentDoc>())!;
  const refund = claimed.refunds.find((entry) => String(entry.sellerOrderId) === sellerOrderId);
  if (!refund) {
    throw new Error(`payment ${String(payment._id)}: refunding ${sellerOrderId} would exceed what was paid`);
  }
  if (refund.status === 'succeeded') return 'refunded';
  const state = await provider.refund({
    providerPaymentId: payment.providerPaymentId,
    amountRupiah: refund.amountRupiah,
    idempotencyKey: `pasar-umkm-refund-${sellerOrderId}`,
  });
  // Positional `$` after a sub-document match is not available on every server we run on: rewrite the
  // array from what was read, guarded on that same read.
  const refunds = claimed.refunds.map((entry) =>
    String(entry.sellerOrderId) === sellerOrderId
      ? { ...entry, providerRefundId: state.providerRefundId, status: state.status }
      : entry,
  );
  await PaymentModel.updateOne(
    { _id: payment._id, organisationId, refundedRupiah: claimed.refundedRupiah, refunds: claimed.refunds },
    { $set: { refunds } },
  );
  if (state.status === 'succeeded') return 'refunded';
  return state.status === 'pending' ? 'pending' : 'failed';
}

const FINAL_REFUND_STATUSES: readonly string[] = ['succeeded', 'failed', 'canceled'];

/**
 * What the provider says of a refund now (re-read after its webhook), recorded on the Payment's refund
 * entry. A final status is never changed again, so a late or repeated event cannot undo one; a refund the
 * provider failed after accepting it is put before Dinkop's admins to settle by hand (the ledger has already
 * reversed the sale — the money is owed to the buyer either way).
 */
export async function applyRefundState(
  observed: RefundState,
): Promise<'applied' | 'unchanged' | 'unknown_payment' | 'not_recorded_yet'> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const payment = await PaymentModel.findOne({ providerPaymentId: observed.providerPaymentId })
      .setOptions({ crossTenant: true })
      .lean<PaymentDoc>();
    if (!payment) return 'unknown_payment';
    const entry = payment.refunds.find((refund) => refund.providerRefundId === observed.providerRefundId);
    if (!entry) {
      // Our request's answer is not written yet (the webhook overtook it): try again shortly.
      const waiting = payment.refunds.some((refund) => refund.providerRefundId === null);
      return waiting ? 'not_recorded_yet' : 'unknown_payment';
    }
    if (entry.status === observed.status || FINAL_REFUND_STATUSES.includes(entry.status)) return 'unchanged';
    const refunds = payment.refunds.map((refund) =>
      refund.providerRefundId === observed.providerRefundId ? { ...refund, status: observed.status } : refund,
    );
    const moved = await PaymentModel.updateOne(
      { _id: payment._id, organisationId: payment.organisationId, refunds: payment.refunds },
      { $set: { refunds } },
    );
    if (moved.modifiedCount === 1) {
      if (observed.status === 'failed' || observed.status === 'canceled') {
        await notifyDinkop({
          kind: 'order.changed',
          title: 'Pengembalian dana gagal',
          body: `Pengembalian Rp ${entry.amountRupiah.toLocaleString('id-ID')} untuk pesanan ${String(entry.sellerOrderId)} tidak diselesaikan penyedia pembayaran (${observed.providerRefundId}). Kembalikan dana pembeli dengan cara lain.`,
          roles: ['admin'],
          dedupeKey: `refund-failed:${observed.providerRefundId}`,
        });
      }
      return 'applied';
    }
  }
  throw new Error(`refund ${observed.providerRefundId}: lost the guard 5 times in a row`);
}
