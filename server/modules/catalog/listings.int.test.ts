import type { Express } from 'express';
import type request from 'supertest';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { ZCatalogPage } from '../../../shared/contracts/catalog';
import { ZNotificationsPage } from '../../../shared/contracts/notifications';
import { ZSellerProduct } from '../../../shared/contracts/products';
import { ZLegalityDocument } from '../../../shared/contracts/legality';
import { QUEUES } from '../../../shared/jobs';
import { todayInWib } from '../../../shared/time';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../../../test/fixtures';
import { startTestApp, testServiceUrls, type TestApp } from '../../../test/helpers/app';
import { createWorkerRedis } from '../../platform/redis';
import { bullPrefix } from '../../platform/jobs';
import { maintenanceProcessor } from '../../../workers/processors/maintenance';

let t: TestApp;
let curator: request.Agent;
let buyer: request.Agent;

/** The sweep runs on a real BullMQ worker whose clock the test sets. */
let sweepClock = new Date();
let queue: Queue;
let queueEvents: QueueEvents;
let worker: Worker;
const connections = [0, 1, 2].map(() => createWorkerRedis(testServiceUrls().redis));

beforeAll(async () => {
  t = await startTestApp();
  const prefix = bullPrefix(t.config.REDIS_KEY_PREFIX);
  queue = new Queue(QUEUES.maintenance, { connection: connections[0]!, prefix });
  queueEvents = new QueueEvents(QUEUES.maintenance, { connection: connections[1]!, prefix });
  worker = new Worker(
    QUEUES.maintenance,
    maintenanceProcessor(() => sweepClock),
    {
      connection: connections[2]!,
      prefix,
    },
  );
  await queueEvents.waitUntilReady();
  curator = await agentFor(t.app as Express, (await createUser({ kind: 'dinkop', roles: ['curator'] })).user);
  buyer = await agentFor(
    t.app as Express,
    (await createUser({ kind: 'buyer', roles: ['purchaser'], status: 'verified' })).user,
  );
});
afterAll(async () => {
  await worker.close();
  await queueEvents.close();
  await queue.close();
  connections.forEach((connection) => connection.disconnect());
  await t.close();
});

