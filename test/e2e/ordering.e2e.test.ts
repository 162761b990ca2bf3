import type { Express } from 'express';
import type request from 'supertest';
import { ZListBuyerOrdersResponse } from '../../shared/contracts/orders';
import type { TProductContent } from '../../shared/contracts/products';
import { agentFor, createUser } from '../factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../fixtures';
import { startBrowserApp, type BrowserApp } from '../helpers/browser';
import { giveCreditLine } from '../helpers/orders';

/**
 * The ordering promise in a real Chromium against the built client: a koperasi purchaser orders from the
 * catalog; the UMKM owner, on a phone, accepts, marks ready and ships; the purchaser's open order page
 * shows every step as it happens (pushed over Socket.IO, never reloaded), and the owner's page shows the
 * purchaser's receipt the same way.
 */
let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 60_000);
afterAll(() => b?.close());

/** A product on sale through the API, as a seller and a curator make it (see orders.int.test.ts). */
async function listedProduct(seller: request.Agent, content: Partial<TProductContent>): Promise<string> {
  const app = b.t.app as Express;
  const curator = await agentFor(app, (await createUser({ kind: 'dinkop', roles: ['curator'] })).user);
  const product = (
    await seller
      .post('/api/catalog/my-products')
      .send({ ...KERIPIK_TEMPE, ...content })
      .expect(201)
  ).body as { id: string };
  await seller.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/start-review`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/approve`).send({}).expect(200);
  return product.id;
}

it('a purchaser orders, the seller accepts and ships from a phone, and each side sees the other live', async () => {
  const app = b.t.app as Express;
  const { user: owner } = await createUser({
    kind: 'umkm',
    roles: ['owner'],
    status: 'verified',
    name: 'Ani Suryani',
  });
  const ownerApi = await agentFor(app, owner);
  for (const doc of Object.values(VALID_FOOD_LEGALITY))
    await ownerApi.post('/api/legality/documents').send(doc).expect(201);
  await ownerApi.patch('/api/umkm/profile').send({ isPkp: true, npwp: '0123456789012345' }).expect(200);
  const productId = await listedProduct(ownerApi, {
    supply: { mode: 'stock', stockOnHand: 500 },
    leadTimeDays: 2,
  });

  // The purchaser puts 100 packs (the first bulk tier) in the cart from the product page.
  const { user: purchaser, organisation: kopkar } = await createUser({
    kind: 'buyer',
    roles: ['purchaser'],
    status: 'verified',
    name: 'Siti Rahayu',
  });
  // The koperasi buys on terms, so its order goes to the seller at once (payments.e2e covers paying online).
  await giveCreditLine(String(kopkar._id));
  const buyerContext = await b.signedInAs(purchaser);
  const buyer = await buyerContext.newPage();
  await buyer.goto(`${b.baseUrl}/katalog/produk/${productId}`);
  await buyer.getByTestId('catalog-calc-quantity').fill('100');
  await buyer.getByTestId('add-to-cart').click();
  await buyer.locator('[data-testid="cart-link"][data-count="1"]').waitFor();

  // The cart prices it at the tier with its saving and the PKP seller's PPN; checkout.
  await buyer.getByTestId('cart-link').click();
  const line = buyer.getByTestId('cart-line');
  await line.getByTestId('cart-line-total').getByText('Rp 1.350.000').waitFor();
  expect(await line.getByTestId('cart-line-saving').textContent()).toContain('Rp 150.000');
  expect(await buyer.getByTestId('cart-totals-total').textContent()).toBe('Rp 1.498.500');
  await buyer.getByTestId('checkout-po-number').fill('PO/KOPKAR/2026/117');
  // A double click is one checkout attempt: one Idempotency-Key, so one order.
  await buyer.getByTestId('checkout-submit').dblclick();
  await buyer.waitForURL(/\/pesanan\/[0-9a-f]{24}$/);
  const partStatus = buyer.getByTestId('seller-part-status');
  await partStatus.getByText('Baru', { exact: true }).waitFor();
  // Marks this document: a reload would lose it.
  await buyer.evaluate(() => Object.assign(globalThis, { pageNeverReloaded: true }));
  const orders = ZListBuyerOrdersResponse.parse(
    (await (await agentFor(app, purchaser)).get('/api/orders')).body,
  );
  expect(orders.items).toHaveLength(1);

  // The seller, on a phone, opens the order from the inbox and works it.
  const sellerContext = await b.signedInAs(owner, 390);
  const seller = await sellerContext.newPage();
  await seller.goto(`${b.baseUrl}/usaha/pesanan`);
  await seller.getByTestId('seller-order-row').filter({ hasText: orders.items[0]!.number }).click();
  const sellerStatus = seller.getByTestId('seller-order-status');
  await sellerStatus.getByText('Baru', { exact: true }).waitFor();

  await seller.getByTestId('order-move-accept').click();
  await sellerStatus.getByText('Diterima penjual', { exact: true }).waitFor();
  await partStatus.getByText('Diterima penjual', { exact: true }).waitFor({ timeout: 10_000 });
  await buyer.getByTestId('buyer-order-status').getByText('Diproses', { exact: true }).waitFor();

  await seller.getByTestId('order-move-markReady').click();
  await sellerStatus.getByText('Siap dikirim', { exact: true }).waitFor();
  await partStatus.getByText('Siap dikirim', { exact: true }).waitFor({ timeout: 10_000 });

  await seller.getByTestId('order-move-ship').click();
  await seller.getByTestId('order-ship-courier').fill('JNE');
  await seller.getByTestId('order-ship-tracking').fill('JNE0012345');
  await seller.getByTestId('order-move-confirm').click();
  await sellerStatus.getByText('Dikirim', { exact: true }).waitFor();
  await partStatus.getByText('Dikirim', { exact: true }).waitFor({ timeout: 10_000 });
  expect(await buyer.getByTestId('order-tracking-number').textContent()).toBe('JNE0012345');
  expect(
    await buyer
      .getByTestId('order-timeline-entry')
      .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-to'))),
  ).toEqual(['shipped', 'ready_to_ship', 'accepted', 'placed']);

  // The purchaser confirms receipt with the BAST number; the seller's open page shows it.
  await buyer.getByTestId('order-move-confirmReceipt').click();
  await buyer.getByTestId('order-receipt-bast').fill('BAST/KOPKAR/117');
  await buyer.getByTestId('order-move-confirm').click();
  await partStatus.getByText('Diterima pembeli', { exact: true }).waitFor();
  await sellerStatus.getByText('Diterima pembeli', { exact: true }).waitFor({ timeout: 10_000 });
  expect(await seller.getByTestId('order-bast-number').textContent()).toBe('BAST/KOPKAR/117');

  expect(await buyer.evaluate(() => 'pageNeverReloaded' in globalThis)).toBe(true);
  await sellerContext.close();
  await buyerContext.close();
}, 120_000);
