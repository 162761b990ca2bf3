import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Express } from 'express';
import { trusted, Types } from 'mongoose';
import pino from 'pino';
import Stripe from 'stripe';
import request from 'supertest';
import { QUEUES } from '../../../shared/jobs';
import { ZStartPaymentResponse } from '../../../shared/contracts/payments';
import type { TPaymentStatus } from '../../../shared/states/payment';
import { createApp } from '../../app';
import { bullPrefix, JobQueues } from '../../platform/jobs';
import { configureOutboxFastPath, OutboxRelay } from '../../platform/outbox';
import { createWorkerRedis } from '../../platform/redis';
import { BuyerOrderModel } from '../orders/order.models';
import { resolveAddress } from '../regions';
import { paymentsProcessor } from '../../../workers/processors/payments';
import { agentFor, createUser, KARAWANG_ADDRESS } from '../../../test/factories';
import { startTestApp, testServiceUrls, type TestApp } from '../../../test/helpers/app';
import { waitFor } from '../../../test/helpers/notices';
import { NotificationModel } from '../notifications/notification.model';
import { PaymentModel, ProviderEventModel, type PaymentDoc, type ProviderEventDoc } from './payment.models';
import type {
  CreatedPayment,
  CreatePaymentInput,
  PaymentProvider,
  PaymentState,
  RefundState,
} from './payment-provider';
import { applyPaymentState } from './payments.service';
import { providerEventOutbox } from './payments.outbox';
import { StripePaymentProvider } from './stripe.adapter';

/**
 * Payments end to end on the real services. Starting a payment talks to stripe-mock through the real
 * Stripe adapter (it creates an intent there; see stripe.adapter.int.test.ts for what the mock can
 * prove). stripe-mock keeps no state — every retrieve answers the same USD fixture — so wherever a test
 * needs the provider to *say* something (this intent succeeded, is processing, came back twice), it uses
 * a double of our payments PORT, never of Stripe: the webhook route still verifies real Stripe
 * signatures (made with the SDK's test-header helper), and the worker runs the real processor.
 */

/** Our port, scripted: what retrievePayment answers per intent, and Stripe's idempotency on create. */
class PortDouble implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly webhookSignatureHeader = 'stripe-signature';
  /** Per intent: the answers of the next reads, in order; the last one repeats. */
  readonly answers = new Map<string, PaymentState[]>();
  readonly retrieved: string[] = [];
  readonly created: string[] = [];
  readonly canceled: string[] = [];
  private readonly byKey = new Map<string, Promise<CreatedPayment>>();
  private readonly verifier: StripePaymentProvider;

  constructor(
    webhookSecret: string,
    /** false: the idempotency window has passed, every create is a new intent. */
    private readonly idempotent = true,
  ) {
    this.verifier = new StripePaymentProvider({
      apiUrl: 'http://127.0.0.1:1',
      secretKey: 'sk_test_x',
      webhookSecret,
    });
  }

  script(
    id: string,
    ...states: Array<{ status: TPaymentStatus; amountRupiah: number; buyerOrderId?: string }>
  ) {
    this.answers.set(
      id,
      states.map((s) => ({
        providerPaymentId: id,
        clientSecret: `${id}_secret_x`,
        buyerOrderId: null,
        ...s,
      })),
    );
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const create = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20)); // a provider round trip, so calls overlap
      const id = `pi_double_${this.created.length + 1}_${randomUUID().slice(0, 8)}`;
      this.created.push(id);
      this.script(id, { status: 'requires_payment', amountRupiah: input.amountRupiah });
      return { providerPaymentId: id, clientSecret: `${id}_secret_x`, status: 'requires_payment' as const };
    };
    if (!this.idempotent) return create();
    if (!this.byKey.has(input.idempotencyKey)) this.byKey.set(input.idempotencyKey, create());
    return this.byKey.get(input.idempotencyKey)!;
  }

  async retrievePayment(id: string): Promise<PaymentState> {
    this.retrieved.push(id);
    const queue = this.answers.get(id);
    if (!queue?.length) throw new Error(`no scripted answer for ${id}`);
    return queue.length > 1 ? queue.shift()! : queue[0]!;
  }

  async cancelPayment(id: string): Promise<PaymentState> {
    this.canceled.push(id);
    return { ...(await this.retrievePayment(id)), status: 'canceled' };
  }

  async refund(): Promise<RefundState> {
    throw new Error('not used here');
  }

  /** Per refund: what retrieveRefund answers now. */
  readonly refundAnswers = new Map<string, RefundState>();

  async retrieveRefund(id: string): Promise<RefundState> {
    const answer = this.refundAnswers.get(id);
    if (!answer) throw new Error(`no scripted answer for refund ${id}`);
    return answer;
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined) {
    return this.verifier.verifyWebhook(rawBody, signatureHeader);
  }
}

