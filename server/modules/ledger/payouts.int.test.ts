import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { Types } from 'mongoose';
import {
  ZListPayoutBatchesResponse,
  ZPayoutBatch,
  ZListLedgerEntriesResponse,
} from '../../../shared/contracts/ledger';
import type { TRole } from '../../../shared/contracts/organisations';
import { agentFor, createOrganisation, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import type { Actor } from '../../platform/http/route';
import { LedgerEntryModel, PayoutBatchModel, PayoutSequenceModel } from './ledger.models';
import { recordSellerOrderPaid, recordSellerOrderRefund, sellerBalance } from './ledger.service';
import { createPayoutBatch, payoutEntryKey, payoutRequestHash } from './payouts.service';

let t: TestApp;
let admin: Awaited<ReturnType<typeof agentFor>>;
let adminUser: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  t = await startTestApp();
  adminUser = await createUser({ kind: 'dinkop', roles: ['admin'], name: 'Admin Dinkop Karawang' });
  admin = await agentFor(t.app as Express, adminUser.user);
});
afterAll(() => t.close());

const NO_FEE = { platformFeeBasisPoints: 0 };
const key = () => `payout-${randomUUID()}`;

async function umkm() {
  const organisation = await createOrganisation({ kind: 'umkm', status: 'verified' });
  const { user } = await createUser({ organisation, roles: ['owner'] });
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

let orders = 0;
async function paid(sellerOrganisationId: string, subtotal: number, ppn = 0, settings = NO_FEE) {
  orders++;
  const order = {
    sellerOrganisationId,
    sellerOrderId: String(new Types.ObjectId()),
    sellerOrderNumber: `PSR-2026-${String(orders).padStart(6, '0')}-1`,
    occurredAt: new Date(),
  };
  await recordSellerOrderPaid({ ...order, subtotalRupiah: subtotal, ppnRupiah: ppn }, settings);
  return order;
}

function pay(body: object, idempotencyKey = key(), agent = admin) {
  return agent.post('/api/payout-batches').set('Idempotency-Key', idempotencyKey).send(body);
}

const balance = async (seller: string) => (await sellerBalance(seller)).balanceRupiah;

describe('payout batches', () => {
  it('a full order life balances to zero: paid → paid out; paid with a 2.5% fee → sale + PPN − fee paid out; refund after a payout shows as owed back', async () => {
    const seller = await umkm();
    await paid(seller.id, 1_000_000, 110_000);
    const res = await pay({ transferReference: 'BJB-TRF-0001', sellerOrganisationIds: [seller.id] }).expect(
      201,
    );
    const batch = ZPayoutBatch.parse(res.body);
    expect(batch).toMatchObject({
      transferReference: 'BJB-TRF-0001',
      status: 'done',
      createdBy: { name: 'Admin Dinkop Karawang' },
      itemCount: 1,
      totalRupiah: 1_110_000,
      items: [
        {
          sellerOrganisationId: seller.id,
          sellerName: seller.name,
          amountRupiah: 1_110_000,
          payoutAccount: null,
        },
      ],
    });
    expect(batch.completedAt).not.toBeNull();
    expect(await balance(seller.id)).toBe(0);

    const withFee = await paid(seller.id, 200_000, 22_000, { platformFeeBasisPoints: 250 });
    expect(await balance(seller.id)).toBe(200_000 + 22_000 - 5_000);
    const second = ZPayoutBatch.parse(
      (await pay({ transferReference: 'BJB-TRF-0002', sellerOrganisationIds: [seller.id] }).expect(201)).body,
    );
    expect(second.items[0]!.amountRupiah).toBe(217_000);
    expect(await sellerBalance(seller.id)).toEqual({
      sellerOrganisationId: seller.id,
      balanceRupiah: 0,
      byKind: { sale: 1_200_000, ppn: 132_000, platform_fee: -5_000, refund: 0, payout: -1_327_000 },
    });

    // Refunded after it was paid out: the seller owes it back, and the next batch skips the seller.
    await recordSellerOrderRefund(withFee);
    expect(await balance(seller.id)).toBe(-217_000);
    const none = await pay({ transferReference: 'BJB-TRF-0003', sellerOrganisationIds: [seller.id] }).expect(
      409,
    );
    expect(none.body.error.code).toBe('NOTHING_TO_PAY');
    await paid(seller.id, 217_000);
    expect(await balance(seller.id)).toBe(0);

    const entries = ZListLedgerEntriesResponse.parse(
      (await seller.agent.get('/api/ledger/entries?limit=100').expect(200)).body,
    );
    const payouts = entries.items.filter((entry) => entry.kind === 'payout');
    expect(payouts.map((entry) => [entry.amountRupiah, entry.payoutBatchId])).toEqual([
      [-217_000, second.id],
      [-1_110_000, batch.id],
    ]);
    expect(payouts[0]!.description).toBe('Pembayaran ke rekening UMKM, referensi transfer BJB-TRF-0002');
  });

  it('without a list it pays every UMKM owed money, skipping zero and negative balances', async () => {
    const owed = [await umkm(), await umkm()];
    const zero = await umkm();
    const negative = await umkm();
    await paid(owed[0]!.id, 10_000);
    await paid(owed[1]!.id, 20_000);
    const refunded = await paid(zero.id, 5_000);
    await recordSellerOrderRefund(refunded);
    const paidOut = await paid(negative.id, 7_000);
    await pay({ transferReference: 'TRF-NEG-1', sellerOrganisationIds: [negative.id] }).expect(201);
    await recordSellerOrderRefund(paidOut);
    expect(await balance(negative.id)).toBe(-7_000);

    const batch = ZPayoutBatch.parse((await pay({ transferReference: 'TRF-SEMUA-1' }).expect(201)).body);
    const paidTo = new Map(batch.items.map((item) => [item.sellerOrganisationId, item.amountRupiah]));
    expect(paidTo.get(owed[0]!.id)).toBe(10_000);
    expect(paidTo.get(owed[1]!.id)).toBe(20_000);
    expect(paidTo.has(zero.id)).toBe(false);
    expect(paidTo.has(negative.id)).toBe(false);
    for (const seller of owed) expect(await balance(seller.id)).toBe(0);
    const again = await pay({ transferReference: 'TRF-SEMUA-2' }).expect(409);
    expect(again.body.error).toMatchObject({ code: 'NOTHING_TO_PAY' });
    expect(again.body.error.message).toMatch(/Tidak ada saldo/);
  });

  it('two admins paying the same UMKM at once pay its balance once (five rounds, three batches each)', async () => {
    const admins = [admin, await dinkop('admin'), await dinkop('admin')];
    for (let round = 0; round < 5; round++) {
      const seller = await umkm();
      const bystander = await umkm();
      await paid(seller.id, 300_000 + round);
      await paid(bystander.id, 1_000);
      const results = await Promise.all(
        admins.map((agent, i) =>
          pay(
            { transferReference: `TRF-RACE-${round}-${i}`, sellerOrganisationIds: [seller.id, bystander.id] },
            key(),
            agent,
          ),
        ),
      );
      expect(results.map((res) => res.status).every((status) => status === 201 || status === 409)).toBe(true);
      const items = results
        .filter((res) => res.status === 201)
        .flatMap((res) => ZPayoutBatch.parse(res.body).items);
      expect(
        items.filter((item) => item.sellerOrganisationId === seller.id).map((item) => item.amountRupiah),
      ).toEqual([300_000 + round]);
      expect(items.filter((item) => item.sellerOrganisationId === bystander.id)).toHaveLength(1);
      const payouts = await LedgerEntryModel.find({ organisationId: seller.id, kind: 'payout' }).lean();
      expect(payouts.map((entry) => entry.amountRupiah)).toEqual([-(300_000 + round)]);
      expect(await balance(seller.id)).toBe(0);
      expect(await balance(bystander.id)).toBe(0);
      // Every batch that answered 201 is done and holds exactly the items whose entries exist.
      const batches = await PayoutBatchModel.find({
        transferReference: new RegExp(`^TRF-RACE-${round}-`),
      }).lean();
      for (const batch of batches) {
        expect(batch.status).toBe('done');
        for (const item of batch.items) {
          const entry = await LedgerEntryModel.findOne({
            organisationId: item.sellerOrganisationId,
            key: payoutEntryKey(String(item.sellerOrganisationId), item.seq),
          }).lean();
          expect(String(entry?.payoutBatchId)).toBe(String(batch._id));
        }
      }
    }
  });

  it('the same Idempotency-Key returns the same batch (also twice at once); another body with it is a 422', async () => {
    const seller = await umkm();
    await paid(seller.id, 50_000);
    const idempotencyKey = key();
    const body = { transferReference: 'TRF-IDEM-1', sellerOrganisationIds: [seller.id] };
    const [a, b] = await Promise.all([pay(body, idempotencyKey), pay(body, idempotencyKey)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.items).toEqual(b.body.items);
    await paid(seller.id, 1_000);
    const replay = await pay(body, idempotencyKey).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(a.body);
    expect(await LedgerEntryModel.countDocuments({ organisationId: seller.id, kind: 'payout' })).toBe(1);
    expect(await balance(seller.id)).toBe(1_000);
    const other = await pay({ ...body, transferReference: 'TRF-IDEM-2' }, idempotencyKey).expect(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a batch interrupted after its document, or after an item but before its entry, is completed by a retry with the same key', async () => {
    const actor: Actor = {
      userId: String(adminUser.user._id),
      name: 'Admin Dinkop Karawang',
      sessionId: 'x',
      organisationId: String(adminUser.organisation._id),
      organisationKind: 'dinkop',
      organisationStatus: 'verified',
      roles: ['admin'],
    };
    const first = await umkm();
    const second = await umkm();
    await paid(first.id, 80_000);
    await paid(second.id, 90_000);
    const body = { transferReference: 'TRF-CRASH-1', sellerOrganisationIds: [first.id, second.id] };
    const idempotencyKey = key();
    // As the request left it when it died: the batch, one item recorded (its number taken), no entry yet.
    await PayoutSequenceModel.create({ _id: first.id, organisationId: first.id, next: 1 });
    const stranded = await PayoutBatchModel.create({
      key: idempotencyKey,
      requestHash: payoutRequestHash(body),
      transferReference: body.transferReference,
      sellerOrganisationIds: body.sellerOrganisationIds,
      createdBy: { userId: actor.userId, name: actor.name },
      status: 'processing',
      items: [
        {
          sellerOrganisationId: first.id,
          sellerName: first.name,
          amountRupiah: 80_000,
          payoutAccount: null,
          seq: 1,
        },
      ],
      version: 1,
    });
    expect(await balance(first.id)).toBe(80_000);
    // Meanwhile nobody else can pay those 80,000 twice: a batch of another admin takes the same number.
    const res = await pay(body, idempotencyKey).expect(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    const batch = ZPayoutBatch.parse(res.body);
    expect(batch.id).toBe(String(stranded._id));
    expect(batch.status).toBe('done');
    expect(batch.items.map((item) => [item.sellerOrganisationId, item.amountRupiah])).toEqual([
      [first.id, 80_000],
      [second.id, 90_000],
    ]);
    expect([await balance(first.id), await balance(second.id)]).toEqual([0, 0]);

    // Died right after the batch document: the retry pays from scratch.
    const third = await umkm();
    await paid(third.id, 12_345);
    const bare = { transferReference: 'TRF-CRASH-2', sellerOrganisationIds: [third.id] };
    const bareKey = key();
    await PayoutBatchModel.create({
      key: bareKey,
      requestHash: payoutRequestHash(bare),
      transferReference: bare.transferReference,
      sellerOrganisationIds: bare.sellerOrganisationIds,
      createdBy: { userId: actor.userId, name: actor.name },
      status: 'processing',
    });
    const completed = await createPayoutBatch(actor, bareKey, bare, async () => null);
    expect(completed.batch.items.map((item) => item.amountRupiah)).toEqual([12_345]);
    expect(await balance(third.id)).toBe(0);
  });

  it('a stranded item whose payout number another batch took is dropped, not paid twice', async () => {
    const seller = await umkm();
    await paid(seller.id, 40_000);
    const body = { transferReference: 'TRF-STRAND-1', sellerOrganisationIds: [seller.id] };
    const strandedKey = key();
    await PayoutSequenceModel.create({ _id: seller.id, organisationId: seller.id, next: 1 });
    await PayoutBatchModel.create({
      key: strandedKey,
      requestHash: payoutRequestHash(body),
      transferReference: body.transferReference,
      sellerOrganisationIds: body.sellerOrganisationIds,
      createdBy: { userId: String(adminUser.user._id), name: 'Admin' },
      status: 'processing',
      items: [
        {
          sellerOrganisationId: seller.id,
          sellerName: seller.name,
          amountRupiah: 40_000,
          payoutAccount: null,
          seq: 1,
        },
      ],
      version: 1,
    });
    // Another admin's batch pays the seller while the first one lies stranded.
    const other = ZPayoutBatch.parse(
      (await pay({ transferReference: 'TRF-STRAND-2', sellerOrganisationIds: [seller.id] }).expect(201)).body,
    );
    expect(other.items[0]!.amountRupiah).toBe(40_000);
    // The stranded batch's retry finds its number taken: nothing left to pay, and its key is free again.
    const retry = await pay(body, strandedKey).expect(409);
    expect(retry.body.error.code).toBe('NOTHING_TO_PAY');
    expect(await PayoutBatchModel.countDocuments({ key: strandedKey })).toBe(0);
    expect(await LedgerEntryModel.countDocuments({ organisationId: seller.id, kind: 'payout' })).toBe(1);
    expect(await balance(seller.id)).toBe(0);
  });

  it('copies the payout account the lookup gives onto the item', async () => {
    const seller = await umkm();
    await paid(seller.id, 25_000);
    const account = { bankName: 'Bank BJB', accountNumber: '0012345678', holderName: 'Ani Suryani' };
    const created = await createPayoutBatch(
      {
        userId: String(adminUser.user._id),
        name: 'Admin',
        sessionId: 'x',
        organisationId: String(adminUser.organisation._id),
        organisationKind: 'dinkop',
        organisationStatus: 'verified',
        roles: ['admin'],
      },
      key(),
      { transferReference: 'TRF-REK-1', sellerOrganisationIds: [seller.id] },
      async (id) => (id === seller.id ? account : null),
    );
    expect(created.batch.items[0]).toMatchObject({ amountRupiah: 25_000, payoutAccount: account });
  });

  it('refuses bad input clearly: missing or malformed key, unknown fields, foreign or malformed ids, bad references', async () => {
    const seller = await umkm();
    await paid(seller.id, 10_000);
    const buyer = await createOrganisation({ kind: 'buyer' });
    const missingKey = await admin
      .post('/api/payout-batches')
      .send({ transferReference: 'TRF-1' })
      .expect(400);
    expect(missingKey.body.error.details.issues[0].path).toEqual(['Idempotency-Key']);
    await pay({ transferReference: 'TRF-1' }, 'short').expect(400);
    const unknownField = await pay({ transferReference: 'TRF-1', amountRupiah: 5 }).expect(400);
    expect(unknownField.body.error.code).toBe('VALIDATION_FAILED');
    const foreign = await pay({
      transferReference: 'TRF-1',
      sellerOrganisationIds: [seller.id, String(buyer._id), String(new Types.ObjectId())],
    }).expect(400);
    expect(foreign.body.error.details.issues).toEqual([
      { path: ['sellerOrganisationIds', '1'], message: 'UMKM tidak ditemukan' },
      { path: ['sellerOrganisationIds', '2'], message: 'UMKM tidak ditemukan' },
    ]);
    await pay({ transferReference: 'TRF-1', sellerOrganisationIds: ['-1'] }).expect(400);
    await pay({ transferReference: 'TRF-1', sellerOrganisationIds: [] }).expect(400);
    await pay({ transferReference: ' x ' }).expect(400);
    await pay({ transferReference: 'x'.repeat(61) }).expect(400);
    expect(await balance(seller.id)).toBe(10_000);
    await admin.get('/api/payout-batches/nope').expect(400);
    await admin.get(`/api/payout-batches/${new Types.ObjectId()}`).expect(404);
  });

  it('only Dinkop admins record payouts; analysts read batches; sellers and buyers neither', async () => {
    const seller = await umkm();
    await paid(seller.id, 10_000);
    const analyst = await dinkop('analyst');
    const curator = await dinkop('curator');
    const { user: buyerUser } = await createUser({ kind: 'buyer', roles: ['admin'], status: 'verified' });
    const buyer = await agentFor(t.app as Express, buyerUser);
    for (const agent of [analyst, curator, seller.agent, buyer]) {
      await pay({ transferReference: 'TRF-AUTH-1', sellerOrganisationIds: [seller.id] }, key(), agent).expect(
        403,
      );
    }
    expect(await balance(seller.id)).toBe(10_000);
    const made = ZPayoutBatch.parse(
      (await pay({ transferReference: 'TRF-AUTH-2', sellerOrganisationIds: [seller.id] }).expect(201)).body,
    );
    const list = ZListPayoutBatchesResponse.parse(
      (await analyst.get('/api/payout-batches?limit=2').expect(200)).body,
    );
    expect(list.items[0]).toMatchObject({ id: made.id, itemCount: 1, totalRupiah: 10_000, status: 'done' });
    expect(list.nextCursor).not.toBeNull();
    const next = ZListPayoutBatchesResponse.parse(
      (await analyst.get(`/api/payout-batches?limit=2&cursor=${list.nextCursor}`).expect(200)).body,
    );
    expect(next.items.map((b) => b.id)).not.toContain(made.id);
    expect((await analyst.get(`/api/payout-batches/${made.id}`).expect(200)).body).toEqual(made);
    for (const agent of [curator, seller.agent, buyer]) {
      await agent.get('/api/payout-batches').expect(403);
      await agent.get(`/api/payout-batches/${made.id}`).expect(403);
    }
  });
});
