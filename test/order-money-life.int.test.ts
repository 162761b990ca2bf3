import type { Express } from 'express';
import type request from 'supertest';
import { Worker } from 'bullmq';
import { ZBuyerOrder } from '../shared/contracts/orders';
import { ZListInvoicesResponse } from '../shared/contracts/invoices';
import { ZLedgerBalance } from '../shared/contracts/ledger';
import { QUEUES } from '../shared/jobs';
import { todayInWib } from '../shared/time';
import { createLogger } from '../server/platform/logger';
import { bullPrefix } from '../server/platform/jobs';
import { configureOutboxFastPath, OutboxRelay } from '../server/platform/outbox';
import { createWorkerRedis } from '../server/platform/redis';
import { createStorage } from '../server/platform/storage';
import { CreditLineModel } from '../server/modules/credit/credit-line.model';
import { DEFAULT_PAYMENT_INSTRUCTIONS, invoiceOutbox } from '../server/modules/invoices';
import { InvoiceModel } from '../server/modules/invoices/invoice.models';
import { sellerOrderOutbox } from '../server/modules/orders';
import { createStripeProvider } from '../server/modules/payments';
import { invoicesProcessor } from '../workers/processors/invoices';
import { ordersProcessor } from '../workers/processors/orders';
import { agentFor, createUser } from './factories';
import { startTestApp, testServiceUrls, type TestApp } from './helpers/app';
import { waitFor } from './helpers/notices';
import { idempotencyKey, inDays, orderingMarket, placeOrder, STOCKED } from './helpers/orders';

/**
 * One order on terms through its whole money life, on the real queues, relay and workers: placed within
 * the credit line, accepted, invoiced, paid by the buyer's finance, the seller owed its sale less the fee,
 * paid out — and every balance back to zero: the seller's ledger and the buyer's credit.
 */
const workerRedis = createWorkerRedis(testServiceUrls().redis);
const ledger = { platformFeeBasisPoints: 200 };
let t: TestApp;
let workers: Worker[];
let relay: OutboxRelay;
let dinkopAdmin: request.Agent;

beforeAll(async () => {
  t = await startTestApp();
  configureOutboxFastPath(t.jobs);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  const payments = createStripeProvider(t.config);
  workers = [
    new Worker(
      QUEUES.orders,
      ordersProcessor({
        jobs: t.jobs,
        orderTiming: { reminderHours: 24, escalationHours: 48 },
        payments,
        ledger,
      }),
      { connection: workerRedis, prefix },
    ),
    new Worker(
      QUEUES.invoices,
      invoicesProcessor({
        jobs: t.jobs,
        invoices: { storage: createStorage(t.config), paymentInstructions: DEFAULT_PAYMENT_INSTRUCTIONS },
        ledger,
      }),
      { connection: workerRedis, prefix },
    ),
  ];
  relay = new OutboxRelay({
    sources: [sellerOrderOutbox.source, invoiceOutbox.source],
    jobs: t.jobs,
    logger: createLogger('silent'),
    intervalMs: 100,
  });
  relay.start();
  dinkopAdmin = await agentFor(
    t.app as Express,
    (await createUser({ kind: 'dinkop', roles: ['admin'] })).user,
  );
});
afterAll(async () => {
  configureOutboxFastPath(null);
  await relay.stop();
  await Promise.all(workers.map((worker) => worker.close()));
  workerRedis.disconnect();
  await t.close();
});

it('an order on terms: credit held, invoiced on acceptance, paid, owed, paid out — every balance back to zero', async () => {
  const market = await orderingMarket(t.app as Express);
  const seller = await market.seller();
  const productId = await market.product(seller, STOCKED);
  const buyer = await market.buyer(['admin', 'purchaser', 'finance']);
  const credit = () => CreditLineModel.findOne({ organisationId: buyer.organisationId }).lean();

  const order = ZBuyerOrder.parse(
    (
      await placeOrder(buyer.agent, {
        lines: [{ productId, quantity: 40 }],
        requestedDeliveryDate: inDays(4),
        purchaseOrderNumber: 'PO/KOPKAR/2026/0042',
      }).expect(201)
    ).body,
  );
  const part = order.sellerOrders[0]!;
  expect(order.payment).toMatchObject({ method: 'tempo', status: 'on_terms', termDays: 30 });
  // 40 × Rp 15.000, non-PKP seller.
  expect((await credit())!.outstandingRupiah).toBe(600_000);

  await seller.agent.post(`/api/seller-orders/${part.id}/accept`).send({}).expect(200);
  await waitFor(
    async () =>
      Boolean(await InvoiceModel.exists({ sellerOrderId: part.id }).setOptions({ crossTenant: true })),
    5_000,
    'invoice issued',
  );
  const invoices = ZListInvoicesResponse.parse(
    (await buyer.agent.get('/api/invoices').expect(200)).body,
  ).items;
  expect(invoices).toHaveLength(1);
  const invoice = invoices[0]!;
  expect(invoice).toMatchObject({ status: 'unpaid', totals: { total: 600_000 } });

  await buyer.agent
    .post(`/api/invoices/${invoice.id}/mark-paid`)
    .send({ transferReference: 'BCA 0512 778812', paidOn: todayInWib() })
    .expect(200);
  // The credit comes back and the seller is owed the sale less the 2% fee.
  await waitFor(async () => (await credit())!.outstandingRupiah === 0, 5_000, 'credit released');
  expect((await credit())!.availableRupiah).toBe(1_000_000_000);
  const balance = async () =>
    ZLedgerBalance.parse((await seller.agent.get('/api/ledger/balance').expect(200)).body);
  await waitFor(
    async () => (await balance()).balanceRupiah === 588_000,
    5_000,
    'seller owed its sale less fee',
  );
  expect((await balance()).byKind).toMatchObject({ sale: 600_000, platform_fee: -12_000, payout: 0 });

  await dinkopAdmin
    .post('/api/payout-batches')
    .set('Idempotency-Key', idempotencyKey())
    .send({ transferReference: 'TRF-DINKOP-2026-12-001', sellerOrganisationIds: [seller.organisationId] })
    .expect(201);
  expect(await balance()).toMatchObject({ balanceRupiah: 0, byKind: { payout: -588_000 } });
});
