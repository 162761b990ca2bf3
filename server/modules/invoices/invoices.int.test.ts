import type { Express } from 'express';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import type request from 'supertest';
import { ZInvoice, ZListInvoicesResponse, type TInvoice } from '../../../shared/contracts/invoices';
import { ppnOf } from '../../../shared/tax/ppn';
import { todayInWib } from '../../../shared/time';
import { agentFor, createUser, KARAWANG_ADDRESS } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { resolveAddress } from '../regions';
import { BuyerOrderModel, SellerOrderModel } from '../orders/order.models';
import { UmkmProfileModel } from '../umkm/umkm-profile.model';
import { InvoiceCounterModel, InvoiceModel, type InvoiceDoc } from './invoice.models';
import { creditInvoice, issueInvoice } from './invoices.service';
import { takeNumber } from './numbering';

let t: TestApp;
type Org = Awaited<ReturnType<typeof createUser>>['organisation'];
let buyer: Org;
let otherBuyer: Org;
let seller: Org;
let plainSeller: Org;
const as: Record<string, request.Agent> = {};

async function member(kind: 'buyer' | 'umkm' | 'dinkop', roles: string[], organisation?: Org) {
  const { user } = await createUser({
    kind,
    roles: roles as never,
    status: 'verified',
    ...(organisation ? { organisation } : {}),
  });
  return agentFor(t.app as Express, user);
}

beforeAll(async () => {
  t = await startTestApp();
  buyer = (await createUser({ kind: 'buyer', status: 'verified' })).organisation;
  otherBuyer = (await createUser({ kind: 'buyer', status: 'verified' })).organisation;
  seller = (await createUser({ kind: 'umkm', status: 'verified' })).organisation;
  plainSeller = (await createUser({ kind: 'umkm', status: 'verified' })).organisation;
  await UmkmProfileModel.create({ _id: seller._id, npwp: '01.234.567.8-431.000', isPkp: true });
  as.buyerAdmin = await member('buyer', ['admin'], buyer);
  as.buyerFinance = await member('buyer', ['finance'], buyer);
  as.buyerPurchaser = await member('buyer', ['purchaser'], buyer);
  as.otherFinance = await member('buyer', ['finance'], otherBuyer);
  as.sellerOwner = await member('umkm', ['owner'], seller);
  as.sellerStaff = await member('umkm', ['staff'], seller);
  as.otherSeller = await member('umkm', ['owner'], plainSeller);
  as.analyst = await member('dinkop', ['analyst']);
  as.dinkopAdmin = await member('dinkop', ['admin']);
  as.curator = await member('dinkop', ['curator']);
});
afterAll(() => t.close());

let orderSeq = 0;

/** A seller order as checkout and the seller's accept leave it (written directly: no API needed). */
async function acceptedOrder(
  options: {
    sellerOrg?: Org;
    buyerOrg?: Org;
    method?: 'tempo' | 'online';
    isPkp?: boolean;
    status?: 'placed' | 'accepted' | 'cancelled';
    accepted?: boolean;
    amounts?: number[];
    paidAt?: Date;
  } = {},
) {
  const sellerOrg = options.sellerOrg ?? seller;
  const buyerOrg = options.buyerOrg ?? buyer;
  const isPkp = options.isPkp ?? true;
  const method = options.method ?? 'tempo';
  const amounts = options.amounts ?? [100_001, 33_333, 7];
  const lines = amounts.map((lineTotal, i) => ({
    productId: new Types.ObjectId(),
    name: `Produk ${i + 1}`,
    unit: 'pak',
    quantity: 1,
    unitPrice: lineTotal,
    basePrice: lineTotal,
    lineTotal,
  }));
  const subtotal = amounts.reduce((a, b) => a + b, 0);
  const { taxBase, ppn } = ppnOf(subtotal, isPkp);
  const totals = { subtotal, taxBase, ppn, total: subtotal + ppn };
  const address = await resolveAddress(KARAWANG_ADDRESS);
  const number = `PSR-2026-${String(++orderSeq).padStart(6, '0')}`;
  const sellerOrderId = new Types.ObjectId();
  const buyerOrder = await BuyerOrderModel.create({
    organisationId: buyerOrg._id,
    number,
    placedByUserId: new Types.ObjectId(),
    placedByName: 'Siti',
    requestedDeliveryDate: '2026-12-20',
    purchaseOrderNumber: 'PO/KOP/0042',
    deliveryAddress: address,
    totals,
    buyer: { name: buyerOrg.name, buyerType: 'koperasi_karyawan' },
    parts: [
      {
        sellerOrderId,
        number: `${number}-1`,
        seller: { id: String(sellerOrg._id), name: sellerOrg.name, isPkp },
        lines,
        totals,
      },
    ],
    payment: {
      method,
      status: method === 'tempo' ? 'on_terms' : 'paid',
      termDays: method === 'tempo' ? 30 : null,
      deadlineAt: null,
      paidAt: method === 'online' ? (options.paidAt ?? new Date('2026-12-01T03:00:00Z')) : null,
    },
  });
  const accepted = options.accepted ?? options.status !== 'placed';
  await SellerOrderModel.create({
    _id: sellerOrderId,
    organisationId: sellerOrg._id,
    buyerOrganisationId: buyerOrg._id,
    buyerOrderId: buyerOrder._id,
    number: `${number}-1`,
    buyer: { name: buyerOrg.name, buyerType: 'koperasi_karyawan' },
    seller: { name: sellerOrg.name, isPkp },
    status: options.status ?? 'accepted',
    paymentMethod: method,
    version: 2,
    lines,
    totals,
    requestedDeliveryDate: '2026-12-20',
    purchaseOrderNumber: 'PO/KOP/0042',
    deliveryAddress: address,
    history: accepted
      ? [
          { move: null, from: null, to: 'placed', byName: 'Siti', byParty: 'buyer', at: new Date() },
          {
            move: 'accept',
            from: 'placed',
            to: 'accepted',
            byName: 'Pak',
            byParty: 'seller',
            at: new Date(),
          },
        ]
      : [{ move: null, from: null, to: 'placed', byName: 'Siti', byParty: 'buyer', at: new Date() }],
  });
  return { sellerOrderId: String(sellerOrderId), sellerId: String(sellerOrg._id), totals };
}