let sweeps = 0;
async function sweepOn(day: string) {
  sweepClock = new Date(`${day}T00:05:00+07:00`);
  sweeps += 1;
  const job = await queue.add('legality-sweep', { version: 1 }, { jobId: `sweep-${sweeps}` });
  return (await job.waitUntilFinished(queueEvents, 20_000)) as {
    warnings: number;
    unlisted: number;
    relisted: number;
  };
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const today = todayInWib();

/** A verified food UMKM with NIB and halal for the business, and the given P-IRT. */
async function sellerWith(pirtExpiresOn: string) {
  const { user } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const agent = await agentFor(t.app as Express, user);
  await agent.post('/api/legality/documents').send(VALID_FOOD_LEGALITY.nib).expect(201);
  await agent.post('/api/legality/documents').send(VALID_FOOD_LEGALITY.halal).expect(201);
  const product = ZSellerProduct.parse(
    (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body,
  );
  const pirt = ZLegalityDocument.parse(
    (
      await agent
        .post('/api/legality/documents')
        .send({ ...VALID_FOOD_LEGALITY.pirt, expiresOn: pirtExpiresOn, productIds: [product.id] })
        .expect(201)
    ).body,
  );
  return { agent, productId: product.id, pirt };
}

async function approve(seller: request.Agent, productId: string) {
  await seller.post(`/api/catalog/my-products/${productId}/submit`).expect(200);
  await curator.post(`/api/curation/products/${productId}/start-review`).expect(200);
  await curator.post(`/api/curation/products/${productId}/approve`).send({}).expect(200);
}

async function noticesOf(agent: request.Agent) {
  return ZNotificationsPage.parse(
    (await agent.get('/api/notifications').query({ limit: 50 }).expect(200)).body,
  ).items;
}

async function productOf(agent: request.Agent, productId: string) {
  return ZSellerProduct.parse((await agent.get(`/api/catalog/my-products/${productId}`).expect(200)).body);
}

async function inCatalog(productId: string): Promise<boolean> {
  const page = ZCatalogPage.parse(
    (await buyer.get('/api/catalog/products').query({ q: 'keripik tempe', limit: 100 }).expect(200)).body,
  );
  return page.items.some((item) => item.id === productId);
}

describe('documents per product', () => {
  it("a product's own P-IRT covers that product only; another seller's product cannot be named", async () => {
    const { agent, productId, pirt } = await sellerWith(shift(today, 400));
    expect(pirt.productIds).toEqual([productId]);
    const other = ZSellerProduct.parse(
      (await agent.post('/api/catalog/my-products').send(KERIPIK_TEMPE).expect(201)).body,
    );
    const waiting = ZSellerProduct.parse(
      (await agent.post(`/api/catalog/my-products/${other.id}/submit`).expect(200)).body,
    );
    expect(waiting.status).toBe('needs_legality');
    expect(waiting.missingLegality.map((m) => m.anyOf)).toEqual([['pirt', 'bpom_md', 'bpom_ml']]);
    await agent.post(`/api/catalog/my-products/${productId}/submit`).expect(200);
    expect((await productOf(agent, productId)).status).toBe('submitted');

    const stranger = await sellerWith(shift(today, 400));
    const res = await agent
      .put(`/api/legality/documents/${pirt.id}/products`)
      .send({ productIds: [productId, stranger.productId] })
      .expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const covered = ZLegalityDocument.parse(
      (
        await agent
          .put(`/api/legality/documents/${pirt.id}/products`)
          .send({ productIds: [productId, other.id] })
          .expect(200)
      ).body,
    );
    expect(covered.productIds.sort()).toEqual([productId, other.id].sort());
  });
});

describe('the daily legality sweep', () => {
  it('warns 30 and 7 days ahead once each, takes the product off sale after expiry with the reason, and says so', async () => {
    const expiresOn = shift(today, 27);
    const { agent, productId } = await sellerWith(expiresOn);
    await approve(agent, productId);
    expect(await inCatalog(productId)).toBe(true);

    await sweepOn(today);
    await sweepOn(today); // the same day again, as a retry would
    await sweepOn(shift(expiresOn, -5));
    await sweepOn(shift(expiresOn, -4));
    const warnings = (await noticesOf(agent)).filter((n) => n.kind === 'legality.expiring');
    expect(warnings.map((n) => n.title)).toEqual([
      `P-IRT ${VALID_FOOD_LEGALITY.pirt.number} berakhir 5 hari lagi`,
      `P-IRT ${VALID_FOOD_LEGALITY.pirt.number} berakhir 27 hari lagi`,
    ]);

    // Valid through its expiry day (WIB), off sale the day after.
    await sweepOn(expiresOn);
    expect((await productOf(agent, productId)).listing?.listed).toBe(true);
    const result = await sweepOn(shift(expiresOn, 1));
    expect(result.unlisted).toBeGreaterThanOrEqual(1);

    const product = await productOf(agent, productId);
    expect(product.status).toBe('approved');
    expect(product.listing).toEqual({
      listed: false,
      offSaleReasons: ['Produk pangan wajib memiliki P-IRT atau izin edar BPOM (MD/ML)'],
    });
    expect(product.history.at(-1)).toMatchObject({
      listingChange: 'unlisted',
      byOrganisationKind: 'system',
      missingLegality: ['Produk pangan wajib memiliki P-IRT atau izin edar BPOM (MD/ML)'],
    });
    expect(await inCatalog(productId)).toBe(false);
    const sellerNotice = (await noticesOf(agent)).find((n) => n.kind === 'product.unlisted');
    expect(sellerNotice?.body).toContain('P-IRT');
    expect(
      (await noticesOf(curator)).some(
        (n) => n.kind === 'product.unlisted' && n.link === `/dinkop/kurasi/${productId}`,
      ),
    ).toBe(true);

    // Repeating the sweep changes nothing and says nothing new.
    const before = (await noticesOf(agent)).length;
    expect(await sweepOn(shift(expiresOn, 1))).toMatchObject({ unlisted: 0, relisted: 0 });
    expect((await noticesOf(agent)).length).toBe(before);
  });

  it('a renewed document puts the product back on sale, and the next sweep keeps it there', async () => {
    const expiresOn = shift(today, 10);
    const { agent, productId, pirt } = await sellerWith(expiresOn);
    await approve(agent, productId);
    await sweepOn(shift(expiresOn, 1));
    expect((await productOf(agent, productId)).listing?.listed).toBe(false);

    // The old P-IRT is still valid on the real calendar, so take it out first: its removal alone
    // must not put the product back, only the renewal may.
    await agent.delete(`/api/legality/documents/${pirt.id}`).expect(204);
    expect((await productOf(agent, productId)).listing?.listed).toBe(false);
    await agent
      .post('/api/legality/documents')
      .send({
        ...VALID_FOOD_LEGALITY.pirt,
        number: '206321501012329',
        expiresOn: shift(today, 1000),
        productIds: [productId],
      })
      .expect(201);
    const relisted = await productOf(agent, productId);
    expect(relisted.listing).toEqual({ listed: true, offSaleReasons: [] });
    expect(relisted.history.at(-1)).toMatchObject({
      listingChange: 'relisted',
      byOrganisationKind: 'system',
    });
    expect((await noticesOf(agent)).some((n) => n.kind === 'product.relisted')).toBe(true);
    expect(await inCatalog(productId)).toBe(true);

    await sweepOn(shift(expiresOn, 1));
    expect((await productOf(agent, productId)).listing?.listed).toBe(true);
  });

  it('removing the only P-IRT of a product on sale takes it off sale with the reason, not silently', async () => {
    const { agent, productId, pirt } = await sellerWith(shift(today, 400));
    await approve(agent, productId);
    await agent.delete(`/api/legality/documents/${pirt.id}`).expect(204);
    const product = await productOf(agent, productId);
    expect(product.listing?.listed).toBe(false);
    expect(product.history.at(-1)?.listingChange).toBe('unlisted');
    expect((await noticesOf(agent)).some((n) => n.kind === 'product.unlisted')).toBe(true);
  });
});
