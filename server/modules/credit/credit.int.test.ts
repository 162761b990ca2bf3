import type { Express } from 'express';
import type request from 'supertest';
import {
  ZCreditLine,
  ZListCreditLinesResponse,
  ZMyCreditLineResponse,
} from '../../../shared/contracts/credit';
import { ZBuyerOrder } from '../../../shared/contracts/orders';
import { agentFor, createOrganisation, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { inDays, orderingMarket, placeOrder, STOCKED, type Member } from '../../../test/helpers/orders';
import { StockLevelModel } from '../orders/order.models';
import { CreditLineModel } from './credit-line.model';
import { releaseCredit } from './credit.service';

let t: TestApp;
let market: Awaited<ReturnType<typeof orderingMarket>>;
let dinkopAdmin: request.Agent;
let analyst: request.Agent;

beforeAll(async () => {
  t = await startTestApp();
  market = await orderingMarket(t.app as Express);
  const { user, organisation } = await createUser({ kind: 'dinkop', roles: ['admin'] });
  dinkopAdmin = await agentFor(t.app as Express, user);
  analyst = await agentFor(
    t.app as Express,
    (await createUser({ kind: 'dinkop', roles: ['analyst'], organisation })).user,
  );
});
afterAll(() => t.close());

/** A koperasi without a credit line yet. */
const koperasi = (roles: Parameters<typeof market.buyer>[0] = ['purchaser']) =>
  market.buyer(roles, { onTerms: false });

function setLine(organisationId: string, body: object) {
  return dinkopAdmin.put(`/api/organisations/${organisationId}/credit-line`).send(body);
}

/** One stocked product at Rp 15.000 per pack (non-PKP): an order of n packs owes n × 15.000. */
async function product(stock = 1_000): Promise<string> {
  const seller = await market.seller();
  return market.product(seller, { ...STOCKED, supply: { mode: 'stock', stockOnHand: stock } });
}

const onTerms = (productId: string, quantity: number) => ({
  lines: [{ productId, quantity }],
  requestedDeliveryDate: inDays(3),
  paymentMethod: 'tempo',
});

async function lineOf(buyer: Member) {
  return ZMyCreditLineResponse.parse(
    (await buyer.agent.get('/api/organisation/credit-line').expect(200)).body,
  ).creditLine;
}

describe('credit lines', () => {
  it('a Dinkop admin sets terms and a limit for a verified koperasi; its members see their use of it', async () => {
    const buyer = await koperasi();
    expect(await lineOf(buyer)).toBeNull();
    const line = ZCreditLine.parse(
      (
        await setLine(buyer.organisationId, { termDays: 30, limitRupiah: 5_000_000, active: true }).expect(
          200,
        )
      ).body,
    );
    expect(line).toMatchObject({
      termDays: 30,
      limitRupiah: 5_000_000,
      outstandingRupiah: 0,
      availableRupiah: 5_000_000,
    });
    expect(await lineOf(buyer)).toMatchObject({ termDays: 30, availableRupiah: 5_000_000 });

    const listed = ZListCreditLinesResponse.parse(
      (await analyst.get('/api/credit-lines?limit=100').expect(200)).body,
    );
    expect(listed.items.some((item) => item.organisationId === buyer.organisationId)).toBe(true);
    // Analysts watch; only admins decide.
    await analyst
      .put(`/api/organisations/${buyer.organisationId}/credit-line`)
      .send({ termDays: 14, limitRupiah: 1, active: true })
      .expect(403);
    await buyer.agent.get('/api/credit-lines').expect(403);
  });

  it('refuses hotels, unverified organisations, odd terms and negative or absurd limits', async () => {
    const hotel = await createOrganisation({ kind: 'buyer', buyerType: 'hotel', status: 'verified' });
    const hotelRes = await setLine(String(hotel._id), {
      termDays: 30,
      limitRupiah: 1_000_000,
      active: true,
    }).expect(409);
    expect(hotelRes.body.error.message).toMatch(/koperasi, perusahaan dan instansi pemerintah/);
    const pending = await createOrganisation({ kind: 'buyer', status: 'pending_verification' });
    await setLine(String(pending._id), { termDays: 30, limitRupiah: 1_000_000, active: true }).expect(409);

    const buyer = await koperasi();
    for (const body of [
      { termDays: 60, limitRupiah: 1_000_000, active: true },
      { termDays: 30, limitRupiah: -1, active: true },
      { termDays: 30, limitRupiah: 10_000_000_001, active: true },
      { termDays: 30, limitRupiah: 1.5, active: true },
      { termDays: 30, limitRupiah: 1_000_000, active: true, outstandingRupiah: 0 },
    ]) {
      const res = await setLine(buyer.organisationId, body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    await setLine('0123456789abcdef01234567', { termDays: 30, limitRupiah: 1, active: true }).expect(404);
    expect(await lineOf(buyer)).toBeNull();
  });
});

describe('ordering on terms', () => {
  it('holds each order against the limit; beyond it the order is refused and takes no stock', async () => {
    const productId = await product();
    const buyer = await koperasi();
    await setLine(buyer.organisationId, { termDays: 14, limitRupiah: 600_000, active: true }).expect(200);

    const placed = ZBuyerOrder.parse(
      (await placeOrder(buyer.agent, onTerms(productId, 30)).expect(201)).body,
    );
    expect(placed.payment).toMatchObject({
      method: 'tempo',
      status: 'on_terms',
      termDays: 14,
      deadlineAt: null,
    });
    expect(placed.sellerOrders[0]!.status).toBe('placed');
    expect(await lineOf(buyer)).toMatchObject({ outstandingRupiah: 450_000, availableRupiah: 150_000 });

    const refused = await placeOrder(buyer.agent, onTerms(productId, 11)).expect(409);
    expect(refused.body.error).toMatchObject({
      code: 'CREDIT_LIMIT_EXCEEDED',
      details: { requiredRupiah: 165_000, availableRupiah: 150_000 },
    });
    const stock = await StockLevelModel.findOne({ productId }).setOptions({ crossTenant: true }).lean();
    expect(stock).toMatchObject({ available: 970, reserved: 30, holds: [] });

    // Settling the first order's part gives its amount back, once.
    expect(await releaseCredit(buyer.organisationId, placed.sellerOrders[0]!.id)).toBe(true);
    expect(await releaseCredit(buyer.organisationId, placed.sellerOrders[0]!.id)).toBe(false);
    expect(await lineOf(buyer)).toMatchObject({ outstandingRupiah: 0, availableRupiah: 600_000 });
  });

  it('without an active line: tempo is refused, and without a choice the order is paid online', async () => {
    const productId = await product();
    const buyer = await koperasi();
    const res = await placeOrder(buyer.agent, onTerms(productId, 1)).expect(409);
    expect(res.body.error.code).toBe('NOT_ON_TERMS');

    const online = ZBuyerOrder.parse(
      (
        await placeOrder(buyer.agent, {
          lines: [{ productId, quantity: 2 }],
          requestedDeliveryDate: inDays(3),
        }).expect(201)
      ).body,
    );
    expect(online.status).toBe('awaiting_payment');
    expect(online.payment.method).toBe('online');
    expect(Date.parse(online.payment.deadlineAt!)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(online.sellerOrders[0]).toMatchObject({ status: 'awaiting_payment', paymentMethod: 'online' });

    await setLine(buyer.organisationId, { termDays: 45, limitRupiah: 1_000_000, active: false }).expect(200);
    expect((await placeOrder(buyer.agent, onTerms(productId, 1)).expect(409)).body.error.code).toBe(
      'NOT_ON_TERMS',
    );
    // Active again: without a choice, an organisation with terms buys on terms.
    await setLine(buyer.organisationId, { termDays: 45, limitRupiah: 1_000_000, active: true }).expect(200);
    const defaulted = ZBuyerOrder.parse(
      (
        await placeOrder(buyer.agent, {
          lines: [{ productId, quantity: 1 }],
          requestedDeliveryDate: inDays(3),
        }).expect(201)
      ).body,
    );
    expect(defaulted.payment).toMatchObject({ method: 'tempo', termDays: 45 });
  });

  it('20 checkouts racing for a limit that covers 7 of them: exactly 7 go through', async () => {
    const productId = await product();
    const buyer = await koperasi();
    // Each order: 10 packs × Rp 15.000 = Rp 150.000; the limit covers 7 and a half.
    await setLine(buyer.organisationId, { termDays: 30, limitRupiah: 1_125_000, active: true }).expect(200);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => placeOrder(buyer.agent, onTerms(productId, 10))),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(7);
    expect(statuses.filter((status) => status === 409)).toHaveLength(13);
    const line = await CreditLineModel.findOne({ organisationId: buyer.organisationId }).lean();
    expect(line).toMatchObject({ outstandingRupiah: 1_050_000, availableRupiah: 75_000 });
    expect(line!.holds).toHaveLength(7);
    const stock = await StockLevelModel.findOne({ productId }).setOptions({ crossTenant: true }).lean();
    expect(stock).toMatchObject({ reserved: 70, available: 930 });
  });

  it('lowering a limit below what is owed leaves nothing available until invoices are paid', async () => {
    const productId = await product();
    const buyer = await koperasi();
    await setLine(buyer.organisationId, { termDays: 30, limitRupiah: 300_000, active: true }).expect(200);
    await placeOrder(buyer.agent, onTerms(productId, 10)).expect(201);
    await setLine(buyer.organisationId, { termDays: 30, limitRupiah: 100_000, active: true }).expect(200);
    expect(await lineOf(buyer)).toMatchObject({ outstandingRupiah: 150_000, availableRupiah: -50_000 });
    await placeOrder(buyer.agent, onTerms(productId, 1)).expect(409);
  });
});
