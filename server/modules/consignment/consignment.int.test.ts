import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectSocket } from 'socket.io-client';
import type { Express } from 'express';
import { Types } from 'mongoose';
import type request from 'supertest';
import {
  ZDisplayPoint,
  ZDisplaySale,
  ZExpiringResponse,
  ZListMovementsResponse,
  ZListStockResponse,
  ZMovement,
  ZSettlementResponse,
} from '../../../shared/contracts/consignment';
import type { TOrganisationKind, TRole } from '../../../shared/contracts/organisations';
import { ppnOf } from '../../../shared/tax/ppn';
import { todayInWib } from '../../../shared/time';
import { agentFor, createOrganisation, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { ProductModel } from '../catalog/product.model';
import { UmkmProfileModel } from '../umkm/umkm-profile.model';
import {
  ConsignmentMovementModel,
  ConsignmentStockModel,
  DisplaySaleModel,
  type ConsignmentStockDoc,
  type MovementFields,
  type SaleFields,
} from './consignment.models';
import { Queue } from 'bullmq';
import pino from 'pino';
import { QUEUES } from '../../../shared/jobs';
import { bullPrefix, JobQueues } from '../../platform/jobs';
import { OutboxRelay } from '../../platform/outbox';
import { consignmentProcessor } from '../../../workers/processors/consignment';
import { CUBE_MODELS, type SellerCubeDoc } from '../reports/sales-cube.model';
import { REPORTS_TODAY_CHANGED_EVENT } from '../../../shared/contracts/reports';
import { accountsSettings } from '../../app';
import { attachRealtime } from '../../platform/realtime';
import { actorFromCookieHeader, SESSION_COOKIE } from '../accounts';
import { createSession } from '../accounts/sessions.service';
import { displaySaleOutbox, forwardDisplaySale } from './index';
import { recordDisplaySale } from './reports-adapter';
import { finishStalePendingSteps, STALE_STEP_MS } from './stock.service';

let t: TestApp;
let dinkopAdmin: request.Agent;
let operator: request.Agent;
let operatorUserId: string;
let analyst: request.Agent;
let otherCurator: request.Agent;
let sellerA: Seller;
let sellerB: Seller;

interface Seller {
  organisationId: string;
  agent: request.Agent;
  product: (overrides?: { shelfLifeDays?: number | null; name?: string }) => Promise<string>;
}

async function member(
  kind: TOrganisationKind,
  roles: TRole[],
  organisation?: Awaited<ReturnType<typeof createOrganisation>>,
) {
  const { user } = await createUser({ kind, roles, ...(organisation ? { organisation } : {}) });
  return { user, agent: await agentFor(t.app as Express, user) };
}

async function seller(name: string, isPkp: boolean): Promise<Seller> {
  const organisation = await createOrganisation({ kind: 'umkm', status: 'verified', name });
  if (isPkp)
    await UmkmProfileModel.create({ _id: organisation._id, isPkp: true, npwp: '01.234.567.8-901.000' });
  const { agent, user } = await member('umkm', ['owner'], organisation);
  return {
    organisationId: String(organisation._id),
    agent,
    async product(overrides = {}) {
      const content = {
        ...KERIPIK_TEMPE,
        name: overrides.name ?? KERIPIK_TEMPE.name,
        shelfLifeDays: overrides.shelfLifeDays === undefined ? 30 : overrides.shelfLifeDays,
      };
      const product = await ProductModel.create({
        organisationId: organisation._id,
        status: 'approved',
        content,
        live: content,
        seller: { name, districtCode: '32.15.05', districtName: 'Klari' },
        createdByUserId: user._id,
      });
      return String(product._id);
    },
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const today = () => todayInWib();
const key = () => `sale-${randomUUID()}`;

async function createPoint(body: Record<string, unknown>) {
  return ZDisplayPoint.parse(
    (
      await dinkopAdmin
        .post('/api/consignment/points')
        .send({ kind: 'pojok', districtCode: '32.15.05', operator: null, commissionPercent: 10, ...body })
        .expect(201)
    ).body,
  );
}

function deliver(agent: request.Agent, pointId: string, body: Record<string, unknown>) {
  return agent
    .post(`/api/consignment/points/${pointId}/deliveries`)
    .send({ deliveryNoteNumber: 'SJ/001', ...body });
}

function sell(agent: request.Agent, pointId: string, body: Record<string, unknown>, idempotencyKey = key()) {
  return agent
    .post(`/api/consignment/points/${pointId}/sales`)
    .set('Idempotency-Key', idempotencyKey)
    .send(body);
}

async function stockOf(pointId: string, productId: string) {
  return ConsignmentStockModel.findOne({ pointId, productId })
    .setOptions({ crossTenant: true })
    .lean<ConsignmentStockDoc>();
}

beforeAll(async () => {
  t = await startTestApp();
  dinkopAdmin = (await member('dinkop', ['admin'])).agent;
  const op = await member('dinkop', ['curator']);
  operator = op.agent;
  operatorUserId = String(op.user._id);
  analyst = (await member('dinkop', ['analyst'])).agent;
  otherCurator = (await member('dinkop', ['curator'])).agent;
  sellerA = await seller('UMKM Keripik Klari', true);
  sellerB = await seller('UMKM Dodol Cikampek', false);
});
afterAll(() => t.close());

describe('display points', () => {
  it('a Dinkop admin keeps them; Dinkop and sellers read them; the kecamatan and operator are checked', async () => {
    const galeri = await createPoint({
      name: 'Galeri UMKM Dinkop Karawang',
      kind: 'galeri',
      operator: { kind: 'dinkop_user', userId: operatorUserId },
      commissionPercent: 12.5,
    });
    expect(galeri).toMatchObject({
      kind: 'galeri',
      district: { code: '32.15.05', name: expect.any(String) },
      operator: { kind: 'dinkop_user', userId: operatorUserId, name: expect.any(String) },
      commissionPercent: 12.5,
    });
    const pojok = await createPoint({
      name: 'Pojok UMKM Kecamatan Klari',
      operator: { kind: 'person', name: 'Ibu Ratna', phone: '0812-1111-2222' },
    });
    expect(pojok.operator).toEqual({ kind: 'person', name: 'Ibu Ratna', phone: '+6281211112222' });

    for (const agent of [sellerA.agent, analyst, operator]) {
      const names = (await agent.get('/api/consignment/points').expect(200)).body.items.map(
        (point: { id: string }) => point.id,
      );
      expect(names).toEqual(expect.arrayContaining([galeri.id, pojok.id]));
      await agent.get(`/api/consignment/points/${pojok.id}`).expect(200);
    }
    for (const agent of [sellerA.agent, analyst, operator]) {
      await agent.post('/api/consignment/points').send({ name: 'X Pojok', kind: 'pojok' }).expect(403);
      await agent.delete(`/api/consignment/points/${pojok.id}`).expect(403);
    }
    const buyer = (await member('buyer', ['admin'])).agent;
    await buyer.get('/api/consignment/points').expect(403);

    const updated = ZDisplayPoint.parse(
      (
        await dinkopAdmin
          .put(`/api/consignment/points/${pojok.id}`)
          .send({
            name: 'Pojok UMKM Klari',
            kind: 'pojok',
            districtCode: '32.15.05',
            operator: null,
            commissionPercent: 0,
          })
          .expect(200)
      ).body,
    );
    expect(updated).toMatchObject({ name: 'Pojok UMKM Klari', operator: null, commissionPercent: 0 });
    await dinkopAdmin.delete(`/api/consignment/points/${pojok.id}`).expect(204);
    await dinkopAdmin.get(`/api/consignment/points/${pojok.id}`).expect(404);
  });

  it('refuses bad points with the field named', async () => {
    const issues = async (body: Record<string, unknown>) => {
      const res = await dinkopAdmin
        .post('/api/consignment/points')
        .send({
          name: 'Pojok Uji',
          kind: 'pojok',
          districtCode: '32.15.05',
          operator: null,
          commissionPercent: 10,
          ...body,
        })
        .expect(400);
      return res.body.error.details.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    };
    expect(await issues({ districtCode: '32.15.99' })).toEqual(['districtCode']);
    expect(await issues({ commissionPercent: 10.125 })).toEqual(['commissionPercent']);
    expect(await issues({ commissionPercent: -1 })).toEqual(['commissionPercent']);
    expect(await issues({ kind: 'toko' })).toEqual(['kind']);
    expect(await issues({ owner: 'x' })).toEqual(['']);
    // An operator account must be a Dinkop user, not a seller's.
    const { user } = await createUser({ kind: 'umkm' });
    expect(await issues({ operator: { kind: 'dinkop_user', userId: String(user._id) } })).toEqual([
      'operator.userId',
    ]);
    await dinkopAdmin
      .put(`/api/consignment/points/${new Types.ObjectId()}`)
      .send({
        name: 'Pojok Uji',
        kind: 'pojok',
        districtCode: '32.15.05',
        operator: null,
        commissionPercent: 10,
      })
      .expect(404);
  });
});

describe('stock and sales', () => {
  it('never goes below zero: 20 sales at once for the last 5 units sell exactly 5', async () => {
    const point = await createPoint({ name: `Pojok Balapan ${randomUUID().slice(0, 6)}` });
    const productId = await sellerB.product();
    await deliver(sellerB.agent, point.id, { productId, units: 5, consignmentPrice: 12_000 }).expect(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sell(sellerB.agent, point.id, { productId, units: 1 })),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(15);
    for (const res of results.filter((r) => r.status === 409)) {
      expect(res.body.error).toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        details: { available: expect.any(Number) },
      });
    }
    const stock = await stockOf(point.id, productId);
    expect(stock).toMatchObject({ quantity: 0, pending: [] });
    expect(
      await DisplaySaleModel.countDocuments({ organisationId: sellerB.organisationId, pointId: point.id }),
    ).toBe(5);
    expect(
      await ConsignmentMovementModel.countDocuments({
        organisationId: sellerB.organisationId,
        stockId: stock!._id,
        kind: 'sold',
      }),
    ).toBe(5);
    // A sale larger than what is there says what is there.
    await deliver(sellerB.agent, point.id, { productId, units: 2 }).expect(201);
    const short = await sell(sellerB.agent, point.id, { productId, units: 3 }).expect(409);
    expect(short.body.error.details).toEqual({ available: 2 });
  });

  it('a sale retried with the same Idempotency-Key is recorded once, also when retried at once', async () => {
    const point = await createPoint({ name: `Pojok Ulang ${randomUUID().slice(0, 6)}` });
    const productId = await sellerB.product();
    await deliver(sellerB.agent, point.id, { productId, units: 10, consignmentPrice: 8_000 }).expect(201);
    const saleKey = key();
    const first = ZDisplaySale.parse(
      (await sell(sellerB.agent, point.id, { productId, units: 2 }, saleKey).expect(201)).body,
    );
    expect(first).toMatchObject({
      saleId: saleKey,
      channel: 'pojok',
      units: 2,
      unitPrice: 8_000,
      grossRupiah: 16_000,
      ppnRupiah: 0,
      soldOn: today(),
    });
    const again = await sell(sellerB.agent, point.id, { productId, units: 2 }, saleKey).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.saleId).toBe(saleKey);
    const reused = await sell(sellerB.agent, point.id, { productId, units: 3 }, saleKey).expect(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const burstKey = key();
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => sell(sellerB.agent, point.id, { productId, units: 1 }, burstKey)),
    );
    expect(burst.map((res) => res.status)).toEqual(Array(10).fill(201));
    expect(new Set(burst.map((res) => res.body.saleId))).toEqual(new Set([burstKey]));
    expect(await stockOf(point.id, productId)).toMatchObject({ quantity: 7, pending: [] });
    expect(
      await DisplaySaleModel.countDocuments({ organisationId: sellerB.organisationId, pointId: point.id }),
    ).toBe(2);
  });

  it('a stock count records the difference with who and when', async () => {
    const point = await createPoint({
      name: `Pojok Opname ${randomUUID().slice(0, 6)}`,
      operator: { kind: 'dinkop_user', userId: operatorUserId },
    });
    const productId = await sellerA.product();
    await deliver(sellerA.agent, point.id, { productId, units: 10, consignmentPrice: 15_000 }).expect(201);
    await sell(operator, point.id, { productId, units: 2 }).expect(201);
    const counted = ZMovement.parse(
      (
        await operator
          .post(`/api/consignment/points/${point.id}/counts`)
          .send({ productId, countedQuantity: 7, note: 'satu bungkus sobek' })
          .expect(201)
      ).body,
    );
    expect(counted).toMatchObject({
      kind: 'counted',
      change: -1,
      countedQuantity: 7,
      note: 'satu bungkus sobek',
      by: { organisationKind: 'dinkop', userId: operatorUserId },
    });
    expect(Date.now() - Date.parse(counted.at)).toBeLessThan(60_000);
    const same = (
      await operator
        .post(`/api/consignment/points/${point.id}/counts`)
        .send({ productId, countedQuantity: 7 })
        .expect(201)
    ).body;
    expect(same).toMatchObject({ change: 0, countedQuantity: 7 });
    expect(await stockOf(point.id, productId)).toMatchObject({ quantity: 7 });

    const log = ZListMovementsResponse.parse(
      (
        await sellerA.agent
          .get(`/api/consignment/movements?pointId=${point.id}&productId=${productId}`)
          .expect(200)
      ).body,
    );
    expect(log.items.map((item) => [item.kind, item.change])).toEqual([
      ['counted', 0],
      ['counted', -1],
      ['sold', -2],
      ['delivered_in', 10],
    ]);
    // Returns and write-offs: never more than is there.
    const out = await sellerA.agent
      .post(`/api/consignment/points/${point.id}/stock-outs`)
      .send({ productId, kind: 'returned', units: 8 })
      .expect(409);
    expect(out.body.error.details).toEqual({ available: 7 });
    await operator
      .post(`/api/consignment/points/${point.id}/stock-outs`)
      .send({ productId, kind: 'expired_damaged', units: 2 })
      .expect(201);
    await sellerA.agent
      .post(`/api/consignment/points/${point.id}/stock-outs`)
      .send({ productId, kind: 'returned', units: 5 })
      .expect(201);
    expect(await stockOf(point.id, productId)).toMatchObject({ quantity: 0 });
  });

  it('settles a month per seller and point: consignment value − commission rounded once, half up; CSV alike', async () => {
    const point = await createPoint({
      name: `Galeri Hitung ${randomUUID().slice(0, 6)}`,
      kind: 'galeri',
      commissionPercent: 12.5,
    });
    const productId = await sellerA.product();
    await deliver(sellerA.agent, point.id, { productId, units: 20, consignmentPrice: 10_005 }).expect(201);
    await sell(sellerA.agent, point.id, { productId, units: 1 }).expect(201);
    // The operator sold two at a rounder price: the customer's price, not the consignment price, is gross.
    await sell(sellerA.agent, point.id, { productId, units: 2, unitPrice: 10_000 }).expect(201);
    // An earlier month's sale stays out of this month.
    const earlier = addDays(today(), -35);
    await sell(sellerA.agent, point.id, { productId, units: 4, soldOn: earlier }).expect(201);
    const month = today().slice(0, 7);

    const report = ZSettlementResponse.parse(
      (await sellerA.agent.get(`/api/consignment/settlements?month=${month}&pointId=${point.id}`).expect(200))
        .body,
    );
    // 3 × 10,005 = 30,015; 12.5% of it = 3,751.875 → 3,752 (per-sale rounding would give 1,251 + 2,501).
    expect(report.rows).toEqual([
      {
        pointId: point.id,
        pointName: point.name,
        channel: 'galeri',
        sellerOrganisationId: sellerA.organisationId,
        sellerName: 'UMKM Keripik Klari',
        units: 3,
        consignmentValueRupiah: 30_015,
        commissionRupiah: 3_752,
        payableRupiah: 26_263,
        grossRupiah: 30_005,
        ppnRupiah: ppnOf(10_005, true).ppn + ppnOf(20_000, true).ppn,
      },
    ]);
    const before = ZSettlementResponse.parse(
      (
        await analyst
          .get(`/api/consignment/settlements?month=${earlier.slice(0, 7)}&pointId=${point.id}`)
          .expect(200)
      ).body,
    );
    expect(before.rows[0]).toMatchObject({
      units: 4,
      consignmentValueRupiah: 40_020,
      commissionRupiah: 5_003,
    });

    const csv = await sellerA.agent
      .get(`/api/consignment/settlements.csv?month=${month}&pointId=${point.id}`)
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Bulan (WIB);Titik Pajang;Jenis;UMKM;Unit Terjual;Nilai Konsinyasi (Rp);Komisi (Rp);Dibayar ke UMKM (Rp);Penjualan Bruto (Rp);PPN (Rp)',
    );
    expect(lines[1]).toBe(
      `${month};${point.name};Galeri UMKM;UMKM Keripik Klari;3;30015;3752;26263;30005;${report.rows[0]!.ppnRupiah}`,
    );
    // Another seller's settlement shows none of it.
    const other = ZSettlementResponse.parse(
      (await sellerB.agent.get(`/api/consignment/settlements?month=${month}&pointId=${point.id}`).expect(200))
        .body,
    );
    expect(other.rows).toEqual([]);
  });

  it('flags stock past or near its best-before date, oldest deliveries counted as sold first', async () => {
    const point = await createPoint({ name: `Pojok Kedaluwarsa ${randomUUID().slice(0, 6)}` });
    const productId = await sellerB.product({ shelfLifeDays: 120 });
    await deliver(sellerB.agent, point.id, {
      productId,
      units: 5,
      consignmentPrice: 5_000,
      bestBefore: addDays(today(), 3),
    }).expect(201);
    const byShelfLife = ZMovement.parse(
      (await deliver(sellerB.agent, point.id, { productId, units: 5 }).expect(201)).body,
    );
    expect(byShelfLife.bestBefore).toBe(addDays(today(), 120));
    const expiring = async () =>
      ZExpiringResponse.parse(
        (await sellerB.agent.get(`/api/consignment/expiring?days=14&pointId=${point.id}`).expect(200)).body,
      ).items;
    expect(await expiring()).toEqual([
      expect.objectContaining({
        productId,
        units: 5,
        earliestBestBefore: addDays(today(), 3),
        expired: false,
      }),
    ]);
    await sell(sellerB.agent, point.id, { productId, units: 6 }).expect(201);
    expect(await expiring()).toEqual([]);
    // Delivered already past its date: flagged as expired.
    const late = await sellerB.product({ shelfLifeDays: null });
    await deliver(sellerB.agent, point.id, {
      productId: late,
      units: 2,
      consignmentPrice: 5_000,
      bestBefore: addDays(today(), -1),
    }).expect(201);
    expect(await expiring()).toEqual([expect.objectContaining({ productId: late, units: 2, expired: true })]);
    await sellerB.agent.get('/api/consignment/expiring?days=91').expect(400);
  });
});

