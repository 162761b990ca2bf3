import type { Express } from 'express';
import type { BrowserContext } from 'playwright-core';
import { ZBuyerOrder } from '../../shared/contracts/orders';
import { ZStartPaymentResponse } from '../../shared/contracts/payments';
import type { TBuyerType } from '../../shared/contracts/organisations';
import { agentFor, createOrganisation, createUser } from '../factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../fixtures';
import { startBrowserApp, type BrowserApp } from '../helpers/browser';

/**
 * Paying, in a real Chromium against the built client: a Dinkop admin gives a koperasi a credit line on
 * terms and its purchaser orders on terms; a hotel orders online and meets the payment step. The network
 * is closed: Stripe.js is never fetched from js.stripe.com; the browser is either refused it (as a blocked
 * office network would) or served a stand-in that records how the page drives it.
 */
let b: BrowserApp;
let productId: string;
beforeAll(async () => {
  b = await startBrowserApp();
  productId = await listedProduct();
}, 90_000);
afterAll(() => b?.close());

const STRIPE_JS = 'https://js.stripe.com/**';

/** 100 packs at the first bulk tier from a non-PKP seller: Rp 1.350.000, no PPN. */
const QUANTITY = 100;
const ORDER_TOTAL = 'Rp 1.350.000';

/** A product on sale through the API, as a seller and a curator make it (see ordering.e2e.test.ts). */
async function listedProduct(): Promise<string> {
  const app = b.t.app as Express;
  const { user: owner } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const seller = await agentFor(app, owner);
  for (const doc of Object.values(VALID_FOOD_LEGALITY))
    await seller.post('/api/legality/documents').send(doc).expect(201);
  const curator = await agentFor(app, (await createUser({ kind: 'dinkop', roles: ['curator'] })).user);
  const product = (
    await seller
      .post('/api/catalog/my-products')
      .send({ ...KERIPIK_TEMPE, supply: { mode: 'stock', stockOnHand: 5_000 }, leadTimeDays: 2 })
      .expect(201)
  ).body as { id: string };
  await seller.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/start-review`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/approve`).send({}).expect(200);
  return product.id;
}

/** A verified buyer organisation and its purchaser, with the product already in the cart. */
async function buyerWithCart(name: string, buyerType: TBuyerType) {
  const organisation = await createOrganisation({ kind: 'buyer', status: 'verified', buyerType, name });
  const { user } = await createUser({ organisation, roles: ['purchaser'], name: 'Siti Rahayu' });
  const api = await agentFor(b.t.app as Express, user);
  await api.put(`/api/cart/lines/${productId}`).send({ quantity: QUANTITY }).expect(200);
  return { organisation, user, api };
}

/**
 * Stands in for Stripe.js: `Stripe(key)` with `elements()`, a Payment Element that mounts a marker and
 * reports ready, and `confirmPayment()` that declines, as a card would. Every call is kept in
 * `window.stripeCalls` for the test to read.
 */
const FAKE_STRIPE_JS = `
window.stripeCalls = {};
window.Stripe = function (publishableKey) {
  window.stripeCalls.publishableKey = publishableKey;
  return {
    elements: function (options) {
      window.stripeCalls.elements = { clientSecret: options.clientSecret, locale: options.locale };
      return {
        create: function (type) {
          window.stripeCalls.created = type;
          var handlers = {};
          return {
            on: function (event, handler) { handlers[event] = handler; },
            mount: function (node) {
              var marker = document.createElement('div');
              marker.setAttribute('data-testid', 'stand-in-payment-element');
              marker.textContent = 'Formulir kartu';
              node.appendChild(marker);
              setTimeout(function () { if (handlers.ready) handlers.ready({}); }, 0);
            },
            destroy: function () {},
          };
        },
      };
    },
    confirmPayment: function (options) {
      window.stripeCalls.returnUrl = options.confirmParams.return_url;
      return Promise.resolve({ error: { type: 'card_error', message: 'Kartu Anda ditolak.' } });
    },
  };
};
`;

async function serveStandInStripe(context: BrowserContext) {
  await context.unroute(STRIPE_JS);
  await context.route(STRIPE_JS, (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: FAKE_STRIPE_JS }),
  );
}

