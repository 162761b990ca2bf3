import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { Types } from 'mongoose';
import { todayInWib } from '../../shared/time';
import { OrganisationModel } from '../../server/modules/accounts/organisation.model';
import { ProductModel } from '../../server/modules/catalog/product.model';
import { SellerOrderModel } from '../../server/modules/orders/order.models';
import { resolveAddress } from '../../server/modules/regions';
import {
  announceTodayChanged,
  applyOrderEventToRollups,
  recordDisplaySale,
} from '../../server/modules/reports';
import { createOrganisation, createUser, KARAWANG_ADDRESS } from '../factories';
import { KERIPIK_TEMPE } from '../fixtures';
import { startBrowserApp, type BrowserApp } from '../helpers/browser';

/**
 * The analyst's promise in a real Chromium against the built client: sales in two kecamatan, a filter to
 * one of them picked by name (its code kept in the URL), only its figures on screen, the XLSX and CSV of
 * that view downloaded, and the drill-down from a kecamatan to its UMKM and from a UMKM to its products.
 */
let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 60_000);
afterAll(() => b?.close());

async function approvedProduct(organisationId: Types.ObjectId, userId: Types.ObjectId, name: string) {
  const content = { ...KERIPIK_TEMPE, name };
  return (
    await ProductModel.create({
      organisationId,
      status: 'approved',
      content,
      live: content,
      createdByUserId: userId,
    })
  )._id;
}

/** A verified UMKM with its owner, registered in the given kecamatan. */
async function sellerIn(name: string, district: { code: string; name: string }) {
  const organisation = await createOrganisation({ kind: 'umkm', status: 'verified', name });
  await OrganisationModel.updateOne({ _id: organisation._id }, { $set: { 'address.district': district } });
  const { user } = await createUser({ organisation, roles: ['owner'] });
  return { id: organisation._id, owner: user._id };
}

it('an analyst filters the dashboard to one kecamatan and downloads its XLSX', async () => {
  const klari = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Keripik Klari' });
  const cikampek = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Anyaman Cikampek' });
  await OrganisationModel.updateOne(
    { _id: cikampek._id },
    { $set: { 'address.district': { code: '32.15.13', name: 'Cikampek' } } },
  );
  const { user: ani } = await createUser({ organisation: klari, roles: ['owner'] });
  const { user: budi } = await createUser({ organisation: cikampek, roles: ['owner'] });
  const today = todayInWib();
  const sales = [
    { seller: klari._id, product: await approvedProduct(klari._id, ani._id, 'Keripik Tempe'), gross: 45_000 },
    {
      seller: cikampek._id,
      product: await approvedProduct(cikampek._id, budi._id, 'Tas Anyaman'),
      gross: 250_000,
    },
  ];
  for (const [index, sale] of sales.entries()) {
    await recordDisplaySale({
      saleId: `e2e-dashboard-${index}`,
      soldOn: today,
      channel: 'pojok',
      sellerOrganisationId: String(sale.seller),
      productId: String(sale.product),
      units: 1,
      grossRupiah: sale.gross,
      ppnRupiah: 0,
    });
  }

  const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
  const context = await b.signedInAs(analyst);
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/`);
  await page.getByTestId('nav-sales-dashboard').click();
  await page.waitForURL(/\/dinkop\/dasbor/);
  const table = page.getByTestId('breakdown-table');
  await table.locator('[data-testid="breakdown-row"][data-key="32.15.13"]').waitFor();
  expect(await page.getByTestId('breakdown-total').textContent()).toBe('Rp 295.000');
  // The charts (line, bars, stacked channels) draw: recharts renders an svg surface in each.
  for (const chart of ['dashboard-series', 'dashboard-breakdown', 'dashboard-channels'])
    await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();

  await page.getByTestId('dashboard-kecamatan').selectOption({ label: 'Klari' });
  await page.waitForURL(/kecamatan=32\.15\.05/);
  await page.getByTestId('breakdown-total').getByText('Rp 45.000').waitFor();
  expect(await table.getByTestId('breakdown-row').count()).toBe(1);
  expect(await table.getByTestId('breakdown-row').getAttribute('data-key')).toBe('32.15.05');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('dashboard-xlsx').click(),
  ]);
  const from = `${today.slice(0, 8)}01`;
  expect(download.suggestedFilename()).toBe(`penjualan-kecamatan-${from}-${today}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Penjualan')!;
  const rows: string[] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).map(String).join('|')));
  expect(rows.some((row) => row.includes('32.15.05'))).toBe(true);
  expect(rows.some((row) => row.includes('32.15.13'))).toBe(false);
  await context.close();
}, 120_000);

