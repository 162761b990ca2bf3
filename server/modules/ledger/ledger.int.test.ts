import type { Express } from 'express';
import { Types } from 'mongoose';
import {
  LEDGER_CSV_MAX_ROWS,
  ZLedgerBalance,
  ZListLedgerEntriesResponse,
  ZListSellerBalancesResponse,
} from '../../../shared/contracts/ledger';
import type { TRole } from '../../../shared/contracts/organisations';
import { agentFor, createOrganisation, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { LedgerEntryModel } from './ledger.models';
import { ledgerCsv } from './ledger.queries';
import { recordSellerOrderPaid, recordSellerOrderRefund, sellerBalance } from './ledger.service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const NO_FEE = { platformFeeBasisPoints: 0 };
const FEE_2_5 = { platformFeeBasisPoints: 250 };

let orderSequence = 0;
/** A seller order as the lead's code will describe it once its buyer's money arrived. */
function sellerOrder(
  sellerOrganisationId: string,
  amounts: { subtotal: number; ppn?: number },
  at = new Date(),
) {
  orderSequence++;
  return {
    sellerOrganisationId,
    sellerOrderId: String(new Types.ObjectId()),
    sellerOrderNumber: `PSR-2026-${String(orderSequence).padStart(6, '0')}-1`,
    subtotalRupiah: amounts.subtotal,
    ppnRupiah: amounts.ppn ?? 0,
    occurredAt: at,
  };
}

/** What a refund names: the seller order, not its amounts (those are read from what was recorded paid). */
function refOf(order: ReturnType<typeof sellerOrder>) {
  const { subtotalRupiah: _subtotal, ppnRupiah: _ppn, ...ref } = order;
  return ref;
}

async function umkm(roles: TRole[] = ['owner']) {
  const organisation = await createOrganisation({ kind: 'umkm', status: 'verified' });
  const { user } = await createUser({ organisation, roles });
  return {
    id: String(organisation._id),
    name: organisation.name,
    agent: await agentFor(t.app as Express, user),
  };
}

async function dinkop(role: TRole) {
  const { user } = await createUser({ kind: 'dinkop', roles: [role] });
  return agentFor(t.app as Express, user);
}

async function balanceOf(sellerId: string) {
  return (await sellerBalance(sellerId)).balanceRupiah;
}

describe('recording paid and refunded seller orders', () => {
  it('a paid seller order owes the seller its subtotal and PPN; a refund takes exactly that back (nets to 0)', async () => {
    const seller = await umkm();
    const order = sellerOrder(seller.id, { subtotal: 1_000_000, ppn: 110_000 });
    expect(await recordSellerOrderPaid(order, NO_FEE)).toEqual({ written: 2 });
    expect(await sellerBalance(seller.id)).toEqual({
      sellerOrganisationId: seller.id,
      balanceRupiah: 1_110_000,
      byKind: { sale: 1_000_000, ppn: 110_000, platform_fee: 0, refund: 0, payout: 0 },
    });
    expect(await recordSellerOrderRefund(refOf(order))).toEqual({ written: 2 });
    expect(await sellerBalance(seller.id)).toMatchObject({
      balanceRupiah: 0,
      byKind: { sale: 1_000_000, ppn: 110_000, refund: -1_110_000 },
    });
  });

  it('is idempotent: recording a payment or refund twice writes once; the same order told differently is refused', async () => {
    const seller = await umkm();
    const order = sellerOrder(seller.id, { subtotal: 500_000, ppn: 55_000 });
    expect(await recordSellerOrderPaid(order, FEE_2_5)).toEqual({ written: 3 });
    expect(await recordSellerOrderPaid(order, FEE_2_5)).toEqual({ written: 0 });
    await Promise.all([recordSellerOrderPaid(order, FEE_2_5), recordSellerOrderPaid(order, FEE_2_5)]);
    expect(await LedgerEntryModel.countDocuments({ organisationId: seller.id })).toBe(3);
    await expect(recordSellerOrderPaid({ ...order, subtotalRupiah: 600_000 }, FEE_2_5)).rejects.toMatchObject(
      {
        code: 'INVALID_STATE',
      },
    );
    await Promise.all([recordSellerOrderRefund(refOf(order)), recordSellerOrderRefund(refOf(order))]);
    expect(await recordSellerOrderRefund(refOf(order))).toEqual({ written: 0 });
    expect(await LedgerEntryModel.countDocuments({ organisationId: seller.id })).toBe(6);
    expect(await balanceOf(seller.id)).toBe(0);
  });

  it('takes the platform fee (2.5%, rounded half up) off the sale; a refund gives the fee back', async () => {
    const seller = await umkm();
    const kept = sellerOrder(seller.id, { subtotal: 1_000_000, ppn: 110_000 });
    const refunded = sellerOrder(seller.id, { subtotal: 15_020 });
    await recordSellerOrderPaid(kept, FEE_2_5);
    await recordSellerOrderPaid(refunded, FEE_2_5);
    expect(await sellerBalance(seller.id)).toMatchObject({
      balanceRupiah: 1_000_000 + 110_000 - 25_000 + 15_020 - 376,
      byKind: { sale: 1_015_020, ppn: 110_000, platform_fee: -25_376 },
    });
    await recordSellerOrderRefund(refOf(refunded));
    const entries = await LedgerEntryModel.find({
      organisationId: seller.id,
      sellerOrderId: refunded.sellerOrderId,
    })
      .sort({ key: 1 })
      .lean();
    expect(entries.map((e) => [e.kind, e.amountRupiah, e.key.split(':').slice(0, -1).join(':')])).toEqual([
      ['platform_fee', -376, 'fee'],
      ['platform_fee', 376, 'refund:fee'],
      ['refund', -15_020, 'refund:sale'],
      ['sale', 15_020, 'sale'],
    ]);
    expect(entries.find((e) => e.kind === 'platform_fee' && e.amountRupiah < 0)?.description).toBe(
      `Biaya platform 2,5% pesanan ${refunded.sellerOrderNumber}`,
    );
    expect(await balanceOf(seller.id)).toBe(1_085_000);
  });

  it('a refund of an order never recorded as paid (or of another seller) records nothing', async () => {
    const seller = await umkm();
    const other = await umkm();
    const order = sellerOrder(seller.id, { subtotal: 200_000 });
    expect(await recordSellerOrderRefund(refOf(order))).toEqual({ written: 0 });
    await recordSellerOrderPaid(order, NO_FEE);
    expect(await recordSellerOrderRefund({ ...refOf(order), sellerOrganisationId: other.id })).toEqual({
      written: 0,
    });
    expect(await balanceOf(seller.id)).toBe(200_000);
    expect(await balanceOf(other.id)).toBe(0);
  });

  it('refuses bad input with the field named: negative or fractional rupiah, malformed ids, unknown fields', async () => {
    const seller = await umkm();
    const good = sellerOrder(seller.id, { subtotal: 100_000 });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ subtotalRupiah: -1 }, 'subtotalRupiah'],
      [{ ppnRupiah: 10.5 }, 'ppnRupiah'],
      [{ sellerOrderId: 'abc' }, 'sellerOrderId'],
      [{ sellerOrganisationId: '../x' }, 'sellerOrganisationId'],
      [{ discount: 5 }, 'discount'],
    ];
    for (const [change, field] of cases) {
      const error = await recordSellerOrderPaid({ ...good, ...change } as typeof good, NO_FEE).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify((error as { details: unknown }).details)).toContain(field);
    }
    expect(await LedgerEntryModel.countDocuments({ organisationId: seller.id })).toBe(0);
  });
});

