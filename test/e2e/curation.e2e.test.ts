import { LegalityDocumentModel } from '../../server/modules/legality/legality-document.model';
import { createUser } from '../factories';
import { VALID_FOOD_LEGALITY } from '../fixtures';
import { startBrowserApp, type BrowserApp } from '../helpers/browser';

/**
 * The brief's promise in one flow, in a real Chromium against the built client: a UMKM owner writes and
 * submits a product, a Dinkop curator approves it, and a koperasi purchaser finds it by a partial word.
 */
let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 60_000);
afterAll(() => b?.close());

it('a seller submits a product, a curator approves it, a buyer finds it by a partial word', async () => {
  const { user: owner, organisation } = await createUser({
    kind: 'umkm',
    roles: ['owner'],
    status: 'verified',
    name: 'Ani Suryani',
  });
  for (const doc of Object.values(VALID_FOOD_LEGALITY))
    await LegalityDocumentModel.create({
      ...doc,
      organisationId: organisation._id,
      createdByUserId: owner._id,
    });

  // The seller, on a phone.
  const sellerContext = await b.signedInAs(owner, 390);
  const seller = await sellerContext.newPage();
  await seller.goto(`${b.baseUrl}/usaha/produk/baru`);
  await seller.getByTestId('product-name').fill('Keripik Singkong Balado 200 g');
  await seller
    .getByTestId('product-description')
    .fill('Keripik singkong pedas manis dari Klari, digoreng renyah tanpa pengawet.');
  await seller.getByTestId('product-category').selectOption('makanan_ringan');
  await seller.getByTestId('product-unit').selectOption('pak');
  await seller.getByTestId('product-weight').fill('200');
  await seller.getByTestId('product-price').fill('12000');
  await seller.getByTestId('product-moq').fill('20');
  await seller.getByTestId('product-increment').fill('10');
  await seller.getByTestId('product-capacity').fill('1500');
  await seller.getByTestId('product-lead-time').fill('4');
  await seller.getByTestId('product-save').click();
  await seller.getByTestId('product-submit').click();
  await seller.getByTestId('product-status').getByText('Diajukan').waitFor({ timeout: 15_000 });
  // The seller stays on the page while Dinkop decides.
  const bell = seller.getByTestId('notification-bell');
  await bell.waitFor();
  expect(await bell.getAttribute('data-unread')).toBe('0');

  // The curator.
  const { user: curatorUser } = await createUser({
    kind: 'dinkop',
    roles: ['curator'],
    name: 'Dewi Lestari',
  });
  const curatorContext = await b.signedInAs(curatorUser);
  const curator = await curatorContext.newPage();
  await curator.goto(`${b.baseUrl}/dinkop/kurasi`);
  await curator.getByTestId('curation-row').filter({ hasText: 'Keripik Singkong Balado' }).click();
  await curator.getByTestId('curation-start-review').click();
  await curator.getByTestId('curation-approve').click();
  await curator.getByTestId('curation-approve-confirm').click();
  await curator.getByTestId('curation-status').getByText('Disetujui').waitFor({ timeout: 15_000 });
  await curatorContext.close();

  // Without reloading, the seller's bell says so (pushed over Socket.IO), and the notice reads it out.
  await seller.locator('[data-testid="notification-bell"][data-unread="1"]').waitFor({ timeout: 15_000 });
  await bell.click();
  const notice = seller.getByTestId('notification').filter({ hasText: 'Keripik Singkong Balado 200 g' });
  await notice.waitFor();
  expect(await notice.textContent()).toContain('disetujui');
  await sellerContext.close();

  // The koperasi purchaser finds it by typing part of a word, in any case.
  const { user: purchaser } = await createUser({ kind: 'buyer', roles: ['purchaser'], status: 'verified' });
  const buyerContext = await b.signedInAs(purchaser);
  const buyer = await buyerContext.newPage();
  await buyer.goto(`${b.baseUrl}/katalog`);
  await buyer.getByTestId('catalog-search').fill('SINGKO');
  await buyer.getByTestId('catalog-search-submit').click();
  const card = buyer.getByTestId('catalog-card').filter({ hasText: 'Keripik Singkong Balado 200 g' });
  await card.waitFor({ timeout: 15_000 });
  expect(await card.textContent()).toContain('Rp 12.000');
  await buyerContext.close();
}, 90_000);
