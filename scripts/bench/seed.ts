/**
 * Seeding shared by the benchmark scenarios: verified organisations with members holding real server-side
 * sessions, and approved, listed products written as the curation workflow leaves them. Straight through
 * the models, because thousands of products or a thousand members through the HTTP API would take longer
 * than the benchmark itself; the documents are the ones the services write.
 */
import { Types } from 'mongoose';
import { searchPrefixes } from '../../shared/catalog/search';
import type { TPlaceOrderRequest } from '../../shared/contracts/orders';
import type { TProductContent } from '../../shared/contracts/products';
import type { TRole } from '../../shared/contracts/organisations';
import type { TAddress } from '../../shared/contracts/regions';
import type { TLegalityDocumentType } from '../../shared/legality/documents';
import { todayInWib } from '../../shared/time';
import { actorForUser } from '../../server/modules/accounts';
import { OrganisationModel } from '../../server/modules/accounts/organisation.model';
import { hashPassword } from '../../server/modules/accounts/passwords';
import { UserModel } from '../../server/modules/accounts/user.model';
import { ProductModel } from '../../server/modules/catalog/product.model';
import { CreditLineModel } from '../../server/modules/credit/credit-line.model';
import { placeOrder } from '../../server/modules/orders/placement.service';
import { loadRegions, resolveAddress } from '../../server/modules/regions';
import { sessionCookie } from './api';

const BENCH_PASSWORD = 'Benchmark-Pasar-2026';
const BENCH_CURATOR = {
  byUserId: new Types.ObjectId(),
  byName: 'Dewi Lestari',
  byOrganisationKind: 'dinkop',
} as const;

export interface ProductSeller {
  id: Types.ObjectId;
  /** Who created the product and submitted it, as its history records. */
  ownerId: Types.ObjectId;
  ownerName: string;
  name: string;
  district: { code: string; name: string };
}

/**
 * An approved product as submit → review → approve leave it: `live` is the content, and `listing` is
 * what approveProduct writes (on sale, badges, search prefixes of the live text).
 */
export function approvedProduct(
  seller: ProductSeller,
  content: TProductContent,
  dates: { submittedAt: Date; approvedAt: Date },
  badges: readonly TLegalityDocumentType[],
) {
  const { submittedAt, approvedAt } = dates;
  const reviewAt = new Date(submittedAt.getTime() + 3_600_000);
  const history = (from: string, to: string, at: Date, by: object) => ({ from, to, revision: 1, at, ...by });
  const sellerMove = { byUserId: seller.ownerId, byName: seller.ownerName, byOrganisationKind: 'umkm' };
  return {
    organisationId: seller.id,
    status: 'approved',
    revision: 1,
    content,
    live: content,
    missingLegality: [],
    seller: { name: seller.name, districtCode: seller.district.code, districtName: seller.district.name },
    submittedAt,
    listing: {
      listed: true,
      offSaleReasons: [],
      approvedAt,
      badges: [...badges].sort(),
      prefixes: searchPrefixes(`${content.name} ${content.description}`),
      namePrefixes: searchPrefixes(content.name),
    },
    history: [
      history('draft', 'submitted', submittedAt, sellerMove),
      history('submitted', 'in_review', reviewAt, BENCH_CURATOR),
      history('in_review', 'approved', approvedAt, BENCH_CURATOR),
    ],
    createdByUserId: seller.ownerId,
  };
}

/** Klari, Karawang, resolved from the region tables as registration resolves an address. */
export async function benchAddress(): Promise<TAddress> {
  await loadRegions({ villagesOfRegencies: [] });
  return resolveAddress({ street: 'Kawasan Industri KIIC, Jl. Permata Raya', districtCode: '32.15.05' });
}

export interface Member {
  userId: string;
  /** `Cookie` header of the member's own session. */
  cookie: string;
}

export interface SeededOrganisation {
  id: string;
  name: string;
  members: Member[];
}

let phoneSequence = 0;
let passwordHash: Promise<string> | undefined;

/**
 * Verified organisations of one kind, each with `membersEach` members of `roles`, every member with an
 * e-mail, a phone (so notices go out by both channels) and a session of their own.
 */
