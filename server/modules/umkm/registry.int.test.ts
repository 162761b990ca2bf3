import type { Express } from 'express';
import type request from 'supertest';
import mongoose, { Types } from 'mongoose';
import type { TProductCategory } from '../../../shared/catalog/categories';
import type { TOrganisationStatus } from '../../../shared/contracts/organisations';
import type { TProductStatus } from '../../../shared/contracts/products';
import {
  ZUmkmRegistryDetail,
  ZUmkmRegistryPage,
  ZUmkmRegistrySummary,
  type TUmkmRegistryEntry,
} from '../../../shared/contracts/registry';
import type { TLegalityDocumentType } from '../../../shared/legality/documents';
import { todayInWib } from '../../../shared/time';
import { agentFor, createOrganisation, createUser } from '../../../test/factories';
import { KERIPIK_TEMPE } from '../../../test/fixtures';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { OrganisationModel } from '../accounts/organisation.model';
import { ProductModel } from '../catalog/product.model';
import { LegalityDocumentModel } from '../legality/legality-document.model';
import { resolveAddress } from '../regions';
import { UmkmProfileModel } from './umkm-profile.model';
import { registryDetail } from './registry.service';

let t: TestApp;
let analyst: request.Agent;
const ids: Record<string, string> = {};
const creator = new Types.ObjectId();

/** A WIB calendar date `days` from today: the registry judges documents as of the day it is asked. */
const inDays = (days: number) => todayInWib(new Date(Date.now() + days * 86_400_000));

async function umkm(name: string, status: TOrganisationStatus = 'verified', districtCode = '32.15.05') {
  const organisation = await createOrganisation({ kind: 'umkm', status, name });
  if (districtCode !== '32.15.05') {
    const address = await resolveAddress({ street: 'Jl. Contoh No. 1', districtCode });
    await OrganisationModel.updateOne({ _id: organisation._id }, { $set: { address } });
  }
  return organisation._id;
}

let numbers = 0;
async function document(
  organisationId: Types.ObjectId,
  type: TLegalityDocumentType,
  expiresOn: string | null,
  productIds: Types.ObjectId[] = [],
) {
  await LegalityDocumentModel.create({
    organisationId,
    type,
    number: `NO-${++numbers}`,
    issuer: 'Penerbit',
    issuedOn: '2023-01-02',
    expiresOn,
    productIds,
    createdByUserId: creator,
  });
}

async function product(
  organisationId: Types.ObjectId,
  status: TProductStatus,
  options: { listed?: boolean; category?: TProductCategory; name?: string } = {},
) {
  const content = { ...KERIPIK_TEMPE, category: options.category ?? KERIPIK_TEMPE.category };
  if (options.name) content.name = options.name;
  const listed = options.listed ?? status === 'approved';
  const created = await ProductModel.create({
    organisationId,
    status,
    content,
    live: listed ? content : null,
    listing: listed ? { listed: true, approvedAt: new Date(), badges: [] } : null,
    createdByUserId: creator,
  });
  return created._id;
}

const entryOf = (page: { items: TUmkmRegistryEntry[] }, name: string) =>
  page.items.find((item) => item.name === name);

async function registry(query: Record<string, string | number> = {}) {
  return ZUmkmRegistryPage.parse((await analyst.get('/api/dinkop/registry').query(query).expect(200)).body);
}

