import type { Express } from 'express';
import {
  DELIVERY_LOCATIONS_MAX,
  ZDeliveryLocation,
  ZListDeliveryLocationsResponse,
} from '../../../shared/contracts/delivery-locations';
import type { TRole } from '../../../shared/contracts/organisations';
import { agentFor, createOrganisation, createUser, KARAWANG_ADDRESS } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { resolveAddress } from '../regions';
import { DeliveryLocationModel } from './delivery-location.model';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A verified buyer organisation and members of it with the given roles. */
async function buyerOrganisation() {
  const organisation = await createOrganisation({ kind: 'buyer', status: 'verified' });
  const member = async (roles: TRole[]) =>
    agentFor(t.app as Express, (await createUser({ organisation, roles })).user);
  return { organisationId: String(organisation._id), member };
}

const GUDANG = {
  label: 'Gudang Koperasi KIIC',
  recipientName: 'Budi Santoso',
  recipientPhone: '0812-3456-7890',
  address: { street: 'Kawasan KIIC Jl. Maligi VIII Lot R-3', districtCode: '32.15.05', postalCode: '41361' },
  note: '  Masuk lewat gerbang 3, lapor satpam  ',
};

describe('delivery locations', () => {
  it('an admin keeps the list; every member reads it, by label; the phone is stored as E.164 and the address with its region names', async () => {
    const org = await buyerOrganisation();
    const admin = await org.member(['admin']);
    const created = ZDeliveryLocation.parse(
      (await admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201)).body,
    );
    expect(created).toMatchObject({
      label: 'Gudang Koperasi KIIC',
      recipientName: 'Budi Santoso',
      recipientPhone: '+6281234567890',
      note: 'Masuk lewat gerbang 3, lapor satpam',
      address: {
        street: GUDANG.address.street,
        district: { code: '32.15.05', name: expect.any(String) },
        regency: { code: '32.15', name: expect.stringMatching(/karawang/i) },
        province: { code: '32' },
        village: null,
        postalCode: '41361',
      },
    });
    await admin
      .post('/api/organisation/delivery-locations')
      .send({
        label: 'Gerbang Pabrik 10',
        recipientName: 'Siti Rahayu',
        recipientPhone: '+62 812 9876 5432',
        address: { ...KARAWANG_ADDRESS, villageCode: '32.15.05.2001' },
      })
      .expect(201);
    await admin
      .post('/api/organisation/delivery-locations')
      .send({ ...GUDANG, label: 'gerbang pabrik 2' })
      .expect(201);

    for (const roles of [['purchaser'], ['finance'], ['approver']] as TRole[][]) {
      const member = await org.member(roles);
      const list = ZListDeliveryLocationsResponse.parse(
        (await member.get('/api/organisation/delivery-locations').expect(200)).body,
      );
      // Case ignored and numbers as numbers: 2 before 10.
      expect(list.items.map((item) => item.label)).toEqual([
        'gerbang pabrik 2',
        'Gerbang Pabrik 10',
        'Gudang Koperasi KIIC',
      ]);
      // Only admins change the list.
      await member.post('/api/organisation/delivery-locations').send(GUDANG).expect(403);
      await member.put(`/api/organisation/delivery-locations/${created.id}`).send(GUDANG).expect(403);
      await member.delete(`/api/organisation/delivery-locations/${created.id}`).expect(403);
    }

    // Another organisation sees none of them and can change none of them.
    const other = await (await buyerOrganisation()).member(['admin']);
    expect((await other.get('/api/organisation/delivery-locations').expect(200)).body.items).toEqual([]);
    const foreign = await other
      .put(`/api/organisation/delivery-locations/${created.id}`)
      .send(GUDANG)
      .expect(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    await other.delete(`/api/organisation/delivery-locations/${created.id}`).expect(404);
    // Its own location may carry the same label: labels are unique per organisation.
    await other.post('/api/organisation/delivery-locations').send(GUDANG).expect(201);

    // Sellers and Dinkop have no delivery locations.
    for (const kind of ['umkm', 'dinkop'] as const) {
      const { user } = await createUser({ kind });
      await (await agentFor(t.app as Express, user)).get('/api/organisation/delivery-locations').expect(403);
    }
  });

  it('an update replaces the whole location (a note left out is gone); a delete is final', async () => {
    const admin = await (await buyerOrganisation()).member(['admin']);
    const { id } = (await admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201)).body;
    const updated = ZDeliveryLocation.parse(
      (
        await admin
          .put(`/api/organisation/delivery-locations/${id}`)
          .send({
            label: 'Gudang KIIC Blok R',
            recipientName: 'Dewi Lestari',
            recipientPhone: '081298765432',
            address: { ...KARAWANG_ADDRESS, villageCode: '32.15.05.2001' },
          })
          .expect(200)
      ).body,
    );
    expect(updated).toMatchObject({
      id,
      label: 'Gudang KIIC Blok R',
      recipientName: 'Dewi Lestari',
      recipientPhone: '+6281298765432',
      note: null,
      address: { street: KARAWANG_ADDRESS.street, village: { code: '32.15.05.2001' }, postalCode: null },
    });
    await admin.delete(`/api/organisation/delivery-locations/${id}`).expect(204);
    await admin.delete(`/api/organisation/delivery-locations/${id}`).expect(404);
    await admin.put(`/api/organisation/delivery-locations/${id}`).send(GUDANG).expect(404);
    expect((await admin.get('/api/organisation/delivery-locations').expect(200)).body.items).toEqual([]);
  });

  it('refuses bad input with the field named, unknown fields, and a label the list has already', async () => {
    const admin = await (await buyerOrganisation()).member(['admin']);
    const issuePaths = async (body: object, status = 400) => {
      const res = await admin.post('/api/organisation/delivery-locations').send(body).expect(status);
      return (res.body.error.details?.issues ?? []).map((issue: { path: string[] }) => issue.path.join('.'));
    };
    expect(await issuePaths({ ...GUDANG, recipientPhone: '12345' })).toEqual(['recipientPhone']);
    expect(await issuePaths({ ...GUDANG, label: ' G ' })).toEqual(['label']);
    expect(await issuePaths({ ...GUDANG, note: 'x'.repeat(301) })).toEqual(['note']);
    expect(await issuePaths({ ...GUDANG, address: { street: 'Jl.', districtCode: '32.15' } })).toEqual([
      'address.street',
      'address.districtCode',
    ]);
    // Codes that look right but name no kecamatan, or a desa of another kecamatan: the region check.
    expect(await issuePaths({ ...GUDANG, address: { ...GUDANG.address, districtCode: '32.15.99' } })).toEqual(
      ['address.districtCode'],
    );
    expect(
      await issuePaths({ ...GUDANG, address: { ...GUDANG.address, villageCode: '32.15.04.2001' } }),
    ).toEqual(['address.villageCode']);
    const unknown = await admin
      .post('/api/organisation/delivery-locations')
      .send({ ...GUDANG, organisationId: '0123456789abcdef01234567' })
      .expect(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    await admin.put('/api/organisation/delivery-locations/not-an-id').send(GUDANG).expect(400);

    const first = (await admin.post('/api/organisation/delivery-locations').send(GUDANG).expect(201)).body;
    const twin = await admin
      .post('/api/organisation/delivery-locations')
      .send({ ...GUDANG, label: 'gudang   koperasi kiic' })
      .expect(409);
    expect(twin.body.error).toMatchObject({
      code: 'ALREADY_EXISTS',
      details: { issues: [{ path: ['label'] }] },
    });
    const second = (
      await admin
        .post('/api/organisation/delivery-locations')
        .send({ ...GUDANG, label: 'Gerbang Utama' })
        .expect(201)
    ).body;
    await admin
      .put(`/api/organisation/delivery-locations/${second.id}`)
      .send({ ...GUDANG, label: 'GUDANG KOPERASI KIIC' })
      .expect(409);
    // Renaming a location to its own label in other letters is no clash.
    await admin
      .put(`/api/organisation/delivery-locations/${first.id}`)
      .send({ ...GUDANG, label: 'GUDANG KOPERASI KIIC' })
      .expect(200);
  });

  it(`keeps at most ${DELIVERY_LOCATIONS_MAX}, also when admins add at once`, async () => {
    const org = await buyerOrganisation();
    const admin = await org.member(['admin']);
    const address = await resolveAddress(KARAWANG_ADDRESS);
    await DeliveryLocationModel.insertMany(
      Array.from({ length: DELIVERY_LOCATIONS_MAX - 2 }, (_, i) => ({
        organisationId: org.organisationId,
        label: `Gerbang ${i + 1}`,
        labelKey: `gerbang ${i + 1}`,
        recipientName: 'Budi Santoso',
        recipientPhone: '+6281234567890',
        address,
      })),
    );
    const racing = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        admin.post('/api/organisation/delivery-locations').send({ ...GUDANG, label: `Gudang ${i}` }),
      ),
    );
    const created = racing.filter((res) => res.status === 201).length;
    expect(created).toBeLessThanOrEqual(2);
    for (const res of racing.filter((res) => res.status !== 201)) {
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'LIMIT_REACHED',
        details: { limit: DELIVERY_LOCATIONS_MAX },
      });
    }
    const count = () => DeliveryLocationModel.countDocuments({ organisationId: org.organisationId });
    expect(await count()).toBe(DELIVERY_LOCATIONS_MAX - 2 + created);

    for (let i = await count(); i < DELIVERY_LOCATIONS_MAX; i++) {
      await admin
        .post('/api/organisation/delivery-locations')
        .send({ ...GUDANG, label: `Gudang Tambahan ${i}` })
        .expect(201);
    }
    const full = await admin
      .post('/api/organisation/delivery-locations')
      .send({ ...GUDANG, label: 'Satu Lagi' })
      .expect(409);
    expect(full.body.error.message).toContain(`Maksimal ${DELIVERY_LOCATIONS_MAX} lokasi pengiriman`);
    expect(await count()).toBe(DELIVERY_LOCATIONS_MAX);
  });
});