export async function seedOrganisations(input: {
  kind: 'buyer' | 'umkm';
  count: number;
  membersEach: number;
  roles: TRole[];
  name: (index: number) => string;
  address: TAddress;
}): Promise<SeededOrganisation[]> {
  const verifiedAt = new Date(Date.now() - 30 * 86_400_000);
  const organisations = await OrganisationModel.insertMany(
    Array.from({ length: input.count }, (_, index) => ({
      kind: input.kind,
      buyerType: input.kind === 'buyer' ? 'koperasi_karyawan' : null,
      name: input.name(index),
      phone: '+6226712345678',
      address: input.address,
      status: 'verified',
      verifiedAt,
      statusHistory: [
        { from: 'pending_verification', to: 'verified', byName: BENCH_CURATOR.byName, at: verifiedAt },
      ],
    })),
  );
  // Koperasi buy on terms (the common case): a credit line large enough never to be the limit, so their
  // orders reach the sellers at once, as the scenarios expect.
  if (input.kind === 'buyer') {
    await CreditLineModel.insertMany(
      organisations.map((organisation) => ({
        organisationId: organisation._id,
        organisationName: organisation.name,
        termDays: 30,
        limitRupiah: 1_000_000_000_000,
        outstandingRupiah: 0,
        availableRupiah: 1_000_000_000_000,
        active: true,
        holds: [],
        updatedByUserId: new Types.ObjectId(),
        updatedByName: BENCH_CURATOR.byName,
      })),
    );
  }
  // One argon2 hash for everyone: hashing a thousand passwords would only measure argon2.
  passwordHash ??= hashPassword(BENCH_PASSWORD);
  const hash = await passwordHash;
  const users = await UserModel.insertMany(
    organisations.flatMap((organisation, index) =>
      Array.from({ length: input.membersEach }, (_, member) => ({
        organisationId: organisation._id,
        organisationKind: input.kind,
        email: `${input.kind}-${String(organisation._id)}-${member}@bench.contoh.id`,
        name: `Anggota ${member + 1} ${input.name(index)}`,
        phone: `+62812${String(++phoneSequence).padStart(7, '0')}`,
        roles: input.roles,
        passwordHash: hash,
      })),
    ),
  );
  const members: Member[] = [];
  for (let start = 0; start < users.length; start += 50) {
    const batch = users.slice(start, start + 50);
    const cookies = await Promise.all(batch.map((user) => sessionCookie(user)));
    members.push(...batch.map((user, at) => ({ userId: String(user._id), cookie: cookies[at]! })));
  }
  // insertMany keeps the order given: each organisation's members are the next `membersEach` users.
  return organisations.map((organisation, index) => ({
    id: String(organisation._id),
    name: organisation.name,
    members: members.slice(index * input.membersEach, (index + 1) * input.membersEach),
  }));
}

/** A plain food product: sold by the pack, from one pack up, no tiers, two days to prepare. */
export function orderableContent(name: string, supply: TProductContent['supply']): TProductContent {
  return {
    name,
    description: `${name} buatan UMKM Karawang, dikemas rapi untuk koperasi dan kantor.`,
    category: 'makanan_ringan',
    unit: 'pak',
    weightGrams: 250,
    price: 15_000,
    priceTiers: [],
    minimumOrder: 1,
    orderIncrement: 1,
    supply,
    leadTimeDays: 2,
    shelfLifeDays: 90,
  };
}

/** Approved, listed products of one seller; returns their ids in the order given. */
export async function seedListedProducts(
  seller: SeededOrganisation,
  address: TAddress,
  contents: readonly TProductContent[],
): Promise<string[]> {
  const owner = seller.members[0]!;
  const productSeller: ProductSeller = {
    id: new Types.ObjectId(seller.id),
    ownerId: new Types.ObjectId(owner.userId),
    ownerName: seller.name,
    name: seller.name,
    district: address.district,
  };
  const approvedAt = new Date(Date.now() - 86_400_000);
  const dates = { submittedAt: new Date(approvedAt.getTime() - 86_400_000), approvedAt };
  const products = await ProductModel.insertMany(
    contents.map((content) => approvedProduct(productSeller, content, dates, ['nib', 'pirt'])),
  );
  return products.map((product) => String(product._id));
}

/** A calendar date `days` after today in Jakarta, as checkout's requestedDeliveryDate. */
export function daysFromToday(days: number): string {
  return new Date(Date.parse(`${todayInWib()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` one-line orders of `productId` placed by the buyer's first member through the checkout
 * service: each leaves one seller order `placed`, with its "placed" event in its outbox. Returns the seller
 * orders, oldest first. The process must have a realtime publisher configured (placing announces live).
 */
export async function placeSellerOrders(
  buyer: SeededOrganisation,
  productId: string,
  count: number,
): Promise<Array<{ id: string; number: string }>> {
  const actor = await actorForUser(buyer.members[0]!.userId);
  if (!actor) throw new Error('the seeded buyer has no actor');
  const body: TPlaceOrderRequest = {
    lines: [{ productId, quantity: 10 }],
    requestedDeliveryDate: daysFromToday(14),
  };
  const sellerOrders = [];
  for (let index = 0; index < count; index++) {
    const { order } = await placeOrder(actor, `bench-seed-${buyer.id}-${index}`, body);
    const part = order.parts[0]!;
    sellerOrders.push({ id: String(part.sellerOrderId), number: part.number });
  }
  return sellerOrders;
}