async function issue(options: Parameters<typeof acceptedOrder>[0] = {}): Promise<InvoiceDoc> {
  const order = await acceptedOrder(options);
  const invoice = await issueInvoice(order.sellerOrderId, order.sellerId);
  expect(invoice).not.toBeNull();
  return invoice!;
}

const seqOf = (number: string) => Number(number.split('/').at(-1));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('issuing', () => {
  it('a tempo order gets an unpaid invoice due termDays after the WIB issue date, lines summing to totals', async () => {
    const order = await acceptedOrder();
    const invoice = (await issueInvoice(order.sellerOrderId, order.sellerId))!;
    const year = todayInWib().slice(0, 4);
    expect(invoice.number).toMatch(new RegExp(`^INV/U\\d{5}/${year}/\\d{6}$`));
    expect(invoice).toMatchObject({
      status: 'unpaid',
      paymentMethod: 'tempo',
      termDays: 30,
      dueDate: addDays(todayInWib(invoice.issuedAt), 30),
      paidAt: null,
      purchaseOrderNumber: 'PO/KOP/0042',
      seller: { name: seller.name, npwp: '01.234.567.8-431.000', isPkp: true },
      buyer: { name: buyer.name, npwp: null },
      totals: order.totals,
    });
    expect(invoice.seller!.address).toContain('Jl. Raya Klari No. 12');
    expect(invoice.buyer!.address).toContain('Kec. ');
    const sum = (key: 'taxBase' | 'ppn' | 'lineTotal') =>
      invoice.lines.reduce((total, line) => total + line[key], 0);
    expect(sum('taxBase')).toBe(order.totals.taxBase);
    expect(sum('ppn')).toBe(order.totals.ppn);
    expect(sum('lineTotal')).toBe(order.totals.subtotal);
    const stored = await InvoiceModel.findOne({
      _id: invoice._id,
      organisationId: seller._id,
    }).lean<InvoiceDoc>();
    expect(stored!.outbox.map((entry) => entry.type)).toEqual(['invoice.issued']);
  });

  it('an online order is invoiced already paid, at the time the payment arrived, with no due date', async () => {
    const paidAt = new Date('2026-12-02T04:05:06Z');
    const invoice = await issue({ method: 'online', paidAt });
    expect(invoice).toMatchObject({ status: 'paid', paymentMethod: 'online', dueDate: null, termDays: null });
    expect(invoice.paidAt!.toISOString()).toBe(paidAt.toISOString());
  });

  it('a non-PKP seller invoices without DPP or PPN', async () => {
    const invoice = await issue({ sellerOrg: plainSeller, isPkp: false });
    expect(invoice.seller).toMatchObject({ isPkp: false, npwp: null });
    expect(invoice.totals).toMatchObject({ taxBase: 0, ppn: 0 });
    expect(invoice.lines.every((line) => line.taxBase === 0 && line.ppn === 0)).toBe(true);
  });

  it('an order never accepted, or cancelled before a number was taken, gets no invoice', async () => {
    const placed = await acceptedOrder({ status: 'placed' });
    expect(await issueInvoice(placed.sellerOrderId, placed.sellerId)).toBeNull();
    const cancelled = await acceptedOrder({ status: 'cancelled', accepted: true });
    expect(await issueInvoice(cancelled.sellerOrderId, cancelled.sellerId)).toBeNull();
    // Another seller's id for the order: nothing.
    const order = await acceptedOrder();
    expect(await issueInvoice(order.sellerOrderId, String(plainSeller._id))).toBeNull();
    expect(
      await InvoiceModel.countDocuments({
        organisationId: plainSeller._id,
        sellerOrderId: order.sellerOrderId,
      }),
    ).toBe(0);
  });
});

