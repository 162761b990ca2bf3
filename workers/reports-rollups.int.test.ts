import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import mongoose, { Types } from 'mongoose';
import type { TOrderMove, TSellerOrderStatus } from '../shared/states/order';
import { ORDER_MOVES } from '../shared/states/order';
import { ProductModel } from '../server/modules/catalog/product.model';
import { SellerOrderModel, type SellerOrderDoc } from '../server/modules/orders/order.models';
import { resolveAddress } from '../server/modules/regions';
import {
  applyOrderEventToRollups,
  rebuildRollups,
  recordDisplaySale,
  sellerOrderSource,
} from '../server/modules/reports';
import { cubeCellId } from '../server/modules/reports/sales-cube';
import {
  CUBE_MODELS,
  type KecamatanCubeDoc,
  type SellerCubeDoc,
} from '../server/modules/reports/sales-cube.model';
import { UmkmProfileModel } from '../server/modules/umkm/umkm-profile.model';
import { createOrganisation, createUser, KARAWANG_ADDRESS } from '../test/factories';
import { KERIPIK_TEMPE } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/helpers/app';
import { entryPointEnv } from '../test/helpers/processes';
import { inDays, orderingMarket, placeOrder } from '../test/helpers/orders';
import type { Job } from 'bullmq';
import type { Express } from 'express';
import { ZBuyerOrder } from '../shared/contracts/orders';
import { createStripeProvider } from '../server/modules/payments';
import { ordersProcessor } from './processors/orders';

/**
 * The sales rollups against the real database: every event of an order applied as at-least-once
 * delivery hands them over (twice, at once, newest first), and a rebuild from the orders and display
 * sales giving the same documents as the events did.
 */
let t: TestApp;
let sellerId: Types.ObjectId;
let buyerId: Types.ObjectId;
let productIds: Types.ObjectId[];

beforeAll(async () => {
  t = await startTestApp();
  const seller = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Keripik Bu Sri' });
  sellerId = seller._id;
  await UmkmProfileModel.create({ _id: sellerId, programmeTags: ['kur', 'pelatihan-halal'] });
  buyerId = (await createOrganisation({ kind: 'buyer', status: 'verified', buyerType: 'hotel' }))._id;
  const { user } = await createUser({ organisation: seller });
  productIds = [];
  for (const [name, category] of [
    ['Keripik Tempe', 'makanan_ringan'],
    ['Sambal Roa', 'bumbu_dan_sambal'],
    ['Kopi Robusta', 'minuman'],
  ] as const) {
    const content = { ...KERIPIK_TEMPE, name, category };
    const product = await ProductModel.create({
      organisationId: sellerId,
      status: 'approved',
      content,
      live: content,
      createdByUserId: user._id,
    });
    productIds.push(product._id);
  }
});
afterAll(() => t.close());

type Life = ReadonlyArray<TOrderMove>;
/** Lives an order can have, each starting on terms (placed) or online (awaiting payment). */
const LIVES: Record<string, { start: TSellerOrderStatus; moves: Life }> = {
  completedOnTerms: {
    start: 'placed',
    moves: ['accept', 'startProduction', 'markReady', 'ship', 'markDelivered', 'confirmReceipt', 'complete'],
  },
  receivedWithoutDelivered: {
    start: 'placed',
    moves: ['accept', 'markReady', 'ship', 'confirmReceipt', 'complete'],
  },
  paidThenCancelled: { start: 'awaiting_payment', moves: ['confirmPayment', 'accept', 'cancelBySeller'] },
  expiredUnpaid: { start: 'awaiting_payment', moves: ['expirePayment'] },
  cancelledUnpaidByDinkop: { start: 'awaiting_payment', moves: ['cancelByDinkop'] },
  rejected: { start: 'placed', moves: ['reject'] },
  stillOpen: { start: 'placed', moves: ['accept'] },
};

interface OrderSpec {
  life: keyof typeof LIVES;
  /** Hours after the first instant at which each step happens (placement first). */
  stepHours: number[];
  lines: Array<{ product: number; quantity: number; unitPrice: number }>;
  pkp: boolean;
}

const BASE = Date.parse('2026-11-30T15:30:00Z'); // 22.30 WIB: steps cross midnight in Jakarta

