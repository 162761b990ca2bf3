import { ZUmkmProfile } from '../../../shared/contracts/umkm';
import { agentFor, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const profile = {
  nib: '9120.0012.34567',
  npwp: '3215.0123.4567.8901',
  isPkp: true,
  category: 'makanan_ringan',
  payoutAccount: { bankName: 'Bank BJB', accountNumber: '0012-3456-789', holderName: 'Ani Suryani' },
  story: 'Keripik tempe dari kedelai lokal Klari, digoreng setiap pagi sejak 2009.',
};

describe('UMKM business profile', () => {
  it('starts empty, saves normalised numbers, and is read back by staff and Dinkop', async () => {
    const { user: owner, organisation } = await createUser({ kind: 'umkm', roles: ['owner'] });
    const agent = await agentFor(t.app, owner);
    const empty = ZUmkmProfile.parse((await agent.get('/api/umkm/profile').expect(200)).body);
    expect(empty).toMatchObject({ nib: null, isPkp: false, programmeTags: [], updatedAt: null });

    const saved = ZUmkmProfile.parse((await agent.patch('/api/umkm/profile').send(profile).expect(200)).body);
    expect(saved).toMatchObject({
      nib: '9120001234567',
      npwp: '3215012345678901',
      payoutAccount: { accountNumber: '00123456789' },
    });

    const { user: staff } = await createUser({ organisation, roles: ['staff'] });
    const staffAgent = await agentFor(t.app, staff);
    expect((await staffAgent.get('/api/umkm/profile').expect(200)).body.nib).toBe('9120001234567');
    // The payout account is the owner's to change.
    await staffAgent.patch('/api/umkm/profile').send({ story: 'Diubah staf' }).expect(403);

    const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
    const dinkop = await agentFor(t.app, analyst);
    expect((await dinkop.get(`/api/dinkop/umkm/${organisation._id}/profile`).expect(200)).body.category).toBe(
      'makanan_ringan',
    );
  });

  it.each([
    [{ nib: '12345' }, 'nib'],
    [{ npwp: '12.345' }, 'npwp'],
    [{ category: 'senjata' }, 'category'],
    [{ payoutAccount: { bankName: 'BRI', accountNumber: 'abc', holderName: 'Ani' } }, 'payoutAccount'],
    [{ isPkp: true }, 'npwp'],
  ])('refuses %o with the error on %s', async (body, field) => {
    const { user } = await createUser({ kind: 'umkm', roles: ['owner'] });
    const res = await (await agentFor(t.app, user)).patch('/api/umkm/profile').send(body).expect(400);
    expect(res.body.error.details.issues.map((issue: { path: string[] }) => issue.path[0])).toContain(field);
  });

  it('one NIB belongs to one UMKM', async () => {
    const first = await createUser({ kind: 'umkm', roles: ['owner'] });
    const second = await createUser({ kind: 'umkm', roles: ['owner'] });
    await (
      await agentFor(t.app, first.user)
    )
      .patch('/api/umkm/profile')
      .send({ nib: '9120009999999' })
      .expect(200);
    const res = await (
      await agentFor(t.app, second.user)
    )
      .patch('/api/umkm/profile')
      .send({ nib: '9120009999999' })
      .expect(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
  });

  it('Dinkop curators set programme tags; analysts cannot; buyers are not UMKM', async () => {
    const { organisation } = await createUser({ kind: 'umkm', roles: ['owner'] });
    const { user: curator } = await createUser({ kind: 'dinkop', roles: ['curator'] });
    const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
    const curatorAgent = await agentFor(t.app, curator);
    const tags = { tags: ['Bela Beli Produk UMKM', 'OVOP Desa Duren', 'Bela Beli Produk UMKM'] };
    const res = await curatorAgent
      .put(`/api/dinkop/umkm/${organisation._id}/programmes`)
      .send(tags)
      .expect(200);
    expect(res.body.programmeTags).toEqual(['Bela Beli Produk UMKM', 'OVOP Desa Duren']);
    await (
      await agentFor(t.app, analyst)
    )
      .put(`/api/dinkop/umkm/${organisation._id}/programmes`)
      .send(tags)
      .expect(403);

    const { organisation: buyer } = await createUser({ kind: 'buyer' });
    await curatorAgent.put(`/api/dinkop/umkm/${buyer._id}/programmes`).send(tags).expect(404);
  });
});