beforeAll(async () => {
  t = await startTestApp();
  const { user } = await createUser({ kind: 'dinkop', roles: ['analyst'] });
  analyst = await agentFor(t.app as Express, user);

  // Complete: NIB without expiry, a listed snack with P-IRT and halal.
  const lengkap = await umkm('Keripik Tempe Bu Ani');
  await document(lengkap, 'nib', null);
  await document(lengkap, 'pirt', inDays(400));
  await document(lengkap, 'halal', null);
  await product(lengkap, 'approved');
  await UmkmProfileModel.create({ _id: lengkap, programmeTags: ['Bela Beli Produk UMKM'] });
  ids.lengkap = String(lengkap);

  // NIB expired yesterday, nothing else: incomplete though it sells nothing.
  const nibLewat = await umkm('Anyaman Bambu Loji');
  await document(nibLewat, 'nib', inDays(-1));
  ids.nibLewat = String(nibLewat);

  // Complete, but the halal certificate runs out in ten days.
  const segeraHabis = await umkm('Dodol Ketan Cikampek', 'verified', '32.15.13');
  await document(segeraHabis, 'nib', null);
  await document(segeraHabis, 'pirt', inDays(400));
  await document(segeraHabis, 'halal', inDays(10));
  await product(segeraHabis, 'approved');
  ids.segeraHabis = String(segeraHabis);

  // A snack in curation without halal: complete before 17 October 2026, incomplete from then on.
  const tanpaHalal = await umkm('Opak Ketan Rengasdengklok', 'verified', '32.15.06');
  await document(tanpaHalal, 'nib', null);
  await document(tanpaHalal, 'pirt', null);
  ids.tanpaHalalProduct = String(await product(tanpaHalal, 'submitted'));
  ids.tanpaHalal = String(tanpaHalal);

  // Registered, not verified, nothing in the vault: counted, but not in coverage.
  ids.menunggu = String(await umkm('Sambal Roa Mak Ijah', 'pending_verification'));

  // Only a draft lacking everything but the NIB: drafts do not make legality incomplete.
  const draf = await umkm('Kopi Tanjungpura');
  await document(draf, 'nib', null);
  await product(draf, 'draft');
  await product(draf, 'needs_legality');
  ids.draf = String(draf);

  // P-IRT attached to one product: the other approved snack lacks it.
  const perProduk = await umkm('Kerupuk Udang Tempuran');
  await document(perProduk, 'nib', null);
  await document(perProduk, 'halal', null);
  const covered = await product(perProduk, 'approved', { name: 'Kerupuk Udang Mentah' });
  await product(perProduk, 'approved', { name: 'Kerupuk Udang Matang' });
  await document(perProduk, 'pirt', null, [covered]);
  ids.perProduk = String(perProduk);

  // A listed product whose new revision is a draft: the live version still needs its legality (expired P-IRT).
  const revisi = await umkm('Batik Sekar Karawang');
  await document(revisi, 'nib', null);
  await document(revisi, 'halal', null);
  await document(revisi, 'pirt', inDays(-30));
  await product(revisi, 'draft', { listed: true });
  ids.revisi = String(revisi);
});
afterAll(() => t.close());

