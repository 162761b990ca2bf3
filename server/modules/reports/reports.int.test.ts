import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { Types } from 'mongoose';
import { ORDER_MOVES, type TOrderMove, type TSellerOrderStatus } from '../../../shared/states/order';
import { OrganisationModel } from '../accounts/organisation.model';
import { ProductModel } from '../catalog/product.model';
import { LegalityDocumentModel } from '../legality/legality-document.model';
import { SellerOrderModel } from '../orders/order.models';
import { resolveAddress } from '../regions';
import { UmkmProfileModel } from '../umkm/umkm-profile.model';
import { agentFor, createOrganisation, createUser, KARAWANG_ADDRESS } from '../../../test/factories';
import { KERIPIK_TEMPE } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { applyOrderEventToRollups, recordDisplaySale } from '.';

/**
 * The reports API over rollups written by the real increment functions: what Dinkop and a seller see,
 * what bad input gets, and the exported files read back.
 */
let t: TestApp;
const ids = {} as Record<'klari' | 'cikampek' | 'buyer' | 'pA1' | 'pA2' | 'pB1', Types.ObjectId>;
let agents: Record<'analyst' | 'admin' | 'curator' | 'owner' | 'staff' | 'buyer', request.Agent>;

const DECEMBER = 'from=2026-12-01&to=2026-12-31';

async function product(
  organisationId: Types.ObjectId,
  userId: Types.ObjectId,
  name: string,
  category: string,
  approvedAt: string,
) {
  const content = { ...KERIPIK_TEMPE, name, category: category as typeof KERIPIK_TEMPE.category };
  const created = await ProductModel.create({
    organisationId,
    status: 'approved',
    content,
    live: content,
    createdByUserId: userId,
    history: [
      {
        from: 'in_review',
        to: 'approved',
        revision: 1,
        byName: 'Kurator',
        byOrganisationKind: 'dinkop',
        at: new Date(approvedAt),
      },
    ],
  });
  return created._id;
}

/** A seller order after its life (`steps`: the moves after placement, each with its instant). */
async function order(
  sellerId: Types.ObjectId,
  lines: Array<{ productId: Types.ObjectId; quantity: number; unitPrice: number }>,
  placedAt: string,
  steps: Array<[TOrderMove, string]>,
  requestedDeliveryDate: string,
) {
  const history: Array<{
    move: TOrderMove | null;
    from: TSellerOrderStatus | null;
    to: TSellerOrderStatus;
    at: Date;
  }> = [{ move: null, from: null, to: 'placed', at: new Date(placedAt) }];
  for (const [move, at] of steps)
    history.push({ move, from: history.at(-1)!.to, to: ORDER_MOVES[move].to, at: new Date(at) });
  const orderLines = lines.map((line) => ({
    ...line,
    name: 'Produk',
    unit: 'pak',
    basePrice: line.unitPrice,
    lineTotal: line.quantity * line.unitPrice,
  }));
  const subtotal = orderLines.reduce((sum, line) => sum + line.lineTotal, 0);
  const stored = await SellerOrderModel.create({
    organisationId: sellerId,
    buyerOrganisationId: ids.buyer,
    buyerOrderId: new Types.ObjectId(),
    number: `PSR-2026-${Math.random().toString().slice(2, 8)}-1`,
    buyer: { name: 'Hotel Resinda', buyerType: 'hotel' },
    seller: { name: 'UMKM', isPkp: false },
    status: history.at(-1)!.to,
    paymentMethod: 'tempo',
    version: history.length,
    lines: orderLines,
    totals: { subtotal, taxBase: 0, ppn: 0, total: subtotal },
    requestedDeliveryDate,
    deliveryAddress: await resolveAddress(KARAWANG_ADDRESS),
    history: history.map((entry) => ({ ...entry, byName: 'Uji', byParty: 'seller' })),
  });
  for (const [index, entry] of history.entries()) {
    await applyOrderEventToRollups({
      version: 1,
      sellerOrderId: String(stored._id),
      sellerOrganisationId: String(sellerId),
      orderVersion: index + 1,
      status: entry.to,
      move: entry.move,
    });
  }
}

