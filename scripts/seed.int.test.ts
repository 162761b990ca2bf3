import { OrganisationModel } from '../server/modules/accounts/organisation.model';
import { UserModel } from '../server/modules/accounts/user.model';
import { startTestApp, type TestApp } from '../test/helpers/app';
import { BUYERS, DINKOP, UMKM } from './demo-data';
import { seed } from './seed';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('seeds Karawang demo data once; a second run adds nothing', async () => {
  const silent = () => undefined;
  await seed(silent);
  const counts = async () => ({
    organisations: await OrganisationModel.countDocuments(),
    users: await UserModel.countDocuments({}).setOptions({ crossTenant: true }),
  });
  const first = await counts();
  expect(first).toEqual({
    organisations: 1 + UMKM.length + BUYERS.length,
    users: DINKOP.users.length + UMKM.length + BUYERS.length,
  });
  await seed(silent);
  expect(await counts()).toEqual(first);

  const kinds = await OrganisationModel.distinct('buyerType', { kind: 'buyer' });
  expect(kinds).toEqual(expect.arrayContaining(['koperasi_karyawan', 'hotel', 'restaurant', 'company']));
  const umkm = await OrganisationModel.find({ kind: 'umkm' }).lean();
  expect(new Set(umkm.map((o) => o.address?.district?.code)).size).toBeGreaterThanOrEqual(10);
  expect(umkm.every((o) => o.address?.regency?.name === 'Kabupaten Karawang')).toBe(true);
  const rejected = umkm.find((o) => o.status === 'rejected');
  expect(rejected?.statusHistory.at(-1)).toMatchObject({ to: 'rejected', byName: DINKOP.users[0]!.name });
}, 120_000);
