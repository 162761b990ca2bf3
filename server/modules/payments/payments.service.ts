import type { Logger } from 'pino';
import type { TPaymentProvider } from '../../../shared/contracts/payments';
import { canMovePayment, type TPaymentStatus } from '../../../shared/states/payment';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { appendToOutbox, publishNow } from '../../platform/outbox';
import { loadBuyerOrder } from '../orders';
import { PaymentModel, type PaymentDoc } from './payment.models';
import { PaymentProviderError, type PaymentProvider, type PaymentState } from './payment-provider';
import { paymentEvent, paymentOutbox, type PaymentEventStatus } from './payments.outbox';

/** One buyer order, one payment: the key the provider deduplicates creation by, so a retry is the same intent. */
export function paymentIdempotencyKey(buyerOrderId: string): string {
  return `pasar-umkm-payment-${buyerOrderId}`;
}

/** A provider that cannot be reached is the caller's 503 (retry later); anything else is our bug: a 500. */
async function fromProvider<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind === 'unavailable') {
      throw new AppError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'Layanan pembayaran sedang tidak dapat dihubungi. Coba lagi sebentar lagi.',
      );
    }
    throw error;
  }
}

/**
 * The payment document of this buyer order, created on first use. An upsert on the unique
 * `buyerOrderId`: of two requests at once one inserts, the other reads what it inserted (or, when both
 * upserts raced to insert, gets E11000 and reads it then).
 */
async function paymentFor(
  actor: Actor,
  buyerOrderId: string,
  provider: TPaymentProvider,
  amountRupiah: number,
): Promise<PaymentDoc> {
  const filter = { buyerOrderId, organisationId: actor.organisationId };
  const insert = {
    provider,
    providerPaymentId: null,
    clientSecret: null,
    amountRupiah,
    status: 'requires_payment',
    version: 1,
    observedAt: null,
    history: [],
    startedByUserId: actor.userId,
    outbox: [],
    outboxPending: 0,
  };
  try {
    return (await PaymentModel.findOneAndUpdate(
      filter,
      { $setOnInsert: insert },
      { upsert: true, returnDocument: 'after' },
    ).lean<PaymentDoc>())!;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return (await PaymentModel.findOne(filter).lean<PaymentDoc>())!;
  }
}

export interface StartedPayment {
  provider: TPaymentProvider;
  clientSecret: string;
  amountRupiah: number;
  status: TPaymentStatus;
}

/**
 * The provider's payment for a buyer order of the caller's organisation: created on the first call,
 * the same one on every later call (also two at once). The amount is the buyer order's total, never
 * the client's word. The status is ours (moved by webhooks), not the provider's answer of the moment.
 */
export async function startPayment(
  actor: Actor,
  buyerOrderId: string,
  deps: { provider: PaymentProvider; logger?: Pick<Logger, 'warn'> },
): Promise<StartedPayment> {
  const { provider } = deps;
  const order = await loadBuyerOrder(actor, buyerOrderId);
  if (order.payment.method !== 'online') {
    throw new AppError('INVALID_STATE', 'Pesanan ini dibayar dengan tempo, lewat tagihan.');
  }
  if (order.payment.status !== 'awaiting') {
    throw new AppError(
      'INVALID_STATE',
      order.payment.status === 'paid'
        ? 'Pesanan ini sudah dibayar.'
        : 'Batas waktu pembayaran pesanan ini sudah lewat; pesanan dibatalkan.',
      { currentStatus: order.payment.status },
    );
  }
  const amountRupiah = order.totals.total;
  if (typeof amountRupiah !== 'number' || !Number.isSafeInteger(amountRupiah) || amountRupiah <= 0) {
    throw new Error(`buyer order ${buyerOrderId} has no payable total (${amountRupiah})`);
  }
  const payment = await paymentFor(actor, buyerOrderId, provider.name, amountRupiah);
  if (payment.status === 'canceled') {
    throw new AppError('INVALID_STATE', 'Pembayaran pesanan ini sudah dibatalkan.');
  }
  const started = { provider: provider.name, amountRupiah: payment.amountRupiah, status: payment.status };

  if (payment.providerPaymentId && payment.clientSecret) {
    return { ...started, clientSecret: payment.clientSecret };
  }
  if (payment.providerPaymentId) {
    // Recorded before client secrets were kept: read it back from the provider.
    const state = await fromProvider(() => provider.retrievePayment(payment.providerPaymentId!));
    if (!state.clientSecret) throw new Error(`payment ${payment.providerPaymentId} has no client secret`);
    return { ...started, clientSecret: state.clientSecret };
  }

  // Two requests at once both get here; the idempotency key (same key, same body) makes the provider
  // answer both with the same payment, and the guard below records it once.
  const created = await fromProvider(() =>
    provider.createPayment({
      buyerOrderId,
      amountRupiah: payment.amountRupiah,
      idempotencyKey: paymentIdempotencyKey(buyerOrderId),
      description: `Pasar UMKM ${order.number}`,
      metadata: {
        paymentId: String(payment._id),
        buyerOrderNumber: order.number,
        buyerOrganisationId: actor.organisationId,
      },
    }),
  );
  const recorded = await PaymentModel.findOneAndUpdate(
    { _id: payment._id, organisationId: actor.organisationId, providerPaymentId: null },
    { $set: { providerPaymentId: created.providerPaymentId, clientSecret: created.clientSecret } },
    { returnDocument: 'after' },
  ).lean<PaymentDoc>();
  if (recorded) return { ...started, clientSecret: created.clientSecret };

  const current = (await PaymentModel.findOne({
    _id: payment._id,
    organisationId: actor.organisationId,
  }).lean<PaymentDoc>())!;
  if (current.providerPaymentId === created.providerPaymentId) {
    return { ...started, clientSecret: created.clientSecret };
  }
  // The provider made a second payment for the same order (its idempotency window had passed): ours is
  // the recorded one; the stray one is canceled so it can never be paid.
  deps.logger?.warn(
    { buyerOrderId, kept: current.providerPaymentId, canceled: created.providerPaymentId },
    'a second provider payment was made for one buyer order; canceling it',
  );
  await fromProvider(() => provider.cancelPayment(created.providerPaymentId));
  const state = await fromProvider(() => provider.retrievePayment(current.providerPaymentId!));
  if (!state.clientSecret) throw new Error(`payment ${current.providerPaymentId} has no client secret`);
  return { ...started, status: current.status, clientSecret: state.clientSecret };
}