const LONG_AGO = new Date('2025-01-01T00:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  const klari = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Keripik Klari' });
  const cikampek = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Anyaman Cikampek' });
  await OrganisationModel.updateOne(
    { _id: cikampek._id },
    { $set: { 'address.district': { code: '32.15.10', name: 'Cikampek' } } },
  );
  for (const id of [klari._id, cikampek._id]) {
    await OrganisationModel.updateOne({ _id: id }, { $set: { createdAt: LONG_AGO } }, { timestamps: false });
  }
  ids.klari = klari._id;
  ids.cikampek = cikampek._id;
  ids.buyer = (await createOrganisation({ kind: 'buyer', status: 'verified', buyerType: 'hotel' }))._id;
  await UmkmProfileModel.create({ _id: klari._id, programmeTags: ['kur'] });
  const { user: owner } = await createUser({ organisation: klari, roles: ['owner'] });
  const { user: staff } = await createUser({ organisation: klari, roles: ['staff'] });
  const { user: weaver } = await createUser({ organisation: cikampek, roles: ['owner'] });
  ids.pA1 = await product(klari._id, owner._id, 'Keripik Tempe', 'makanan_ringan', '2026-12-02T03:00:00Z');
  ids.pA2 = await product(klari._id, owner._id, 'Kopi Robusta', 'minuman', '2026-10-01T03:00:00Z');
  ids.pB1 = await product(cikampek._id, weaver._id, 'Tas Anyaman', 'kerajinan', '2026-12-03T03:00:00Z');
  await LegalityDocumentModel.create({
    organisationId: klari._id,
    type: 'nib',
    number: '9120001234567',
    issuer: 'OSS RBA',
    issuedOn: '2024-01-10',
    expiresOn: null,
    createdByUserId: owner._id,
    createdAt: LONG_AGO,
  });

  // Placed 1 Dec 10.00 WIB, accepted 2 h later, delivered 3 Dec (asked for the 5th), completed 4 Dec.
  await order(
    klari._id,
    [{ productId: ids.pA1, quantity: 20, unitPrice: 15_000 }],
    '2026-12-01T03:00:00Z',
    [
      ['accept', '2026-12-01T05:00:00Z'],
      ['markReady', '2026-12-02T01:00:00Z'],
      ['ship', '2026-12-02T02:00:00Z'],
      ['markDelivered', '2026-12-03T03:00:00Z'],
      ['confirmReceipt', '2026-12-03T04:00:00Z'],
      ['complete', '2026-12-04T03:00:00Z'],
    ],
    '2026-12-05',
  );
  // Accepted after 4 h, delivered late on 10 Dec (asked for the 5th).
  await order(
    cikampek._id,
    [{ productId: ids.pB1, quantity: 10, unitPrice: 50_000 }],
    '2026-12-02T01:00:00Z',
    [
      ['accept', '2026-12-02T05:00:00Z'],
      ['markReady', '2026-12-05T01:00:00Z'],
      ['ship', '2026-12-06T01:00:00Z'],
      ['markDelivered', '2026-12-10T01:00:00Z'],
      ['confirmReceipt', '2026-12-10T02:00:00Z'],
      ['complete', '2026-12-11T01:00:00Z'],
    ],
    '2026-12-05',
  );
  // November: the previous period of December.
  await order(
    klari._id,
    [{ productId: ids.pA2, quantity: 5, unitPrice: 20_000 }],
    '2026-11-10T03:00:00Z',
    [
      ['accept', '2026-11-10T04:00:00Z'],
      ['markReady', '2026-11-11T04:00:00Z'],
      ['ship', '2026-11-12T04:00:00Z'],
      ['confirmReceipt', '2026-11-13T04:00:00Z'],
      ['complete', '2026-11-20T04:00:00Z'],
    ],
    '2026-11-15',
  );
  await recordDisplaySale({
    saleId: 'pojok-klari-1',
    soldOn: '2026-12-05',
    channel: 'pojok',
    sellerOrganisationId: String(klari._id),
    productId: String(ids.pA1),
    units: 3,
    grossRupiah: 45_000,
    ppnRupiah: 0,
  });
  await recordDisplaySale({
    saleId: 'galeri-cikampek-1',
    soldOn: '2026-12-06',
    channel: 'galeri',
    sellerOrganisationId: String(cikampek._id),
    productId: String(ids.pB1),
    units: 1,
    grossRupiah: 50_000,
    ppnRupiah: 0,
  });

  const dinkop = await createOrganisation({ kind: 'dinkop' });
  const member = async (organisation: typeof dinkop, role: 'analyst' | 'admin' | 'curator') =>
    agentFor(t.app as Express, (await createUser({ organisation, roles: [role] })).user);
  const { user: buyerAdmin } = await createUser({ kind: 'buyer', roles: ['admin'], status: 'verified' });
  agents = {
    analyst: await member(dinkop, 'analyst'),
    admin: await member(dinkop, 'admin'),
    curator: await member(dinkop, 'curator'),
    owner: await agentFor(t.app as Express, owner),
    staff: await agentFor(t.app as Express, staff),
    buyer: await agentFor(t.app as Express, buyerAdmin),
  };
});
afterAll(() => t.close());

