import type { Express } from 'express';
import { Queue, Worker } from 'bullmq';
import {
  ZBuyerOrder,
  ZListSellerOrdersResponse,
  ZSellerOrder,
  type TBuyerOrder,
} from '../../../shared/contracts/orders';
import { ZStartPaymentResponse } from '../../../shared/contracts/payments';
import { QUEUES } from '../../../shared/jobs';
import { startTestApp, testServiceUrls, type TestApp } from '../../../test/helpers/app';
import { waitFor } from '../../../test/helpers/notices';
import {
  inDays,
  noticesTitled,
  orderingMarket,
  placeOrder,
  STOCKED,
  type Member,
} from '../../../test/helpers/orders';
import { bullPrefix } from '../../platform/jobs';
import { createLogger } from '../../platform/logger';
import { configureOutboxFastPath, OutboxRelay } from '../../platform/outbox';
import { createWorkerRedis } from '../../platform/redis';
import { ordersProcessor } from '../../../workers/processors/orders';
import { CreditLineModel } from '../credit/credit-line.model';
import { sellerBalance } from '../ledger';
import { BuyerOrderModel, SellerOrderModel, StockLevelModel } from '../orders/order.models';
import { sellerOrderOutbox } from '../orders';
import {
  applyPaymentState,
  createStripeProvider,
  paymentOutbox,
  PaymentProviderError,
  refundSellerOrder,
  type PaymentProvider,
  type RefundState,
} from '../payments';
import { PaymentModel } from '../payments/payment.models';
import { expireUnpaidOrder } from './billing.service';

/**
 * The money steps run by the real orders worker on the real queue and relay. The provider is the Stripe
 * adapter on stripe-mock, except that refunds are recorded by a thin wrapper: stripe-mock keeps no state,
 * so only the requests we make can be checked, not what Stripe would then hold.
 */
class RecordingProvider {
  readonly refunds: Array<{ providerPaymentId: string; amountRupiah: number; idempotencyKey: string }> = [];
  /** Intents the buyer is confirming right now: a cancel is refused, a read says processing. */
  readonly processing = new Map<string, { amountRupiah: number; buyerOrderId: string }>();
  constructor(private readonly inner: PaymentProvider) {}
  wrap(): PaymentProvider {
    return Object.assign(Object.create(this.inner) as PaymentProvider, {
      cancelPayment: async (id: string) => {
        if (this.processing.has(id)) throw new PaymentProviderError('rejected', 'intent is processing');
        return this.inner.cancelPayment(id);
      },
      retrievePayment: async (id: string) => {
        const confirming = this.processing.get(id);
        if (!confirming) return this.inner.retrievePayment(id);
        return { providerPaymentId: id, status: 'processing' as const, clientSecret: null, ...confirming };
      },
      refund: async (input: { providerPaymentId: string; amountRupiah: number; idempotencyKey: string }) => {
        this.refunds.push(input);
        const state: RefundState = {
          providerRefundId: `re_test_${this.refunds.length}`,
          providerPaymentId: input.providerPaymentId,
          status: 'succeeded',
          amountRupiah: input.amountRupiah,
        };
        return state;
      },
    });
  }
}

const workerRedis = createWorkerRedis(testServiceUrls().redis);
let t: TestApp;
let market: Awaited<ReturnType<typeof orderingMarket>>;
let worker: Worker;
let relay: OutboxRelay;
let queue: Queue;
let recorder: RecordingProvider;
let provider: PaymentProvider;
const ledger = { platformFeeBasisPoints: 250 };

beforeAll(async () => {
  t = await startTestApp();
  configureOutboxFastPath(t.jobs);
  market = await orderingMarket(t.app as Express);
  recorder = new RecordingProvider(createStripeProvider(t.config));
  provider = recorder.wrap();
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  queue = new Queue(QUEUES.orders, { connection: t.redis, prefix });
  worker = new Worker(
    QUEUES.orders,
    ordersProcessor({
      jobs: t.jobs,
      orderTiming: { reminderHours: 24, escalationHours: 48 },
      payments: provider,
      ledger,
    }),
    { connection: workerRedis, prefix },
  );
  relay = new OutboxRelay({
    sources: [sellerOrderOutbox.source, paymentOutbox.source],
    jobs: t.jobs,
    logger: createLogger('silent'),
    intervalMs: 100,
  });
  relay.start();
});
afterAll(async () => {
  configureOutboxFastPath(null);
  await relay.stop();
  await worker.close();
  await queue.close();
  workerRedis.disconnect();
  await t.close();
});