it('an analyst picks a kecamatan by name, downloads its CSV and drills down to its UMKM and their products', async () => {
  // Kecamatan of their own, so the other tests' sales in Klari never reach these figures.
  const telagasari = { code: '32.15.17', name: 'Telagasari' };
  const dodol = await sellerIn('Dodol Bu Imas', telagasari);
  const gulaAren = await sellerIn('Gula Aren Pak Dadang', telagasari);
  const emping = await sellerIn('Emping Jatisari', { code: '32.15.14', name: 'Jatisari' });
  const dodolKetan = await approvedProduct(dodol.id, dodol.owner, 'Dodol Ketan');
  const dodolWijen = await approvedProduct(dodol.id, dodol.owner, 'Dodol Wijen');
  const today = todayInWib();
  const sales = [
    { seller: dodol, product: dodolKetan, channel: 'pojok', units: 10, gross: 120_000, ppn: 0 },
    { seller: dodol, product: dodolWijen, channel: 'galeri', units: 5, gross: 65_000, ppn: 0 },
    {
      seller: gulaAren,
      product: await approvedProduct(gulaAren.id, gulaAren.owner, 'Gula Aren Cetak'),
      channel: 'galeri',
      units: 4,
      gross: 111_000,
      ppn: 11_000,
    },
    {
      seller: emping,
      product: await approvedProduct(emping.id, emping.owner, 'Emping Melinjo'),
      channel: 'pojok',
      units: 20,
      gross: 500_000,
      ppn: 0,
    },
  ] as const;
  for (const [index, sale] of sales.entries()) {
    await recordDisplaySale({
      saleId: `e2e-drill-${index}`,
      soldOn: today,
      channel: sale.channel,
      sellerOrganisationId: String(sale.seller.id),
      productId: String(sale.product),
      units: sale.units,
      grossRupiah: sale.gross,
      ppnRupiah: sale.ppn,
    });
  }

  const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
  const context = await b.signedInAs(analyst);
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/dinkop/dasbor`);
  const table = page.getByTestId('breakdown-table');
  const row = (key: unknown) => table.locator(`[data-testid="breakdown-row"][data-key="${String(key)}"]`);
  // Name, orders, units, gross: what the analyst reads off a row.
  const figures = async (key: unknown) => (await row(key).locator('td').allTextContents()).slice(0, 4);
  const total = page.getByTestId('breakdown-total');
  await row('32.15.14').waitFor();

  const kecamatan = page.getByTestId('dashboard-kecamatan');
  await kecamatan.selectOption({ label: 'Telagasari' });
  await page.waitForURL(/kecamatan=32\.15\.17/);
  await total.getByText('Rp 296.000', { exact: true }).waitFor();
  expect(await table.getByTestId('breakdown-row').count()).toBe(1);
  expect(await figures('32.15.17')).toEqual(['Telagasari', '3', '19', 'Rp 296.000']);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('dashboard-csv').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`penjualan-kecamatan-${today.slice(0, 8)}01-${today}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')).toEqual([
    '\uFEFFKecamatan;Kode;Jumlah pesanan;Jumlah unit;Nilai penjualan (Rp);PPN (Rp);' +
      'Jumlah pesanan periode sebelumnya;Nilai penjualan periode sebelumnya (Rp);Perubahan nilai (%)',
    'Telagasari;32.15.17;3;19;296000;11000;0;0;',
    '',
  ]);

  // Drilled from the unfiltered table, so the row itself has to set the filter (and the select follows).
  await page.getByTestId('dashboard-clear').click();
  await row('32.15.14').waitFor();
  await row('32.15.17').getByTestId('breakdown-drill').click();
  await row(gulaAren.id).waitFor();
  const url = new URL(page.url());
  expect([url.searchParams.get('by'), url.searchParams.get('kecamatan')]).toEqual(['umkm', '32.15.17']);
  expect(await kecamatan.inputValue()).toBe('32.15.17');
  expect(await kecamatan.locator('option:checked').textContent()).toBe('Telagasari');
  expect(await table.getByTestId('breakdown-row').count()).toBe(2);
  expect(await figures(dodol.id)).toEqual(['Dodol Bu Imas', '2', '15', 'Rp 185.000']);
  expect(await figures(gulaAren.id)).toEqual(['Gula Aren Pak Dadang', '1', '4', 'Rp 111.000']);
  expect(await total.textContent()).toBe('Rp 296.000');

  await row(dodol.id).getByTestId('breakdown-drill').click();
  await row(dodolKetan).waitFor();
  expect(new URL(page.url()).searchParams.get('sellerOrganisationId')).toBe(String(dodol.id));
  expect(await table.getByTestId('breakdown-row').count()).toBe(2);
  expect(await figures(dodolKetan)).toEqual(['Dodol Ketan', '1', '10', 'Rp 120.000']);
  expect(await figures(dodolWijen)).toEqual(['Dodol Wijen', '1', '5', 'Rp 65.000']);
  expect(await total.textContent()).toBe('Rp 185.000');
  await context.close();
}, 60_000);

