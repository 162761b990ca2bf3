import { createHash } from 'node:crypto';
import type { Express } from 'express';
import sharp from 'sharp';
import { ZCatalogPage, ZCatalogProduct } from '../../../shared/contracts/catalog';
import { PHOTO_MAX_BYTES } from '../../../shared/contracts/photos';
import { ZCurationProduct, ZSellerProduct, type TSellerProduct } from '../../../shared/contracts/products';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { LocalDiskStorage } from '../../platform/storage';
import { makeThumbnails } from '../photos';

let t: TestApp;
let storage: LocalDiskStorage;
beforeAll(async () => {
  t = await startTestApp();
  // The folder the app stores into, read directly to see which files exist.
  storage = new LocalDiskStorage(t.config.STORAGE_DIR);
});
afterAll(() => t.close());

type Agent = Awaited<ReturnType<typeof agentFor>>;

let shade = 0;
/** A real image with its own bytes each time (a different colour), as a phone would send it. */
async function photo(format: 'jpeg' | 'png' | 'webp' = 'jpeg', width = 1200, height = 800) {
  shade++;
  const background = { r: shade % 256, g: (shade * 7) % 256, b: 90 };
  return sharp({ create: { width, height, channels: 3, background } })
    .toFormat(format)
    .toBuffer();
}
const idOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function seller(options: { legality?: boolean } = {}) {
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const agent = await agentFor(t.app as Express, user);
  if (options.legality) {
    for (const doc of Object.values(VALID_FOOD_LEGALITY))
      await agent.post('/api/legality/documents').send(doc).expect(201);
  }
  return { agent, organisationId: String(organisation._id) };
}

