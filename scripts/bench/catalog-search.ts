/**
 * Scenario "catalog search": the buyer search endpoint against the same query sent straight through the
 * MongoDB driver, on ≥ 5,000 approved, listed products. Goal (product issue): HTTP throughput ≥ 0.5× the
 * raw-driver loop, and p99 ≤ 25 ms at half the measured maximum rate.
 */
import { performance } from 'node:perf_hooks';
import { fakerID_ID as faker } from '@faker-js/faker';
import mongoose, { Types } from 'mongoose';
import { z } from 'zod';
import { categoryKind, type TProductCategory } from '../../shared/catalog/categories';
import { queryTerms } from '../../shared/catalog/search';
import { ZCatalogQuery, type TCatalogQuery } from '../../shared/contracts/catalog';
import type { TProductContent } from '../../shared/contracts/products';
import { createOrganisationWithFirstUser } from '../../server/modules/accounts';
import { OrganisationModel } from '../../server/modules/accounts/organisation.model';
import { ProductModel } from '../../server/modules/catalog/product.model';
import { loadRegions, resolveAddress } from '../../server/modules/regions';
import { RegionModel } from '../../server/modules/regions/region.model';
import { createGetter, signIn, startApi } from './api';
import {
  CATEGORY_WORDS,
  GENERAL_SENTENCES,
  SELLER_TITLES,
  SELLER_TRADES,
  type CategoryWords,
} from './catalog-data';
import { closedLoops, loopRow, ms, openLoop, rate, type LoopResult, type Operation } from './measure';
import type { BenchContext, BenchReport, BenchScenario } from './scenario';
import { approvedProduct } from './seed';

const ZCatalogSettings = z.object({
  BENCH_CATALOG_PRODUCTS: z.coerce.number().int().min(5_000).max(100_000).default(5_200),
});

const KARAWANG = '32.15';
const PRODUCTS_PER_SELLER = 20;
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 25;
/** (a) and (b) take turns this many times, so drifting load on a shared machine hits both alike. */
const SLICES = 5;
const BUYER = { email: 'pembeli@bench.contoh.id', password: 'Benchmark-Pasar-2026' };

/**
 * What buyers type and click: partial Indonesian words, several words, filters, sorts, plain browsing.
 * Each runs as its first page (24 products), in this order, round and round.
 */
const QUERIES: ReadonlyArray<Record<string, string>> = [
  { q: 'kerip' },
  { q: 'sambal' },
  { q: 'keripik pedas' },
  { q: 'kopi', sort: 'price_asc' },
  { q: 'sambal bawang', halal: 'true' },
  { q: 'dodol ketan' },
  { q: 'madu', moqMax: '50' },
  { q: 'batik', sort: 'price_desc' },
  { q: 'keripik', districtCode: '32.15.06' },
  { q: 'kue', priceMax: '50000' },
  { category: 'makanan_ringan' },
  { category: 'minuman', sort: 'price_asc' },
  { halal: 'true', leadTimeMax: '7' },
  {},
];

// --- the query, as browse.service.ts's searchCatalog builds it, sent with the driver ---

const SORTS = {
  relevance: { relevance: -1, 'listing.approvedAt': -1, _id: 1 },
  newest: { 'listing.approvedAt': -1, _id: 1 },
  price_asc: { 'live.price': 1, _id: 1 },
  price_desc: { 'live.price': -1, _id: 1 },
} as const;

/**
 * The same filter, sort, skip, limit and projection as searchCatalog (first page). A copy, so the bench
 * checks before measuring that both return the same products for every query.
 */
