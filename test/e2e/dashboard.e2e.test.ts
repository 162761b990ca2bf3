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
 * one of them (kept in the URL), only its figures on screen, and the XLSX of that view downloaded.
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

it('an analyst filters the dashboard to one kecamatan and downloads its XLSX', async () => {
  const klari = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Keripik Klari' });
  const cikampek = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Anyaman Cikampek' });
  await OrganisationModel.updateOne(
    { _id: cikampek._id },
    { $set: { 'address.district': { code: '32.15.10', name: 'Cikampek' } } },
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
  await table.locator('[data-testid="breakdown-row"][data-key="32.15.10"]').waitFor();
  expect(await page.getByTestId('breakdown-total').textContent()).toBe('Rp 295.000');
  // The charts (line, bars, stacked channels) draw: recharts renders an svg surface in each.
  for (const chart of ['dashboard-series', 'dashboard-breakdown', 'dashboard-channels'])
    await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();

  await page.getByTestId('dashboard-kecamatan').fill('32.15.05');
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
  expect(rows.some((row) => row.includes('32.15.10'))).toBe(false);
  await context.close();
}, 120_000);

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