describe('legality coverage', () => {
  it('tells per UMKM whether its legality is complete today, with product and document counts', async () => {
    const page = await registry({ limit: 100 });
    expect(page.items.map((item) => item.name)).toEqual([
      'Anyaman Bambu Loji',
      'Batik Sekar Karawang',
      'Dodol Ketan Cikampek',
      'Keripik Tempe Bu Ani',
      'Kerupuk Udang Tempuran',
      'Kopi Tanjungpura',
      'Opak Ketan Rengasdengklok',
      'Sambal Roa Mak Ijah',
    ]);
    const complete = Object.fromEntries(page.items.map((item) => [item.name, item.legality.complete]));
    expect(complete).toEqual({
      'Anyaman Bambu Loji': false,
      'Batik Sekar Karawang': false,
      'Dodol Ketan Cikampek': true,
      'Keripik Tempe Bu Ani': true,
      'Kerupuk Udang Tempuran': false,
      'Kopi Tanjungpura': true,
      'Opak Ketan Rengasdengklok': false,
      'Sambal Roa Mak Ijah': false,
    });

    expect(entryOf(page, 'Keripik Tempe Bu Ani')).toMatchObject({
      district: { code: '32.15.05' },
      status: 'verified',
      programmeTags: ['Bela Beli Produk UMKM'],
      products: { total: 1, draft: 0, inCuration: 0, listed: 1, needsLegality: 0 },
      documents: { valid: 3, expiringSoon: 0, expired: 0 },
      legality: { nibValid: true, productsMissingLegality: 0 },
    });
    expect(entryOf(page, 'Anyaman Bambu Loji')!.legality).toEqual({
      complete: false,
      nibValid: false,
      productsMissingLegality: 0,
    });
    expect(entryOf(page, 'Anyaman Bambu Loji')!.documents).toEqual({ valid: 0, expiringSoon: 0, expired: 1 });
    expect(entryOf(page, 'Dodol Ketan Cikampek')!.documents).toEqual({
      valid: 2,
      expiringSoon: 1,
      expired: 0,
    });
    expect(entryOf(page, 'Opak Ketan Rengasdengklok')).toMatchObject({
      products: { total: 1, inCuration: 1 },
      legality: { nibValid: true, productsMissingLegality: 1 },
    });
    expect(entryOf(page, 'Kopi Tanjungpura')!.products).toEqual({
      total: 2,
      draft: 1,
      inCuration: 0,
      listed: 0,
      needsLegality: 1,
    });
    expect(entryOf(page, 'Kerupuk Udang Tempuran')!.legality.productsMissingLegality).toBe(1);
    expect(entryOf(page, 'Batik Sekar Karawang')).toMatchObject({
      products: { draft: 1, listed: 1 },
      documents: { expired: 1 },
      legality: { productsMissingLegality: 1 },
    });
  });

  it('summarises: coverage is the share of verified UMKM with complete legality', async () => {
    const summary = ZUmkmRegistrySummary.parse(
      (await analyst.get('/api/dinkop/registry/summary').expect(200)).body,
    );
    // Verified: 7 of 8; complete among them: Bu Ani, Dodol, Kopi.
    expect(summary).toEqual({
      asOf: todayInWib(),
      umkm: 8,
      verified: 7,
      verifiedComplete: 3,
      coverage: 3 / 7,
      expiringSoon: 1,
    });
    const klari = ZUmkmRegistrySummary.parse(
      (await analyst.get('/api/dinkop/registry/summary').query({ districtCode: '32.15.06' }).expect(200))
        .body,
    );
    expect(klari).toMatchObject({ umkm: 1, verified: 1, verifiedComplete: 0, coverage: 0, expiringSoon: 0 });
  });

  it('requires halal for food in curation from 17 October 2026 (WIB), not before', async () => {
    const before = await registryDetail(ids.tanpaHalal!, new Date('2026-10-16T16:59:59Z'));
    expect(before.standing.complete).toBe(true);
    const from = await registryDetail(ids.tanpaHalal!, new Date('2026-10-16T17:00:00Z'));
    expect(from.standing.complete).toBe(false);
    expect(from.standing.products[0]!.missingLegality.map((missing) => missing.anyOf)).toEqual([['halal']]);
  });
});