function rawPipeline(query: TCatalogQuery): Record<string, unknown>[] {
  const terms = query.q ? queryTerms(query.q) : [];
  const match: Record<string, unknown> = { 'listing.listed': true };
  if (terms.length > 0) match['listing.prefixes'] = { $all: terms };
  if (query.category) match['live.category'] = query.category;
  if (query.seller) match.organisationId = new Types.ObjectId(query.seller);
  if (query.districtCode) match['seller.districtCode'] = query.districtCode;
  const badges = [...(query.halal ? ['halal'] : []), ...(query.certification ? [query.certification] : [])];
  if (badges.length > 0) match['listing.badges'] = { $all: badges };
  if (query.priceMin !== undefined || query.priceMax !== undefined) {
    match['live.price'] = {
      ...(query.priceMin !== undefined ? { $gte: query.priceMin } : {}),
      ...(query.priceMax !== undefined ? { $lte: query.priceMax } : {}),
    };
  }
  if (query.moqMax !== undefined) match['live.minimumOrder'] = { $lte: query.moqMax };
  if (query.leadTimeMax !== undefined) match['live.leadTimeDays'] = { $lte: query.leadTimeMax };
  const sort = query.sort ?? (terms.length > 0 ? 'relevance' : 'newest');
  return [
    { $match: match },
    ...(sort === 'relevance'
      ? [{ $addFields: { relevance: { $size: { $setIntersection: ['$listing.namePrefixes', terms] } } } }]
      : []),
    { $sort: SORTS[sort] },
    { $skip: 0 },
    { $limit: query.limit + 1 },
    { $project: { history: 0, 'listing.prefixes': 0, 'listing.namePrefixes': 0, content: 0 } },
  ];
}

// --- seed: verified UMKM across Karawang's kecamatan, each with ~20 approved, listed products ---

const pick = <T>(items: readonly T[]): T => faker.helpers.arrayElement(items);
const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

function productContent(words: CategoryWords, category: TProductCategory, seller: Seller): TProductContent {
  const item = pick(words.items);
  const variant = pick(words.variants);
  const size = words.sizes.length > 0 ? pick(words.sizes) : null;
  // About a third of packs carry the seller's own name, as "Sambal Roa Teh Rina".
  const name = [item, variant, faker.datatype.boolean(0.3) ? seller.brand : size?.[0]]
    .filter(Boolean)
    .join(' ');
  const description = [
    `${item} ${variant.toLowerCase()} dari ${seller.name}, ${seller.district.name}, Karawang.`,
    ...faker.helpers.arrayElements(words.sentences, 2),
    pick(GENERAL_SENTENCES),
  ].join(' ');
  const price = roundTo(faker.number.int({ min: words.priceRange[0], max: words.priceRange[1] }), 500);
  const orderIncrement = pick([1, 5, 10, 12, 24]);
  const minimumOrder = orderIncrement * faker.number.int({ min: 1, max: 10 });
  const tiers = faker.number.int({ min: 0, max: 2 });
  return {
    name,
    description,
    category,
    unit: words.unit,
    weightGrams: size?.[1] ?? faker.number.int({ min: 150, max: 2_500 }),
    price,
    priceTiers: Array.from({ length: tiers }, (_, i) => ({
      minQuantity: minimumOrder * 10 ** (i + 1),
      unitPrice: roundTo(price * (0.92 - i * 0.06), 100),
    })),
    minimumOrder,
    orderIncrement,
    supply: faker.datatype.boolean()
      ? { mode: 'stock', stockOnHand: faker.number.int({ min: 50, max: 5_000 }) }
      : { mode: 'capacity', weeklyCapacity: faker.number.int({ min: 100, max: 10_000 }) },
    leadTimeDays: faker.number.int({ min: 1, max: 21 }),
    shelfLifeDays: categoryKind(category) === 'other' ? null : faker.number.int({ min: 30, max: 365 }),
  };
}

interface Seller {
  id: Types.ObjectId;
  ownerId: Types.ObjectId;
  name: string;
  brand: string;
  district: { code: string; name: string };
  categories: TProductCategory[];
}