const measures = (orders: number, units: number, grossRupiah: number) => ({
  orders,
  units,
  grossRupiah,
  ppnRupiah: 0,
});
const NOTHING = measures(0, 0, 0);

describe('breakdowns for Dinkop', () => {
  it('compares days not aligned to months with as many days before, each from its own day documents', async () => {
    const res = await agents.analyst
      .get('/api/reports/sales/breakdown?by=kecamatan&from=2026-11-15&to=2026-12-04&stage=placed')
      .expect(200);
    expect(res.body.previousPeriod).toEqual({ from: '2026-10-26', to: '2026-11-14' });
    // Placed 1 and 2 December (now), 10 November (before); nothing placed after 4 December counts.
    expect(res.body.totals).toEqual({ current: measures(2, 30, 800_000), previous: measures(1, 5, 100_000) });
    expect(
      res.body.rows.map((row: { label: string; current: unknown; previous: unknown }) => [
        row.label,
        row.current,
        row.previous,
      ]),
    ).toEqual([
      ['Cikampek', measures(1, 10, 500_000), NOTHING],
      ['Klari', measures(1, 20, 300_000), measures(1, 5, 100_000)],
    ]);
  });

  it('by kecamatan, with the month before beside it (whole months compare with whole months)', async () => {
    const res = await agents.analyst.get(`/api/reports/sales/breakdown?by=kecamatan&${DECEMBER}`).expect(200);
    expect(res.body.previousPeriod).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(res.body.rows).toEqual([
      {
        key: '32.15.10',
        label: 'Cikampek',
        current: measures(2, 11, 550_000),
        previous: NOTHING,
        grossChangePercent: null,
      },
      {
        key: '32.15.05',
        label: 'Klari',
        current: measures(2, 23, 345_000),
        previous: measures(1, 5, 100_000),
        grossChangePercent: 245,
      },
    ]);
    expect(res.body.totals.current).toEqual(measures(4, 34, 895_000));
    expect(res.body.totalRows).toBe(2);
  });

  it.each([
    [
      'channel',
      [
        ['marketplace', 800_000],
        ['galeri', 50_000],
        ['pojok', 45_000],
      ],
    ],
    [
      'buyerType',
      [
        ['hotel', 800_000],
        ['langsung', 95_000],
      ],
    ],
    ['programme', [['kur', 345_000]]],
    [
      'category',
      [
        ['kerajinan', 550_000],
        ['makanan_ringan', 345_000],
        ['minuman', 0],
      ],
    ],
  ])('by %s', async (by, expected) => {
    const res = await agents.admin.get(`/api/reports/sales/breakdown?by=${by}&${DECEMBER}`).expect(200);
    expect(
      res.body.rows.map((row: { key: string; current: { grossRupiah: number } }) => [
        row.key,
        row.current.grossRupiah,
      ]),
    ).toEqual(expected);
  });

  it('filters by kecamatan, channel and stage, and pages', async () => {
    const klari = await agents.analyst
      .get(`/api/reports/sales/breakdown?by=product&${DECEMBER}&kecamatan=32.15.05&channel=marketplace`)
      .expect(200);
    expect(klari.body.rows.map((row: { label: string }) => row.label)).toEqual([
      'Keripik Tempe',
      'Kopi Robusta',
    ]);
    const placed = await agents.analyst
      .get(`/api/reports/sales/breakdown?by=umkm&${DECEMBER}&stage=placed&limit=1&page=2`)
      .expect(200);
    expect(placed.body).toMatchObject({ page: 2, limit: 1, totalRows: 2 });
    expect(placed.body.rows).toEqual([
      expect.objectContaining({ label: 'Keripik Klari', current: measures(1, 20, 300_000) }),
    ]);
  });

  it('series by day, week and month, empty buckets included', async () => {
    const month = await agents.analyst
      .get(`/api/reports/sales/series?bucket=month&from=2026-11-01&to=2026-12-31`)
      .expect(200);
    expect(month.body.points).toEqual([
      { bucket: '2026-11', ...measures(1, 5, 100_000) },
      { bucket: '2026-12', ...measures(4, 34, 895_000) },
    ]);
    const week = await agents.analyst
      .get(`/api/reports/sales/series?bucket=week&from=2026-11-30&to=2026-12-13`)
      .expect(200);
    expect(week.body.points).toEqual([
      { bucket: '2026-W49', ...measures(3, 24, 395_000) },
      { bucket: '2026-W50', ...measures(1, 10, 500_000) },
    ]);
    const days = await agents.analyst.get(`/api/reports/sales/series?${DECEMBER}`).expect(200);
    expect(days.body.points).toHaveLength(31);
    expect(days.body.points[3]).toEqual({ bucket: '2026-12-04', ...measures(1, 20, 300_000) });
  });

  it('top products and UMKM', async () => {
    const res = await agents.analyst.get(`/api/reports/sales/top?${DECEMBER}&limit=1`).expect(200);
    expect(res.body.products).toEqual([
      { key: String(ids.pB1), label: 'Tas Anyaman', ...measures(2, 11, 550_000) },
    ]);
    expect(res.body.umkm).toEqual([
      { key: String(ids.cikampek), label: 'Anyaman Cikampek', ...measures(2, 11, 550_000) },
    ]);
  });

  it('overview from the source documents', async () => {
    const res = await agents.analyst.get(`/api/reports/overview?${DECEMBER}`).expect(200);
    expect(res.body).toEqual({
      period: { from: '2026-12-01', to: '2026-12-31' },
      activeUmkm: 2,
      newlyCuratedProducts: 2,
      legalityCoverage: { covered: 1, total: 2, share: 0.5 },
      deliveredOrders: 2,
      averageHoursToDelivery: 120,
      onTimeDeliveryShare: 0.5,
      answeredOrders: 2,
      averageResponseHours: 3,
    });
    const klari = await agents.analyst
      .get(`/api/reports/overview?${DECEMBER}&kecamatan=32.15.05`)
      .expect(200);
    expect(klari.body).toMatchObject({ activeUmkm: 1, newlyCuratedProducts: 1, averageHoursToDelivery: 48 });
  });
});

