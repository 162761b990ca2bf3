import type { Express } from 'express';
import { Queue, Worker } from 'bullmq';
import { Types } from 'mongoose';
import { QUEUES } from '../shared/jobs';
import { ppnOf } from '../shared/tax/ppn';
import { todayInWib } from '../shared/time';
import { bullPrefix, JobQueues } from '../server/platform/jobs';
import { createLogger } from '../server/platform/logger';
import { OutboxRelay } from '../server/platform/outbox';
import { createRedis, createWorkerRedis } from '../server/platform/redis';
import { createStorage } from '../server/platform/storage';
import {
  DEFAULT_PAYMENT_INSTRUCTIONS,
  handleInvoiceEvent,
  invoiceOutbox,
  issueInvoice,
} from '../server/modules/invoices';
import { InvoiceModel, type InvoiceDoc } from '../server/modules/invoices/invoice.models';
import { pdfJobId, reminderJobId, reminderTime } from '../server/modules/invoices/invoice-jobs.service';
import { BuyerOrderModel, SellerOrderModel } from '../server/modules/orders/order.models';
import { resolveAddress } from '../server/modules/regions';
import { agentFor, createUser, KARAWANG_ADDRESS } from '../test/factories';
import { startTestApp, testServiceUrls, waitForRedis, type TestApp } from '../test/helpers/app';
import { inDays, noticesTitled, orderingMarket, placeOrder } from '../test/helpers/orders';
import { invoicesProcessor } from './processors/invoices';

let t: TestApp;
let relay: OutboxRelay;
let worker: Worker;
let jobs: JobQueues;
let queue: Queue;
const redis = createRedis(testServiceUrls().redis);
const workerRedis = createWorkerRedis(testServiceUrls().redis);
type Org = Awaited<ReturnType<typeof createUser>>['organisation'];
let buyer: Org;
let seller: Org;

beforeAll(async () => {
  t = await startTestApp();
  await waitForRedis(redis);
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  jobs = new JobQueues(redis, prefix);
  queue = new Queue(QUEUES.invoices, { connection: redis, prefix });
  relay = new OutboxRelay({
    sources: [invoiceOutbox.source],
    jobs,
    logger: createLogger('silent'),
    intervalMs: 100,
  });
  relay.start();
  const invoices = { storage: createStorage(t.config), paymentInstructions: DEFAULT_PAYMENT_INSTRUCTIONS };
  worker = new Worker(
    QUEUES.invoices,
    invoicesProcessor({ jobs, invoices, ledger: { platformFeeBasisPoints: 0 } }),
    {
      connection: workerRedis,
      prefix,
    },
  );
  buyer = (await createUser({ kind: 'buyer', status: 'verified' })).organisation;
  seller = (await createUser({ kind: 'umkm', status: 'verified' })).organisation;
});
afterAll(async () => {
  await relay.stop();
  await worker.close();
  await queue.close();
  await jobs.close();
  redis.disconnect();
  workerRedis.disconnect();
  await t.close();
});

let orderSeq = 0;