describe('numbering', () => {
  it('20 invoices issued at once for one seller are numbered 1..20: no gap, no duplicate', async () => {
    const { organisation } = await createUser({ kind: 'umkm', status: 'verified' });
    const orders = [];
    for (let i = 0; i < 20; i++) orders.push(await acceptedOrder({ sellerOrg: organisation }));
    const invoices = await Promise.all(orders.map((o) => issueInvoice(o.sellerOrderId, o.sellerId)));
    const seqs = invoices.map((invoice) => seqOf(invoice!.number)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(invoices.map((invoice) => invoice!.number.split('/')[1])).size).toBe(1);
    const counter = await InvoiceCounterModel.findOne({
      _id: `INV:${organisation._id}:${todayInWib().slice(0, 4)}`,
    }).lean();
    expect(counter).toMatchObject({ seq: 20, holds: [] });
  });

  it('a crash after taking a number leaves a hold; the retry issues with that same number', async () => {
    const { organisation } = await createUser({ kind: 'umkm', status: 'verified' });
    const first = await acceptedOrder({ sellerOrg: organisation });
    const crashed = await acceptedOrder({ sellerOrg: organisation });
    expect(seqOf((await issueInvoice(first.sellerOrderId, first.sellerId))!.number)).toBe(1);
    // The issuer died right after taking number 2 for this order.
    const hold = await takeNumber('INV', crashed.sellerId, crashed.sellerOrderId, new Date());
    expect(hold.seq).toBe(2);
    // Meanwhile another order takes the next number.
    const third = await acceptedOrder({ sellerOrg: organisation });
    expect(seqOf((await issueInvoice(third.sellerOrderId, third.sellerId))!.number)).toBe(3);
    const retried = await issueInvoice(crashed.sellerOrderId, crashed.sellerId);
    expect(seqOf(retried!.number)).toBe(2);
    const counter = await InvoiceCounterModel.findOne({
      _id: `INV:${organisation._id}:${todayInWib().slice(0, 4)}`,
    }).lean();
    expect(counter).toMatchObject({ seq: 3, holds: [] });
  });

  it('a held number is honoured even when the order was cancelled before the retry: issued, then credited', async () => {
    const { organisation } = await createUser({ kind: 'umkm', status: 'verified' });
    const order = await acceptedOrder({ sellerOrg: organisation });
    await takeNumber('INV', order.sellerId, order.sellerOrderId, new Date());
    await SellerOrderModel.updateOne(
      { _id: order.sellerOrderId, organisationId: organisation._id },
      { $set: { status: 'cancelled' } },
    );
    const invoice = (await issueInvoice(order.sellerOrderId, order.sellerId))!;
    expect(seqOf(invoice.number)).toBe(1);
    expect(invoice.status).toBe('credited');
    expect(invoice.creditNote!.number).toMatch(/^KN\/U\d{5}\/\d{4}\/000001$/);
  });

  it('issuing twice, one after the other or at once, makes one invoice', async () => {
    const order = await acceptedOrder();
    const [a, b] = await Promise.all([
      issueInvoice(order.sellerOrderId, order.sellerId),
      issueInvoice(order.sellerOrderId, order.sellerId),
    ]);
    const c = await issueInvoice(order.sellerOrderId, order.sellerId);
    expect(a!.number).toBe(b!.number);
    expect(c!.number).toBe(a!.number);
    expect(
      await InvoiceModel.countDocuments({ organisationId: seller._id, sellerOrderId: order.sellerOrderId }),
    ).toBe(1);
  });

  it('the seller code is stable across invoices and different between sellers', async () => {
    const a = await issue();
    const b = await issue();
    const c = await issue({ sellerOrg: plainSeller, isPkp: false });
    expect(a.sellerCode).toBe(b.sellerCode);
    expect(c.sellerCode).not.toBe(a.sellerCode);
  });
});

