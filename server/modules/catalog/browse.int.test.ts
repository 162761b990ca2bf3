import type { Express } from 'express';
import type request from 'supertest';
import { ZCatalogPage, ZCatalogProduct } from '../../../shared/contracts/catalog';
import type { TProductContent } from '../../../shared/contracts/products';
import { agentFor, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE, VALID_FOOD_LEGALITY } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { resolveAddress } from '../regions';
import { OrganisationModel } from '../accounts/organisation.model';

let t: TestApp;
let buyer: request.Agent;
let curator: request.Agent;
const ids: Record<string, string> = {};

const DOCS = VALID_FOOD_LEGALITY;

async function sellerIn(districtCode: string, documents: Array<keyof typeof DOCS>) {
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['owner'], status: 'verified' });
  const address = await resolveAddress({ street: 'Jl. Contoh No. 1', districtCode });
  await OrganisationModel.updateOne({ _id: organisation._id }, { $set: { address } });
  const agent = await agentFor(t.app as Express, user);
  for (const type of documents) await agent.post('/api/legality/documents').send(DOCS[type]).expect(201);
  return agent;
}

async function publish(seller: request.Agent, content: TProductContent): Promise<string> {
  const product = (await seller.post('/api/catalog/my-products').send(content).expect(201)).body;
  await seller.post(`/api/catalog/my-products/${product.id}/submit`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/start-review`).expect(200);
  await curator.post(`/api/curation/products/${product.id}/approve`).send({}).expect(200);
  return product.id;
}

async function search(query: Record<string, string | number>) {
  return ZCatalogPage.parse((await buyer.get('/api/catalog/products').query(query).expect(200)).body);
}
const names = (page: { items: Array<{ name: string }> }) => page.items.map((p) => p.name);

beforeAll(async () => {
  t = await startTestApp();
  const { user: b } = await createUser({ kind: 'buyer', roles: ['purchaser'], status: 'verified' });
  buyer = await agentFor(t.app as Express, b);
  const { user: c } = await createUser({ kind: 'dinkop', roles: ['curator'] });
  curator = await agentFor(t.app as Express, c);

  const klari = await sellerIn('32.15.05', ['nib', 'pirt', 'halal']);
  const rengasdengklok = await sellerIn('32.15.06', ['nib', 'pirt', 'halal']);
  const tegalwaru = await sellerIn('32.15.28', ['nib']);
  ids.keripik = await publish(klari, KERIPIK_TEMPE);
  ids.opak = await publish(rengasdengklok, {
    ...KERIPIK_TEMPE,
    name: 'Opak Ketan Bakar',
    description: 'Opak ketan khas Rengasdengklok, gurih dan renyah, cocok untuk teman keripik dan kopi.',
    price: 9_000,
    priceTiers: [],
    minimumOrder: 50,
    leadTimeDays: 2,
  });
  ids.kopi = await publish(klari, {
    ...KERIPIK_TEMPE,
    name: 'Kopi Robusta Karawang Bubuk',
    description: 'Kopi robusta dari lereng Tegalwaru, disangrai sedang. Kemasan aluminium foil 200 gram.',
    category: 'minuman',
    price: 35_000,
    priceTiers: [],
    leadTimeDays: 7,
  });
  ids.anyaman = await publish(tegalwaru, {
    ...KERIPIK_TEMPE,
    name: 'Keranjang Anyaman Bambu Parsel',
    description: 'Keranjang bambu untuk parsel Lebaran, dianyam tangan oleh perajin Kampung Loji.',
    category: 'kerajinan',
    unit: 'pcs',
    price: 25_000,
    priceTiers: [{ minQuantity: 500, unitPrice: 21_000 }],
    minimumOrder: 100,
    leadTimeDays: 14,
    shelfLifeDays: null,
  });
  // A draft never shows.
  await klari
    .post('/api/catalog/my-products')
    .send({ ...KERIPIK_TEMPE, name: 'Keripik Belum Dikurasi' })
    .expect(201);
}, 120_000);
afterAll(() => t.close());

describe('buyer catalog', () => {
  it('finds partial words in any case and with accents, and never shows drafts', async () => {
    for (const q of ['kerip', 'KERIPIK', 'kéripik temp']) {
      expect(names(await search({ q }))).toContain('Keripik Tempe Original 250 g');
    }
    expect(names(await search({ q: 'keripik' }))).not.toContain('Keripik Belum Dikurasi');
    expect(names(await search({ q: 'rendang' }))).toEqual([]);
  });

  it('ranks a word in the name above the same word in a description', async () => {
    const page = await search({ q: 'keripik' });
    expect(names(page)).toEqual(['Keripik Tempe Original 250 g', 'Opak Ketan Bakar']);
  });

  it('filters by category, kecamatan, halal, certification, price, minimum order and lead time', async () => {
    expect(names(await search({ category: 'minuman' }))).toEqual(['Kopi Robusta Karawang Bubuk']);
    expect(names(await search({ districtCode: '32.15.06' }))).toEqual(['Opak Ketan Bakar']);
    expect(names(await search({ halal: 'true', sort: 'price_asc' }))).toEqual([
      'Opak Ketan Bakar',
      'Keripik Tempe Original 250 g',
      'Kopi Robusta Karawang Bubuk',
    ]);
    expect(names(await search({ certification: 'pirt', q: 'kopi' }))).toEqual([
      'Kopi Robusta Karawang Bubuk',
      'Opak Ketan Bakar',
    ]);
    expect(names(await search({ priceMin: 10_000, priceMax: 30_000, sort: 'price_desc' }))).toEqual([
      'Keranjang Anyaman Bambu Parsel',
      'Keripik Tempe Original 250 g',
    ]);
    expect(names(await search({ moqMax: 20, sort: 'price_asc' }))).toEqual([
      'Keripik Tempe Original 250 g',
      'Kopi Robusta Karawang Bubuk',
    ]);
    expect(names(await search({ leadTimeMax: 5, sort: 'price_asc' }))).toEqual([
      'Opak Ketan Bakar',
      'Keripik Tempe Original 250 g',
    ]);
  });

  it('pages through everything exactly once, newest first by default', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([ids.anyaman, ids.kopi, ids.opak, ids.keripik]);
  });

  it('refuses bad queries with clear errors', async () => {
    for (const query of [
      { limit: 101 },
      { priceMin: 5000, priceMax: 100 },
      { sort: 'cheapest' },
      { cursor: 'xyz' },
      { halal: 'ya' },
    ]) {
      const res = await buyer.get('/api/catalog/products').query(query).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('shows a product page with tiers, badges and the seller; only listed products', async () => {
    const product = ZCatalogProduct.parse(
      (await buyer.get(`/api/catalog/products/${ids.keripik}`).expect(200)).body,
    );
    expect(product).toMatchObject({
      price: 15_000,
      priceTiers: [
        { minQuantity: 100, unitPrice: 13_500 },
        { minQuantity: 1_000, unitPrice: 12_000 },
      ],
      madeToOrder: true,
      seller: { districtName: 'Klari' },
    });
    expect(product.badges.sort()).toEqual(['halal', 'nib', 'pirt']);
    const seller = await search({ seller: product.seller.id });
    expect(names(seller).sort()).toEqual(['Keripik Tempe Original 250 g', 'Kopi Robusta Karawang Bubuk']);
    await buyer.get('/api/catalog/products/0123456789abcdef01234567').expect(404);
  });
});
