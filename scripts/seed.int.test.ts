import { CreditLineModel } from '../server/modules/credit/credit-line.model';
import { OrganisationModel } from '../server/modules/accounts/organisation.model';
import { UserModel } from '../server/modules/accounts/user.model';
import { startTestApp, type TestApp } from '../test/helpers/app';
import { ProductModel } from '../server/modules/catalog/product.model';
import { NotificationModel } from '../server/modules/notifications/notification.model';
import { createStorage } from '../server/platform/storage';
import { DEMO_CATALOG } from './demo-catalog';
import { BUYERS, DINKOP, UMKM } from './demo-data';
import { seed } from './seed';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('seeds Karawang demo data once; a second run adds nothing', async () => {
  const silent = () => undefined;
  const storage = createStorage(t.config);
  await seed(storage, silent);
  const counts = async () => ({
    organisations: await OrganisationModel.countDocuments(),
    users: await UserModel.countDocuments({}).setOptions({ crossTenant: true }),
    products: await ProductModel.countDocuments({}).setOptions({ crossTenant: true }),
  });
  const first = await counts();
  expect(first).toEqual({
    organisations: 1 + UMKM.length + BUYERS.length,
    users: DINKOP.users.length + UMKM.length + BUYERS.length,
    products: Object.values(DEMO_CATALOG).flat().length,
  });
  await seed(storage, silent);
  expect(await counts()).toEqual(first);
  // The verified koperasi buy on terms; nobody else has a credit line.
  const verifiedKoperasi = BUYERS.filter(
    (b) => b.buyerType === 'koperasi_karyawan' && b.status === 'verified',
  );
  const lines = await CreditLineModel.find({}).setOptions({ crossTenant: true }).lean();
  expect(lines).toHaveLength(verifiedKoperasi.length);
  expect(lines.every((line) => line.termDays === 30 && line.availableRupiah === 250_000_000)).toBe(true);

  const kinds = await OrganisationModel.distinct('buyerType', { kind: 'buyer' });
  expect(kinds).toEqual(expect.arrayContaining(['koperasi_karyawan', 'hotel', 'restaurant', 'company']));
  const umkm = await OrganisationModel.find({ kind: 'umkm' }).lean();
  expect(new Set(umkm.map((o) => o.address?.district?.code)).size).toBeGreaterThanOrEqual(10);
  expect(umkm.every((o) => o.address?.regency?.name === 'Kabupaten Karawang')).toBe(true);
  const rejected = umkm.find((o) => o.status === 'rejected');
  expect(rejected?.statusHistory.at(-1)).toMatchObject({ to: 'rejected', byName: DINKOP.users[0]!.name });

  // Every demo product reached its state through curation, and those meant to be on sale are.
  const products = await ProductModel.find({}).setOptions({ crossTenant: true }).lean();
  const meant = Object.values(DEMO_CATALOG).flat();
  expect(products.filter((p) => p.listing?.listed).length).toBe(
    meant.filter((p) => p.state === 'approved').length,
  );
  expect(products.filter((p) => p.status === 'submitted').length).toBe(
    meant.filter((p) => p.state === 'submitted').length,
  );
  // The short-lived demo P-IRT has already warned its seller.
  const warnings = await NotificationModel.find({ kind: 'legality.expiring' })
    .setOptions({ crossTenant: true })
    .lean();
  expect(warnings.map((n) => n.title)).toEqual([
    expect.stringMatching(/^P-IRT \d{15} berakhir 20 hari lagi$/),
  ]);
}, 120_000);
