/**
 * A two-year sales history for the dashboard benchmark: 300 verified UMKM, ten in each of Karawang's 30
 * kecamatan, with their approved products, 100 buyer organisations, and any number of seller orders plus
 * ~2 % of that volume as galeri/pojok sales. The organisations and products go through the models (a few
 * thousand documents); orders and display sales are built as the services leave them and written through
 * the raw driver in unordered batches, one batch building while the previous one is written, so a million
 * never sit in memory at once.
 *
 * Deterministic: everything follows from a seed and the day it runs (the history ends at today's WIB
 * midnight, so orders of the last days are still open). Orders are numbered oldest first, so any
 * range of them (the first 100,000, then the rest) is the same whichever way the range is split.
 */
import { fakerID_ID as faker } from '@faker-js/faker';
import { Types } from 'mongoose';
import type { Db, Document } from 'mongodb';
import { categoryKind, type TProductCategory } from '../../shared/catalog/categories';
import { unitPriceFor } from '../../shared/catalog/pricing';
import type { TBuyerType } from '../../shared/contracts/organisations';
import type { TProductContent } from '../../shared/contracts/products';
import type { TAddress } from '../../shared/contracts/regions';
import type { TOrderMove, TOrderParty, TSellerOrderStatus } from '../../shared/states/order';
import { ppnOf } from '../../shared/tax/ppn';
import { isoWeekOf, todayInWib } from '../../shared/time';
import { OrganisationModel } from '../../server/modules/accounts/organisation.model';
import { hashPassword } from '../../server/modules/accounts/passwords';
import { UserModel } from '../../server/modules/accounts/user.model';
import { ProductModel } from '../../server/modules/catalog/product.model';
import { DisplayPointModel, DisplaySaleModel } from '../../server/modules/consignment/consignment.models';
import { displaySaleEvent } from '../../server/modules/consignment/consignment.outbox';
import { SellerOrderModel } from '../../server/modules/orders/order.models';
import { orderEvent } from '../../server/modules/orders/orders.outbox';
import { loadRegions, resolveAddress } from '../../server/modules/regions';
import { RegionModel } from '../../server/modules/regions/region.model';
import { UmkmProfileModel } from '../../server/modules/umkm/umkm-profile.model';
import { CATEGORY_WORDS, GENERAL_SENTENCES, SELLER_TITLES, SELLER_TRADES } from './catalog-data';
import { approvedProduct } from './seed';

const KARAWANG = '32.15';
const SELLERS_PER_KECAMATAN = 10;
const BUYERS = 100;
export const HISTORY_DAYS = 730;
const BATCH = 5_000;
const DISPLAY_SHARE = 0.02;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PASSWORD = 'Benchmark-Pasar-2026';

type ModelLike = {
  new (doc: Document): { validate(): Promise<void>; toObject(): Document };
  modelName: string;
  collection: { collectionName: string };
};

// --- deterministic randomness ---

/** FNV-1a of the parts: a 32-bit seed for one day's (or one purpose's) stream. */
function seedOf(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('|')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** sfc32: fast, small state, good enough for load data; one stream per day keeps ranges reproducible. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number) {
    this.a = seed;
    this.b = seed ^ 0x9e3779b9;
    this.c = seed ^ 0x85ebca6b;
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  /** Hours around `typical`, skewed long as waiting times are, kept within [min, max]. */
  hours(min: number, typical: number, max: number): number {
    return Math.min(max, Math.max(min, typical * Math.exp(0.6 * this.normal())));
  }
}

/** Index into cumulative weights (sorted ascending, last = total). */
function weighted(cumulative: Float64Array, random: Random): number {
  const target = random.next() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

function cumulativeOf(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, i) => (sums[i] = sum += weight));
  return sums;
}