async function newProduct(agent: Agent): Promise<string> {
  return (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body.id;
}

function upload(agent: Agent, productId: string, bytes: Buffer, contentType = 'image/jpeg') {
  return agent
    .post(`/api/catalog/my-products/${productId}/photos`)
    .set('Content-Type', contentType)
    .send(bytes);
}

async function uploaded(agent: Agent, productId: string, bytes: Buffer): Promise<TSellerProduct> {
  return ZSellerProduct.parse((await upload(agent, productId, bytes).expect(200)).body);
}

const photoUrl = (productId: string, photoId: string, size = 'original') =>
  `/api/catalog/products/${productId}/photos/${photoId}?size=${size}`;
const ids = (photos: Array<{ id: string }>) => photos.map((p) => p.id);

async function approve(agent: Agent, productId: string) {
  const { user } = await createUser({ kind: 'dinkop', roles: ['curator'] });
  const curator = await agentFor(t.app as Express, user);
  await agent.post(`/api/catalog/my-products/${productId}/submit`).expect(200);
  await curator.post(`/api/curation/products/${productId}/start-review`).expect(200);
  return ZCurationProduct.parse(
    (await curator.post(`/api/curation/products/${productId}/approve`).send({}).expect(200)).body,
  );
}

describe('product photos', () => {
  it('keeps JPEG, PNG and WebP photos in order in the working copy, through content updates', async () => {
    const { agent, organisationId } = await seller();
    const productId = await newProduct(agent);
    const [jpeg, png, webp] = [await photo('jpeg'), await photo('png'), await photo('webp')];
    await uploaded(agent, productId, jpeg);
    await upload(agent, productId, png, 'image/png').expect(200);
    const three = await uploaded(agent, productId, webp);
    expect(ids(three.content.photos)).toEqual([idOf(jpeg), idOf(png), idOf(webp)]);
    expect(await storage.get(`products/${organisationId}/${productId}/${idOf(png)}`)).not.toBeNull();

    // The same picture again (a retried upload) is the same photo, not a second one.
    expect(ids((await uploaded(agent, productId, jpeg)).content.photos)).toHaveLength(3);

    // The content form has no photos; saving it must not lose them.
    const edited = ZSellerProduct.parse(
      (
        await agent
          .put(`/api/catalog/my-products/${productId}`)
          .send({ ...KERIPIK_TEMPE, name: 'Keripik Tempe Pedas 250 g' })
          .expect(200)
      ).body,
    );
    expect(edited.content.name).toBe('Keripik Tempe Pedas 250 g');
    expect(ids(edited.content.photos)).toEqual([idOf(jpeg), idOf(png), idOf(webp)]);

    const order = [idOf(webp), idOf(jpeg), idOf(png)];
    const reordered = await agent
      .put(`/api/catalog/my-products/${productId}/photos/order`)
      .send({ photoIds: order })
      .expect(200);
    expect(ids(reordered.body.content.photos)).toEqual(order);
    const incomplete = await agent
      .put(`/api/catalog/my-products/${productId}/photos/order`)
      .send({ photoIds: [idOf(webp), idOf(jpeg)] })
      .expect(400);
    expect(incomplete.body.error.details.issues[0].path).toEqual(['photoIds']);

    const afterDelete = await agent
      .delete(`/api/catalog/my-products/${productId}/photos/${idOf(png)}`)
      .expect(200);
    expect(ids(afterDelete.body.content.photos)).toEqual([idOf(webp), idOf(jpeg)]);
    // Never approved, so nothing else shows it: the file is gone.
    expect(await storage.get(`products/${organisationId}/${productId}/${idOf(png)}`)).toBeNull();
    await agent.get(photoUrl(productId, idOf(png))).expect(404);
    await agent.delete(`/api/catalog/my-products/${productId}/photos/${idOf(png)}`).expect(404);

    // Deleting a draft product deletes its photos' files.
    await agent.delete(`/api/catalog/my-products/${productId}`).expect(204);
    expect(await storage.get(`products/${organisationId}/${productId}/${idOf(jpeg)}`)).toBeNull();
  });

  it('decides the type from the content, and refuses oversized files and a ninth photo', async () => {
    const { agent } = await seller();
    const productId = await newProduct(agent);
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << >> endobj\n');
    const disguised = await upload(agent, productId, pdf, 'image/jpeg').expect(415);
    expect(disguised.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await upload(
      agent,
      productId,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/png',
    ).expect(415);
    const huge = Buffer.concat([await photo('jpeg', 64, 64), Buffer.alloc(PHOTO_MAX_BYTES, 1)]);
    expect((await upload(agent, productId, huge).expect(413)).body.error.code).toBe('PAYLOAD_TOO_LARGE');

    for (let i = 0; i < 8; i++) await upload(agent, productId, await photo('jpeg', 64, 64)).expect(200);
    const ninth = await upload(agent, productId, await photo('jpeg', 64, 64)).expect(409);
    expect(ninth.body.error).toMatchObject({
      code: 'LIMIT_REACHED',
      message: expect.stringContaining('Maksimal 8 foto per produk'),
      details: { limit: 8 },
    });
    const product = ZSellerProduct.parse(
      (await agent.get(`/api/catalog/my-products/${productId}`).expect(200)).body,
    );
    expect(product.content.photos).toHaveLength(8);
  });

  it('of uploads racing for the last places, only as many win as there is room', async () => {
    const { agent } = await seller();
    const productId = await newProduct(agent);
    for (let i = 0; i < 6; i++) await upload(agent, productId, await photo('jpeg', 64, 64)).expect(200);
    const racing = await Promise.all([1, 2, 3, 4].map(async () => photo('jpeg', 64, 64)));
    const results = await Promise.all(racing.map((bytes) => upload(agent, productId, bytes)));
    expect(results.map((res) => res.status).sort()).toEqual([200, 200, 409, 409]);
    const product = ZSellerProduct.parse(
      (await agent.get(`/api/catalog/my-products/${productId}`).expect(200)).body,
    );
    expect(product.content.photos).toHaveLength(8);
    const winners = racing.filter((_bytes, i) => results[i]!.status === 200).map(idOf);
    expect(ids(product.content.photos).slice(6).sort()).toEqual(winners.sort());
  });

  it("another seller's product is not found, to change or to see", async () => {
    const owner = await seller();
    const productId = await newProduct(owner.agent);
    const bytes = await photo();
    await uploaded(owner.agent, productId, bytes);
    const other = await seller();
    expect((await upload(other.agent, productId, await photo()).expect(404)).body.error.code).toBe(
      'NOT_FOUND',
    );
    await other.agent.delete(`/api/catalog/my-products/${productId}/photos/${idOf(bytes)}`).expect(404);
    await other.agent
      .put(`/api/catalog/my-products/${productId}/photos/order`)
      .send({ photoIds: [idOf(bytes)] })
      .expect(404);
    await other.agent.get(photoUrl(productId, idOf(bytes))).expect(404);
    const { user: buyer } = await createUser({ kind: 'buyer', roles: ['purchaser'] });
    await (await agentFor(t.app as Express, buyer)).get(photoUrl(productId, idOf(bytes))).expect(404);
    const product = (await owner.agent.get(`/api/catalog/my-products/${productId}`).expect(200)).body;
    expect(product.content.photos).toHaveLength(1);
  });

  it('follows the editing rule: locked in curation, copied to live on approval, a new revision after', async () => {
    const { agent, organisationId } = await seller({ legality: true });
    const productId = await newProduct(agent);
    const first = await photo();
    await uploaded(agent, productId, first);

    await agent.post(`/api/catalog/my-products/${productId}/submit`).expect(200);
    const locked = await upload(agent, productId, await photo()).expect(409);
    expect(locked.body.error).toMatchObject({
      code: 'INVALID_STATE',
      details: { currentStatus: 'submitted' },
    });
    await agent.delete(`/api/catalog/my-products/${productId}/photos/${idOf(first)}`).expect(409);
    await agent
      .put(`/api/catalog/my-products/${productId}/photos/order`)
      .send({ photoIds: [idOf(first)] })
      .expect(409);

    const { user: curatorUser } = await createUser({ kind: 'dinkop', roles: ['curator'] });
    const curator = await agentFor(t.app as Express, curatorUser);
    // The curator reviews the photos with the rest of the content.
    const review = (await curator.get(`/api/curation/products/${productId}`).expect(200)).body;
    expect(ids(review.content.photos)).toEqual([idOf(first)]);
    await curator.get(photoUrl(productId, idOf(first))).expect(200);
    await curator.post(`/api/curation/products/${productId}/start-review`).expect(200);
    const approved = (await curator.post(`/api/curation/products/${productId}/approve`).send({}).expect(200))
      .body;
    expect(ids(approved.live.photos)).toEqual([idOf(first)]);

    const { user: buyerUser } = await createUser({ kind: 'buyer', roles: ['purchaser'] });
    const buyer = await agentFor(t.app as Express, buyerUser);
    const listed = ZCatalogProduct.parse(
      (await buyer.get(`/api/catalog/products/${productId}`).expect(200)).body,
    );
    expect(ids(listed.photos)).toEqual([idOf(first)]);
    const page = ZCatalogPage.parse(
      (await buyer.get('/api/catalog/products').query({ seller: organisationId }).expect(200)).body,
    );
    expect(ids(page.items[0]!.photos)).toEqual([idOf(first)]);
    const image = await buyer
      .get(photoUrl(productId, idOf(first)))
      .buffer(true)
      .expect(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(image.body as Buffer, first)).toBe(0);

    // Removing the photo from an approved product starts revision 2; buyers keep seeing the live one.
    const second = await photo();
    const revised = ZSellerProduct.parse(
      (await agent.delete(`/api/catalog/my-products/${productId}/photos/${idOf(first)}`).expect(200)).body,
    );
    expect(revised).toMatchObject({ status: 'draft', revision: 2 });
    expect(revised.history.at(-1)).toMatchObject({ from: 'approved', to: 'draft', revision: 2 });
    expect(ids(revised.content.photos)).toEqual([]);
    expect(ids(revised.live!.photos)).toEqual([idOf(first)]);
    await buyer.get(photoUrl(productId, idOf(first))).expect(200);
    await uploaded(agent, productId, second);
    // Not approved yet: the seller and Dinkop see it, buyers do not.
    await agent.get(photoUrl(productId, idOf(second))).expect(200);
    await curator.get(photoUrl(productId, idOf(second))).expect(200);
    await buyer.get(photoUrl(productId, idOf(second))).expect(404);

    const reapproved = await approve(agent, productId);
    expect(ids(reapproved.live!.photos)).toEqual([idOf(second)]);
    await buyer.get(photoUrl(productId, idOf(second))).expect(200);
    // The old photo is shown nowhere now, so its file went with the approval.
    await buyer.get(photoUrl(productId, idOf(first))).expect(404);
    expect(await storage.get(`products/${organisationId}/${productId}/${idOf(first)}`)).toBeNull();
  });

  it('serves a thumbnail once it is made, the original until then, and caches only what is final', async () => {
    const { agent, organisationId } = await seller();
    const productId = await newProduct(agent);
    const bytes = await photo('png', 1600, 1000);
    await upload(agent, productId, bytes, 'image/png').expect(200);
    const key = `products/${organisationId}/${productId}/${idOf(bytes)}`;

    const standIn = await agent
      .get(photoUrl(productId, idOf(bytes), 'small'))
      .buffer(true)
      .expect(200);
    expect(standIn.headers['content-type']).toBe('image/png');
    expect(standIn.headers['content-disposition']).toMatch(/^inline/);
    expect(standIn.headers['cache-control']).toBe('private, no-cache');
    expect(Buffer.compare(standIn.body as Buffer, bytes)).toBe(0);

    await makeThumbnails(storage, key);
    for (const [size, width] of [
      ['small', 320],
      ['large', 960],
    ] as const) {
      const thumbnail = await agent
        .get(photoUrl(productId, idOf(bytes), size))
        .buffer(true)
        .expect(200);
      expect(thumbnail.headers['content-type']).toBe('image/webp');
      expect(thumbnail.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(await sharp(thumbnail.body as Buffer).metadata()).toMatchObject({ format: 'webp', width });
    }
    const original = await agent.get(photoUrl(productId, idOf(bytes))).expect(200);
    expect(original.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    await agent.get(`${photoUrl(productId, idOf(bytes))}-huge`).expect(400);
    await agent.get(photoUrl(productId, idOf(bytes), 'huge')).expect(400);
  });
});