describe('credit notes', () => {
  it('credits an invoice once with its own gap-free KN series', async () => {
    const { organisation } = await createUser({ kind: 'umkm', status: 'verified' });
    const one = await issue({ sellerOrg: organisation, isPkp: false });
    const two = await issue({ sellerOrg: organisation, isPkp: false });
    const credited = await creditInvoice(String(one.sellerOrderId), 'Bahan baku habis', 'Pak Budi');
    expect(credited).toMatchObject({
      status: 'credited',
      creditNote: { reason: 'Bahan baku habis', byName: 'Pak Budi' },
    });
    expect(credited!.creditNote!.number).toBe(`KN/${one.sellerCode}/${todayInWib().slice(0, 4)}/000001`);
    const again = await creditInvoice(String(one.sellerOrderId), 'Lagi', 'Orang lain');
    expect(again!.creditNote!.number).toBe(credited!.creditNote!.number);
    const second = await creditInvoice(String(two.sellerOrderId), 'Dibatalkan pembeli', 'Bu Sari');
    expect(seqOf(second!.creditNote!.number!)).toBe(2);
    const stored = await InvoiceModel.findOne({
      _id: one._id,
      organisationId: organisation._id,
    }).lean<InvoiceDoc>();
    expect(stored!.outbox.map((entry) => entry.type)).toEqual(['invoice.issued', 'invoice.credited']);
    expect(await creditInvoice(new Types.ObjectId().toHexString(), 'x', 'y')).toBeNull();
  });
});