export type ApplyOutcome =
  /** The status moved (history entry and outbox event written). */
  | 'applied'
  /** Already in that status, or a status the table does not allow from here (an older observation). */
  | 'unchanged'
  /** A newer observation was applied before this one. */
  | 'stale'
  /** No payment of ours has that provider id. */
  | 'unknown_payment'
  /** Ours (its order has a payment) but its provider id is not recorded yet: try again shortly. */
  | 'not_recorded_yet'
  /** The provider's amount or order is not what we created: nothing is moved, a person must look. */
  | 'mismatch';

export interface ApplyPaymentInput {
  provider: TPaymentProvider;
  /** What the provider said when we asked (never what an event said). */
  observed: PaymentState;
  /** When we asked: an observation older than the one applied last never overwrites it. */
  observedAt: Date;
  /** The provider event that made us look, for the history. */
  eventId: string | null;
}

const GUARD_RETRIES = 5;

/**
 * Records the provider's current state of a payment on our Payment document, moving its status only
 * along shared/states/payment.ts and never back to an older observation: one update guarded on the
 * status and version read, carrying the history entry and the `payment.<status>` outbox event (the
 * seam to the orders module). A guard lost to a concurrent update is re-read and decided again.
 */
export async function applyPaymentState(
  input: ApplyPaymentInput,
): Promise<{ outcome: ApplyOutcome; status: TPaymentStatus | null }> {
  const { observed, observedAt } = input;
  for (let attempt = 0; attempt < GUARD_RETRIES; attempt++) {
    const current = await PaymentModel.findOne({
      provider: input.provider,
      providerPaymentId: observed.providerPaymentId,
    })
      .setOptions({ crossTenant: true })
      .lean<PaymentDoc>();
    if (!current) {
      // A webhook can overtake startPayment's write of the provider id.
      const waiting =
        observed.buyerOrderId !== null &&
        (await PaymentModel.exists({
          buyerOrderId: observed.buyerOrderId,
          providerPaymentId: null,
        }).setOptions({
          crossTenant: true,
        }));
      return { outcome: waiting ? 'not_recorded_yet' : 'unknown_payment', status: null };
    }
    const from = current.status as TPaymentStatus;
    const otherOrder =
      observed.buyerOrderId !== null && observed.buyerOrderId !== String(current.buyerOrderId);
    if (observed.amountRupiah !== current.amountRupiah || otherOrder) {
      return { outcome: 'mismatch', status: from };
    }
    if (from === observed.status || !canMovePayment(from, observed.status)) {
      return { outcome: 'unchanged', status: from };
    }
    if (current.observedAt && current.observedAt.getTime() >= observedAt.getTime()) {
      return { outcome: 'stale', status: from };
    }
    // canMovePayment never leads back to requires_payment.
    const to = observed.status as PaymentEventStatus;
    const version = current.version + 1;
    const event = paymentEvent({ ...current, status: to, version }, observedAt);
    const moved = await PaymentModel.findOneAndUpdate(
      { _id: current._id, organisationId: current.organisationId, status: from, version: current.version },
      appendToOutbox(
        {
          $set: { status: to, observedAt },
          $inc: { version: 1 },
          $push: { history: { at: observedAt, from, to, eventId: input.eventId } },
        },
        [event],
      ),
      { returnDocument: 'after', projection: { outbox: 1 } },
    ).lean<Pick<PaymentDoc, 'outbox'>>();
    if (moved) {
      // The relay would publish it too; at once, the sellers hear of a paid order without its poll delay.
      await publishNow(paymentOutbox.source, current._id, [event], [moved.outbox.length - 1]);
      return { outcome: 'applied', status: to };
    }
  }
  throw new Error(`payment ${observed.providerPaymentId}: lost the guard ${GUARD_RETRIES} times in a row`);
}