it('a Dinkop admin grants a koperasi 30-day terms of Rp 50.000.000, and its purchaser orders on terms', async () => {
  const buyerName = `Kopkar Maju Bersama ${Date.now().toString(36)}`;
  const buyer = await buyerWithCart(buyerName, 'koperasi_karyawan');

  // The admin finds the page in the navigation and grants the line from the buyer list.
  const { user: dinkopAdmin } = await createUser({ kind: 'dinkop', roles: ['admin'], name: 'Rina Dinkop' });
  const adminContext = await b.signedInAs(dinkopAdmin);
  const admin = await adminContext.newPage();
  await admin.goto(`${b.baseUrl}/`);
  await admin.getByTestId('nav-credit-lines').click();
  await admin.getByTestId('credit-line-add').click();
  await admin.getByTestId('credit-organisation').fill(buyerName.slice(0, 20));
  await admin.getByRole('option', { name: buyerName }).click();
  await admin.getByTestId('credit-term').selectOption('30');
  await admin.getByTestId('credit-limit').fill('50000000');
  await admin.getByText('Rp 50.000.000').waitFor();
  await admin.getByTestId('credit-line-save').click();
  const row = admin.getByTestId('credit-line-row').filter({ hasText: buyerName });
  await row.getByTestId('credit-line-limit').getByText('Rp 50.000.000', { exact: true }).waitFor();
  expect(await row.getByTestId('credit-line-term').textContent()).toBe('Tempo 30 hari');
  expect(await row.getByTestId('credit-line-available').textContent()).toBe('Rp 50.000.000');
  expect(await row.getByTestId('credit-line-active').textContent()).toBe('Aktif');

  // An analyst reads the same list, without the means to change it.
  const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
  const analystContext = await b.signedInAs(analyst);
  const analystPage = await analystContext.newPage();
  await analystPage.goto(`${b.baseUrl}/dinkop/kredit-tempo`);
  await analystPage.getByTestId('credit-read-only').waitFor();
  await analystPage.getByTestId('credit-line-row').filter({ hasText: buyerName }).waitFor();
  expect(await analystPage.getByTestId('credit-line-add').count()).toBe(0);
  expect(await analystPage.getByTestId('credit-line-edit').count()).toBe(0);
  await analystContext.close();

  // The purchaser's checkout offers the terms, chosen since the cart fits the limit, with what is left.
  const buyerContext = await b.signedInAs(buyer.user);
  const page = await buyerContext.newPage();
  await page.goto(`${b.baseUrl}/keranjang`);
  const tempo = page.getByRole('radio', { name: 'Tempo 30 hari' });
  await tempo.waitFor();
  expect(await tempo.isChecked()).toBe(true);
  expect(await page.getByRole('radio', { name: 'Bayar online' }).isChecked()).toBe(false);
  expect(await page.getByTestId('checkout-credit-available').textContent()).toBe(
    'Sisa batas kredit Rp 50.000.000 dari Rp 50.000.000.',
  );
  expect(await page.getByTestId('checkout-credit-over').count()).toBe(0);
  expect(await page.getByTestId('checkout-submit').textContent()).toContain(ORDER_TOTAL);
  await page.getByTestId('checkout-submit').click();

  // The order goes to the UMKM at once, on terms; its page says how it is paid.
  await page.waitForURL(/\/pesanan\/[0-9a-f]{24}$/);
  const method = page.getByTestId('order-payment-method');
  await method.getByText('Tempo 30 hari', { exact: true }).waitFor();
  expect(await page.getByTestId('order-payment-status').getAttribute('data-status')).toBe('on_terms');
  await page.getByTestId('seller-part-status').getByText('Baru', { exact: true }).waitFor();
  expect(await page.getByTestId('pay-now').count()).toBe(0);
  const orderId = page.url().split('/').pop()!;
  const order = ZBuyerOrder.parse((await buyer.api.get(`/api/orders/${orderId}`).expect(200)).body);
  expect(order.payment).toMatchObject({ method: 'tempo', status: 'on_terms', termDays: 30 });
  expect(order.sellerOrders.map((part) => part.paymentMethod)).toEqual(['tempo']);

  // The orders page shows the credit the order now uses.
  await page.goto(`${b.baseUrl}/pesanan`);
  const usage = page.getByTestId('credit-usage');
  await usage.getByTestId('credit-usage-outstanding').getByText(ORDER_TOTAL, { exact: true }).waitFor();
  expect(await usage.getByTestId('credit-usage-available').textContent()).toBe('Rp 48.650.000');
  expect(await usage.getByTestId('credit-usage-term').textContent()).toBe('30 hari');
  expect(await page.getByTestId('buyer-order-row').filter({ hasText: order.number }).textContent()).toContain(
    'Tempo 30 hari',
  );

  // Dinkop lowers the limit below what is owed (the form warns), and the next order on terms is refused
  // with the amounts: what it needs, and what is left.
  await admin.reload();
  await row.getByTestId('credit-line-outstanding').getByText(ORDER_TOTAL, { exact: true }).waitFor();
  await row.getByTestId('credit-line-edit').click();
  await admin.getByTestId('credit-limit').fill('1000000');
  await admin.getByTestId('credit-below-outstanding').waitFor();
  await admin.getByTestId('credit-line-save').click();
  await row.getByTestId('credit-line-available').getByText('-Rp 350.000', { exact: true }).waitFor();
  await adminContext.close();

  await buyer.api.put(`/api/cart/lines/${productId}`).send({ quantity: QUANTITY }).expect(200);
  await page.goto(`${b.baseUrl}/keranjang`);
  // Over the limit, checkout proposes paying online; the buyer insists on terms and is warned.
  await page.locator('[data-testid="checkout-payment"][data-method="online"]').waitFor();
  await page.getByRole('radio', { name: 'Tempo 30 hari' }).check();
  expect(await page.getByTestId('checkout-credit-over').textContent()).toContain(
    `Total pesanan ${ORDER_TOTAL} melebihi sisa batas kredit Rp 0`,
  );
  await page.getByTestId('checkout-submit').click();
  expect(await page.getByTestId('checkout-error').textContent()).toContain(
    `pesanan ini ${ORDER_TOTAL}, sisa batas kredit Rp 0`,
  );
  expect(page.url()).toBe(`${b.baseUrl}/keranjang`);
  await buyerContext.close();
}, 150_000);