/** A seller order as the orders module stores it after its life, and the events its outbox carried. */
async function storeOrder(spec: OrderSpec) {
  const life = LIVES[spec.life]!;
  const at = (step: number) =>
    new Date(BASE + spec.stepHours.slice(0, step + 1).reduce((a, b) => a + b, 0) * 3_600_000);
  const history: Array<{
    move: TOrderMove | null;
    from: TSellerOrderStatus | null;
    to: TSellerOrderStatus;
    at: Date;
  }> = [{ move: null, from: null, to: life.start, at: at(0) }];
  for (const [index, move] of life.moves.entries()) {
    history.push({ move, from: history.at(-1)!.to, to: ORDER_MOVES[move].to, at: at(index + 1) });
  }
  const lines = spec.lines.map((line) => ({
    productId: productIds[line.product]!,
    name: `Produk ${line.product}`,
    unit: 'pak',
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    basePrice: line.unitPrice,
    lineTotal: line.quantity * line.unitPrice,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const ppn = spec.pkp ? Math.floor((subtotal * 11 + 50) / 100) : 0;
  const order = await SellerOrderModel.create({
    organisationId: sellerId,
    buyerOrganisationId: buyerId,
    buyerOrderId: new Types.ObjectId(),
    number: `PSR-2026-${Math.random().toString().slice(2, 8)}-1`,
    buyer: { name: 'Hotel Resinda', buyerType: 'hotel' },
    seller: { name: 'Keripik Bu Sri', isPkp: spec.pkp },
    status: history.at(-1)!.to,
    paymentMethod: life.start === 'placed' ? 'tempo' : 'online',
    version: history.length,
    lines,
    totals: { subtotal, taxBase: 0, ppn, total: subtotal + ppn },
    requestedDeliveryDate: '2026-12-10',
    deliveryAddress: await resolveAddress(KARAWANG_ADDRESS),
    history: history.map((entry) => ({ ...entry, byName: 'Uji', byParty: 'platform' })),
  });
  const events = history.map((entry, index) => ({
    version: 1 as const,
    sellerOrderId: String(order._id),
    sellerOrganisationId: String(sellerId),
    orderVersion: index + 1,
    status: entry.to,
    move: entry.move,
  }));
  return { order, events };
}

const sorted = <T extends { appliedKeys: string[] }>(docs: T[]) =>
  docs.map((doc) => ({ ...doc, appliedKeys: [...doc.appliedKeys].sort() }));

/** Every rollup document, keys sorted: the kecamatan cube mixes sellers, but this file's database has one. */
const rollupState = async () => ({
  kecamatanMonths: sorted(
    await CUBE_MODELS.kecamatan.month.find({}).sort({ _id: 1 }).lean<KecamatanCubeDoc[]>(),
  ),
  kecamatanDays: sorted(await CUBE_MODELS.kecamatan.day.find({}).sort({ _id: 1 }).lean<KecamatanCubeDoc[]>()),
  sellerMonths: sorted(
    await CUBE_MODELS.seller.month
      .find({ organisationId: sellerId })
      .sort({ _id: 1 })
      .lean<SellerCubeDoc[]>(),
  ),
  sellerDays: sorted(
    await CUBE_MODELS.seller.day.find({ organisationId: sellerId }).sort({ _id: 1 }).lean<SellerCubeDoc[]>(),
  ),
});

/** The seller cube's day cells, each beside its document's dimensions: one row per day, stage and product. */
async function sellerRows(organisationId: Types.ObjectId = sellerId) {
  const docs = await CUBE_MODELS.seller.day.find({ organisationId }).sort({ _id: 1 }).lean<SellerCubeDoc[]>();
  return docs.flatMap((doc) =>
    Object.values(doc.cells).map((cell) => ({
      day: doc.bucket,
      stage: doc.stage,
      district: doc.district,
      sellerName: doc.sellerName,
      programmeTags: doc.programmeTags,
      appliedKeys: doc.appliedKeys,
      ...cell,
    })),
  );
}

const totalsByStage = async () => {
  const totals: Record<string, { orders: number; units: number; grossRupiah: number; ppnRupiah: number }> =
    {};
  for (const row of await sellerRows()) {
    const sum = (totals[`${row.channel}/${row.stage}`] ??= {
      orders: 0,
      units: 0,
      grossRupiah: 0,
      ppnRupiah: 0,
    });
    sum.orders += row.orders;
    sum.units += row.units;
    sum.grossRupiah += row.grossRupiah;
    sum.ppnRupiah += row.ppnRupiah;
  }
  return totals;
};

type Sums = Record<
  string,
  { orders: number; orderLines: number; units: number; grossRupiah: number; ppnRupiah: number }
>;

/** The seller cube folded to the kecamatan cube's documents and cells: what the kecamatan cube must hold. */
async function sellerCubeFolded(grain: 'month' | 'day'): Promise<Sums> {
  const sums: Sums = {};
  for (const row of await sellerRows()) {
    const bucket = grain === 'month' ? row.day.slice(0, 7) : row.day;
    const cellId = cubeCellId({
      category: row.category,
      buyerType: row.buyerType,
      channel: row.channel,
      programmeTags: row.programmeTags,
    });
    const key = `${bucket}|${row.stage}|${row.district.code}|${cellId}`;
    const sum = (sums[key] ??= { orders: 0, orderLines: 0, units: 0, grossRupiah: 0, ppnRupiah: 0 });
    sum.orders += row.orders;
    sum.orderLines += row.orderLines;
    sum.units += row.units;
    sum.grossRupiah += row.grossRupiah;
    sum.ppnRupiah += row.ppnRupiah;
  }
  return sums;
}

async function kecamatanCells(grain: 'month' | 'day'): Promise<Sums> {
  const sums: Sums = {};
  const docs = await CUBE_MODELS.kecamatan[grain].find({}).lean<KecamatanCubeDoc[]>();
  for (const doc of docs) {
    for (const [cellId, cell] of Object.entries(doc.cells)) {
      const { orders, orderLines, units, grossRupiah, ppnRupiah } = cell;
      sums[`${doc._id}|${cellId}`] = { orders, orderLines, units, grossRupiah, ppnRupiah };
    }
  }
  return sums;
}

type Measures = Record<string, number>;
const MEASURES = [
  'orders',
  'orderLines',
  'units',
  'grossRupiah',
  'ppnRupiah',
  'timedOrders',
  'timedMinutes',
  'onTimeOrders',
] as const;
const measuresOf = (from: Record<string, unknown>): Measures =>
  Object.fromEntries(MEASURES.map((measure) => [measure, from[measure] as number]));
const addInto = (into: Record<string, Measures>, key: string, from: Record<string, unknown>) => {
  const sum = (into[key] ??= Object.fromEntries(MEASURES.map((measure) => [measure, 0])));
  for (const measure of MEASURES) sum[measure]! += from[measure] as number;
};

/**
 * Every document's totals and margins, keyed by value (`<document>|<dimension>|<value>`), as stored
 * (`stored`) and as its cells add up (`fromCells`): the sums a breakdown reads instead of the cells.
 */
async function documentSums() {
  const stored: Record<string, Measures> = {};
  const fromCells: Record<string, Measures> = {};
  for (const grain of ['month', 'day'] as const) {
    for (const doc of await CUBE_MODELS.kecamatan[grain].find({}).lean<KecamatanCubeDoc[]>()) {
      stored[`${doc._id}|totals`] = measuresOf(doc.totals as unknown as Record<string, unknown>);
      for (const [dimension, entries] of Object.entries(doc.margins)) {
        for (const entry of Object.values(entries)) {
          stored[`${doc._id}|${dimension}|${entry.value}`] = measuresOf(
            entry as unknown as Record<string, unknown>,
          );
        }
      }
      for (const cell of Object.values(doc.cells) as unknown as Array<Record<string, unknown>>) {
        addInto(fromCells, `${doc._id}|totals`, cell);
        for (const dimension of ['category', 'buyerType', 'channel'] as const) {
          addInto(fromCells, `${doc._id}|${dimension}|${cell[dimension] as string | null}`, cell);
        }
        for (const tag of cell.programmeTags as string[])
          addInto(fromCells, `${doc._id}|programme|${tag}`, cell);
      }
    }
    for (const doc of await CUBE_MODELS.seller[grain]
      .find({ organisationId: sellerId })
      .lean<SellerCubeDoc[]>()) {
      stored[`${doc._id}|totals`] = measuresOf(doc.totals as unknown as Record<string, unknown>);
      for (const cell of Object.values(doc.cells) as unknown as Array<Record<string, unknown>>) {
        addInto(fromCells, `${doc._id}|totals`, cell);
      }
    }
  }
  return { stored, fromCells };
}

async function reset() {
  for (const grain of ['month', 'day'] as const) {
    await CUBE_MODELS.kecamatan[grain].deleteMany({});
    await CUBE_MODELS.seller[grain].deleteMany({ organisationId: sellerId });
  }
  await SellerOrderModel.deleteMany({ organisationId: sellerId });
  await mongoose.connection.db!.collection('DisplaySale').deleteMany({});
}

describe('incremental rollups', () => {
  beforeEach(reset);

  it('count each stage of an order once, on the WIB day it was reached, whatever the delivery order', async () => {
    const { events } = await storeOrder({
      life: 'completedOnTerms',
      stepHours: [0, 2, 1, 1, 24, 24, 1, 48],
      lines: [
        { product: 0, quantity: 20, unitPrice: 15_000 },
        { product: 1, quantity: 10, unitPrice: 22_500 },
      ],
      pkp: true,
    });
    // Newest first, then every event again, then all at once.
    for (const event of [...events].reverse()) await applyOrderEventToRollups(event);
    for (const event of events) await applyOrderEventToRollups(event);
    await Promise.all(events.map((event) => applyOrderEventToRollups(event)));

    const gross = 20 * 15_000 + 10 * 22_500;
    const line = { orders: 1, units: 30, grossRupiah: gross, ppnRupiah: 57_750 };
    expect(await totalsByStage()).toEqual({
      'marketplace/placed': line,
      'marketplace/accepted': line,
      'marketplace/delivered': line,
      'marketplace/completed': line,
    });
    const rows = await sellerRows();
    const placed = rows.filter((row) => row.stage === 'placed');
    // Placed at 22.30 WIB on 30 November; accepted after midnight in Jakarta.
    expect(placed.map((row) => row.day)).toEqual(['2026-11-30', '2026-11-30']);
    const accepted = rows.find((row) => row.stage === 'accepted');
    expect(accepted).toMatchObject({
      day: '2026-12-01',
      district: { code: '32.15.05', name: 'Klari' },
      buyerType: 'hotel',
      programmeTags: ['kur', 'pelatihan-halal'],
      sellerName: 'Keripik Bu Sri',
    });
    const categories = rows
      .filter((row) => row.stage === 'completed')
      .map((row) => row.category)
      .sort();
    expect(categories).toEqual(['bumbu_dan_sambal', 'makanan_ringan']);
  });

  it('ignores unpaid orders: an online order counts from its payment, and its expiry is no cancelled sale', async () => {
    const expired = await storeOrder({
      life: 'expiredUnpaid',
      stepHours: [0, 24],
      lines: [{ product: 0, quantity: 10, unitPrice: 15_000 }],
      pkp: false,
    });
    const dinkop = await storeOrder({
      life: 'cancelledUnpaidByDinkop',
      stepHours: [0, 3],
      lines: [{ product: 0, quantity: 10, unitPrice: 15_000 }],
      pkp: false,
    });
    const paid = await storeOrder({
      life: 'paidThenCancelled',
      stepHours: [0, 1, 2, 30],
      lines: [{ product: 2, quantity: 5, unitPrice: 40_000 }],
      pkp: false,
    });
    const rejected = await storeOrder({
      life: 'rejected',
      stepHours: [0, 5],
      lines: [{ product: 1, quantity: 4, unitPrice: 25_000 }],
      pkp: false,
    });
    for (const event of [...expired.events, ...dinkop.events, ...paid.events, ...rejected.events]) {
      await applyOrderEventToRollups(event);
    }
    expect(await totalsByStage()).toEqual({
      'marketplace/placed': { orders: 2, units: 9, grossRupiah: 300_000, ppnRupiah: 0 },
      'marketplace/accepted': { orders: 1, units: 5, grossRupiah: 200_000, ppnRupiah: 0 },
      'marketplace/cancelled': { orders: 2, units: 9, grossRupiah: 300_000, ppnRupiah: 0 },
    });
  });

  it('two first increments of one rollup racing each other both count, each once', async () => {
    const spec: OrderSpec = {
      life: 'stillOpen',
      stepHours: [0, 1],
      lines: [{ product: 0, quantity: 20, unitPrice: 15_000 }],
      pkp: false,
    };
    const orders = await Promise.all([storeOrder(spec), storeOrder(spec), storeOrder(spec)]);
    const placements = orders.map((order) => order.events[0]!);
    // Ten deliveries of three events that land on the same (new) document at once.
    await Promise.all(Array.from({ length: 10 }, () => placements.map(applyOrderEventToRollups)).flat());
    const state = await rollupState();
    for (const docs of Object.values(state)) {
      const placed = docs.filter((doc) => doc.stage === 'placed');
      expect(placed).toHaveLength(1);
      expect(Object.values(placed[0]!.cells)).toEqual([
        expect.objectContaining({ orders: 3, orderLines: 3, units: 60, grossRupiah: 900_000 }),
      ]);
      expect(placed[0]!.appliedKeys).toHaveLength(3);
    }
  });

  it('records a display sale once as a completed galeri or pojok sale, with the seller and product dimensions', async () => {
    const sale = {
      saleId: 'sale-1',
      soldOn: '2026-12-03',
      channel: 'pojok' as const,
      sellerOrganisationId: String(sellerId),
      productId: String(productIds[2]),
      units: 3,
      grossRupiah: 120_000,
      ppnRupiah: 0,
    };
    await Promise.all([recordDisplaySale(sale), recordDisplaySale(sale)]);
    await recordDisplaySale(sale);
    const docs = await sellerRows();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.appliedKeys).toEqual(['sale:sale-1']);
    expect(docs[0]).toMatchObject({
      day: '2026-12-03',
      stage: 'completed',
      channel: 'pojok',
      category: 'minuman',
      productName: 'Kopi Robusta',
      buyerType: null,
      orders: 1,
      units: 3,
      grossRupiah: 120_000,
      district: { code: '32.15.05', name: 'Klari' },
    });
  });
});

describe('rebuild', () => {
  beforeEach(reset);

  it('recomputes the rollups from the seller orders and the display sales, replacing what was there', async () => {
    const { events } = await storeOrder({
      life: 'receivedWithoutDelivered',
      stepHours: [0, 1, 1, 20, 30, 5],
      lines: [{ product: 0, quantity: 50, unitPrice: 13_500 }],
      pkp: true,
    });
    for (const event of events) await applyOrderEventToRollups(event);
    const sale = {
      saleId: 'sale-rebuild',
      soldOn: '2026-12-02',
      channel: 'galeri' as const,
      sellerOrganisationId: String(sellerId),
      productId: String(productIds[0]),
      units: 2,
      grossRupiah: 30_000,
      ppnRupiah: 3_300,
    };
    await recordDisplaySale(sale);
    await mongoose.connection.db!.collection('DisplaySale').insertOne({
      _id: sale.saleId as unknown as Types.ObjectId,
      ...sale,
      sellerOrganisationId: sellerId,
      productId: productIds[0],
      createdAt: new Date(),
    });
    const incremental = await rollupState();
    expect(incremental.kecamatanMonths.map((doc) => doc._id)).toEqual([
      `2026-11|accepted|${KARAWANG_ADDRESS.districtCode}`,
      `2026-11|placed|${KARAWANG_ADDRESS.districtCode}`,
      `2026-12|completed|${KARAWANG_ADDRESS.districtCode}`,
      `2026-12|delivered|${KARAWANG_ADDRESS.districtCode}`,
    ]);
    // A stray document (a bug's leftover) must not survive the rebuild.
    await CUBE_MODELS.seller.day.collection.insertOne({
      _id: 'stray' as unknown as Types.ObjectId,
      organisationId: sellerId,
    });

    const result = await rebuildRollups();
    expect(result).toMatchObject({
      increments: 5,
      documents: {
        kecamatan: incremental.kecamatanMonths.length + incremental.kecamatanDays.length,
        seller: incremental.sellerMonths.length + incremental.sellerDays.length,
      },
    });
    expect(await rollupState()).toEqual(incremental);
    expect(await CUBE_MODELS.seller.day.countDocuments({ organisationId: sellerId, _id: 'stray' })).toBe(0);
    // The swapped-in collections still have the indexes the reads are planned on.
    const indexes = (await CUBE_MODELS.seller.day.collection.indexes()).map((index) => index.key);
    expect(indexes).toEqual(expect.arrayContaining([{ organisationId: 1, stage: 1, bucket: 1 }]));
  });

  it('runs from the admin CLI: npm run admin -- rebuild-rollups', async () => {
    const { events } = await storeOrder({
      life: 'rejected',
      stepHours: [0, 2],
      lines: [{ product: 1, quantity: 4, unitPrice: 25_000 }],
      pkp: false,
    });
    for (const event of events) await applyOrderEventToRollups(event);
    const incremental = await rollupState();
    await CUBE_MODELS.seller.month.deleteMany({ organisationId: sellerId });
    await CUBE_MODELS.kecamatan.day.deleteMany({});
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/admin.ts', 'rebuild-rollups'], {
      env: { ...process.env, ...entryPointEnv(t) },
      timeout: 60_000,
    });
    // Placed and rejected: one month and one day document per stage in each cube.
    expect(stdout).toMatch(
      /Rebuilt the sales rollups in [\d.]+ s: 2 increments into 4 kecamatan and 4 seller documents/,
    );
    expect(await rollupState()).toEqual(incremental);
  }, 90_000);

  const orderSpec: fc.Arbitrary<OrderSpec> = fc.record({
    life: fc.constantFrom(...(Object.keys(LIVES) as Array<keyof typeof LIVES>)),
    stepHours: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 9, maxLength: 9 }),
    lines: fc.uniqueArray(
      fc.record({
        product: fc.integer({ min: 0, max: 2 }),
        quantity: fc.integer({ min: 1, max: 200 }),
        unitPrice: fc.integer({ min: 500, max: 90_000 }),
      }),
      { minLength: 1, maxLength: 3, selector: (line) => line.product },
    ),
    pkp: fc.boolean(),
  });

  it('gives the same documents as the events did, over random orders with duplicated and shuffled events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderSpec, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        async (specs, duplicates, seed, flushAt) => {
          await reset();
          const events: Awaited<ReturnType<typeof storeOrder>>['events'] = [];
          for (const spec of specs) events.push(...(await storeOrder(spec)).events);
          // Every event at least once, some again, in an order decided by the seed.
          const stream = [...events, ...duplicates.map((index) => events[index % events.length]!)];
          const shuffled = fc.sample(fc.shuffledSubarray(stream, { minLength: stream.length }), {
            seed,
            numRuns: 1,
          })[0]!;
          for (const event of shuffled) await applyOrderEventToRollups(event);
          const incremental = await rollupState();
          // The two cubes hold the same figures, at both grains.
          expect(await kecamatanCells('month')).toEqual(await sellerCubeFolded('month'));
          expect(await kecamatanCells('day')).toEqual(await sellerCubeFolded('day'));
          // Each document's totals and margins are its cells summed.
          const sums = await documentSums();
          expect(sums.stored).toEqual(sums.fromCells);
          await rebuildRollups({ sources: [sellerOrderSource] });
          expect(await rollupState()).toEqual(incremental);
          // Folding a few documents at a time (as a long history does) adds up to the same documents.
          await rebuildRollups({ sources: [sellerOrderSource], flushAtDocuments: flushAt });
          expect(await rollupState()).toEqual(incremental);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the orders worker', () => {
  it('adds each stage of a real checkout to the rollups, after its other steps', async () => {
    const market = await orderingMarket(t.app as Express);
    const seller = await market.seller();
    const product = await market.product(seller);
    const buyer = await market.buyer();
    const order = ZBuyerOrder.parse(
      (
        await placeOrder(buyer.agent, {
          lines: [{ productId: product, quantity: 20 }],
          requestedDeliveryDate: inDays(10),
        }).expect(201)
      ).body,
    );
    const part = order.sellerOrders[0]!;
    await seller.agent.post(`/api/seller-orders/${part.id}/accept`).send({}).expect(200);
    await seller.agent
      .post(`/api/seller-orders/${part.id}/cancel-by-seller`)
      .send({ reason: 'Mesin penggorengan rusak, tidak bisa produksi' })
      .expect(200);
    const stored = await SellerOrderModel.findOne({
      _id: part.id,
      organisationId: seller.organisationId,
    }).lean<SellerOrderDoc>();
    const process = ordersProcessor({
      jobs: t.jobs,
      orderTiming: { reminderHours: 24, escalationHours: 48 },
      payments: createStripeProvider(t.config),
      ledger: { platformFeeBasisPoints: 0 },
    });
    for (const entry of stored!.outbox) {
      await process({ name: 'order-event', data: entry.payload } as Job);
      await process({ name: 'order-event', data: entry.payload } as Job);
    }
    const rollups = await sellerRows(new Types.ObjectId(seller.organisationId));
    expect(
      rollups
        .map(({ stage, orders, units, grossRupiah }) => ({ stage, orders, units, grossRupiah }))
        .sort((a, b) => a.stage.localeCompare(b.stage)),
    ).toEqual([
      { stage: 'accepted', orders: 1, units: 20, grossRupiah: part.totals.subtotal },
      { stage: 'cancelled', orders: 1, units: 20, grossRupiah: part.totals.subtotal },
      { stage: 'placed', orders: 1, units: 20, grossRupiah: part.totals.subtotal },
    ]);
  });
});