async function seedCatalog(productCount: number, log: (line: string) => void) {
  faker.seed(2026);
  const started = performance.now();
  await loadRegions({ villagesOfRegencies: [] });
  const districts = await RegionModel.find({ parentCode: KARAWANG }).lean();
  const addresses = await Promise.all(
    districts.map((district) => resolveAddress({ street: 'Jl. Raya No. 1', districtCode: district._id })),
  );
  const categories = Object.keys(CATEGORY_WORDS) as TProductCategory[];
  const weights = categories.map((category) => ({
    value: category,
    weight: CATEGORY_WORDS[category]!.weight,
  }));

  const sellers: Seller[] = Array.from({ length: Math.ceil(productCount / PRODUCTS_PER_SELLER) }, () => {
    const address = pick(addresses);
    const brand = `${pick(SELLER_TITLES)} ${faker.person.firstName()}`;
    const specialty = faker.helpers.weightedArrayElement(weights);
    return {
      id: new Types.ObjectId(),
      ownerId: new Types.ObjectId(),
      name: `${pick(SELLER_TRADES)} ${brand}`,
      brand,
      district: address.district,
      // Most UMKM make one kind of thing and a side line.
      categories: [specialty, specialty, specialty, faker.helpers.weightedArrayElement(weights)],
    };
  });
  const verifiedAt = new Date(Date.now() - 200 * 86_400_000);
  await OrganisationModel.insertMany(
    sellers.map((seller) => ({
      _id: seller.id,
      kind: 'umkm',
      name: seller.name,
      phone: `+62267${faker.string.numeric(7)}`,
      address: addresses.find((address) => address.district.code === seller.district.code),
      status: 'verified',
      verifiedAt,
      statusHistory: [
        { from: 'pending_verification', to: 'verified', byName: 'Dinkop Karawang', at: verifiedAt },
      ],
    })),
  );

  for (let start = 0; start < productCount; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, productCount - start) }, (_, i) => {
      const seller = sellers[(start + i) % sellers.length]!;
      const category = pick(seller.categories);
      const words = CATEGORY_WORDS[category]!;
      const content = productContent(words, category, seller);
      const approvedAt = faker.date.recent({ days: 180 });
      const submittedAt = new Date(approvedAt.getTime() - faker.number.int({ min: 1, max: 5 }) * 86_400_000);
      return approvedProduct(
        { ...seller, ownerName: seller.brand },
        content,
        { submittedAt, approvedAt },
        pick(words.badges),
      );
    });
    await ProductModel.insertMany(batch);
  }

  await createOrganisationWithFirstUser({
    kind: 'buyer',
    organisation: {
      name: 'Koperasi Karyawan Kawasan KIIC',
      buyerType: 'koperasi_karyawan',
      phone: '+6281234567890',
      address: { street: 'Kawasan Industri KIIC, Jl. Permata Raya', districtCode: '32.15.05' },
    },
    account: { name: 'Siti Rahayu', email: BUYER.email, phone: '+6281298765432', password: BUYER.password },
  });
  const seconds = (performance.now() - started) / 1000;
  log(
    `seeded ${productCount} products from ${sellers.length} verified UMKM in ${districts.length} kecamatan (${seconds.toFixed(1)} s)`,
  );
  return { products: productCount, sellers: sellers.length, kecamatan: districts.length, seconds };
}

// --- measuring ---

