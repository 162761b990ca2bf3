import { ZListSellerProductsResponse, ZSellerProduct } from '../../../shared/contracts/products';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { ProductModel } from './product.model';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function sellerAgent() {
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['owner'] });
  return { agent: await agentFor(t.app, user), organisation };
}

describe('seller products', () => {
  it('creates a draft, edits it, lists it', async () => {
    const { agent } = await sellerAgent();
    const created = ZSellerProduct.parse(
      (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body,
    );
    expect(created).toMatchObject({ status: 'draft', revision: 1, live: null, content: { price: 15_000 } });

    const edited = await agent
      .put(`/api/catalog/my-products/${created.id}`)
      .send({ ...KERIPIK_TEMPE, price: 16_000 })
      .expect(200);
    expect(edited.body).toMatchObject({ status: 'draft', revision: 1, content: { price: 16_000 } });

    const list = ZListSellerProductsResponse.parse(
      (await agent.get('/api/catalog/my-products').expect(200)).body,
    );
    expect(list.items.map((p) => p.id)).toEqual([created.id]);
  });

  it('pages newest first with a cursor and filters by status', async () => {
    const { agent } = await sellerAgent();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await agent
            .post('/api/catalog/my-products')
            .send({ ...KERIPIK_TEMPE, name: `Produk nomor ${i}` })
            .expect(201)
        ).body.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (
        await agent
          .get('/api/catalog/my-products')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .expect(200)
      ).body;
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(
      (await agent.get('/api/catalog/my-products').query({ status: 'approved' }).expect(200)).body.items,
    ).toEqual([]);
  });

  it.each([
    [{ ...KERIPIK_TEMPE, minimumOrder: 25 }, 'minimumOrder'],
    [{ ...KERIPIK_TEMPE, priceTiers: [{ minQuantity: 100, unitPrice: 15_000 }] }, 'priceTiers'],
    [{ ...KERIPIK_TEMPE, supply: { mode: 'stock', stockOnHand: -1 } }, 'supply'],
    [{ ...KERIPIK_TEMPE, category: 'narkoba' }, 'category'],
    [{ ...KERIPIK_TEMPE, price: '15000' }, 'price'],
    [{ ...KERIPIK_TEMPE, sellerId: 'x' }, ''],
  ])('refuses bad content %#: the issue points at %s', async (body, field) => {
    const { agent } = await sellerAgent();
    const res = await agent.post('/api/catalog/my-products').send(body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((issue: { path: string[] }) => issue.path[0] ?? '')).toContain(
      field,
    );
  });

  it('an approved product starts a new revision when edited, and stays live meanwhile', async () => {
    const { agent, organisation } = await sellerAgent();
    const created = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    // Approval is the curation workflow's; here the product is put in that state directly.
    await ProductModel.updateOne(
      { _id: created.id, organisationId: organisation._id },
      { $set: { status: 'approved', live: KERIPIK_TEMPE } },
    );
    const edited = (
      await agent
        .put(`/api/catalog/my-products/${created.id}`)
        .send({ ...KERIPIK_TEMPE, price: 17_000 })
        .expect(200)
    ).body;
    expect(edited).toMatchObject({
      status: 'draft',
      revision: 2,
      content: { price: 17_000 },
      live: { price: 15_000 },
    });
    const refused = await agent.delete(`/api/catalog/my-products/${created.id}`).expect(409);
    expect(refused.body.error.code).toBe('INVALID_STATE');
  });

  it('a product under curation cannot be edited or deleted; a plain draft can be deleted', async () => {
    const { agent, organisation } = await sellerAgent();
    const created = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    await ProductModel.updateOne(
      { _id: created.id, organisationId: organisation._id },
      { $set: { status: 'in_review' } },
    );
    const locked = await agent.put(`/api/catalog/my-products/${created.id}`).send(KERIPIK_TEMPE).expect(409);
    expect(locked.body.error).toMatchObject({
      code: 'INVALID_STATE',
      details: { currentStatus: 'in_review' },
    });
    await agent.delete(`/api/catalog/my-products/${created.id}`).expect(409);

    const draft = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    await agent.delete(`/api/catalog/my-products/${draft.id}`).expect(204);
    await agent.get(`/api/catalog/my-products/${draft.id}`).expect(404);
  });

  it("another seller's product is a 404, whatever the verb", async () => {
    const owner = await sellerAgent();
    const product = (await owner.agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    const stranger = await sellerAgent();
    await stranger.agent.get(`/api/catalog/my-products/${product.id}`).expect(404);
    await stranger.agent.put(`/api/catalog/my-products/${product.id}`).send(KERIPIK_TEMPE).expect(404);
    await stranger.agent.delete(`/api/catalog/my-products/${product.id}`).expect(404);
    expect((await stranger.agent.get('/api/catalog/my-products').expect(200)).body.items).toEqual([]);
  });
});