describe('reading and the PDF', () => {
  let invoice: InvoiceDoc;
  beforeAll(async () => {
    invoice = await issue();
  });

  it('the PDF starts with %PDF, is stored, and is served to the buyer finance, the seller and Dinkop only', async () => {
    const url = `/api/invoices/${invoice._id}/pdf`;
    const res = await as
      .buyerFinance!.get(url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (chunk: Buffer) => chunks.push(chunk));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(invoice.number.replace(/\//g, '-'));
    const body = res.body as Buffer;
    expect(body.subarray(0, 4).toString()).toBe('%PDF');
    const stored = await InvoiceModel.findOne({
      _id: invoice._id,
      organisationId: seller._id,
    }).lean<InvoiceDoc>();
    expect(stored!.pdf!.key).toMatch(new RegExp(`^invoices/${seller._id}/${invoice._id}/[a-f0-9]{64}$`));
    const file = await readFile(path.join(t.config.STORAGE_DIR, ...stored!.pdf!.key!.split('/')));
    expect(file.equals(body)).toBe(true);

    for (const who of ['buyerAdmin', 'sellerOwner', 'sellerStaff', 'analyst', 'dinkopAdmin']) {
      const ok = await as[who]!.get(url);
      expect({ who, status: ok.status }).toEqual({ who, status: 200 });
    }
    for (const who of ['buyerPurchaser', 'otherFinance', 'otherSeller', 'curator']) {
      const refused = await as[who]!.get(url);
      expect({ who, status: refused.status }).toEqual({ who, status: 404 });
    }
  });

  it('lists invoices per caller: buyer and seller their own, Dinkop all; filters by status', async () => {
    const other = await issue({ buyerOrg: otherBuyer });
    const ids = async (agent: request.Agent, query: object = {}) =>
      ZListInvoicesResponse.parse(
        (
          await agent
            .get('/api/invoices')
            .query({ limit: 100, ...query })
            .expect(200)
        ).body,
      ).items.map((item) => item.id);
    expect(await ids(as.buyerFinance!)).toContain(String(invoice._id));
    expect(await ids(as.buyerFinance!)).not.toContain(String(other._id));
    expect(await ids(as.otherFinance!)).toEqual([String(other._id)]);
    expect(await ids(as.sellerStaff!)).toEqual(
      expect.arrayContaining([String(invoice._id), String(other._id)]),
    );
    expect(await ids(as.otherSeller!)).not.toContain(String(invoice._id));
    expect(await ids(as.analyst!)).toEqual(expect.arrayContaining([String(invoice._id), String(other._id)]));
    expect(await ids(as.buyerFinance!, { status: 'paid' })).not.toContain(String(invoice._id));
    await as.buyerPurchaser!.get('/api/invoices').expect(403);
    await as.buyerFinance!.get('/api/invoices').query({ status: 'lunas' }).expect(400);
    const detail = ZInvoice.parse(
      (await as.sellerOwner!.get(`/api/invoices/${invoice._id}`).expect(200)).body,
    );
    expect(detail).toMatchObject({ number: invoice.number, pdfReady: true, buyer: { npwp: null } });
    await as.otherFinance!.get(`/api/invoices/${invoice._id}`).expect(404);
  });
});

describe('marking paid', () => {
  it('validates the transfer reference and the date, refuses foreign invoices, and only once', async () => {
    const invoice = await issue();
    const url = `/api/invoices/${invoice._id}/mark-paid`;
    const today = todayInWib();
    const bad = async (agent: request.Agent, body: object, status: number, code: string) => {
      const res = await agent.post(url).send(body);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
      return res;
    };
    const future = await bad(
      as.buyerFinance!,
      { transferReference: 'TRF-001', paidOn: addDays(today, 1) },
      400,
      'VALIDATION_FAILED',
    );
    expect(future.body.error.details.issues[0].path).toEqual(['paidOn']);
    await bad(
      as.buyerFinance!,
      { transferReference: 'TRF-001', paidOn: addDays(today, -1) },
      400,
      'VALIDATION_FAILED',
    );
    await bad(as.buyerFinance!, { transferReference: 'ab', paidOn: today }, 400, 'VALIDATION_FAILED');
    await bad(
      as.buyerFinance!,
      { transferReference: 'x'.repeat(61), paidOn: today },
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      as.buyerFinance!,
      { transferReference: 'TRF-001', paidOn: '05-12-2026' },
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      as.buyerFinance!,
      { transferReference: 'TRF-001', paidOn: today, amount: 5 },
      400,
      'VALIDATION_FAILED',
    );
    await bad(as.otherFinance!, { transferReference: 'TRF-001', paidOn: today }, 404, 'NOT_FOUND');
    await bad(as.buyerPurchaser!, { transferReference: 'TRF-001', paidOn: today }, 403, 'FORBIDDEN');
    await bad(as.sellerOwner!, { transferReference: 'TRF-001', paidOn: today }, 403, 'FORBIDDEN');
    const res = await as
      .buyerFinance!.post(url)
      .send({ transferReference: ' BCA-123456 ', paidOn: today })
      .expect(200);
    expect(ZInvoice.parse(res.body)).toMatchObject({ status: 'paid', paymentReference: 'BCA-123456' });
    expect(res.body.paidByName).toEqual(expect.any(String));
    const twice = await bad(
      as.buyerAdmin!,
      { transferReference: 'BCA-123456', paidOn: today },
      409,
      'INVALID_STATE',
    );
    expect(twice.body.error.details).toEqual({ status: 'paid' });
    const stored = await InvoiceModel.findOne({
      _id: invoice._id,
      organisationId: seller._id,
    }).lean<InvoiceDoc>();
    expect(stored!.outbox.map((entry) => entry.type)).toEqual(['invoice.issued', 'invoice.paid']);
  });

  it('a Dinkop admin may record it; credited and online invoices are not unpaid', async () => {
    const invoice = await issue();
    const today = todayInWib();
    const res = await as
      .dinkopAdmin!.post(`/api/invoices/${invoice._id}/mark-paid`)
      .send({ transferReference: 'MANDIRI-77', paidOn: today })
      .expect(200);
    expect((res.body as TInvoice).status).toBe('paid');
    const credited = await issue();
    await creditInvoice(String(credited.sellerOrderId), 'Dibatalkan', 'Sistem');
    const refused = await as
      .buyerFinance!.post(`/api/invoices/${credited._id}/mark-paid`)
      .send({ transferReference: 'BCA-1', paidOn: today })
      .expect(409);
    expect(refused.body.error.details).toEqual({ status: 'credited' });
    const online = await issue({ method: 'online' });
    await as
      .buyerFinance!.post(`/api/invoices/${online._id}/mark-paid`)
      .send({ transferReference: 'BCA-1', paidOn: today })
      .expect(409);
    await as
      .buyerFinance!.post(`/api/invoices/${new Types.ObjectId()}/mark-paid`)
      .send({ transferReference: 'BCA-1', paidOn: today })
      .expect(404);
    await as
      .buyerFinance!.post('/api/invoices/bukan-id/mark-paid')
      .send({ transferReference: 'BCA-1', paidOn: today })
      .expect(400);
  });
});