describe('bad input gets a clear 400', () => {
  it.each([
    [
      'inverted dates',
      '/api/reports/sales/breakdown?by=kecamatan&from=2026-12-31&to=2026-12-01',
      'to',
      'Tanggal akhir tidak boleh sebelum tanggal awal',
    ],
    [
      'a period over two years',
      '/api/reports/sales/series?from=2024-01-01&to=2026-01-01',
      'to',
      'Periode laporan paling lama 2 tahun',
    ],
    [
      'an unknown dimension',
      `/api/reports/sales/breakdown?by=kelurahan&${DECEMBER}`,
      'by',
      expect.stringContaining('Dimensi tidak dikenal'),
    ],
    ['an unknown field', `/api/reports/sales/series?${DECEMBER}&region=jabar`, '', expect.any(String)],
    [
      'a page too long',
      `/api/reports/sales/breakdown?by=umkm&${DECEMBER}&limit=500`,
      'limit',
      expect.any(String),
    ],
    ['an unknown bucket', `/api/reports/sales/series?${DECEMBER}&bucket=year`, 'bucket', expect.any(String)],
    [
      'a date that is no date',
      '/api/reports/overview?from=2026-13-01&to=2026-12-31',
      'from',
      expect.any(String),
    ],
    ['no period at all', '/api/reports/sales/top', 'from', expect.any(String)],
    [
      'an unknown dimension in an export',
      `/api/reports/sales/breakdown.xlsx?by=desa&${DECEMBER}`,
      'by',
      expect.any(String),
    ],
  ])('%s', async (_case, url, path, message) => {
    const res = await agents.analyst.get(url).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: path ? [path] : [], message })]),
    );
  });

  it('the two-year cap allows exactly two years', async () => {
    await agents.analyst
      .get('/api/reports/sales/series?bucket=month&from=2025-01-01&to=2026-12-31')
      .expect(200);
  });
});