describe('reading the ledger', () => {
  it('a seller reads its own entries newest first, paged, and its balance; never another seller’s', async () => {
    const seller = await umkm(['staff']);
    const other = await umkm();
    for (let day = 1; day <= 5; day++) {
      await recordSellerOrderPaid(
        sellerOrder(seller.id, { subtotal: day * 1_000 }, new Date(`2026-11-0${day}T03:00:00Z`)),
        NO_FEE,
      );
    }
    await recordSellerOrderPaid(sellerOrder(other.id, { subtotal: 77_000 }), NO_FEE);
    const first = ZListLedgerEntriesResponse.parse(
      (await seller.agent.get('/api/ledger/entries?limit=3').expect(200)).body,
    );
    expect(first.items.map((e) => e.amountRupiah)).toEqual([5_000, 4_000, 3_000]);
    expect(first.items[0]).toMatchObject({
      kind: 'sale',
      sellerOrganisationId: seller.id,
      payoutBatchId: null,
    });
    const second = ZListLedgerEntriesResponse.parse(
      (await seller.agent.get(`/api/ledger/entries?limit=3&cursor=${first.nextCursor}`).expect(200)).body,
    );
    expect(second.items.map((e) => e.amountRupiah)).toEqual([2_000, 1_000]);
    expect(second.nextCursor).toBeNull();
    const balance = ZLedgerBalance.parse((await seller.agent.get('/api/ledger/balance').expect(200)).body);
    expect(balance.balanceRupiah).toBe(15_000);
    await seller.agent.get(`/api/ledger/balance?sellerOrganisationId=${seller.id}`).expect(200);
    for (const path of ['/api/ledger/entries', '/api/ledger/balance', '/api/ledger/entries.csv']) {
      const res = await seller.agent.get(`${path}?sellerOrganisationId=${other.id}`).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('77');
    }
  });

  it('Dinkop admins and analysts name the UMKM; a buyer, an unknown id or none is a clear error', async () => {
    const seller = await umkm();
    await recordSellerOrderPaid(sellerOrder(seller.id, { subtotal: 42_000 }), NO_FEE);
    const analyst = await dinkop('analyst');
    const admin = await dinkop('admin');
    for (const agent of [analyst, admin]) {
      const entries = await agent.get(`/api/ledger/entries?sellerOrganisationId=${seller.id}`).expect(200);
      expect(entries.body.items).toHaveLength(1);
      const balance = await agent.get(`/api/ledger/balance?sellerOrganisationId=${seller.id}`).expect(200);
      expect(balance.body.balanceRupiah).toBe(42_000);
    }
    const missing = await analyst.get('/api/ledger/entries').expect(400);
    expect(missing.body.error.details.issues[0].path).toEqual(['sellerOrganisationId']);
    const buyer = await createOrganisation({ kind: 'buyer' });
    await analyst.get(`/api/ledger/balance?sellerOrganisationId=${buyer._id}`).expect(404);
    await analyst.get(`/api/ledger/balance?sellerOrganisationId=${new Types.ObjectId()}`).expect(404);
    const malformed = await analyst.get('/api/ledger/balance?sellerOrganisationId=-1').expect(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await analyst
      .get(`/api/ledger/entries?sellerOrganisationId=${seller.id}&sort=asc`)
      .expect(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    await analyst.get('/api/ledger/entries?limit=101&sellerOrganisationId=' + seller.id).expect(400);
    await analyst.get(`/api/ledger/entries?cursor=bm9wZQ&sellerOrganisationId=${seller.id}`).expect(400);
  });

  it('buyers and curators see no ledger at all', async () => {
    const { user: buyer } = await createUser({ kind: 'buyer', roles: ['finance'], status: 'verified' });
    const buyerAgent = await agentFor(t.app as Express, buyer);
    const curator = await dinkop('curator');
    for (const agent of [buyerAgent, curator]) {
      for (const path of [
        '/api/ledger/entries',
        '/api/ledger/balance',
        '/api/ledger/entries.csv',
        '/api/ledger/balances',
        '/api/payout-batches',
      ]) {
        await agent.get(path).expect(403);
      }
    }
    await buyerAgent
      .post('/api/payout-batches')
      .set('Idempotency-Key', 'k'.repeat(20))
      .send({ transferReference: 'TRF-1' })
      .expect(403);
  });

  it('Dinkop lists every seller with entries and its balance, paged by seller', async () => {
    const sellers = [await umkm(), await umkm(), await umkm()];
    for (const [i, seller] of sellers.entries()) {
      await recordSellerOrderPaid(sellerOrder(seller.id, { subtotal: (i + 1) * 10_000 }), NO_FEE);
    }
    const analyst = await dinkop('analyst');
    const seen = new Map<string, { sellerName: string; balanceRupiah: number }>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await analyst
        .get(`/api/ledger/balances?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      const page = ZListSellerBalancesResponse.parse(res.body);
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const row of page.items) {
        expect(seen.has(row.sellerOrganisationId)).toBe(false);
        seen.set(row.sellerOrganisationId, row);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    for (const [i, seller] of sellers.entries()) {
      expect(seen.get(seller.id)).toEqual({
        sellerOrganisationId: seller.id,
        sellerName: seller.name,
        balanceRupiah: (i + 1) * 10_000,
      });
    }
    await analyst.get('/api/ledger/balances?cursor=!!').expect(400);
  });
});

describe('CSV export', () => {
  it('Indonesian headers, WIB times, whole rupiah, a running balance; from/to are WIB calendar days', async () => {
    const seller = await umkm();
    // 30 Nov 17:30 UTC is already 1 Dec in Jakarta.
    const early = sellerOrder(
      seller.id,
      { subtotal: 100_000, ppn: 11_000 },
      new Date('2026-11-29T10:00:00Z'),
    );
    const late = sellerOrder(seller.id, { subtotal: 50_000 }, new Date('2026-11-30T17:30:00Z'));
    await recordSellerOrderPaid(early, FEE_2_5);
    await recordSellerOrderPaid({ ...late, sellerOrderNumber: '=HYPERLINK("x")' }, NO_FEE);
    const res = await seller.agent.get('/api/ledger/entries.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="buku-besar-[a-f0-9]{24}\.csv"$/,
    );
    const text = res.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'Tanggal (WIB);Jenis;Uraian;No. Pesanan;Jumlah (Rp);Saldo (Rp);ID Pembayaran',
      `2026-11-29 17:00:00;Penjualan;Penjualan pesanan ${early.sellerOrderNumber};${early.sellerOrderNumber};100000;100000;`,
      `2026-11-29 17:00:00;PPN;PPN pesanan ${early.sellerOrderNumber}, diteruskan ke penjual PKP;${early.sellerOrderNumber};11000;111000;`,
      `2026-11-29 17:00:00;Biaya platform;Biaya platform 2,5% pesanan ${early.sellerOrderNumber};${early.sellerOrderNumber};-2500;108500;`,
      // A cell that looks like a formula is shown as text, and quoted where it holds a quote.
      `2026-12-01 00:30:00;Penjualan;"Penjualan pesanan =HYPERLINK(""x"")";"'=HYPERLINK(""x"")";50000;158500;`,
    ]);
    const december = await seller.agent
      .get('/api/ledger/entries.csv?from=2026-12-01&to=2026-12-31')
      .expect(200);
    const rows = december.text.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(2);
    // The running balance opens with what was owed before the range.
    expect(rows[1]!.split(';').slice(-3)).toEqual(['50000', '158500', '']);
    expect(december.headers['content-disposition']).toContain('-2026-12-01_sd_2026-12-31.csv');
    const november = await seller.agent.get('/api/ledger/entries.csv?to=2026-11-30').expect(200);
    expect(november.text.trimEnd().split('\r\n')).toHaveLength(4);
  });

  it('an inverted or impossible date range, or an unknown field, is a 400 naming it', async () => {
    const seller = await umkm();
    const inverted = await seller.agent
      .get('/api/ledger/entries.csv?from=2026-12-05&to=2026-12-01')
      .expect(400);
    expect(inverted.body.error.details.issues).toEqual([
      { path: ['from'], message: 'Tanggal awal tidak boleh setelah tanggal akhir' },
    ]);
    await seller.agent.get('/api/ledger/entries.csv?from=2026-13-01').expect(400);
    await seller.agent.get('/api/ledger/entries.csv?format=xlsx').expect(400);
  });

  it(`stops at ${LEDGER_CSV_MAX_ROWS.toLocaleString('en')} rows with a clear error, and exports exactly that many`, async () => {
    const seller = await umkm();
    // 17:00 WIB on 1 October onwards: the last rows fall on 2 October.
    const at = new Date('2026-10-01T10:00:00Z');
    const row = (i: number) => ({
      organisationId: new Types.ObjectId(seller.id),
      kind: 'sale',
      amountRupiah: 1,
      sellerOrderId: null,
      sellerOrderNumber: null,
      payoutBatchId: null,
      key: `csv-cap:${seller.id}:${i}`,
      occurredAt: new Date(at.getTime() + i * 1000),
      description: 'Penjualan',
    });
    const docs = Array.from({ length: LEDGER_CSV_MAX_ROWS }, (_, i) => row(i));
    await LedgerEntryModel.collection.insertMany(docs, { ordered: false });
    const full = await seller.agent.get('/api/ledger/entries.csv').expect(200);
    expect(full.text.trimEnd().split('\r\n')).toHaveLength(LEDGER_CSV_MAX_ROWS + 1);
    await LedgerEntryModel.collection.insertOne(row(LEDGER_CSV_MAX_ROWS));
    const over = await seller.agent.get('/api/ledger/entries.csv').expect(409);
    expect(over.body.error).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: LEDGER_CSV_MAX_ROWS } });
    expect(over.body.error.message).toContain('50.000');
    // A narrower range fits again.
    await seller.agent.get('/api/ledger/entries.csv?to=2026-10-01').expect(200);
    await expect(ledgerCsv(seller.id, {}, 10)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
  }, 120_000);
});
