import type { Express } from 'express';
import {
  ZCurationReview,
  ZListCurationQueueResponse,
  ZSellerProduct,
} from '../../../shared/contracts/products';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DOCUMENTS = VALID_FOOD_LEGALITY;

async function verifiedSeller() {
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  return { agent: await agentFor(t.app as Express, user), organisation };
}

async function curator(name = 'Dewi Lestari') {
  const { user } = await createUser({ kind: 'dinkop', roles: ['curator'], name });
  return agentFor(t.app as Express, user);
}

describe('curation workflow', () => {
  it('an unverified UMKM prepares products but cannot submit them', async () => {
    const { user } = await createUser({ kind: 'umkm', roles: ['owner'] });
    const agent = await agentFor(t.app as Express, user);
    const product = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    const res = await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(403);
    expect(res.body.error.code).toBe('ORGANISATION_NOT_VERIFIED');
  });

  it('routes a food product without legality to needs_legality with what is missing, then to the queue', async () => {
    const { agent } = await verifiedSeller();
    const product = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    const waiting = ZSellerProduct.parse(
      (await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200)).body,
    );
    expect(waiting.status).toBe('needs_legality');
    expect(waiting.missingLegality.map((m) => m.anyOf)).toEqual([
      ['nib'],
      ['pirt', 'bpom_md', 'bpom_ml'],
      ['halal'],
    ]);
    expect(waiting.history.at(-1)).toMatchObject({
      from: 'draft',
      to: 'needs_legality',
      byOrganisationKind: 'umkm',
    });

    for (const doc of Object.values(DOCUMENTS))
      await agent.post('/api/legality/documents').send(doc).expect(201);
    const submitted = ZSellerProduct.parse(
      (await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200)).body,
    );
    expect(submitted).toMatchObject({ status: 'submitted', missingLegality: [] });
  });

  it('goes through review, changes, a new revision and approval, with an audit trail', async () => {
    const { agent, organisation } = await verifiedSeller();
    for (const doc of Object.values(DOCUMENTS))
      await agent.post('/api/legality/documents').send(doc).expect(201);
    const product = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);

    const dewi = await curator();
    const queue = ZListCurationQueueResponse.parse(
      (
        await dewi
          .get('/api/curation/queue')
          .query({ districtCode: '32.15.05', category: 'makanan_ringan', limit: 100 })
          .expect(200)
      ).body,
    );
    expect(queue.items.map((p) => p.id)).toContain(product.id);
    expect(queue.items.find((p) => p.id === product.id)?.seller).toMatchObject({
      name: organisation.name,
      districtName: 'Klari',
    });
    expect(
      (await dewi.get('/api/curation/queue').query({ districtCode: '32.15.01' }).expect(200)).body.items,
    ).toEqual([]);

    const review = ZCurationReview.parse(
      (await dewi.get(`/api/curation/products/${product.id}`).expect(200)).body,
    );
    expect(review.documents.map((d) => d.type).sort()).toEqual(['halal', 'nib', 'pirt']);

    await dewi.post(`/api/curation/products/${product.id}/start-review`).expect(200);
    const sentBack = await dewi
      .post(`/api/curation/products/${product.id}/request-changes`)
      .send({
        changes: [{ item: 'label', note: 'Cantumkan nomor P-IRT dan tanggal kedaluwarsa di kemasan.' }],
      })
      .expect(200);
    expect(sentBack.body.status).toBe('changes_requested');

    const seen = (await agent.get(`/api/catalog/my-products/${product.id}`).expect(200)).body;
    expect(seen.history.at(-1)).toMatchObject({
      to: 'changes_requested',
      byName: 'Dewi Lestari',
      changes: [{ item: 'label' }],
    });

    const revised = (
      await agent
        .put(`/api/catalog/my-products/${product.id}`)
        .send({ ...KERIPIK_TEMPE, weightGrams: 260 })
        .expect(200)
    ).body;
    expect(revised).toMatchObject({ status: 'draft', revision: 2 });
    await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
    await dewi.post(`/api/curation/products/${product.id}/start-review`).expect(200);
    const approved = (await dewi.post(`/api/curation/products/${product.id}/approve`).send({}).expect(200))
      .body;
    expect(approved).toMatchObject({ status: 'approved', revision: 2, live: { weightGrams: 260 } });

    const trail = (await agent.get(`/api/catalog/my-products/${product.id}`).expect(200)).body.history;
    expect(trail.map((entry: { from: string; to: string }) => `${entry.from}→${entry.to}`)).toEqual([
      'draft→submitted',
      'submitted→in_review',
      'in_review→changes_requested',
      'changes_requested→draft',
      'draft→submitted',
      'submitted→in_review',
      'in_review→approved',
    ]);
  });

  it('refuses moves from the wrong state, and a rejection needs a reason', async () => {
    const { agent } = await verifiedSeller();
    for (const doc of Object.values(DOCUMENTS))
      await agent.post('/api/legality/documents').send(doc).expect(201);
    const product = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    const dewi = await curator();
    const early = await dewi.post(`/api/curation/products/${product.id}/approve`).send({}).expect(409);
    expect(early.body.error).toMatchObject({ code: 'INVALID_STATE', details: { currentStatus: 'draft' } });

    await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
    await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(409);
    await agent.put(`/api/catalog/my-products/${product.id}`).send(KERIPIK_TEMPE).expect(409);
    await dewi.post(`/api/curation/products/${product.id}/start-review`).expect(200);
    await dewi.post(`/api/curation/products/${product.id}/reject`).send({ reason: 'kurang' }).expect(400);
    await dewi.post(`/api/curation/products/${product.id}/request-changes`).send({ changes: [] }).expect(400);
    const rejected = await dewi
      .post(`/api/curation/products/${product.id}/reject`)
      .send({ reason: 'Produk ini sudah terdaftar atas nama UMKM lain.' })
      .expect(200);
    expect(rejected.body.history.at(-1)).toMatchObject({
      to: 'rejected',
      reason: 'Produk ini sudah terdaftar atas nama UMKM lain.',
    });
  });

  it('of two curators approving at once, exactly one succeeds and one entry is recorded', async () => {
    const { agent } = await verifiedSeller();
    for (const doc of Object.values(DOCUMENTS))
      await agent.post('/api/legality/documents').send(doc).expect(201);
    const product = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
    const [a, b] = [await curator('Kurator A'), await curator('Kurator B')];
    await a.post(`/api/curation/products/${product.id}/start-review`).expect(200);
    const results = await Promise.all([
      a.post(`/api/curation/products/${product.id}/approve`).send({}),
      b.post(`/api/curation/products/${product.id}/approve`).send({}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const trail = (await agent.get(`/api/catalog/my-products/${product.id}`).expect(200)).body.history;
    expect(trail.filter((entry: { to: string }) => entry.to === 'approved')).toHaveLength(1);
  });

  it('will not approve when legality expired while the product waited', async () => {
    const { agent } = await verifiedSeller();
    await agent.post('/api/legality/documents').send(DOCUMENTS.nib).expect(201);
    await agent.post('/api/legality/documents').send(DOCUMENTS.halal).expect(201);
    const pirt = (await agent.post('/api/legality/documents').send(DOCUMENTS.pirt).expect(201)).body;
    const product = (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body;
    await agent.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
    const dewi = await curator();
    await dewi.post(`/api/curation/products/${product.id}/start-review`).expect(200);
    await agent.delete(`/api/legality/documents/${pirt.id}`).expect(204);
    const res = await dewi.post(`/api/curation/products/${product.id}/approve`).send({}).expect(409);
    expect(res.body.error.details.missingLegality[0].anyOf).toEqual(['pirt', 'bpom_md', 'bpom_ml']);
  });
});