describe('access', () => {
  it('operators enter at their point, sellers only their own products and only at unstaffed points; reads are scoped', async () => {
    const staffed = await createPoint({
      name: `Galeri Akses ${randomUUID().slice(0, 6)}`,
      kind: 'galeri',
      operator: { kind: 'dinkop_user', userId: operatorUserId },
    });
    const unstaffed = await createPoint({ name: `Pojok Akses ${randomUUID().slice(0, 6)}` });
    const a = await sellerA.product();
    const b = await sellerB.product();
    await deliver(sellerA.agent, staffed.id, { productId: a, units: 5, consignmentPrice: 1_000 }).expect(201);
    await deliver(sellerB.agent, unstaffed.id, { productId: b, units: 5, consignmentPrice: 1_000 }).expect(
      201,
    );
    // The operator delivers for a seller at its own point, not elsewhere.
    await deliver(operator, staffed.id, { productId: b, units: 1, consignmentPrice: 1_000 }).expect(201);
    await deliver(operator, unstaffed.id, { productId: a, units: 1, consignmentPrice: 1_000 }).expect(403);

    await sell(sellerA.agent, staffed.id, { productId: a, units: 1 }).expect(403);
    await sell(operator, staffed.id, { productId: a, units: 1 }).expect(201);
    await sell(otherCurator, staffed.id, { productId: a, units: 1 }).expect(403);
    await sell(analyst, staffed.id, { productId: a, units: 1 }).expect(403);
    await sell(dinkopAdmin, staffed.id, { productId: a, units: 1 }).expect(201);
    await sell(sellerB.agent, unstaffed.id, { productId: b, units: 1 }).expect(201);
    // Another seller's product is unknown to a seller: 404, and nothing moves.
    await sell(sellerA.agent, unstaffed.id, { productId: b, units: 1 }).expect(404);
    await deliver(sellerA.agent, unstaffed.id, { productId: b, units: 1 }).expect(404);
    await sellerA.agent
      .post(`/api/consignment/points/${unstaffed.id}/stock-outs`)
      .send({ productId: b, kind: 'returned', units: 1 })
      .expect(404);
    expect(await stockOf(unstaffed.id, b)).toMatchObject({ quantity: 4 });
    await operator
      .post(`/api/consignment/points/${unstaffed.id}/counts`)
      .send({ productId: b, countedQuantity: 0 })
      .expect(403);

    const mine = ZListStockResponse.parse(
      (await sellerA.agent.get('/api/consignment/stock').expect(200)).body,
    );
    expect(new Set(mine.items.map((item) => item.sellerOrganisationId))).toEqual(
      new Set([sellerA.organisationId]),
    );
    const all = ZListStockResponse.parse(
      (await analyst.get(`/api/consignment/stock?pointId=${staffed.id}`).expect(200)).body,
    );
    expect(new Set(all.items.map((item) => item.sellerOrganisationId))).toEqual(
      new Set([sellerA.organisationId, sellerB.organisationId]),
    );
    const month = today().slice(0, 7);
    for (const path of [
      '/api/consignment/stock',
      '/api/consignment/movements',
      `/api/consignment/sales?month=${month}`,
      `/api/consignment/settlements?month=${month}`,
      '/api/consignment/expiring',
    ]) {
      const joiner = path.includes('?') ? '&' : '?';
      await sellerA.agent.get(`${path}${joiner}sellerOrganisationId=${sellerB.organisationId}`).expect(404);
    }
    const theirSales = (await sellerB.agent.get(`/api/consignment/sales?month=${month}`).expect(200)).body
      .items;
    expect(
      theirSales.every(
        (sale: { sellerOrganisationId: string }) => sale.sellerOrganisationId === sellerB.organisationId,
      ),
    ).toBe(true);
    const analystSales = (
      await analyst.get(`/api/consignment/sales?month=${month}&pointId=${staffed.id}`).expect(200)
    ).body.items;
    expect(analystSales).toHaveLength(2);
  });

  it('refuses bad input without touching stock', async () => {
    const point = await createPoint({ name: `Pojok Masukan ${randomUUID().slice(0, 6)}` });
    const productId = await sellerB.product();
    const firstWithoutPrice = await deliver(sellerB.agent, point.id, { productId, units: 3 }).expect(400);
    expect(firstWithoutPrice.body.error.details.issues[0].path).toEqual(['consignmentPrice']);
    await deliver(sellerB.agent, point.id, { productId, units: 3, consignmentPrice: 2_000 }).expect(201);
    const path = (res: request.Response) =>
      res.body.error.details.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    expect(path(await sell(sellerB.agent, point.id, { productId, units: -1 }).expect(400))).toEqual([
      'units',
    ]);
    expect(
      path(await sell(sellerB.agent, point.id, { productId, units: 1, unitPrice: -5 }).expect(400)),
    ).toEqual(['unitPrice']);
    expect(
      path(await sell(sellerB.agent, point.id, { productId, units: 1, extra: true }).expect(400)),
    ).toEqual(['']);
    expect(
      path(
        await sell(sellerB.agent, point.id, { productId, units: 1, soldOn: addDays(today(), 1) }).expect(400),
      ),
    ).toEqual(['soldOn']);
    expect(
      path(
        await sellerB.agent
          .post(`/api/consignment/points/${point.id}/sales`)
          .send({ productId, units: 1 })
          .expect(400),
      ),
    ).toEqual(['Idempotency-Key']);
    expect(path(await deliver(sellerB.agent, point.id, { productId, units: 0 }).expect(400))).toEqual([
      'units',
    ]);
    expect(
      path(
        await sellerB.agent
          .post(`/api/consignment/points/${point.id}/counts`)
          .send({ productId, countedQuantity: -2 })
          .expect(400),
      ),
    ).toEqual(['countedQuantity']);
    await sell(sellerB.agent, String(new Types.ObjectId()), { productId, units: 1 }).expect(404);
    await sell(sellerB.agent, point.id, { productId: String(new Types.ObjectId()), units: 1 }).expect(404);
    await sell(sellerB.agent, 'not-an-id', { productId, units: 1 }).expect(400);
    await sellerB.agent.get('/api/consignment/settlements?month=2026-13').expect(400);
    // A point with stock cannot be deleted.
    const stocked = await dinkopAdmin.delete(`/api/consignment/points/${point.id}`).expect(409);
    expect(stocked.body.error.code).toBe('INVALID_STATE');
    expect(await stockOf(point.id, productId)).toMatchObject({ quantity: 3, pending: [] });
  });
});