/** An ObjectId that names its own time and a sequence: the same seed gives the same ids. */
function objectId(at: Date, kind: number, sequence: number): Types.ObjectId {
  const seconds = Math.floor(at.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return new Types.ObjectId(
    `${seconds}${kind.toString(16).padStart(2, '0')}${sequence.toString(16).padStart(14, '0')}`,
  );
}

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

// --- the calendar: growth, weekdays, Ramadan and Lebaran ---

/** Idul Fitri (1 Syawal) as the Indonesian government set it. */
const LEBARAN = ['2023-04-22', '2024-04-10', '2025-03-31', '2026-03-20', '2027-03-10', '2028-02-27'];
/** B2B buyers order on working days, most at the start of the week. Sunday first (getUTCDay). */
const WEEKDAY_WEIGHT = [0.25, 1.2, 1.1, 1.05, 1.0, 0.9, 0.5];

const wibMidnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const dayOfNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/**
 * How busy a day is: volume roughly doubles over the two years, weekdays carry the week, parcels and
 * cakes lift the last three weeks of Ramadan, and the Lebaran holiday (cuti bersama) nearly stops
 * business for a week.
 */
function dayWeight(day: string, index: number): { weight: number; ramadan: boolean } {
  const growth = Math.exp(Math.log(2.2) * (index / HISTORY_DAYS));
  const weekday = WEEKDAY_WEIGHT[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
  let season = 1;
  let ramadan = false;
  for (const lebaran of LEBARAN) {
    const offset = dayNumber(day) - dayNumber(lebaran);
    if (offset >= -30 && offset < -3) {
      ramadan = true;
      // Builds up to two weeks before Lebaran, when offices send their parcels.
      season = 1.3 + 0.9 * Math.min(1, (offset + 30) / 16);
    } else if (offset >= -3 && offset <= 4) season = 0.2;
  }
  // Year-end: offices spend what is left of their budget.
  if (day.slice(5, 7) === '12' && Number(day.slice(8)) >= 10) season *= 1.15;
  return { weight: growth * weekday * season, ramadan };
}

export interface HistoryDay {
  day: string;
  /** First order index of the day; orders are numbered oldest first. */
  first: number;
  orders: number;
  displaySales: number;
  ramadan: boolean;
}

/** The history's days and how many orders each gets, adding up to exactly `orders`. */
export function planHistory(orders: number, today = todayInWib()): HistoryDay[] {
  const start = dayNumber(today) - HISTORY_DAYS;
  const days = Array.from({ length: HISTORY_DAYS }, (_, i) => {
    const day = dayOfNumber(start + i);
    return { day, ...dayWeight(day, i) };
  });
  const total = days.reduce((sum, day) => sum + day.weight, 0);
  let cumulative = 0;
  let assigned = 0;
  let displayAssigned = 0;
  return days.map(({ day, weight, ramadan }) => {
    cumulative += weight;
    // Rounding the running total, not each day, keeps the sum exact.
    const upTo = Math.round((orders * cumulative) / total);
    const displayUpTo = Math.round(upTo * DISPLAY_SHARE);
    const plan = {
      day,
      first: assigned,
      orders: upTo - assigned,
      displaySales: displayUpTo - displayAssigned,
      ramadan,
    };
    assigned = upTo;
    displayAssigned = displayUpTo;
    return plan;
  });
}

// --- the world: UMKM, products, buyers, display points ---

interface WorldProduct {
  id: Types.ObjectId;
  content: TProductContent;
  /** Ramadan lifts cakes and parcels. */
  ramadanBoost: number;
}

interface WorldSeller {
  id: Types.ObjectId;
  name: string;
  owner: { id: Types.ObjectId; name: string };
  isPkp: boolean;
  /** History day from which it sells (a third joined during the two years). */
  fromDay: number;
  products: WorldProduct[];
  productWeights: Float64Array;
}

interface WorldBuyer {
  id: Types.ObjectId;
  name: string;
  buyerType: TBuyerType;
  admin: { id: Types.ObjectId; name: string };
  address: TAddress;
  fromDay: number;
}

export interface SalesWorld {
  today: string;
  sellers: WorldSeller[];
  sellerWeights: Float64Array;
  buyers: WorldBuyer[];
  buyerWeights: Float64Array;
  points: Array<{ id: Types.ObjectId; kind: 'galeri' | 'pojok'; commissionBasisPoints: number }>;
  operator: { id: Types.ObjectId; name: string };
  kecamatan: number;
  programmeSellers: number;
  pkpSellers: number;
}

const PROGRAMMES = [
  'Karawang Juara',
  'UMKM Naik Kelas',
  'Sertifikasi Halal Gratis',
  'Inkubasi Bisnis Digital',
] as const;

const BUYER_MIX: ReadonlyArray<readonly [TBuyerType, number, (name: string) => string]> = [
  ['koperasi_karyawan', 40, (name) => `Koperasi Karyawan ${name}`],
  ['company', 18, (name) => `PT ${name}`],
  ['hotel', 12, (name) => `Hotel ${name}`],
  ['restaurant', 12, (name) => `Rumah Makan ${name}`],
  ['government_office', 10, (name) => `Kantor Kecamatan ${name}`],
  ['minimarket', 8, (name) => `Minimarket ${name}`],
];
/** Where buyers sit: the industrial estates and the town. */
const BUYER_KECAMATAN = ['05', '03', '01', '13', '26', '29', '25', '04', '27', '14'];

function productContent(random: Random, category: TProductCategory, sellerName: string): TProductContent {
  const words = CATEGORY_WORDS[category]!;
  const item = random.pick(words.items);
  const variant = random.pick(words.variants);
  const size = words.sizes.length > 0 ? random.pick(words.sizes) : null;
  const price = roundTo(random.int(words.priceRange[0], words.priceRange[1]), 500);
  const orderIncrement = random.pick([1, 5, 10, 12, 24]);
  const minimumOrder = orderIncrement * random.int(1, 5);
  const tiers = random.int(0, 2);
  return {
    name: [item, variant, size?.[0]].filter(Boolean).join(' '),
    description: `${item} ${variant.toLowerCase()} dari ${sellerName}, Karawang. ${random.pick(words.sentences)} ${random.pick(GENERAL_SENTENCES)}`,
    category,
    unit: words.unit,
    weightGrams: size?.[1] ?? random.int(150, 2_500),
    price,
    priceTiers: Array.from({ length: tiers }, (_, i) => ({
      minQuantity: minimumOrder * 10 ** (i + 1),
      unitPrice: roundTo(price * (0.92 - i * 0.06), 100),
    })),
    minimumOrder,
    orderIncrement,
    supply: random.chance(0.5)
      ? { mode: 'stock', stockOnHand: random.int(50, 5_000) }
      : { mode: 'capacity', weeklyCapacity: random.int(100, 10_000) },
    leadTimeDays: random.int(1, 7),
    shelfLifeDays: categoryKind(category) === 'other' ? null : random.int(30, 365),
  };
}

/**
 * Writes the organisations (with one member each, whose name the order history records), UMKM
 * profiles with PKP status and programme tags, approved products, and the galeri and pojok points.
 */
export async function seedSalesWorld(db: Db, seed: number, today = todayInWib()): Promise<SalesWorld> {
  faker.seed(seed);
  const random = new Random(seedOf(seed, 'world'));
  await loadRegions({ villagesOfRegencies: [] });
  const districts = await RegionModel.find({ parentCode: KARAWANG }).sort({ _id: 1 }).lean();
  const addresses = await Promise.all(
    districts.map((district) =>
      resolveAddress({
        street: `Jl. ${faker.location.street()} No. ${random.int(1, 120)}`,
        districtCode: district._id,
      }),
    ),
  );
  const historyStart = new Date(wibMidnight(today) - HISTORY_DAYS * DAY_MS);
  const dayAt = (day: number) => new Date(historyStart.getTime() + day * DAY_MS);
  const passwordHash = await hashPassword(PASSWORD);
  const categories = Object.keys(CATEGORY_WORDS) as TProductCategory[];
  const categoryWeights = cumulativeOf(categories.map((category) => CATEGORY_WORDS[category]!.weight));

  // Sales skew: a seller's share falls with its rank (rank^-0.8), ranks shuffled across kecamatan.
  const sellerCount = addresses.length * SELLERS_PER_KECAMATAN;
  const ranks = Array.from({ length: sellerCount }, (_, i) => i);
  for (let i = ranks.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
  }
  const sellers: WorldSeller[] = [];
  const organisations: Document[] = [];
  const users: Document[] = [];
  const profiles: Document[] = [];
  const products: Document[] = [];
  for (let s = 0; s < sellerCount; s++) {
    const address = addresses[Math.floor(s / SELLERS_PER_KECAMATAN)]!;
    const rank = ranks[s]!;
    const fromDay = s % 3 === 2 ? random.int(30, HISTORY_DAYS - 60) : 0;
    const joinedAt = dayAt(fromDay - 20);
    const id = objectId(joinedAt, 1, s);
    const brand = `${random.pick(SELLER_TITLES)} ${faker.person.firstName()}`;
    const name = `${random.pick(SELLER_TRADES)} ${brand}`;
    const owner = { id: objectId(joinedAt, 2, s), name: faker.person.fullName() };
    // The big sellers are more often registered for VAT.
    const isPkp = random.chance(rank < 20 ? 0.6 : 0.08);
    const tags = random.chance(0.35)
      ? [...new Set([random.pick(PROGRAMMES), ...(random.chance(0.3) ? [random.pick(PROGRAMMES)] : [])])]
      : [];
    organisations.push({
      _id: id,
      kind: 'umkm',
      name,
      phone: `+62267${String(8_000_000 + s).padStart(7, '0')}`,
      address,
      status: 'verified',
      verifiedAt: dayAt(fromDay - 1),
      statusHistory: [
        { from: 'pending_verification', to: 'verified', byName: 'Dinkop Karawang', at: dayAt(fromDay - 1) },
      ],
      createdAt: joinedAt,
      updatedAt: dayAt(fromDay - 1),
    });
    users.push({
      _id: owner.id,
      organisationId: id,
      organisationKind: 'umkm',
      email: `umkm-${s}@bench.contoh.id`,
      name: owner.name,
      phone: `+62812${String(3_000_000 + s).padStart(7, '0')}`,
      roles: ['owner'],
      passwordHash,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    });
    const specialty = categories[weighted(categoryWeights, random)]!;
    const sideLine = categories[weighted(categoryWeights, random)]!;
    profiles.push({
      _id: id,
      nib: String(9_120_000_000_000 + s),
      npwp: isPkp ? `01${String(s).padStart(14, '0')}` : null,
      isPkp,
      category: specialty,
      story: null,
      programmeTags: tags,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    });
    const seller: WorldSeller = {
      id,
      name,
      owner,
      isPkp,
      fromDay,
      products: [],
      productWeights: new Float64Array(),
    };
    const count = random.int(8, 12);
    for (let p = 0; p < count; p++) {
      const category = random.chance(0.75) ? specialty : sideLine;
      const content = productContent(random, category, name);
      const approvedAt = dayAt(fromDay - random.int(2, 15));
      const productId = objectId(approvedAt, 3, s * 100 + p);
      products.push({
        _id: productId,
        ...approvedProduct(
          { id, ownerId: owner.id, ownerName: owner.name, name, district: address.district },
          content,
          { submittedAt: new Date(approvedAt.getTime() - 2 * DAY_MS), approvedAt },
          random.pick(CATEGORY_WORDS[category]!.badges),
        ),
        createdAt: new Date(approvedAt.getTime() - 3 * DAY_MS),
        updatedAt: approvedAt,
      });
      seller.products.push({
        id: productId,
        content,
        ramadanBoost: category === 'parsel' || category === 'kue_dan_roti' ? 3 : 1,
      });
    }
    seller.productWeights = cumulativeOf(seller.products.map((_, p) => (p + 1) ** -0.7));
    sellers.push(seller);
  }

  const buyers: WorldBuyer[] = [];
  const mixTotal = BUYER_MIX.reduce((sum, [, share]) => sum + share, 0);
  for (let b = 0; b < BUYERS; b++) {
    let slot = (b * mixTotal) / BUYERS;
    const [buyerType, , nameOf] = BUYER_MIX.find(([, share]) => (slot -= share) < 0) ?? BUYER_MIX[0]!;
    const fromDay = b % 4 === 3 ? random.int(30, HISTORY_DAYS - 60) : 0;
    const joinedAt = dayAt(fromDay - 10);
    const districtCode = `${KARAWANG}.${random.pick(BUYER_KECAMATAN)}`;
    const district = addresses.find((a) => a.district.code === districtCode)!;
    const address = { ...district, street: `Jl. ${faker.location.street()} No. ${random.int(1, 200)}` };
    const id = objectId(joinedAt, 4, b);
    const name = nameOf(buyerType === 'government_office' ? district.district.name : faker.company.name());
    const admin = { id: objectId(joinedAt, 5, b), name: faker.person.fullName() };
    organisations.push({
      _id: id,
      kind: 'buyer',
      buyerType,
      name,
      phone: `+62267${String(9_000_000 + b).padStart(7, '0')}`,
      address,
      status: 'verified',
      verifiedAt: dayAt(fromDay - 1),
      statusHistory: [
        { from: 'pending_verification', to: 'verified', byName: 'Dinkop Karawang', at: dayAt(fromDay - 1) },
      ],
      createdAt: joinedAt,
      updatedAt: dayAt(fromDay - 1),
    });
    users.push({
      _id: admin.id,
      organisationId: id,
      organisationKind: 'buyer',
      email: `pembeli-${b}@bench.contoh.id`,
      name: admin.name,
      phone: `+62813${String(3_000_000 + b).padStart(7, '0')}`,
      roles: ['admin'],
      passwordHash,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    });
    buyers.push({ id, name, buyerType, admin, address, fromDay });
  }

  // Through the models for their defaults and a validation of every document; then written as built,
  // so the history's dates stay (insertMany would stamp them with today).
  const write = async (model: ModelLike, docs: Document[]) => {
    const built = await Promise.all(
      docs.map(async (doc) => ({
        ...(await validated(model, doc)),
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
      })),
    );
    const collection = db.collection(model.collection.collectionName);
    for (let i = 0; i < built.length; i += 1_000) {
      await collection.insertMany(built.slice(i, i + 1_000), { ordered: false });
    }
  };
  await write(OrganisationModel, organisations);
  await write(UserModel, users);
  await write(UmkmProfileModel, profiles);
  await write(ProductModel, products);

  const operator = { id: objectId(historyStart, 9, 0), name: 'Rina Marlina' };
  const pointDocs = [
    { kind: 'galeri' as const, name: 'Galeri UMKM Karawang', code: '01', commissionBasisPoints: 1_000 },
    { kind: 'pojok' as const, name: 'Pojok UMKM Stasiun Karawang', code: '26', commissionBasisPoints: 1_250 },
    { kind: 'pojok' as const, name: 'Pojok UMKM Mal Resinda', code: '03', commissionBasisPoints: 1_500 },
    { kind: 'pojok' as const, name: 'Pojok UMKM Kawasan KIIC', code: '05', commissionBasisPoints: 1_250 },
  ];
  const points = await DisplayPointModel.insertMany(
    pointDocs.map((point, i) => ({
      _id: objectId(historyStart, 10, i),
      name: point.name,
      kind: point.kind,
      district: addresses.find((a) => a.district.code === `${KARAWANG}.${point.code}`)!.district,
      operator: { kind: 'person', userId: null, name: operator.name, phone: null },
      commissionBasisPoints: point.commissionBasisPoints,
    })),
  );

  return {
    today,
    sellers,
    sellerWeights: cumulativeOf(ranks.map((rank) => (rank + 1) ** -0.8)),
    buyers,
    buyerWeights: cumulativeOf(buyers.map((_, b) => (b + 1) ** -0.7)),
    points: points.map((point, i) => ({
      id: point._id,
      kind: pointDocs[i]!.kind,
      commissionBasisPoints: pointDocs[i]!.commissionBasisPoints,
    })),
    operator,
    kecamatan: addresses.length,
    programmeSellers: profiles.filter((profile) => (profile.programmeTags as string[]).length > 0).length,
    pkpSellers: sellers.filter((seller) => seller.isPkp).length,
  };
}

// --- orders ---

const COURIERS = ['JNE', 'J&T Express', 'SiCepat', 'Kurir sendiri', 'Lalamove', 'Paxel'];
/** Minutes into a WIB day at which orders come in: office hours, a dip at lunch. */
const HOUR_WEIGHTS = cumulativeOf([
  0, 0, 0, 0, 0, 0, 0.2, 0.6, 1.4, 1.8, 1.7, 1.3, 0.7, 1.2, 1.5, 1.3, 0.9, 0.5, 0.3, 0.3, 0.25, 0.15, 0.05, 0,
]);
/** 1, 2, 3 or 4 lines. */
const LINE_COUNT_WEIGHTS = cumulativeOf([45, 30, 15, 10]);
/** How much a buyer type buys per line, in order increments over its minimum. */
const QUANTITY_MEAN: Record<TBuyerType, number> = {
  koperasi_karyawan: 4,
  minimarket: 5,
  company: 3,
  hotel: 2,
  restaurant: 2,
  government_office: 1.5,
};
/** Koperasi and offices buy on terms; hotels, restaurants and shops mostly pay online. */
const ONLINE_SHARE: Record<TBuyerType, number> = {
  koperasi_karyawan: 0.1,
  government_office: 0.05,
  company: 0.3,
  hotel: 0.6,
  restaurant: 0.7,
  minimarket: 0.5,
};

/** The capacity week a made-to-order line reserves: the ISO week of the moment's WIB date. */
const isoWeek = (at: Date) => isoWeekOf(todayInWib(at));

interface Mover {
  userId: Types.ObjectId | null;
  name: string;
  party: TOrderParty;
}

/**
 * One seller order as placement writes it and the moves leave it: history, events (published, as the
 * relay leaves them), shipment, receipt and reservations state. Moves due after `asOf` have not happened.
 */
function buildOrder(
  world: SalesWorld,
  random: Random,
  index: number,
  plan: HistoryDay,
  dayIndex: number,
  asOf: number,
  yearSequence: Map<string, number>,
): Document {
  let seller: WorldSeller;
  do seller = world.sellers[weighted(world.sellerWeights, random)]!;
  while (seller.fromDay > dayIndex);
  let buyer: WorldBuyer;
  do buyer = world.buyers[weighted(world.buyerWeights, random)]!;
  while (buyer.fromDay > dayIndex);

  const hour = weighted(HOUR_WEIGHTS, random);
  const placedAt = new Date(wibMidnight(plan.day) + hour * HOUR_MS + random.int(0, 3_599) * 1000);
  const lineCount = Math.min(seller.products.length, 1 + weighted(LINE_COUNT_WEIGHTS, random));
  const chosen = new Set<WorldProduct>();
  while (chosen.size < lineCount) {
    const product = seller.products[weighted(seller.productWeights, random)]!;
    // In Ramadan a cake or parcel is likelier to be what the buyer came for.
    if (plan.ramadan && product.ramadanBoost === 1 && random.chance(0.5)) continue;
    chosen.add(product);
  }
  const lines = [...chosen].map((product) => {
    const { content } = product;
    const steps = Math.floor(-Math.log(1 - random.next()) * QUANTITY_MEAN[buyer.buyerType]);
    const quantity = content.minimumOrder + steps * content.orderIncrement;
    const unitPrice = unitPriceFor(content, quantity);
    return {
      productId: product.id,
      name: content.name,
      unit: content.unit,
      quantity,
      unitPrice,
      basePrice: content.price,
      lineTotal: unitPrice * quantity,
    };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const { taxBase, ppn } = ppnOf(subtotal, seller.isPkp);
  const online = random.chance(ONLINE_SHARE[buyer.buyerType]);
  const year = todayInWib(placedAt).slice(0, 4);
  const sequence = (yearSequence.get(year) ?? 0) + 1;
  yearSequence.set(year, sequence);
  const id = objectId(placedAt, 6, index);
  const leadDays = Math.max(...[...chosen].map((product) => product.content.leadTimeDays));

  const sellerMover: Mover = { userId: seller.owner.id, name: seller.owner.name, party: 'seller' };
  const buyerMover: Mover = { userId: buyer.admin.id, name: buyer.admin.name, party: 'buyer' };
  const history: Document[] = [];
  const outbox: Document[] = [];
  let status: TSellerOrderStatus = online ? 'awaiting_payment' : 'placed';
  let at = placedAt.getTime();
  let shipment: Document | null = null;
  let receipt: Document | null = null;
  let reservationsState = 'held';
  const record = (
    move: TOrderMove | null,
    to: TSellerOrderStatus,
    mover: Mover,
    reason: string | null = null,
  ) => {
    history.push({
      move,
      from: move ? status : null,
      to,
      byUserId: mover.userId,
      byName: mover.name,
      byParty: mover.party,
      at: new Date(at),
      reason,
    });
    status = to;
    const version = history.length;
    const event = orderEvent({ _id: id, organisationId: seller.id, version, status: to }, move);
    // A fixed id instead of a random one, so the same seed writes the same documents.
    outbox.push({
      ...event,
      id: `order-${String(id)}-${version}`,
      at: new Date(at),
      publishedAt: new Date(at + 200),
    });
  };
  /** Moves `hours` on; false (and nothing recorded) when that is still in the future. */
  const after = (hours: number) => {
    const next = at + hours * HOUR_MS;
    if (next >= asOf) return false;
    at = next;
    return true;
  };

  record(null, status, buyerMover);
  const lifecycle = () => {
    if (online && !after(random.hours(0.02, 0.3, 2))) return;
    if (online) record('confirmPayment', 'placed', { userId: null, name: 'Pasar UMKM', party: 'platform' });
    const fate = random.next();
    if (fate < 0.03) {
      if (after(random.hours(0.5, 6, 48))) {
        record('reject', 'rejected', sellerMover, 'Stok bahan baku sedang kosong');
        reservationsState = 'released';
      }
      return;
    }
    if (fate < 0.04) {
      if (after(random.hours(0.2, 2, 24))) {
        record('cancelByBuyer', 'cancelled', buyerMover, 'Salah memesan jumlah');
        reservationsState = 'released';
      }
      return;
    }
    if (!after(random.hours(0.3, 4, 36))) return;
    record('accept', 'accepted', sellerMover);
    if (fate < 0.05) {
      if (after(random.hours(2, 24, 96))) {
        record('cancelBySeller', 'cancelled', sellerMover, 'Tidak dapat memenuhi jadwal pengiriman');
        reservationsState = 'released';
      }
      return;
    }
    if (random.chance(0.5)) {
      if (!after(random.hours(1, 8, 48))) return;
      record('startProduction', 'in_production', sellerMover);
    }
    if (!after(random.hours(4, 24 * Math.max(1, leadDays - 1), 24 * 14))) return;
    record('markReady', 'ready_to_ship', sellerMover);
    if (!after(random.hours(1, 8, 48))) return;
    shipment = {
      courier: random.pick(COURIERS),
      trackingNumber: `KRW${String(index).padStart(10, '0')}`,
      shippedAt: new Date(at),
    };
    record('ship', 'shipped', sellerMover);
    reservationsState = 'consumed';
    const delivered = random.chance(0.7);
    if (delivered) {
      if (!after(random.hours(2, 10, 72))) return;
      record('markDelivered', 'delivered', sellerMover);
    }
    if (!after(random.hours(0.5, delivered ? 20 : 30, 24 * 7))) return;
    receipt = {
      bastNumber: `BAST/${year}/${String(sequence).padStart(6, '0')}`,
      note: null,
      receivedAt: new Date(at),
      byName: buyer.admin.name,
    };
    record('confirmReceipt', 'received', buyerMover);
    if (!after(random.hours(4, 72, 24 * 21))) return;
    record('complete', 'completed', buyerMover);
  };
  lifecycle();

  const requested = new Date(placedAt.getTime() + (leadDays + random.int(2, 7)) * DAY_MS);
  const capacityWeek = isoWeek(placedAt);
  return {
    _id: id,
    organisationId: seller.id,
    buyerOrganisationId: buyer.id,
    buyerOrderId: objectId(placedAt, 7, index),
    number: `PSR-${year}-${String(sequence).padStart(6, '0')}-1`,
    buyer: { name: buyer.name, buyerType: buyer.buyerType },
    seller: { name: seller.name, isPkp: seller.isPkp },
    status,
    paymentMethod: online ? 'online' : 'tempo',
    version: history.length,
    lines,
    totals: { subtotal, taxBase, ppn, total: subtotal + ppn },
    reservations: [...chosen].map((product, i) => ({
      productId: product.id,
      week: product.content.supply.mode === 'capacity' ? capacityWeek : null,
      quantity: lines[i]!.quantity,
    })),
    reservationsState,
    requestedDeliveryDate: todayInWib(requested),
    purchaseOrderNumber: buyer.buyerType === 'government_office' ? `SPK/${year}/${sequence}` : null,
    notes: null,
    deliveryAddress: {
      ...buyer.address,
      label: null,
      recipientName: null,
      recipientPhone: null,
      courierNote: null,
    },
    shipment,
    receipt,
    receiptPhoto: null,
    history,
    outbox,
    outboxPending: 0,
    createdAt: placedAt,
    updatedAt: new Date(at),
    __v: 0,
  };
}

/** A galeri or pojok sale as the consignment service records it (a few units at the point's price). */
function buildDisplaySale(
  world: SalesWorld,
  random: Random,
  plan: HistoryDay,
  dayIndex: number,
  n: number,
): Document {
  let seller: WorldSeller;
  do seller = world.sellers[weighted(world.sellerWeights, random)]!;
  while (seller.fromDay > dayIndex);
  const product = seller.products[weighted(seller.productWeights, random)]!;
  const point = world.points[weighted(cumulativeOf([3, 1, 1, 1]), random)]!;
  const consignmentPrice = product.content.price;
  const unitPrice = roundTo(consignmentPrice * 1.2, 500);
  const units = random.int(1, 5);
  const grossRupiah = unitPrice * units;
  const createdAt = new Date(wibMidnight(plan.day) + (9 + random.next() * 11) * HOUR_MS);
  // The client's Idempotency-Key, a UUID as the galeri's app makes them.
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(random.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  const saleId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const sale = {
    _id: saleId,
    organisationId: seller.id,
    sellerOrganisationId: seller.id,
    sellerName: seller.name,
    stockMovementId: objectId(createdAt, 8, dayIndex * 100_000 + n),
    soldOn: plan.day,
    channel: point.kind,
    pointId: point.id,
    productId: product.id,
    productName: product.content.name,
    units,
    unitPrice,
    grossRupiah,
    ppnRupiah: ppnOf(grossRupiah, seller.isPkp).ppn,
    consignmentPrice,
    commissionBasisPoints: point.commissionBasisPoints,
    requestHash: seedOf(saleId, 'request').toString(16).padStart(64, '0'),
    enteredBy: { userId: world.operator.id, name: world.operator.name, organisationKind: 'dinkop' },
    createdAt,
  };
  const event = displaySaleEvent(sale);
  return {
    ...sale,
    outbox: [{ ...event, publishedAt: new Date(createdAt.getTime() + 200) }],
    outboxPending: 0,
  };
}

export interface WriteProgress {
  orders: number;
  displaySales: number;
}

/**
 * Writes orders [from, to) of the plan (and the display sales of every day finished in that range), in
 * batches of 5,000 through the raw driver; the first document of each batch is validated against its
 * model, so a change of the schemas shows up here rather than as odd figures.
 */
export async function writeSalesHistory(
  db: Db,
  world: SalesWorld,
  plan: readonly HistoryDay[],
  range: { from: number; to: number; seed: number },
  progress: (done: WriteProgress) => void,
): Promise<WriteProgress> {
  const orders = db.collection(SellerOrderModel.collection.collectionName);
  const sales = db.collection(DisplaySaleModel.collection.collectionName);
  const asOf = wibMidnight(world.today);
  const written: WriteProgress = { orders: 0, displaySales: 0 };
  let inFlight: Promise<unknown> = Promise.resolve();
  let batch: Document[] = [];
  let saleBatch: Document[] = [];
  const flush = async () => {
    if (batch.length > 0) await validated(SellerOrderModel, batch[0]!);
    if (saleBatch.length > 0) await validated(DisplaySaleModel, saleBatch[0]!);
    const [orderDocs, saleDocs] = [batch, saleBatch];
    batch = [];
    saleBatch = [];
    await inFlight;
    progress(written);
    inFlight = Promise.all([
      orderDocs.length > 0 ? orders.insertMany(orderDocs, { ordered: false }) : null,
      saleDocs.length > 0 ? sales.insertMany(saleDocs, { ordered: false }) : null,
    ]);
    written.orders += orderDocs.length;
    written.displaySales += saleDocs.length;
  };
  // Order numbers count per year from the history's start, so they too depend only on the index.
  const yearSequence = new Map<string, number>();
  for (const [dayIndex, day] of plan.entries()) {
    if (day.first + day.orders <= range.from) {
      const year = day.day.slice(0, 4);
      yearSequence.set(year, (yearSequence.get(year) ?? 0) + day.orders);
      continue;
    }
    if (day.first >= range.to) break;
    const random = new Random(seedOf(range.seed, day.day));
    for (let n = 0; n < day.orders; n++) {
      const index = day.first + n;
      // Earlier orders of the day are built and dropped: the day's stream must be consumed in order.
      const order = buildOrder(world, random, index, day, dayIndex, asOf, yearSequence);
      if (index < range.from || index >= range.to) continue;
      batch.push(order);
      if (batch.length >= BATCH) await flush();
    }
    if (day.first + day.orders <= range.to) {
      const saleRandom = new Random(seedOf(range.seed, day.day, 'display'));
      for (let n = 0; n < day.displaySales; n++)
        saleBatch.push(buildDisplaySale(world, saleRandom, day, dayIndex, n));
    }
  }
  await flush();
  await inFlight;
  progress(written);
  return written;
}

/** The document as its model would store it (defaults applied), or an error naming what does not fit. */
async function validated(model: ModelLike, doc: Document): Promise<Document> {
  const hydrated = new model(doc);
  try {
    await hydrated.validate();
  } catch (error) {
    throw new Error(`generated ${model.modelName} does not fit its model: ${String(error)}`);
  }
  return hydrated.toObject();
}