it("today's counters follow an order placed while the dashboard is open, without a reload", async () => {
  const seller = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Dodol Telagasari' });
  const { user: owner } = await createUser({ organisation: seller, roles: ['owner'] });
  const productId = await approvedProduct(seller._id, owner._id, 'Dodol Ketan');
  const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['admin'] });
  const context = await b.signedInAs(analyst);
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/dinkop/dasbor`);
  // Read the count only once fetched, or a late first fetch could pass for the push.
  await page.locator('[data-testid="dashboard-today"][data-loaded="yes"]').waitFor();
  const orders = page.getByTestId('today-orders-value');
  const before = Number(await orders.textContent());

  // What the orders worker does for an order placed now: the rollup first, then the announcement.
  const stored = await SellerOrderModel.create({
    organisationId: seller._id,
    buyerOrganisationId: (await createOrganisation({ kind: 'buyer', status: 'verified', buyerType: 'hotel' }))
      ._id,
    buyerOrderId: new Types.ObjectId(),
    number: 'PSR-2026-E2E001-1',
    buyer: { name: 'Hotel Resinda', buyerType: 'hotel' },
    seller: { name: 'Dodol Telagasari', isPkp: false },
    status: 'placed',
    paymentMethod: 'tempo',
    version: 1,
    lines: [
      {
        productId,
        name: 'Dodol Ketan',
        unit: 'pak',
        quantity: 10,
        unitPrice: 12_000,
        basePrice: 12_000,
        lineTotal: 120_000,
      },
    ],
    totals: { subtotal: 120_000, taxBase: 0, ppn: 0, total: 120_000 },
    requestedDeliveryDate: todayInWib(),
    deliveryAddress: await resolveAddress(KARAWANG_ADDRESS),
    history: [{ move: null, from: null, to: 'placed', at: new Date(), byName: 'Uji', byParty: 'buyer' }],
  });
  await applyOrderEventToRollups({
    version: 1,
    sellerOrderId: String(stored._id),
    sellerOrganisationId: String(seller._id),
    orderVersion: 1,
    status: 'placed',
    move: null,
  });
  announceTodayChanged(String(seller._id));

  await page
    .getByTestId('today-orders-value')
    .getByText(String(before + 1), { exact: true })
    .waitFor();
  await context.close();
}, 120_000);

it("a seller's own dashboard shows only its sales, with no kecamatan filter", async () => {
  const own = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Batik Rengasdengklok' });
  const other = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Opak Jatisari' });
  const { user: owner } = await createUser({ organisation: own, roles: ['owner'] });
  const { user: otherOwner } = await createUser({ organisation: other, roles: ['owner'] });
  const ownProduct = await approvedProduct(own._id, owner._id, 'Batik Tulis');
  const otherProduct = await approvedProduct(other._id, otherOwner._id, 'Opak Ketan');
  for (const [saleId, seller, productId, gross] of [
    ['e2e-own-1', own._id, ownProduct, 300_000],
    ['e2e-other-1', other._id, otherProduct, 20_000],
  ] as const) {
    await recordDisplaySale({
      saleId,
      soldOn: todayInWib(),
      channel: 'galeri',
      sellerOrganisationId: String(seller),
      productId: String(productId),
      units: 1,
      grossRupiah: gross,
      ppnRupiah: 0,
    });
  }
  const context = await b.signedInAs(owner);
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/`);
  await page.getByTestId('nav-seller-dashboard').click();
  await page.waitForURL(/\/usaha\/dasbor/);
  const table = page.getByTestId('breakdown-table');
  await table.locator(`[data-testid="breakdown-row"][data-key="${String(ownProduct)}"]`).waitFor();
  expect(await table.getByTestId('breakdown-row').count()).toBe(1);
  expect(await page.getByTestId('breakdown-total').textContent()).toBe('Rp 300.000');
  expect(await page.getByTestId('dashboard-kecamatan').count()).toBe(0);
  await context.close();
}, 120_000);