async function run({ mongoUri, redisUrl, load, log }: BenchContext): Promise<BenchReport> {
  const settings = ZCatalogSettings.parse(process.env);
  const seed = await seedCatalog(settings.BENCH_CATALOG_PRODUCTS, log);

  const queries = QUERIES.map((params) => {
    const parsed = ZCatalogQuery.parse(params);
    return {
      label: new URLSearchParams(params).toString() || '(browse, newest)',
      path: `/api/catalog/products?${new URLSearchParams(params)}`,
      pipeline: rawPipeline(parsed),
      limit: parsed.limit,
    };
  });

  const driver = new mongoose.mongo.MongoClient(mongoUri);
  await driver.connect();
  const products = driver.db().collection(ProductModel.collection.collectionName);
  log('starting the API (NODE_ENV=production)…');
  const api = await startApi({ mongoUri, redisUrl });
  const client = createGetter(
    api.url,
    await signIn(api.url, BUYER.email, BUYER.password),
    load.BENCH_CONCURRENCY,
  );
  try {
    // Same products, same order, or the comparison would be of two different pieces of work.
    const checked = [];
    for (const query of queries) {
      const res = await client.get(query.path);
      if (res.status !== 200) throw new Error(`GET ${query.path} answered ${res.status}: ${res.body}`);
      const viaApi = (JSON.parse(res.body.toString()) as { items: Array<{ id: string }> }).items.map(
        (p) => p.id,
      );
      const fromDriver = (await products.aggregate(query.pipeline).toArray()).slice(0, query.limit);
      if (viaApi.join() !== fromDriver.map((doc) => String(doc._id)).join()) {
        throw new Error(`the raw pipeline and the API return different products for ${query.label}`);
      }
      const matches = await products.countDocuments(query.pipeline[0]!.$match as object);
      checked.push({ query: query.label, matches, firstPage: viaApi.length });
    }
    log(`checked: the API and the raw pipeline return the same first page for all ${queries.length} queries`);

    const viaDriver: Operation = async (i) => {
      await products.aggregate(queries[i % queries.length]!.pipeline).toArray();
    };
    const viaHttp =
      (getter: typeof client): Operation =>
      async (i) => {
        const res = await getter.get(queries[i % queries.length]!.path);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      };
    const { BENCH_CONCURRENCY: concurrency, BENCH_SECONDS: seconds, BENCH_WARMUP_SECONDS: warmup } = load;
    const closed = [viaDriver, viaHttp(client)];
    if (warmup > 0) {
      log(`warming up both for ${warmup} s each…`);
      await closedLoops(closed, { concurrency, seconds: warmup, slices: 1 });
    }
    log(
      `(a) raw driver and (b) HTTP API, closed loops of ${concurrency}, ${seconds} s each in ${SLICES} turns…`,
    );
    const [raw, http] = (await closedLoops(closed, { concurrency, seconds, slices: SLICES })) as [
      LoopResult,
      LoopResult,
    ];
    const halfRate = Math.max(1, http.opsPerSecond / 2);
    log(`(c) HTTP API, open loop at ${rate(halfRate)}/s, ${seconds} s…`);
    // Its own connections, enough that the client never queues a request the schedule says is due.
    const openClient = createGetter(api.url, await signIn(api.url, BUYER.email, BUYER.password), 256);
    const open = await openLoop(viaHttp(openClient), halfRate, seconds).finally(() => openClient.close());
    // What the database alone takes at that rate: the floor under (c)'s latencies on this server.
    log(`(d) raw driver, open loop at ${rate(halfRate)}/s, ${seconds} s…`);
    const rawOpen = await openLoop(viaDriver, halfRate, seconds);

    const ratio = http.opsPerSecond / raw.opsPerSecond;
    const verdicts = [
      {
        goal: `throughput HTTP / raw driver ≥ ${GOAL_RATIO}`,
        measured: `${ratio.toFixed(2)}× (${rate(http.opsPerSecond)} / ${rate(raw.opsPerSecond)} ops/s)`,
        met: ratio >= GOAL_RATIO && http.errors === 0,
      },
      {
        goal: `p99 ≤ ${GOAL_P99_MS} ms at half the maximum rate`,
        measured: `${ms(open.latency.p99)} ms at ${rate(halfRate)}/s (p50 ${ms(open.latency.p50)} ms; the database alone: p99 ${ms(rawOpen.latency.p99)} ms)`,
        met: open.latency.p99 <= GOAL_P99_MS && open.errors === 0,
      },
    ];
    return {
      table: [
        ['phase', 'load', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
        loopRow('(a) raw driver', `closed, ${concurrency} at once`, raw),
        loopRow('(b) HTTP API', `closed, ${concurrency} at once`, http),
        loopRow('(c) HTTP API', `open, ${rate(halfRate)}/s (½ of b)`, open),
        loopRow('(d) raw driver', `open, ${rate(halfRate)}/s (as c)`, rawOpen),
      ],
      verdicts,
      notes: [
        `${seed.products} approved, listed products from ${seed.sellers} verified UMKM; ${queries.length} queries in rotation, first page of 24.`,
        `(a) and (b) take turns (${SLICES} each) so load that comes and goes hits both alike; their latencies are at saturation. (c) and (d) count from when each request was due; (d) is the database alone at the rate of (c).`,
        'The test MongoDB (mongo-java-server) builds only unique secondary indexes (docs/adr/001), so every search scans the collection here: absolute figures say little about production MongoDB, which is why the API is compared with a raw-driver loop on the same server.',
        'The driver, the API and MongoDB share this machine (and its cores with anything else running): figures are indicative, compare runs on the same machine.',
      ],
      result: {
        settings: { ...load, ...settings },
        seed,
        queries: checked,
        raw,
        http,
        openLoop: { targetPerSecond: halfRate, ...open },
        rawOpenLoop: { targetPerSecond: halfRate, ...rawOpen },
        ratio,
        verdicts,
      },
    };
  } finally {
    client.close();
    await api.stop();
    await driver.close();
  }
}

export const catalogSearch: BenchScenario = {
  name: 'catalog-search',
  description: 'GET /api/catalog/products vs the same query through the MongoDB driver, ≥ 5,000 products',
  run,
};