it('a hotel orders online: the order waits for payment, and the payment step never leaves a blank box', async () => {
  const buyer = await buyerWithCart(`Hotel Resinda ${Date.now().toString(36)}`, 'hotel');
  const context = await b.signedInAs(buyer.user);
  // Stripe.js cannot be fetched, as behind a blocking proxy: the page must say so.
  await context.route(STRIPE_JS, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  await page.goto(`${b.baseUrl}/keranjang`);

  // No credit line: online is the only way, said so before ordering.
  await page.getByTestId('checkout-payment-online-only').waitFor();
  expect(await page.getByTestId('checkout-payment').getByRole('radio').count()).toBe(0);
  expect(await page.getByTestId('checkout-submit').textContent()).toBe(`Pesan lalu bayar · ${ORDER_TOTAL}`);
  await page.getByTestId('checkout-submit').click();

  await page.waitForURL(/\/pesanan\/[0-9a-f]{24}$/);
  const orderId = page.url().split('/').pop()!;
  await page.getByTestId('buyer-order-status').getByText('Menunggu pembayaran', { exact: true }).waitFor();
  await page.getByTestId('seller-part-status').getByText('Menunggu pembayaran', { exact: true }).waitFor();
  expect(await page.getByTestId('order-payment-method').textContent()).toBe('Bayar online');
  expect(await page.getByTestId('order-payment-status').getAttribute('data-status')).toBe('awaiting');
  expect(await page.getByTestId('order-payment-deadline').textContent()).toMatch(/\d{2}\.\d{2} WIB$/);

  await page.getByTestId('pay-now').click();
  const unavailable = page.getByTestId('payment-unavailable');
  await unavailable.waitFor({ timeout: 30_000 });
  expect(await unavailable.textContent()).toContain('Layanan pembayaran tidak dapat dimuat');

  // Once Stripe.js can be had, "Coba lagi" mounts the Payment Element for the order's payment.
  await serveStandInStripe(context);
  await page.getByTestId('pay-now').click();
  await page.getByTestId('stand-in-payment-element').waitFor();
  const started = ZStartPaymentResponse.parse(
    (await buyer.api.post(`/api/orders/${orderId}/payment`).expect(200)).body,
  );
  const calls = (await page.evaluate(() => (globalThis as { stripeCalls?: unknown }).stripeCalls)) as {
    publishableKey: string;
    elements: { clientSecret: string; locale: string };
    created: string;
  };
  expect(calls).toMatchObject({
    publishableKey: started.publishableKey,
    elements: { clientSecret: started.clientSecret, locale: 'id' },
    created: 'payment',
  });
  expect(await page.getByTestId('payment-submit').textContent()).toBe(`Bayar ${ORDER_TOTAL}`);

  // A declined card is said on the page; confirming would have come back to this order.
  await page.getByTestId('payment-submit').click();
  expect(await page.getByTestId('payment-confirm-error').textContent()).toBe('Kartu Anda ditolak.');
  expect(
    await page.evaluate(
      () => (globalThis as { stripeCalls?: { returnUrl?: string } }).stripeCalls?.returnUrl,
    ),
  ).toBe(`${b.baseUrl}/pesanan/${orderId}`);

  // Back from the bank's page with a failure: the buyer is told and may pay again.
  await page.goto(`${b.baseUrl}/pesanan/${orderId}?payment_intent=pi_x&redirect_status=failed`);
  expect(await page.getByTestId('payment-returned').textContent()).toContain('Pembayaran gagal');
  await page.getByTestId('pay-now').waitFor();
  await context.close();
}, 150_000);