/** A product's cells in its seller's daily rollups, each with its day and the keys applied to the day. */
async function productRollups(organisationId: string, productId: string) {
  const days = await CUBE_MODELS.seller.day.find({ organisationId }).lean<SellerCubeDoc[]>();
  return days.flatMap((doc) =>
    Object.values(doc.cells)
      .filter((cell) => cell.productId === String(productId))
      .map((cell) => ({ day: doc.bucket, appliedKeys: doc.appliedKeys, ...cell })),
  );
}

describe('rollups and crashes', () => {
  it('each sale carries one rollup event; the job hands the sale to recordDisplaySale', async () => {
    const point = await createPoint({ name: `Galeri Rollup ${randomUUID().slice(0, 6)}`, kind: 'galeri' });
    const productId = await sellerA.product();
    await deliver(sellerA.agent, point.id, { productId, units: 5, consignmentPrice: 7_000 }).expect(201);
    const saleKey = key();
    await sell(sellerA.agent, point.id, { productId, units: 2 }, saleKey).expect(201);
    const stored = await DisplaySaleModel.findOne({
      _id: saleKey,
      organisationId: sellerA.organisationId,
    }).lean();
    expect(stored).toMatchObject({
      outboxPending: 1,
      outbox: [
        {
          id: `display-sale-${saleKey}`,
          type: 'display-sale.recorded',
          payload: { saleId: saleKey, sellerOrganisationId: sellerA.organisationId },
        },
      ],
    });
    // The job may run twice (at least once delivery): the rollups count the sale once.
    for (let i = 0; i < 2; i++) {
      expect(
        await forwardDisplaySale({
          version: 1,
          saleId: saleKey,
          sellerOrganisationId: sellerA.organisationId,
        }),
      ).toBe('recorded');
    }
    const rollups = await productRollups(sellerA.organisationId, productId);
    expect(rollups).toEqual([
      expect.objectContaining({
        day: today(),
        channel: 'galeri',
        units: 2,
        grossRupiah: 14_000,
        ppnRupiah: ppnOf(14_000, true).ppn,
        appliedKeys: expect.arrayContaining([`sale:${saleKey}`]),
      }),
    ]);
    expect(
      await forwardDisplaySale({ version: 1, saleId: key(), sellerOrganisationId: sellerA.organisationId }),
    ).toBe('missing');
  });

  it("a sale entered for today moves today's counters on Dinkop's open dashboards; a late entry does not", async () => {
    const http = createServer(t.app);
    const io = attachRealtime(http, {
      actorFromCookies: actorFromCookieHeader(accountsSettings(t.config)),
      corsOrigins: [],
      redis: { client: t.redis, keyPrefix: t.config.REDIS_KEY_PREFIX },
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { user } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
    const session = await createSession(user, 1, 'jest');
    const socket = connectSocket(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ['websocket'],
      extraHeaders: { cookie: `${SESSION_COOKIE}=${session.token}` },
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const heard: unknown[] = [];
      const today = todayInWib(new Date());
      const twoHeard = new Promise<void>((resolve) =>
        socket.on(REPORTS_TODAY_CHANGED_EVENT, (payload: unknown) => {
          heard.push(payload);
          if (heard.length === 2) resolve();
        }),
      );
      const sale = {
        channel: 'galeri' as const,
        sellerOrganisationId: sellerA.organisationId,
        productId: await sellerA.product(),
        units: 1,
        grossRupiah: 7_000,
        ppnRupiah: 0,
      };
      await recordDisplaySale({ ...sale, saleId: key(), soldOn: today });
      await recordDisplaySale({ ...sale, saleId: key(), soldOn: '2026-01-02' });
      await recordDisplaySale({ ...sale, saleId: key(), soldOn: today });
      await twoHeard;
      // Events arrive in publishing order within milliseconds; a third would be the late entry's.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([{ date: today }, { date: today }]);
    } finally {
      socket.close();
      await io.close();
    }
  });

  it('the relay turns the sale event into one display-sale job, which the worker processor records', async () => {
    const point = await createPoint({ name: `Pojok Relay ${randomUUID().slice(0, 6)}` });
    const productId = await sellerB.product();
    await deliver(sellerB.agent, point.id, { productId, units: 3, consignmentPrice: 4_000 }).expect(201);
    const saleKey = key();
    await sell(sellerB.agent, point.id, { productId, units: 3 }, saleKey).expect(201);
    const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
    const jobs = new JobQueues(t.redis, prefix);
    const queue = new Queue(QUEUES.consignment, { connection: t.redis, prefix });
    try {
      const relay = new OutboxRelay({
        sources: [displaySaleOutbox.source],
        jobs,
        logger: pino({ level: 'silent' }),
        intervalMs: 50,
      });
      expect(await relay.publishPending()).toBeGreaterThanOrEqual(1);
      const job = await queue.getJob(`display-sale-${saleKey}`);
      expect(job).toMatchObject({
        name: 'display-sale',
        data: { version: 1, saleId: saleKey, sellerOrganisationId: sellerB.organisationId },
      });
      expect(
        await DisplaySaleModel.findOne({ _id: saleKey, organisationId: sellerB.organisationId }).lean(),
      ).toMatchObject({ outboxPending: 0 });
      const result = await consignmentProcessor()(job!, undefined);
      expect(result).toEqual({ sale: saleKey, result: 'recorded' });
      const rollups = await productRollups(sellerB.organisationId, productId);
      expect(rollups).toEqual([
        expect.objectContaining({ channel: 'pojok', units: 3, grossRupiah: 12_000, ppnRupiah: 0 }),
      ]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await jobs.close();
    }
  });

  it('a sale left half done by a crash is finished; a duplicate step for the same sale gives its units back', async () => {
    const point = await createPoint({ name: `Pojok Crash ${randomUUID().slice(0, 6)}` });
    const productId = await sellerB.product();
    await deliver(sellerB.agent, point.id, { productId, units: 10, consignmentPrice: 3_000 }).expect(201);
    const saleKey = key();
    await sell(sellerB.agent, point.id, { productId, units: 2 }, saleKey).expect(201);
    const org = sellerB.organisationId;
    const sale = await DisplaySaleModel.findOne({ _id: saleKey, organisationId: org }).lean<SaleFields>();
    const move = await ConsignmentMovementModel.findOne({
      organisationId: org,
      saleId: saleKey,
    }).lean<MovementFields>();
    const stock = (await stockOf(point.id, productId))!;
    const longAgo = new Date(Date.now() - STALE_STEP_MS - 1_000);
    const {
      outbox: _o,
      outboxPending: _p,
      ...saleFields
    } = sale as SaleFields & { outbox: unknown; outboxPending: unknown };
    // The crash: units taken and the step pushed, then nothing else written.
    await DisplaySaleModel.deleteOne({ _id: saleKey, organisationId: org });
    await ConsignmentMovementModel.deleteOne({ _id: move!._id, organisationId: org });
    await ConsignmentStockModel.updateOne(
      { _id: stock._id, organisationId: org },
      {
        $push: {
          pending: { movementId: move!._id, saleId: saleKey, at: longAgo, movement: move, sale: saleFields },
        },
      },
    );
    // And a second request's step for the same sale that took units too.
    const duplicateMove = { ...move!, _id: new Types.ObjectId() };
    await ConsignmentStockModel.updateOne(
      { _id: stock._id, organisationId: org },
      {
        $inc: { quantity: -2 },
        $push: {
          pending: {
            movementId: duplicateMove._id,
            saleId: saleKey,
            at: longAgo,
            movement: duplicateMove,
            sale: { ...saleFields, stockMovementId: duplicateMove._id },
          },
        },
      },
    );
    expect(await finishStalePendingSteps()).toBe(2);
    expect(await stockOf(point.id, productId)).toMatchObject({ quantity: 8, pending: [] });
    expect(await DisplaySaleModel.countDocuments({ _id: saleKey, organisationId: org })).toBe(1);
    expect(await ConsignmentMovementModel.countDocuments({ organisationId: org, saleId: saleKey })).toBe(1);
    expect(await finishStalePendingSteps()).toBe(0);

    // Left again: the next entry at the point finishes it before its own step, without the sweep.
    await DisplaySaleModel.deleteOne({ _id: saleKey, organisationId: org });
    await ConsignmentStockModel.updateOne(
      { _id: stock._id, organisationId: org },
      {
        $push: {
          pending: { movementId: move!._id, saleId: saleKey, at: longAgo, movement: move, sale: saleFields },
        },
      },
    );
    await sell(sellerB.agent, point.id, { productId, units: 1 }).expect(201);
    expect(await stockOf(point.id, productId)).toMatchObject({ quantity: 7, pending: [] });
    expect(await DisplaySaleModel.countDocuments({ _id: saleKey, organisationId: org })).toBe(1);
  });
});
