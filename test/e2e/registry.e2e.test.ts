import { Types } from 'mongoose';
import { ProductModel } from '../../server/modules/catalog/product.model';
import { LegalityDocumentModel } from '../../server/modules/legality/legality-document.model';
import { createOrganisation, createUser } from '../factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../fixtures';
import { startBrowserApp, type BrowserApp } from '../helpers/browser';

/** Dinkop's registry in a real Chromium: coverage on top, a filter, a UMKM's documents and products. */
let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 60_000);
afterAll(() => b?.close());

it('an analyst finds the UMKM whose legality is incomplete and sees why; a curator can open its review', async () => {
  const creator = new Types.ObjectId();
  const complete = await createOrganisation({
    kind: 'umkm',
    status: 'verified',
    name: 'Keripik Tempe Bu Ani',
  });
  for (const doc of Object.values(VALID_FOOD_LEGALITY))
    await LegalityDocumentModel.create({ ...doc, organisationId: complete._id, createdByUserId: creator });
  await ProductModel.create({
    organisationId: complete._id,
    status: 'approved',
    content: KERIPIK_TEMPE,
    live: KERIPIK_TEMPE,
    listing: { listed: true, approvedAt: new Date(), badges: ['halal', 'nib', 'pirt'] },
    createdByUserId: creator,
  });
  // Submitted without halal, which food needs since 17 October 2026.
  const lacking = await createOrganisation({ kind: 'umkm', status: 'verified', name: 'Opak Ketan Mak Ijah' });
  for (const doc of [VALID_FOOD_LEGALITY.nib, VALID_FOOD_LEGALITY.pirt])
    await LegalityDocumentModel.create({ ...doc, organisationId: lacking._id, createdByUserId: creator });
  const submitted = await ProductModel.create({
    organisationId: lacking._id,
    status: 'submitted',
    content: { ...KERIPIK_TEMPE, name: 'Opak Ketan Bakar' },
    submittedAt: new Date(),
    createdByUserId: creator,
  });

  const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
  const page = await (await b.signedInAs(analyst)).newPage();
  await page.goto(`${b.baseUrl}/`);
  await page.getByTestId('home-registry').click();
  await page.getByTestId('registry-summary-coverage').getByText('50%').waitFor();
  await page.getByTestId('registry-row').first().waitFor();
  expect(await page.getByTestId('registry-row').count()).toBe(2);

  await page.getByTestId('registry-filter-legality').selectOption('incomplete');
  await page
    .getByTestId('registry-row')
    .filter({ hasText: 'Keripik Tempe Bu Ani' })
    .waitFor({ state: 'detached' });
  await page.getByTestId('registry-row').filter({ hasText: 'Opak Ketan Mak Ijah' }).click();

  await page.getByTestId('registry-name').getByText('Opak Ketan Mak Ijah').waitFor();
  expect(await page.getByTestId('curation-document').count()).toBe(2);
  // Analysts read the documents; scans are for admins and curators.
  expect(await page.getByTestId('curation-document-download').count()).toBe(0);
  await page.getByTestId('registry-product-missing').getByText(/halal/).waitFor();
  expect(await page.getByTestId('registry-product-review').count()).toBe(0);

  const { user: curator } = await createUser({ kind: 'dinkop', roles: ['curator'] });
  const curatorPage = await (await b.signedInAs(curator)).newPage();
  await curatorPage.goto(`${b.baseUrl}/dinkop/registri/${lacking._id}`);
  await curatorPage.getByTestId('registry-product-review').click();
  await curatorPage.waitForURL(`**/dinkop/kurasi/${submitted._id}`);
});