/** A seller order as checkout and the seller's accept leave it, written directly. */
async function acceptedOrder(method: 'tempo' | 'online' = 'tempo') {
  const lines = [
    {
      productId: new Types.ObjectId(),
      name: 'Keripik Tempe',
      unit: 'pak',
      quantity: 100,
      unitPrice: 13_500,
      basePrice: 15_000,
      lineTotal: 1_350_000,
    },
  ];
  const { taxBase, ppn } = ppnOf(1_350_000, true);
  const totals = { subtotal: 1_350_000, taxBase, ppn, total: 1_350_000 + ppn };
  const address = await resolveAddress(KARAWANG_ADDRESS);
  const number = `PSR-2026-${String(++orderSeq).padStart(6, '0')}`;
  const sellerOrderId = new Types.ObjectId();
  const buyerOrder = await BuyerOrderModel.create({
    organisationId: buyer._id,
    number,
    placedByUserId: new Types.ObjectId(),
    placedByName: 'Siti',
    requestedDeliveryDate: '2026-12-20',
    deliveryAddress: address,
    totals,
    buyer: { name: buyer.name, buyerType: 'koperasi_karyawan' },
    parts: [
      {
        sellerOrderId,
        number: `${number}-1`,
        seller: { id: String(seller._id), name: seller.name, isPkp: true },
        lines,
        totals,
      },
    ],
    payment: {
      method,
      status: method === 'tempo' ? 'on_terms' : 'paid',
      termDays: method === 'tempo' ? 14 : null,
      deadlineAt: null,
      paidAt: method === 'online' ? new Date() : null,
    },
  });
  await SellerOrderModel.create({
    _id: sellerOrderId,
    organisationId: seller._id,
    buyerOrganisationId: buyer._id,
    buyerOrderId: buyerOrder._id,
    number: `${number}-1`,
    buyer: { name: buyer.name, buyerType: 'koperasi_karyawan' },
    seller: { name: seller.name, isPkp: true },
    status: 'accepted',
    paymentMethod: method,
    version: 2,
    lines,
    totals,
    requestedDeliveryDate: '2026-12-20',
    deliveryAddress: address,
    history: [
      { move: 'accept', from: 'placed', to: 'accepted', byName: 'Pak', byParty: 'seller', at: new Date() },
    ],
  });
  return String(sellerOrderId);
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const stored = (invoiceId: unknown) =>
  InvoiceModel.findOne({ _id: invoiceId, organisationId: seller._id }).lean<InvoiceDoc>();

async function finished(jobId: string): Promise<unknown> {
  let value: unknown;
  await eventually(async () => {
    const job = await queue.getJob(jobId);
    if (!job || !(await job.isCompleted())) return false;
    value = job.returnvalue;
    return true;
  });
  return value;
}

it('the issue job issues the invoice; its event renders the PDF and schedules reminders at 09:00 WIB', async () => {
  const sellerOrderId = await acceptedOrder();
  const before = Date.now();
  // As the orders module will enqueue it when the seller accepts.
  await jobs.enqueue(
    'invoices',
    'issue-invoice',
    { version: 1, sellerOrderId, sellerOrganisationId: String(seller._id) },
    { jobId: `issue-invoice-${sellerOrderId}` },
  );
  let invoice: InvoiceDoc | null = null;
  await eventually(async () => {
    invoice = await InvoiceModel.findOne({ organisationId: seller._id, sellerOrderId }).lean<InvoiceDoc>();
    return Boolean(invoice?.pdf?.key);
  });
  const id = String(invoice!._id);
  expect(invoice!.outboxPending).toBe(0);
  expect(await finished(pdfJobId(id))).toMatchObject({ rendered: true });
  const due = invoice!.dueDate!;
  expect(due).toBe(
    new Date(Date.parse(`${todayInWib()}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10),
  );
  for (const stage of ['before_due', 'due', 'overdue'] as const) {
    const job = await queue.getJob(reminderJobId(id, stage));
    expect(job).toBeDefined();
    expect(job!.data).toEqual({ version: 1, invoiceId: id, sellerOrganisationId: String(seller._id), stage });
    const firesAt = job!.timestamp + (job!.opts.delay ?? 0);
    expect(Math.abs(firesAt - reminderTime(due, stage).getTime())).toBeLessThan(Date.now() - before + 1_000);
  }
  expect(reminderTime('2026-12-19', 'before_due').toISOString()).toBe('2026-12-16T02:00:00.000Z');
  expect(reminderTime('2026-12-19', 'overdue').toISOString()).toBe('2026-12-26T02:00:00.000Z');
});

it('an online invoice gets its PDF but no reminders; an event relayed very late skips reminders already past', async () => {
  const online = (await issueInvoice(await acceptedOrder('online'), String(seller._id)))!;
  const onlineId = String(online._id);
  await eventually(async () => Boolean((await stored(online._id))?.pdf?.key));
  expect(await queue.getJob(reminderJobId(onlineId, 'due'))).toBeUndefined();

  const tempo = (await issueInvoice(await acceptedOrder(), String(seller._id)))!;
  const id = String(tempo._id);
  await eventually(async () => Boolean(await queue.getJob(reminderJobId(id, 'overdue'))));
  await queue.remove(reminderJobId(id, 'before_due'));
  await queue.remove(reminderJobId(id, 'due'));
  await queue.remove(reminderJobId(id, 'overdue'));
  // The fake clock: two days after the due date, the event handled again.
  const late = new Date(reminderTime(tempo.dueDate!, 'due').getTime() + 2 * 86_400_000);
  await handleInvoiceEvent(
    { version: 1, invoiceId: id, sellerOrganisationId: String(seller._id), type: 'issued' },
    jobs,
    late,
  );
  expect(await queue.getJob(reminderJobId(id, 'before_due'))).toBeUndefined();
  expect(await queue.getJob(reminderJobId(id, 'due'))).toBeUndefined();
  const overdue = await queue.getJob(reminderJobId(id, 'overdue'));
  expect(overdue!.opts.delay).toBe(reminderTime(tempo.dueDate!, 'overdue').getTime() - late.getTime());
  await queue.remove(reminderJobId(id, 'overdue'));
});

it('reminders tell the buyer (and, overdue, the seller) only while the invoice is unpaid', async () => {
  const invoice = (await issueInvoice(await acceptedOrder(), String(seller._id)))!;
  const id = String(invoice._id);
  await eventually(async () => Boolean(await queue.getJob(reminderJobId(id, 'overdue'))));
  const base = { version: 1 as const, invoiceId: id, sellerOrganisationId: String(seller._id) };
  // Fired now instead of at their time (fresh ids: the scheduled ones are still waiting).
  await jobs.enqueue('invoices', 'invoice-reminder', { ...base, stage: 'due' }, { jobId: `now-due-${id}` });
  expect(await finished(`now-due-${id}`)).toBe(true);
  expect(await noticesTitled(String(buyer._id), `Faktur ${invoice.number} jatuh tempo hari ini`)).toBe(1);
  // A retried reminder tells no one twice.
  await jobs.enqueue('invoices', 'invoice-reminder', { ...base, stage: 'due' }, { jobId: `again-due-${id}` });
  expect(await finished(`again-due-${id}`)).toBe(false);
  expect(await noticesTitled(String(buyer._id), `Faktur ${invoice.number} jatuh tempo hari ini`)).toBe(1);
  await jobs.enqueue(
    'invoices',
    'invoice-reminder',
    { ...base, stage: 'overdue' },
    { jobId: `now-overdue-${id}` },
  );
  expect(await finished(`now-overdue-${id}`)).toBe(true);
  expect(await noticesTitled(String(buyer._id), `Faktur ${invoice.number} lewat jatuh tempo`)).toBe(1);
  expect(await noticesTitled(String(seller._id), `Faktur ${invoice.number} belum dibayar`)).toBe(1);

  const finance = await agentFor(
    t.app as Express,
    (await createUser({ kind: 'buyer', roles: ['finance'], organisation: buyer })).user,
  );
  await finance
    .post(`/api/invoices/${id}/mark-paid`)
    .send({ transferReference: 'BCA-991', paidOn: todayInWib() })
    .expect(200);
  await jobs.enqueue(
    'invoices',
    'invoice-reminder',
    { ...base, stage: 'before_due' },
    { jobId: `now-before-${id}` },
  );
  expect(await finished(`now-before-${id}`)).toBe(false);
  expect(await noticesTitled(String(buyer._id), `Faktur ${invoice.number} jatuh tempo 3 hari lagi`)).toBe(0);
  // The paid event went out through the relay too.
  await eventually(async () => (await stored(id))!.outboxPending === 0);
});

it('through the API: an order placed and accepted is invoiced with its PO number and terms', async () => {
  const market = await orderingMarket(t.app as Express);
  const owner = await market.seller();
  const productId = await market.product(owner);
  const purchaser = await market.buyer(['admin', 'purchaser']);
  const placed = await placeOrder(purchaser.agent, {
    lines: [{ productId, quantity: 30 }],
    requestedDeliveryDate: inDays(10),
    purchaseOrderNumber: 'PO/KOP/2026/117',
  }).expect(201);
  const part = placed.body.sellerOrders[0];
  expect(placed.body.payment.method).toBe('tempo');
  await owner.agent.post(`/api/seller-orders/${part.id}/accept`).send({}).expect(200);
  await jobs.enqueue(
    'invoices',
    'issue-invoice',
    { version: 1, sellerOrderId: part.id, sellerOrganisationId: owner.organisationId },
    { jobId: `issue-invoice-${part.id}` },
  );
  let invoice: InvoiceDoc | null = null;
  await eventually(async () => {
    invoice = await InvoiceModel.findOne({
      organisationId: owner.organisationId,
      sellerOrderId: part.id,
    }).lean<InvoiceDoc>();
    return Boolean(invoice?.pdf?.key);
  });
  expect(invoice).toMatchObject({
    status: 'unpaid',
    purchaseOrderNumber: 'PO/KOP/2026/117',
    sellerOrderNumber: part.number,
    buyerOrderNumber: placed.body.number,
    totals: part.totals,
  });
});