interface Shop {
  buyer: Member;
  sellers: Member[];
  products: string[];
}

/** Two UMKM (one PKP), one buyer paying online. */
async function shop(): Promise<Shop> {
  const sellers = [await market.seller(), await market.seller()];
  const products = [await market.product(sellers[0]!, STOCKED), await market.product(sellers[1]!, STOCKED)];
  return { buyer: await market.buyer(['admin'], { onTerms: false }), sellers, products };
}

async function placeOnline(s: Shop): Promise<TBuyerOrder> {
  const res = await placeOrder(s.buyer.agent, {
    lines: [
      { productId: s.products[0]!, quantity: 10 },
      { productId: s.products[1]!, quantity: 4 },
    ],
    requestedDeliveryDate: inDays(5),
    paymentMethod: 'online',
  }).expect(201);
  return ZBuyerOrder.parse(res.body);
}

async function statusesOf(orderId: string): Promise<string[]> {
  const parts = await SellerOrderModel.find({ buyerOrderId: orderId })
    .setOptions({ crossTenant: true })
    .lean();
  return parts.map((part) => part.status).sort();
}

/** As the payments worker does after a webhook: the provider, re-read, says the intent succeeded. */
async function paymentSucceeds(order: TBuyerOrder, buyer: Member): Promise<void> {
  ZStartPaymentResponse.parse((await buyer.agent.post(`/api/orders/${order.id}/payment`).expect(200)).body);
  const payment = (await PaymentModel.findOne({ buyerOrderId: order.id })
    .setOptions({ crossTenant: true })
    .lean())!;
  const applied = await applyPaymentState({
    provider: 'stripe',
    observed: {
      providerPaymentId: payment.providerPaymentId!,
      status: 'succeeded',
      amountRupiah: order.totals.total,
      buyerOrderId: order.id,
      clientSecret: null,
    },
    observedAt: new Date(),
    eventId: 'evt_test_succeeded',
  });
  expect(applied.outcome).toBe('applied');
}

async function stockOf(productId: string) {
  return (await StockLevelModel.findOne({ productId }).setOptions({ crossTenant: true }).lean())!;
}

describe('paying online', () => {
  it('sellers are asked only once the payment is in, and are then owed their part less the fee', async () => {
    const s = await shop();
    const order = await placeOnline(s);
    expect(order.status).toBe('awaiting_payment');
    const part = order.sellerOrders.find((p) => p.seller.id === s.sellers[0]!.organisationId)!;
    // Not the seller's to accept yet, and not announced to it.
    const early = await s.sellers[0]!.agent.post(`/api/seller-orders/${part.id}/accept`).send({}).expect(409);
    expect(early.body.error.details.currentStatus).toBe('awaiting_payment');
    // Its payment window's end is scheduled, once per buyer order.
    await waitFor(async () => Boolean(await queue.getJob(`payment-expiry-${order.id}`)), 5_000, 'expiry job');
    expect(await noticesTitled(s.sellers[0]!.organisationId, 'Pesanan baru')).toBe(0);
    const inbox = async () =>
      ZListSellerOrdersResponse.parse((await s.sellers[0]!.agent.get('/api/seller-orders').expect(200)).body)
        .items;
    expect(await inbox()).toEqual([]);

    await paymentSucceeds(order, s.buyer);
    await waitFor(
      async () => (await statusesOf(order.id)).every((status) => status === 'placed'),
      5_000,
      'both seller orders placed',
    );
    const paid = ZBuyerOrder.parse((await s.buyer.agent.get(`/api/orders/${order.id}`).expect(200)).body);
    expect(paid.status).toBe('placed');
    expect(paid.payment.status).toBe('paid');
    expect(paid.sellerOrders[0]!.history.at(-1)).toMatchObject({
      move: 'confirmPayment',
      byParty: 'platform',
    });
    await waitFor(
      async () => (await noticesTitled(s.sellers[0]!.organisationId, 'Pesanan baru')) === 1,
      5_000,
      'the seller is told of the paid order',
    );
    // 10 × Rp 15.000 = 150.000; fee 2.5% = 3.750.
    await waitFor(
      async () => (await sellerBalance(s.sellers[0]!.organisationId)).balanceRupiah === 146_250,
      5_000,
      'the seller is owed its part less the fee',
    );
    expect((await inbox()).map((item) => item.id)).toEqual([part.id]);
    ZSellerOrder.parse(
      (await s.sellers[0]!.agent.post(`/api/seller-orders/${part.id}/accept`).send({}).expect(200)).body,
    );
    // A second start is refused: it is paid.
    expect((await s.buyer.agent.post(`/api/orders/${order.id}/payment`).expect(409)).body.error.code).toBe(
      'INVALID_STATE',
    );
  });

  it('a part cancelled after payment is refunded once, and that seller nets to zero', async () => {
    const s = await shop();
    const order = await placeOnline(s);
    await paymentSucceeds(order, s.buyer);
    await waitFor(async () => (await statusesOf(order.id)).every((st) => st === 'placed'), 5_000, 'placed');
    const part = order.sellerOrders.find((p) => p.seller.id === s.sellers[1]!.organisationId)!;
    await s.sellers[1]!.agent.post(`/api/seller-orders/${part.id}/cancel-by-seller`)
      .send({ reason: 'Bahan baku habis minggu ini' })
      .expect(200);
    await waitFor(
      () => recorder.refunds.some((refund) => refund.idempotencyKey === `pasar-umkm-refund-${part.id}`),
      5_000,
      'the cancelled part is refunded',
    );
    const refund = recorder.refunds.filter((r) => r.idempotencyKey === `pasar-umkm-refund-${part.id}`);
    expect(refund).toEqual([expect.objectContaining({ amountRupiah: part.totals.total })]);
    await waitFor(
      async () => (await sellerBalance(s.sellers[1]!.organisationId)).balanceRupiah === 0,
      5_000,
      'the refunded seller nets to zero',
    );
    const payment = (await PaymentModel.findOne({ buyerOrderId: order.id })
      .setOptions({ crossTenant: true })
      .lean())!;
    expect(payment.refundedRupiah).toBe(part.totals.total);
    expect(payment.refunds).toEqual([
      expect.objectContaining({ status: 'succeeded', providerRefundId: expect.any(String) }),
    ]);
    // The other seller keeps its money.
    expect((await sellerBalance(s.sellers[0]!.organisationId)).balanceRupiah).toBe(146_250);
  });
});

