import { OrganisationModel } from '../../server/modules/accounts/organisation.model';
import { startBrowserApp, type BrowserApp } from '../helpers/browser';

/**
 * A koperasi purchaser registers her organisation in a real Chromium against the real server (built
 * client served by Express, as in production), then signs in again and sees her home in Indonesian.
 */
let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 60_000);
afterAll(() => b?.close());

it('registers a koperasi, signs out and in again, and lands on an Indonesian home page', async () => {
  const context = await b.browser.newContext({ locale: 'id-ID', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const email = `siti.${Date.now()}@kopkar-kiic.id`;

  await page.goto(`${b.baseUrl}/daftar`);
  await page.getByTestId('register-kind-buyer').click();
  await page.getByTestId('register-buyer-type').selectOption('koperasi_karyawan');
  await page.getByTestId('register-org-name').fill('Koperasi Karyawan Maju Bersama');
  await page.getByTestId('register-org-phone').fill('0267 401234');
  await page.getByTestId('register-address-province').selectOption('32');
  await page.getByTestId('register-address-regency').selectOption('32.15');
  await page.getByTestId('register-address-district').selectOption('32.15.05');
  await page.getByTestId('register-address-village').selectOption('32.15.05.2001');
  await page.getByTestId('register-address-street').fill('Jl. Raya Klari No. 12, Kawasan KIIC');
  await page.getByTestId('register-name').fill('Siti Rahayu');
  await page.getByTestId('register-email').fill(email);
  await page.getByTestId('register-phone').fill('0812 9876 5432');
  await page.getByTestId('register-password').fill('rahasia-Koperasi-2026');
  await page.getByTestId('register-password-confirm').fill('rahasia-Koperasi-2026');
  await page.getByTestId('register-submit').click();

  const heading = page.getByTestId('home-heading');
  await heading.waitFor({ timeout: 15_000 });
  expect(await heading.textContent()).toContain('Siti Rahayu');
  expect(await page.getByTestId('verification-banner').textContent()).toContain('diverifikasi');
  expect(await page.locator('html').getAttribute('lang')).toBe('id');

  const saved = await OrganisationModel.findOne({ name: 'Koperasi Karyawan Maju Bersama' }).lean();
  expect(saved).toMatchObject({
    kind: 'buyer',
    buyerType: 'koperasi_karyawan',
    status: 'pending_verification',
  });
  expect(saved?.address?.village?.name).toBe('Duren');

  // Sign out, then back in with the new account.
  await context.clearCookies();
  await page.goto(`${b.baseUrl}/masuk`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill('rahasia-Koperasi-2026');
  await page.getByTestId('signin-submit').click();
  await heading.waitFor({ timeout: 15_000 });
  expect(await heading.textContent()).toContain('Siti Rahayu');
  await context.close();
}, 60_000);

it('shows a failed sign-in in Indonesian', async () => {
  const page = await b.browser.newPage();
  await page.goto(`${b.baseUrl}/masuk`);
  await page.getByTestId('signin-email').fill('tidak-ada@contoh.id');
  await page.getByTestId('signin-password').fill('salah-sekali-123');
  await page.getByTestId('signin-submit').click();
  await page.getByText('E-mail atau kata sandi salah', { exact: false }).waitFor({ timeout: 10_000 });
  await page.close();
}, 30_000);
