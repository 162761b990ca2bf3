import { createHash } from 'node:crypto';
import type { Express } from 'express';
import sharp from 'sharp';
import { ZListPhotosResponse } from '../../../shared/contracts/photos';
import { ZUmkmProfile } from '../../../shared/contracts/umkm';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { ProductModel } from '../catalog/product.model';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Agent = Awaited<ReturnType<typeof agentFor>>;

let shade = 0;
async function photo(width = 640, height = 480) {
  shade++;
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: (shade * 37) % 256, g: (shade * 91) % 256, b: 60 },
    },
  })
    .jpeg()
    .toBuffer();
}
const idOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ids = (photos: Array<{ id: string }>) => photos.map((p) => p.id);

function upload(agent: Agent, bytes: Buffer, contentType = 'image/jpeg') {
  return agent.post('/api/umkm/profile/photos').set('Content-Type', contentType).send(bytes);
}

async function umkm() {
  const { user: owner, organisation } = await createUser({ kind: 'umkm', roles: ['owner'] });
  const { user: staff } = await createUser({ organisation, roles: ['staff'] });
  return {
    owner: await agentFor(t.app as Express, owner),
    staff: await agentFor(t.app as Express, staff),
    organisationId: String(organisation._id),
  };
}

describe('UMKM profile photos', () => {
  it('owner and staff add, order and remove up to six; the profile keeps them through edits', async () => {
    const { owner, staff } = await umkm();
    // The UMKM never saved its profile: the first photo creates it.
    const [a, b, c] = [await photo(), await photo(), await photo()];
    await upload(owner, a).expect(200);
    await upload(staff, b).expect(200);
    const three = ZUmkmProfile.parse((await upload(owner, c).expect(200)).body);
    expect(ids(three.photos)).toEqual([idOf(a), idOf(b), idOf(c)]);

    const edited = ZUmkmProfile.parse(
      (await owner.patch('/api/umkm/profile').send({ story: 'Keripik tempe sejak 2009.' }).expect(200)).body,
    );
    expect(ids(edited.photos)).toEqual([idOf(a), idOf(b), idOf(c)]);

    const reordered = await staff
      .put('/api/umkm/profile/photos/order')
      .send({ photoIds: [idOf(c), idOf(a), idOf(b)] })
      .expect(200);
    expect(ids(reordered.body.photos)).toEqual([idOf(c), idOf(a), idOf(b)]);
    const removed = await owner.delete(`/api/umkm/profile/photos/${idOf(a)}`).expect(200);
    expect(ids(removed.body.photos)).toEqual([idOf(c), idOf(b)]);

    for (let i = 0; i < 4; i++) await upload(owner, await photo(64, 64)).expect(200);
    const seventh = await upload(owner, await photo(64, 64)).expect(409);
    expect(seventh.body.error).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: 6 } });
    expect(seventh.body.error.message).toContain('Maksimal 6 foto');

    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
    expect((await upload(owner, pdf).expect(415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('are seen by the UMKM and Dinkop always, by others once the UMKM sells in the catalog', async () => {
    const { owner, organisationId } = await umkm();
    const bytes = await photo();
    await upload(owner, bytes).expect(200);
    const list = `/api/umkm/${organisationId}/photos`;
    const file = `${list}/${idOf(bytes)}?size=small`;

    const { user: buyerUser } = await createUser({ kind: 'buyer', roles: ['purchaser'] });
    const buyer = await agentFor(t.app as Express, buyerUser);
    const { user: otherOwner } = await createUser({ kind: 'umkm', roles: ['owner'] });
    const otherUmkm = await agentFor(t.app as Express, otherOwner);
    const { user: analyst } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
    const dinkop = await agentFor(t.app as Express, analyst);

    for (const outsider of [buyer, otherUmkm]) {
      await outsider.get(list).expect(404);
      await outsider.get(file).expect(404);
    }
    expect(ids(ZListPhotosResponse.parse((await owner.get(list).expect(200)).body).items)).toEqual([
      idOf(bytes),
    ]);
    await dinkop.get(file).expect(200);

    // Approved and on sale (as curation leaves it): the UMKM's page in the catalog is open.
    await ProductModel.create({
      organisationId,
      status: 'approved',
      content: KERIPIK_TEMPE,
      live: KERIPIK_TEMPE,
      listing: { listed: true, approvedAt: new Date(), badges: [], prefixes: [], namePrefixes: [] },
      createdByUserId: organisationId,
    });
    expect(ids(ZListPhotosResponse.parse((await buyer.get(list).expect(200)).body).items)).toEqual([
      idOf(bytes),
    ]);
    const image = await buyer.get(file).buffer(true).expect(200);
    // No worker ran in this test: the original stands in for the thumbnail.
    expect(image.headers['content-type']).toBe('image/jpeg');
    await buyer.get(`${list}/${'0'.repeat(64)}`).expect(404);
  });
});