describe('refunds', () => {
  it('never add up to more than was paid, and one seller order is refunded once', async () => {
    const s = await shop();
    const order = await placeOnline(s);
    await paymentSucceeds(order, s.buyer);
    const [first, second] = order.sellerOrders;
    const refund = (sellerOrderId: string, amountRupiah: number) =>
      refundSellerOrder(
        { buyerOrderId: order.id, buyerOrganisationId: s.buyer.organisationId, sellerOrderId, amountRupiah },
        provider,
      );
    expect(await refund(first!.id, first!.totals.total)).toBe('refunded');
    expect(await refund(first!.id, first!.totals.total)).toBe('refunded');
    // More than what is left of the payment: refused, nothing claimed, the provider never asked.
    const asked = recorder.refunds.length;
    await expect(refund(second!.id, order.totals.total)).rejects.toThrow(/would exceed what was paid/);
    expect(recorder.refunds).toHaveLength(asked);
    const payment = (await PaymentModel.findOne({ buyerOrderId: order.id })
      .setOptions({ crossTenant: true })
      .lean())!;
    expect(payment.refundedRupiah).toBe(first!.totals.total);
    expect(payment.refunds).toHaveLength(1);
    // An order not paid has nothing to refund.
    const unpaid = await placeOnline(await shop());
    expect(
      await refundSellerOrder(
        {
          buyerOrderId: unpaid.id,
          buyerOrganisationId: unpaid.sellerOrders[0]!.buyer.id,
          sellerOrderId: unpaid.sellerOrders[0]!.id,
          amountRupiah: 1,
        },
        provider,
      ),
    ).toBe('not_paid');
  });
});