const silent = pino({ level: 'silent' });
const workerRedis = createWorkerRedis(testServiceUrls().redis);
let t: TestApp;
let port: PortDouble;
let queue: Queue;
let worker: Worker;

beforeAll(async () => {
  t = await startTestApp();
  // As server/main.ts does: a stored event's job is added at once, the relay being the guarantee.
  configureOutboxFastPath(t.jobs);
  port = new PortDouble(t.config.STRIPE_WEBHOOK_SECRET);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  queue = new Queue(QUEUES.payments, { connection: t.redis, prefix });
  worker = new Worker(QUEUES.payments, paymentsProcessor({ payments: port }), {
    connection: workerRedis,
    prefix,
  });
});
afterAll(async () => {
  configureOutboxFastPath(null);
  await worker.close();
  await queue.close();
  workerRedis.disconnect();
  await t.close();
});

/** A purchaser of a verified buyer organisation, signed in on `app`. */
async function purchaser(app: Express = t.app as Express) {
  const { user, organisation } = await createUser({
    kind: 'buyer',
    roles: ['purchaser'],
    status: 'verified',
  });
  return { user, organisationId: organisation._id, agent: await agentFor(app, user) };
}

/** A buyer order as checkout writes it (only what payments reads matters here: organisation and total). */
async function buyerOrder(
  buyer: { organisationId: Types.ObjectId; user: { _id: Types.ObjectId; name: string } },
  total = 300_000,
) {
  const totals = { subtotal: total, taxBase: 0, ppn: 0, total };
  const order = await BuyerOrderModel.create({
    organisationId: buyer.organisationId,
    number: `PSR-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    placedByUserId: buyer.user._id,
    placedByName: buyer.user.name,
    requestedDeliveryDate: '2026-12-20',
    deliveryAddress: await resolveAddress(KARAWANG_ADDRESS),
    totals,
    buyer: { name: 'Kopkar Uji', buyerType: 'koperasi_karyawan' },
    payment: {
      method: 'online',
      status: 'awaiting',
      termDays: null,
      deadlineAt: new Date(Date.now() + 3_600_000),
      paidAt: null,
    },
    parts: [],
  });
  return String(order._id);
}

const paymentOf = (buyerOrderId: string) =>
  PaymentModel.findOne({ buyerOrderId }).setOptions({ crossTenant: true }).lean<PaymentDoc>();

/** A payment on file for a fresh order, whose provider id is the double's to script. */
async function paymentOnFile(total = 300_000) {
  const buyer = await purchaser();
  const buyerOrderId = await buyerOrder(buyer, total);
  const providerPaymentId = `pi_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await PaymentModel.create({
    organisationId: buyer.organisationId,
    buyerOrderId,
    provider: 'stripe',
    providerPaymentId,
    amountRupiah: total,
    status: 'requires_payment',
    version: 1,
    startedByUserId: buyer.user._id,
  });
  return { buyerOrderId, providerPaymentId, total };
}

/** A Stripe event as Stripe sends it: pretty-printed JSON, signed over those exact bytes. */
function stripeEvent(type: string, objectId: string, eventId = `evt_${randomUUID().replace(/-/g, '')}`) {
  const object = type.startsWith('refund') ? 'refund' : 'payment_intent';
  const payload = JSON.stringify(
    { id: eventId, object: 'event', type, data: { object: { id: objectId, object } } },
    null,
    2,
  );
  return { eventId, payload };
}

function sign(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? t.config.STRIPE_WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
}

function deliver(payload: string, signature: string | null = sign(payload)) {
  const sent = request(t.app).post('/api/payments/webhooks/stripe').set('Content-Type', 'application/json');
  return (signature === null ? sent : sent.set('Stripe-Signature', signature)).send(payload);
}

/** Waits for the event's job to finish (or fail once) and says how it ended. */
async function jobOutcome(eventId: string) {
  const jobId = `stripe-${eventId}`;
  await waitFor(
    async () => {
      const job = await queue.getJob(jobId);
      return Boolean(job?.finishedOn || job?.failedReason);
    },
    10_000,
    `job ${jobId} done`,
  );
  const job = (await queue.getJob(jobId))!;
  return { state: await job.getState(), result: job.returnvalue as { outcome: string } | undefined };
}

describe('starting a payment', () => {
  it('creates a PaymentIntent at stripe-mock for the order total and records one payment for the order', async () => {
    const buyer = await purchaser();
    const buyerOrderId = await buyerOrder(buyer, 300_000);
    const res = await buyer.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(200);
    expect(ZStartPaymentResponse.parse(res.body)).toEqual({
      provider: 'stripe',
      clientSecret: expect.stringMatching(/^pi_\w+_secret_\w+$/),
      publishableKey: 'pk_test_stripemock',
      amountRupiah: 300_000,
      // Ours, not the mock's: its canned intent carries a last_payment_error that would read as "failed".
      status: 'requires_payment',
    });
    const payment = await paymentOf(buyerOrderId);
    expect(payment).toMatchObject({
      provider: 'stripe',
      providerPaymentId: expect.stringMatching(/^pi_/),
      amountRupiah: 300_000,
      status: 'requires_payment',
      version: 1,
      history: [],
    });
    // Reopening the payment step answers from what we kept, without asking stripe-mock again (whose
    // reads answer a USD fixture the adapter refuses).
    const again = await buyer.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(200);
    expect(again.body.clientSecret).toBe(res.body.clientSecret);
    expect(await PaymentModel.countDocuments({ buyerOrderId }).setOptions({ crossTenant: true })).toBe(1);
  });

  it("another organisation's order is a 404, and nothing is created", async () => {
    const owner = await purchaser();
    const buyerOrderId = await buyerOrder(owner);
    const stranger = await purchaser();
    const res = await stranger.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(await paymentOf(buyerOrderId)).toBeNull();
  });

  it('two calls at once and a later one give one intent (the port double honours idempotency keys as Stripe does)', async () => {
    const double = new PortDouble(t.config.STRIPE_WEBHOOK_SECRET);
    const { app } = createApp({
      config: t.config,
      redis: t.redis,
      logger: silent,
      jobs: t.jobs,
      payments: double,
    });
    const buyer = await purchaser(app);
    const buyerOrderId = await buyerOrder(buyer, 125_000);
    const [a, b] = await Promise.all([
      buyer.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(200),
      buyer.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(200),
    ]);
    const later = await buyer.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(200);
    expect(double.created).toHaveLength(1);
    const secret = `${double.created[0]}_secret_x`;
    expect([a.body.clientSecret, b.body.clientSecret, later.body.clientSecret]).toEqual([
      secret,
      secret,
      secret,
    ]);
    expect(later.body).toMatchObject({ amountRupiah: 125_000, status: 'requires_payment' });
    expect(await PaymentModel.countDocuments({ buyerOrderId }).setOptions({ crossTenant: true })).toBe(1);
    expect((await paymentOf(buyerOrderId))!.providerPaymentId).toBe(double.created[0]);
  });

  it('a second intent made for the same order (idempotency window passed) is canceled; both callers get the kept one', async () => {
    const double = new PortDouble(t.config.STRIPE_WEBHOOK_SECRET, false);
    const { app } = createApp({
      config: t.config,
      redis: t.redis,
      logger: silent,
      jobs: t.jobs,
      payments: double,
    });
    const buyer = await purchaser(app);
    const buyerOrderId = await buyerOrder(buyer);
    const answers = await Promise.all([
      buyer.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(200),
      buyer.agent.post(`/api/orders/${buyerOrderId}/payment`).expect(200),
    ]);
    const kept = (await paymentOf(buyerOrderId))!.providerPaymentId!;
    expect(double.created).toHaveLength(2);
    expect(double.canceled).toEqual(double.created.filter((id) => id !== kept));
    expect(answers.map((res) => res.body.clientSecret)).toEqual([`${kept}_secret_x`, `${kept}_secret_x`]);
  });
});

describe('webhooks', () => {
  it('a signed event is stored, acknowledged, and its job re-reads the intent and applies it once', async () => {
    const { buyerOrderId, providerPaymentId, total } = await paymentOnFile();
    port.script(providerPaymentId, { status: 'succeeded', amountRupiah: total, buyerOrderId });
    const { eventId, payload } = stripeEvent('payment_intent.succeeded', providerPaymentId);

    const res = await deliver(payload).expect(200);
    expect(res.body).toEqual({ received: true, duplicate: false });
    expect(await jobOutcome(eventId)).toEqual({ state: 'completed', result: { outcome: 'applied' } });

    expect(port.retrieved.filter((id) => id === providerPaymentId)).toHaveLength(1);
    const payment = (await paymentOf(buyerOrderId))!;
    expect(payment).toMatchObject({ status: 'succeeded', version: 2 });
    expect(payment.history).toEqual([
      { at: expect.any(Date), from: 'requires_payment', to: 'succeeded', eventId },
    ]);
    // The seam to orders: the event travels in the payment document and is queued (job id = event id)
    // for the billing steps at once.
    expect(payment.outboxPending).toBe(0);
    expect(payment.outbox).toEqual([
      expect.objectContaining({
        type: 'payment.succeeded',
        publishedAt: expect.any(Date),
        payload: {
          version: 1,
          paymentId: String(payment._id),
          buyerOrderId,
          buyerOrganisationId: String(payment.organisationId),
          paymentVersion: 2,
          status: 'succeeded',
        },
      }),
    ]);
    const stored = await ProviderEventModel.findOne({ eventId }).lean();
    expect(stored).toMatchObject({
      provider: 'stripe',
      type: 'payment.succeeded',
      providerType: 'payment_intent.succeeded',
      objectId: providerPaymentId,
      handling: 'queued',
      outcome: 'applied',
      outboxPending: 0,
    });
  });

  it('the same event delivered again, and twice at once, is acknowledged and processed once', async () => {
    const { buyerOrderId, providerPaymentId, total } = await paymentOnFile();
    port.script(providerPaymentId, { status: 'processing', amountRupiah: total });
    const { eventId, payload } = stripeEvent('payment_intent.processing', providerPaymentId);

    await deliver(payload).expect(200, { received: true, duplicate: false });
    await jobOutcome(eventId);
    const again = await Promise.all([deliver(payload), deliver(payload), deliver(payload, sign(payload))]);
    expect(again.map((res) => [res.status, res.body.duplicate])).toEqual([
      [200, true],
      [200, true],
      [200, true],
    ]);
    expect(await ProviderEventModel.countDocuments({ eventId })).toBe(1);
    expect(port.retrieved.filter((id) => id === providerPaymentId)).toHaveLength(1);
    expect((await paymentOf(buyerOrderId))!.history).toHaveLength(1);
  });

  it('events out of order (succeeded before processing): the payment ends succeeded, the late one changes nothing', async () => {
    const { buyerOrderId, providerPaymentId, total } = await paymentOnFile();
    // The late event's read is the older observation: the table (succeeded is final) refuses it.
    port.script(
      providerPaymentId,
      { status: 'succeeded', amountRupiah: total },
      { status: 'processing', amountRupiah: total },
    );
    const succeeded = stripeEvent('payment_intent.succeeded', providerPaymentId);
    const processing = stripeEvent('payment_intent.processing', providerPaymentId);
    await deliver(succeeded.payload).expect(200);
    expect((await jobOutcome(succeeded.eventId)).result).toEqual({ outcome: 'applied' });
    await deliver(processing.payload).expect(200);
    expect((await jobOutcome(processing.eventId)).result).toEqual({ outcome: 'unchanged' });

    const payment = (await paymentOf(buyerOrderId))!;
    expect(payment.status).toBe('succeeded');
    expect(payment.history.map((entry) => entry.to)).toEqual(['succeeded']);
    expect(payment.outbox.map((entry) => entry.type)).toEqual(['payment.succeeded']);
  });

  it('a failed attempt, a retry and its success all land; an older read applied late never wins', async () => {
    const { buyerOrderId, providerPaymentId, total } = await paymentOnFile();
    const observe = (status: TPaymentStatus, at: number) =>
      applyPaymentState({
        provider: 'stripe',
        observed: { providerPaymentId, status, amountRupiah: total, buyerOrderId, clientSecret: null },
        observedAt: new Date(at),
        eventId: null,
      });
    const t0 = Date.now();
    expect(await observe('failed', t0 + 1)).toEqual({ outcome: 'applied', status: 'failed' });
    expect(await observe('processing', t0 + 3)).toEqual({ outcome: 'applied', status: 'processing' });
    // Read before the retry started, applied after it: failed → processing is a move the table knows,
    // processing → failed too, so only the observation time tells it is old.
    expect(await observe('failed', t0 + 2)).toEqual({ outcome: 'stale', status: 'processing' });
    expect(await observe('succeeded', t0 + 4)).toEqual({ outcome: 'applied', status: 'succeeded' });
    expect(await observe('canceled', t0 + 5)).toEqual({ outcome: 'unchanged', status: 'succeeded' });
    const payment = (await paymentOf(buyerOrderId))!;
    expect(payment.history.map((entry) => `${entry.from}→${entry.to}`)).toEqual([
      'requires_payment→failed',
      'failed→processing',
      'processing→succeeded',
    ]);
    expect(payment.outbox.map((entry) => entry.payload.paymentVersion)).toEqual([2, 3, 4]);
  });

  it('an intent whose amount or order is not what we created moves nothing; an unknown intent neither', async () => {
    const { buyerOrderId, providerPaymentId, total } = await paymentOnFile();
    port.script(providerPaymentId, { status: 'succeeded', amountRupiah: total - 1 });
    const wrongAmount = stripeEvent('payment_intent.succeeded', providerPaymentId);
    await deliver(wrongAmount.payload).expect(200);
    expect((await jobOutcome(wrongAmount.eventId)).result).toEqual({ outcome: 'mismatch' });

    port.script(providerPaymentId, {
      status: 'succeeded',
      amountRupiah: total,
      buyerOrderId: 'b'.repeat(24),
    });
    const wrongOrder = stripeEvent('payment_intent.succeeded', providerPaymentId);
    await deliver(wrongOrder.payload).expect(200);
    expect((await jobOutcome(wrongOrder.eventId)).result).toEqual({ outcome: 'mismatch' });
    expect((await paymentOf(buyerOrderId))!.status).toBe('requires_payment');

    port.script('pi_nobody_knows', { status: 'succeeded', amountRupiah: 1_000 });
    const unknown = stripeEvent('payment_intent.succeeded', 'pi_nobody_knows');
    await deliver(unknown.payload).expect(200);
    expect((await jobOutcome(unknown.eventId)).result).toEqual({ outcome: 'unknown_payment' });
  });

  it('a webhook that overtakes the recording of its intent id is retried until the id is there', async () => {
    const { buyerOrderId, providerPaymentId, total } = await paymentOnFile();
    // As between startPayment's create at the provider and its write of the id.
    await PaymentModel.updateOne(
      { buyerOrderId, organisationId: (await paymentOf(buyerOrderId))!.organisationId },
      { $set: { providerPaymentId: null } },
    );
    port.script(providerPaymentId, { status: 'succeeded', amountRupiah: total, buyerOrderId });
    const early = stripeEvent('payment_intent.succeeded', providerPaymentId);
    await deliver(early.payload).expect(200);
    await waitFor(
      async () => (await queue.getJob(`stripe-${early.eventId}`))?.attemptsMade === 1,
      10_000,
      'first attempt failed',
    );
    expect((await paymentOf(buyerOrderId))!.status).toBe('requires_payment');
    await PaymentModel.updateOne(
      { buyerOrderId, organisationId: (await paymentOf(buyerOrderId))!.organisationId },
      { $set: { providerPaymentId } },
    );
    // BullMQ's backoff (2 s, then doubling) brings the retry.
    await waitFor(
      async () => (await paymentOf(buyerOrderId))!.status === 'succeeded',
      15_000,
      'applied on retry',
    );
  }, 30_000);

  it('a refund is re-read after its webhook; a final status is never undone by a late event', async () => {
    const { providerPaymentId, buyerOrderId } = await paymentOnFile();
    const payment = (await PaymentModel.findOne({ providerPaymentId })
      .setOptions({ crossTenant: true })
      .lean<PaymentDoc>())!;
    const sellerOrderId = new Types.ObjectId();
    await PaymentModel.updateOne(
      { _id: payment._id, organisationId: payment.organisationId },
      {
        $set: {
          status: 'succeeded',
          refundedRupiah: 100_000,
          refunds: [
            {
              sellerOrderId,
              amountRupiah: 100_000,
              providerRefundId: 're_double_1',
              status: 'pending',
              requestedAt: new Date(),
            },
          ],
        },
      },
    );
    const refundState = (status: 'pending' | 'succeeded') => ({
      providerRefundId: 're_double_1',
      providerPaymentId,
      status,
      amountRupiah: 100_000,
    });
    const refundOf = async () =>
      (await PaymentModel.findById(payment._id).setOptions({ crossTenant: true }).lean<PaymentDoc>())!
        .refunds[0]!.status;

    port.refundAnswers.set('re_double_1', refundState('succeeded'));
    const done = stripeEvent('refund.updated', 're_double_1');
    await deliver(done.payload).expect(200);
    expect((await jobOutcome(done.eventId)).result).toEqual({ outcome: 'applied' });
    expect(await refundOf()).toBe('succeeded');

    // An older event delivered late, whose re-read would (wrongly, say) still answer pending: no change.
    port.refundAnswers.set('re_double_1', refundState('pending'));
    const late = stripeEvent('refund.updated', 're_double_1');
    await deliver(late.payload).expect(200);
    expect((await jobOutcome(late.eventId)).result).toEqual({ outcome: 'unchanged' });
    expect(await refundOf()).toBe('succeeded');
    expect(buyerOrderId).toBeTruthy();

    // One the provider gives up on is put before Dinkop's admins, once.
    const { organisation: dinkop } = await createUser({ kind: 'dinkop', roles: ['admin'] });
    await PaymentModel.updateOne(
      { _id: payment._id, organisationId: payment.organisationId },
      { $set: { 'refunds.0.providerRefundId': 're_double_2', 'refunds.0.status': 'pending' } },
    );
    port.refundAnswers.set('re_double_2', {
      ...refundState('pending'),
      providerRefundId: 're_double_2',
      status: 'failed',
    });
    for (const attempt of [
      stripeEvent('refund.failed', 're_double_2'),
      stripeEvent('refund.updated', 're_double_2'),
    ]) {
      await deliver(attempt.payload).expect(200);
      await jobOutcome(attempt.eventId);
    }
    expect(await refundOf()).toBe('failed');
    const notices = await NotificationModel.find({
      organisationId: dinkop._id,
      title: 'Pengembalian dana gagal',
    }).lean();
    expect(notices).toHaveLength(1);
  });

  it('events of no concern are acknowledged and kept, without a job; refunds of no payment of ours change nothing', async () => {
    const ignored = { eventId: `evt_${randomUUID().replace(/-/g, '')}` };
    const customer = JSON.stringify({
      id: ignored.eventId,
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_123', object: 'customer' } },
    });
    await deliver(customer).expect(200, { received: true, duplicate: false });
    port.refundAnswers.set('re_123', {
      providerRefundId: 're_123',
      providerPaymentId: 'pi_not_ours',
      status: 'succeeded',
      amountRupiah: 5_000,
    });
    const refund = stripeEvent('refund.updated', 're_123');
    await deliver(refund.payload).expect(200, { received: true, duplicate: false });

    const stored = await ProviderEventModel.find({
      eventId: trusted({ $in: [ignored.eventId, refund.eventId] }),
    })
      .sort({ _id: 1 })
      .lean<ProviderEventDoc[]>();
    expect(stored.map((e) => [e.type, e.handling])).toEqual([
      ['ignored', 'ignored'],
      ['refund.updated', 'queued'],
    ]);
    expect(await queue.getJob(`stripe-${ignored.eventId}`)).toBeUndefined();
    expect((await jobOutcome(refund.eventId)).result).toEqual({ outcome: 'unknown_payment' });
  });

  it('refuses a missing, tampered, foreign or stale signature with 400 and stores nothing', async () => {
    const { providerPaymentId } = await paymentOnFile();
    const { eventId, payload } = stripeEvent('payment_intent.succeeded', providerPaymentId);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const attempts = [
      deliver(payload, null),
      deliver(payload.replace(providerPaymentId, 'pi_someone_else'), sign(payload)),
      deliver(payload, sign(payload, { secret: 'whsec_of_another_endpoint' })),
      deliver(payload, sign(payload, { timestamp: sixMinutesAgo })),
    ];
    for (const res of await Promise.all(attempts)) {
      expect([res.status, res.body.error?.code]).toEqual([400, 'WEBHOOK_SIGNATURE_INVALID']);
    }
    expect(await ProviderEventModel.countDocuments({ eventId })).toBe(0);
    expect(await queue.getJob(`stripe-${eventId}`)).toBeUndefined();
  });

  it('refuses a body over the cap with 413, unread and unstored', async () => {
    const big = JSON.stringify({
      id: 'evt_big',
      object: 'event',
      type: 'x',
      padding: 'x'.repeat(300 * 1024),
    });
    const res = await deliver(big).expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await ProviderEventModel.countDocuments({ eventId: 'evt_big' })).toBe(0);
  });

  it('with Redis away the event is still acknowledged and kept; the relay queues it when Redis is back', async () => {
    const { buyerOrderId, providerPaymentId, total } = await paymentOnFile();
    port.script(providerPaymentId, { status: 'succeeded', amountRupiah: total });
    // A connection that never connects: every add fails at once, as while Redis is down.
    const away = new Redis(testServiceUrls().redis, { lazyConnect: true });
    configureOutboxFastPath(new JobQueues(away, bullPrefix(t.config.REDIS_KEY_PREFIX)));
    const { eventId, payload } = stripeEvent('payment_intent.succeeded', providerPaymentId);
    try {
      await deliver(payload).expect(200, { received: true, duplicate: false });
    } finally {
      configureOutboxFastPath(t.jobs);
      away.disconnect();
    }
    expect(await ProviderEventModel.findOne({ eventId }).lean()).toMatchObject({ outboxPending: 1 });
    expect(await queue.getJob(`stripe-${eventId}`)).toBeUndefined();

    const relay = new OutboxRelay({
      sources: [providerEventOutbox.source],
      jobs: t.jobs,
      logger: silent,
      intervalMs: 60_000,
    });
    expect(await relay.publishPending()).toBeGreaterThanOrEqual(1);
    expect((await jobOutcome(eventId)).result).toEqual({ outcome: 'applied' });
    expect((await paymentOf(buyerOrderId))!.status).toBe('succeeded');
  });
});