describe('who sees what', () => {
  it('a UMKM owner or staff member sees the same figures, of their own organisation only', async () => {
    for (const agent of [agents.owner, agents.staff]) {
      const byKecamatan = await agent
        .get(`/api/reports/sales/breakdown?by=kecamatan&${DECEMBER}`)
        .expect(200);
      expect(byKecamatan.body.rows).toEqual([
        expect.objectContaining({ key: '32.15.05', current: measures(2, 23, 345_000) }),
      ]);
      const byUmkm = await agent
        .get(`/api/reports/sales/breakdown?by=umkm&${DECEMBER}&kecamatan=32.15.10`)
        .expect(200);
      expect(byUmkm.body.rows).toEqual([]);
      const top = await agent.get(`/api/reports/sales/top?${DECEMBER}`).expect(200);
      expect(top.body.umkm.map((row: { label: string }) => row.label)).toEqual(['Keripik Klari']);
      const overview = await agent.get(`/api/reports/overview?${DECEMBER}`).expect(200);
      expect(overview.body).toMatchObject({ activeUmkm: 1, legalityCoverage: { covered: 1, total: 1 } });
      const csv = await agent.get(`/api/reports/sales/breakdown.csv?by=umkm&${DECEMBER}`).expect(200);
      expect(csv.text).not.toContain('Anyaman Cikampek');
    }
  });

  it("a UMKM asking for another seller's figures is refused", async () => {
    const res = await agents.owner
      .get(`/api/reports/sales/series?${DECEMBER}&sellerOrganisationId=${ids.cikampek}`)
      .expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('Dinkop may narrow to one seller', async () => {
    const res = await agents.analyst
      .get(`/api/reports/sales/breakdown?by=channel&${DECEMBER}&sellerOrganisationId=${ids.cikampek}`)
      .expect(200);
    expect(res.body.totals.current).toEqual(measures(2, 11, 550_000));
  });

  it('buyers and curators are refused every report, and no report route changes anything', async () => {
    const reportRoutes = t.routes.filter((route) => route.path.startsWith('/api/reports/'));
    expect(reportRoutes).toHaveLength(6);
    for (const route of reportRoutes) {
      expect(route.method).toBe('get');
      for (const agent of [agents.buyer, agents.curator]) {
        await agent.get(`${route.path}?by=kecamatan&${DECEMBER}`).expect(403);
      }
    }
    await request(t.app).get(`/api/reports/sales/series?${DECEMBER}`).expect(401);
  });
});

describe('exports', () => {
  it('CSV: semicolons, Indonesian headers, whole rupiah, only the filtered kecamatan', async () => {
    const res = await agents.analyst
      .get(`/api/reports/sales/breakdown.csv?by=umkm&${DECEMBER}&kecamatan=32.15.05`)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="penjualan-umkm-2026-12-01-2026-12-31.csv"',
    );
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      'UMKM;Kode;Jumlah pesanan;Jumlah unit;Nilai penjualan (Rp);PPN (Rp);Jumlah pesanan periode sebelumnya;Nilai penjualan periode sebelumnya (Rp);Perubahan nilai (%)',
      `Keripik Klari;${ids.klari};2;23;345000;0;1;100000;245`,
    ]);
  });

  it('XLSX: read back with exceljs, rupiah formatted, period in WIB', async () => {
    const res = await agents.analyst
      .get(`/api/reports/sales/breakdown.xlsx?by=kecamatan&${DECEMBER}&kecamatan=32.15.05`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Penjualan')!;
    const text = (row: number) => String(sheet.getRow(row).getCell(1).value);
    expect(text(1)).toBe('Penjualan per kecamatan — tahap: Selesai');
    expect(text(2)).toBe(
      'Periode: 1 Desember 2026 – 31 Desember 2026 (WIB); dibandingkan dengan 1 November 2026 – 30 November 2026',
    );
    expect(text(3)).toBe('Filter: kecamatan Klari (32.15.05)');
    expect(text(4)).toMatch(/^Dibuat: .+ WIB$/);
    const header = sheet.getRow(6).values as unknown[];
    expect(header.slice(1)).toEqual([
      'Kecamatan',
      'Kode',
      'Jumlah pesanan',
      'Jumlah unit',
      'Nilai penjualan (Rp)',
      'PPN (Rp)',
      'Jumlah pesanan periode sebelumnya',
      'Nilai penjualan periode sebelumnya (Rp)',
      'Perubahan nilai (%)',
    ]);
    const row = sheet.getRow(7);
    expect((row.values as unknown[]).slice(1)).toEqual([
      'Klari',
      '32.15.05',
      2,
      23,
      345_000,
      0,
      1,
      100_000,
      245,
    ]);
    expect(row.getCell(5).numFmt).toBe('"Rp" #,##0');
    expect(sheet.getRow(8).getCell(1).value).toBe('Jumlah');
    expect(sheet.getRow(8).getCell(5).value).toBe(345_000);
  });
});