describe('the payment window', () => {
  it('unpaid when it closes: every part is cancelled, the stock goes back and the buyer is told once', async () => {
    const s = await shop();
    const order = await placeOnline(s);
    expect((await stockOf(s.products[0]!)).available).toBe(990);
    const job = { version: 1 as const, buyerOrderId: order.id, buyerOrganisationId: s.buyer.organisationId };
    const deps = { provider, jobs: t.jobs, ledger };
    // Early (clocks differ): nothing happens yet.
    await expireUnpaidOrder(job, deps, new Date());
    expect(await statusesOf(order.id)).toEqual(['awaiting_payment', 'awaiting_payment']);

    const after = new Date(Date.parse(order.payment.deadlineAt!) + 1_000);
    await expireUnpaidOrder(job, deps, after);
    await expireUnpaidOrder(job, deps, after);
    expect(await statusesOf(order.id)).toEqual(['cancelled', 'cancelled']);
    expect((await stockOf(s.products[0]!)).available).toBe(1_000);
    expect((await stockOf(s.products[1]!)).available).toBe(1_000);
    expect(
      await noticesTitled(s.buyer.organisationId, `Pesanan ${order.number} dibatalkan: belum dibayar`),
    ).toBe(1);
    const expired = ZBuyerOrder.parse((await s.buyer.agent.get(`/api/orders/${order.id}`).expect(200)).body);
    expect(expired).toMatchObject({ status: 'cancelled', payment: { status: 'expired' } });
    expect(expired.sellerOrders[0]!.history.at(-1)).toMatchObject({
      move: 'expirePayment',
      byParty: 'platform',
    });
    await s.buyer.agent.post(`/api/orders/${order.id}/payment`).expect(409);
  });

  it('paid after it closed: the whole payment goes back and no seller is owed anything', async () => {
    const s = await shop();
    const order = await placeOnline(s);
    // The buyer confirmed a bank payment just before the window closed: it cannot be canceled any more,
    // it is processing; the order expires all the same, and then the payment succeeds.
    ZStartPaymentResponse.parse(
      (await s.buyer.agent.post(`/api/orders/${order.id}/payment`).expect(200)).body,
    );
    const started = (await PaymentModel.findOne({ buyerOrderId: order.id })
      .setOptions({ crossTenant: true })
      .lean())!;
    recorder.processing.set(started.providerPaymentId!, {
      amountRupiah: order.totals.total,
      buyerOrderId: order.id,
    });
    const after = new Date(Date.parse(order.payment.deadlineAt!) + 1_000);
    const job = { version: 1 as const, buyerOrderId: order.id, buyerOrganisationId: s.buyer.organisationId };
    await expireUnpaidOrder(job, { provider, jobs: t.jobs, ledger }, after);
    expect(await statusesOf(order.id)).toEqual(['cancelled', 'cancelled']);
    expect((await PaymentModel.findById(started._id).setOptions({ crossTenant: true }).lean())!.status).toBe(
      'processing',
    );
    const payment = (await PaymentModel.findOne({ buyerOrderId: order.id })
      .setOptions({ crossTenant: true })
      .lean())!;
    await applyPaymentState({
      provider: 'stripe',
      observed: {
        providerPaymentId: payment.providerPaymentId!,
        status: 'succeeded',
        amountRupiah: order.totals.total,
        buyerOrderId: order.id,
        clientSecret: null,
      },
      observedAt: new Date(after.getTime() + 1_000),
      eventId: 'evt_test_late',
    });
    for (const part of order.sellerOrders) {
      await waitFor(
        () => recorder.refunds.some((r) => r.idempotencyKey === `pasar-umkm-refund-${part.id}`),
        5_000,
        `refund of ${part.number}`,
      );
    }
    for (const seller of s.sellers) {
      await waitFor(
        async () => (await sellerBalance(seller.organisationId)).balanceRupiah === 0,
        5_000,
        'no seller is owed anything',
      );
    }
    await waitFor(
      async () =>
        (await noticesTitled(s.buyer.organisationId, `Pembayaran pesanan ${order.number} dikembalikan`)) ===
        1,
      5_000,
      'the buyer is told',
    );
    const late = (await BuyerOrderModel.findOne({
      _id: order.id,
      organisationId: s.buyer.organisationId,
    }).lean())!;
    expect(late.payment.status).toBe('expired');
  });
});

describe('on terms', () => {
  it('a rejected part gives its amount back to the credit line', async () => {
    const seller = await market.seller();
    const productId = await market.product(seller, STOCKED);
    const buyer = await market.buyer(['purchaser']);
    const placed = ZBuyerOrder.parse(
      (
        await placeOrder(buyer.agent, {
          lines: [{ productId, quantity: 20 }],
          requestedDeliveryDate: inDays(5),
        }).expect(201)
      ).body,
    );
    expect(placed.payment.method).toBe('tempo');
    const line = () => CreditLineModel.findOne({ organisationId: buyer.organisationId }).lean();
    expect((await line())!.outstandingRupiah).toBe(300_000);
    await seller.agent
      .post(`/api/seller-orders/${placed.sellerOrders[0]!.id}/reject`)
      .send({ reason: 'Kapasitas produksi penuh' })
      .expect(200);
    await waitFor(async () => (await line())!.outstandingRupiah === 0, 5_000, 'credit released');
    expect((await line())!.holds).toEqual([]);
  });
});
