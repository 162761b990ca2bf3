/**
 * Demo data for Karawang: Dinkop with admin/curator/analyst, a dozen UMKM, buyers of several kinds.
 * Goes through the modules' own functions (the same paths registration and verification use) and is
 * idempotent: a second run finds every account by e-mail and adds nothing.
 */
import { fakerID_ID as faker } from '@faker-js/faker';
import { loadConfig } from '../server/config/env';
import { AppError } from '../server/platform/http/errors';
import { configureRealtime, RealtimePublisher } from '../server/platform/realtime';
import { createRedis } from '../server/platform/redis';
import { createStorage, type StoragePort } from '../server/platform/storage';
import { connectMongo, disconnectMongo } from '../server/platform/db';
import {
  actorForUser,
  createDinkopAccount,
  createOrganisationWithFirstUser,
  rejectOrganisation,
  verifyOrganisation,
} from '../server/modules/accounts';
import { setCreditLine } from '../server/modules/credit';
import { refreshAllListings } from '../server/modules/catalog';
import { sendExpiryWarnings } from '../server/modules/legality';
import { loadRegions } from '../server/modules/regions';
import { DEMO_CATALOG } from './demo-catalog';
import { seedSellerCatalog } from './seed-catalog';
import { BUYERS, DEMO_PASSWORD, DINKOP, UMKM, buyerEmailFor, emailFor } from './demo-data';

/** Who to sign in as, for the demo's banner. */
export function demoLogins() {
  return [
    { who: 'Dinkop admin', email: DINKOP.users[0]!.email },
    { who: 'Dinkop curator', email: DINKOP.users[1]!.email },
    { who: 'Dinkop analyst', email: DINKOP.users[2]!.email },
    { who: 'Koperasi buyer', email: buyerEmailFor(BUYERS[0]!.slug) },
    { who: 'Hotel buyer', email: buyerEmailFor(BUYERS[2]!.slug) },
    { who: 'UMKM owner', email: emailFor(UMKM[0]!.slug) },
    { who: 'UMKM (rejected)', email: emailFor(UMKM.at(-1)!.slug) },
  ];
}

export async function seed(storage: StoragePort, log: (line: string) => void = console.log) {
  faker.seed(2026);
  const started = Date.now();
  const { upserted } = await loadRegions();
  log(`regions: ${upserted} loaded (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  let dinkopAdminId;
  let curatorId;
  for (const user of DINKOP.users) {
    const result = await createDinkopAccount({
      organisationName: DINKOP.name,
      email: user.email,
      name: user.name,
      password: DEMO_PASSWORD,
      roles: [...user.roles],
    });
    if (user.roles[0] === 'admin') dinkopAdminId = result.userId;
    if (user.roles[0] === 'curator') curatorId = result.userId;
  }
  const dinkopAdmin = await actorForUser(dinkopAdminId!);
  const curator = await actorForUser(curatorId!);
  if (!dinkopAdmin || !curator) throw new Error('Dinkop admin or curator missing after seeding');

  let created = 0;
  let products = 0;
  const all = [
    ...UMKM.map((org) => ({ ...org, kind: 'umkm' as const, email: emailFor(org.slug) })),
    ...BUYERS.map((org) => ({ ...org, kind: 'buyer' as const, email: buyerEmailFor(org.slug) })),
  ];
  for (const org of all) {
    const person = faker.person.fullName();
    const phone = `0812${faker.string.numeric(8)}`;
    const organisation = {
      name: org.name,
      // Karawang landlines: area code 0267.
      phone: `0267${faker.string.numeric({ length: 6, exclude: ['0'] })}`,
      address: { street: org.street, districtCode: org.districtCode },
    };
    const account = { name: person, email: org.email, phone, password: DEMO_PASSWORD };
    try {
      const { organisation: saved, user } =
        org.kind === 'buyer'
          ? await createOrganisationWithFirstUser({
              kind: 'buyer',
              organisation: { ...organisation, buyerType: 'buyerType' in org ? org.buyerType : 'company' },
              account,
            })
          : await createOrganisationWithFirstUser({ kind: 'umkm', organisation, account });
      created++;
      if (org.status === 'verified') await verifyOrganisation(String(saved._id), dinkopAdmin);
      // The koperasi buy on terms (Rp 250 juta, 30 days) as Dinkop would set it; the hotel and the others pay online.
      if (org.status === 'verified' && 'buyerType' in org && org.buyerType === 'koperasi_karyawan') {
        await setCreditLine(dinkopAdmin, String(saved._id), {
          termDays: 30,
          limitRupiah: 250_000_000,
          active: true,
        });
      }
      const catalog = DEMO_CATALOG[org.slug];
      if (catalog) {
        const seller = await actorForUser(user._id);
        products += await seedSellerCatalog(seller!, curator, catalog, created, storage);
      }
      if (org.status === 'rejected')
        await rejectOrganisation(String(saved._id), dinkopAdmin, org.rejectionReason ?? '');
    } catch (error) {
      if (error instanceof AppError && error.code === 'EMAIL_TAKEN') continue;
      throw error;
    }
  }
  log(`organisations: ${created} created, ${all.length - created} already there; products: ${products}`);
  // What the daily sweep would say today: the short-lived demo P-IRT shows its expiry warning at once.
  await sendExpiryWarnings(new Date());
  await refreshAllListings(new Date());
  return { created };
}

if (require.main === module) {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error(
      'MONGODB_URI is not set. Run `npm run demo` (it seeds), or set MONGODB_URI to seed a database of your own.',
    );
    process.exit(1);
  }
  const config = loadConfig();
  // Seeding sends the notices approval sends; they go out live like the API's.
  const redis = createRedis(config.REDIS_URL);
  configureRealtime(new RealtimePublisher(redis, config.REDIS_KEY_PREFIX));
  connectMongo(uri)
    .then(() => seed(createStorage(config)))
    .then(async () => {
      // One machine-readable line for `npm run demo`, which prints it once the app is up.
      console.log(`DEMO_LOGINS=${JSON.stringify({ password: DEMO_PASSWORD, logins: demoLogins() })}`);
      await disconnectMongo();
      redis.disconnect();
    })
    .catch(async (error: unknown) => {
      console.error(error);
      await disconnectMongo();
      redis.disconnect();
      process.exit(1);
    });
}