describe('filters and pages', () => {
  it('filters by kecamatan, verification status, legality state and name', async () => {
    const names = async (query: Record<string, string>) => (await registry(query)).items.map((i) => i.name);
    expect(await names({ districtCode: '32.15.13' })).toEqual(['Dodol Ketan Cikampek']);
    expect(await names({ status: 'pending_verification' })).toEqual(['Sambal Roa Mak Ijah']);
    expect(await names({ legality: 'complete' })).toEqual([
      'Dodol Ketan Cikampek',
      'Keripik Tempe Bu Ani',
      'Kopi Tanjungpura',
    ]);
    expect(await names({ legality: 'incomplete', status: 'verified' })).toEqual([
      'Anyaman Bambu Loji',
      'Batik Sekar Karawang',
      'Kerupuk Udang Tempuran',
      'Opak Ketan Rengasdengklok',
    ]);
    expect(await names({ legality: 'expiring_soon' })).toEqual(['Dodol Ketan Cikampek']);
    expect(await names({ q: 'KETAN' })).toEqual(['Dodol Ketan Cikampek', 'Opak Ketan Rengasdengklok']);
    expect(await names({ q: 'ketan', legality: 'incomplete' })).toEqual(['Opak Ketan Rengasdengklok']);
    // Typed text is text, not a pattern.
    expect(await names({ q: '.*' })).toEqual([]);
  });

  it('pages by name with an opaque cursor, also when a legality filter skips UMKM', async () => {
    const walk = async (query: Record<string, string | number>) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof registry>> = await registry({
          ...query,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(Number(query.limit));
        seen.push(...page.items.map((item) => item.name));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const all = (await registry({ limit: 100 })).items.map((item) => item.name);
    expect(await walk({ limit: 3 })).toEqual(all);
    expect(await walk({ limit: 1, legality: 'incomplete' })).toEqual([
      'Anyaman Bambu Loji',
      'Batik Sekar Karawang',
      'Kerupuk Udang Tempuran',
      'Opak Ketan Rengasdengklok',
      'Sambal Roa Mak Ijah',
    ]);
  });

  it('reads in batches: a page of many UMKM costs as many queries as a page of two', async () => {
    const queriesFor = async (limit: number) => {
      let count = 0;
      mongoose.set('debug', () => void count++);
      try {
        await registry({ limit });
      } finally {
        mongoose.set('debug', false);
      }
      return count;
    };
    expect(await queriesFor(100)).toBe(await queriesFor(2));
  });

  it('caps pages at 100 and refuses unknown fields and forged cursors', async () => {
    await analyst.get('/api/dinkop/registry').query({ limit: 101 }).expect(400);
    await analyst.get('/api/dinkop/registry').query({ legality: 'kinda' }).expect(400);
    await analyst.get('/api/dinkop/registry').query({ sort: 'name' }).expect(400);
    const res = await analyst.get('/api/dinkop/registry').query({ cursor: 'bukan-kursor' }).expect(400);
    expect(res.body.error.details.issues[0].path).toEqual(['cursor']);
  });
});

describe('one UMKM', () => {
  it('shows its documents with expiry status and its products with what each lacks today', async () => {
    const res = await analyst.get(`/api/dinkop/registry/umkm/${ids.perProduk}`).expect(200);
    const detail = ZUmkmRegistryDetail.parse(res.body);
    expect(detail.entry.name).toBe('Kerupuk Udang Tempuran');
    expect(detail.documents.map((doc) => [doc.type, doc.expiryStatus]).sort()).toEqual([
      ['halal', 'no_expiry'],
      ['nib', 'no_expiry'],
      ['pirt', 'no_expiry'],
    ]);
    const missing = Object.fromEntries(
      detail.products.map((p) => [p.name, p.missingLegality.map((m) => m.anyOf.join('|'))]),
    );
    expect(missing).toEqual({
      'Kerupuk Udang Mentah': [],
      'Kerupuk Udang Matang': ['pirt|bpom_md|bpom_ml'],
    });
  });

  it('is a 404 for an organisation that is not a UMKM', async () => {
    const buyer = await createOrganisation({ kind: 'buyer' });
    await analyst.get(`/api/dinkop/registry/umkm/${buyer._id}`).expect(404);
    await analyst.get(`/api/dinkop/registry/umkm/${new Types.ObjectId()}`).expect(404);
  });
});

describe('who may read the registry', () => {
  it('every Dinkop role; buyers and UMKM get 403', async () => {
    for (const role of ['admin', 'curator'] as const) {
      const { user } = await createUser({ kind: 'dinkop', roles: [role] });
      await (await agentFor(t.app as Express, user)).get('/api/dinkop/registry/summary').expect(200);
    }
    for (const kind of ['buyer', 'umkm'] as const) {
      const { user } = await createUser({ kind, status: 'verified' });
      const agent = await agentFor(t.app as Express, user);
      await agent.get('/api/dinkop/registry').expect(403);
      await agent.get('/api/dinkop/registry/summary').expect(403);
      await agent.get(`/api/dinkop/registry/umkm/${ids.lengkap}`).expect(403);
    }
  });
});
