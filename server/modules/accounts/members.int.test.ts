import request from 'supertest';
import {
  ZInviteMemberResponse,
  ZListMembersResponse,
  ZOrganisation,
} from '../../../shared/contracts/organisations';
import { agentFor, createUser, PASSWORD } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { SessionModel } from './session.model';
import { UserModel } from './user.model';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const tokenOf = (acceptUrl: string) => acceptUrl.split('/undangan/')[1]!;

describe('members and invitations', () => {
  it('an admin invites, the invitee accepts once and is a member with the given roles', async () => {
    const { user: admin } = await createUser({ kind: 'buyer' });
    const agent = await agentFor(t.app, admin);
    const invite = await agent
      .post('/api/organisation/invitations')
      .send({ email: 'Budi@Koperasi.id', roles: ['purchaser'] })
      .expect(201);
    const { invitation, acceptUrl } = ZInviteMemberResponse.parse(invite.body);
    expect(invitation.email).toBe('budi@koperasi.id');
    expect(acceptUrl).toMatch(new RegExp(`^${t.config.PUBLIC_URL}/undangan/[A-Za-z0-9_-]{43}$`));

    const preview = await request(t.app)
      .get(`/api/invitations/${tokenOf(acceptUrl)}`)
      .expect(200);
    expect(preview.body).toMatchObject({
      email: 'budi@koperasi.id',
      roles: ['purchaser'],
      organisationKind: 'buyer',
    });

    const accept = (name: string) =>
      request(t.app)
        .post(`/api/invitations/${tokenOf(acceptUrl)}/accept`)
        .send({ name, password: PASSWORD });
    const [first, second] = await Promise.all([accept('Budi Santoso'), accept('Budi Lagi')]);
    expect([first.status, second.status].sort()).toEqual([201, 410]);
    expect(
      await UserModel.countDocuments({ email: 'budi@koperasi.id' }).setOptions({ crossTenant: true }),
    ).toBe(1);

    const members = ZListMembersResponse.parse(
      (await agent.get('/api/organisation/members').expect(200)).body,
    );
    expect(members.members.map((m) => m.roles)).toEqual([['admin'], ['purchaser']]);
    expect(members.invitations).toEqual([]);
  });

  it('refuses roles of another organisation kind, and e-mails that already have an account', async () => {
    const { user: owner } = await createUser({ kind: 'umkm' });
    const agent = await agentFor(t.app, owner);
    const wrongRole = await agent
      .post('/api/organisation/invitations')
      .send({ email: 'a@b.id', roles: ['curator'] })
      .expect(400);
    expect(wrongRole.body.error.code).toBe('VALIDATION_FAILED');
    const { user: other } = await createUser();
    const taken = await agent
      .post('/api/organisation/invitations')
      .send({ email: other.email, roles: ['staff'] })
      .expect(409);
    expect(taken.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('re-inviting replaces the old link; cancelling kills it', async () => {
    const { user: admin } = await createUser({ kind: 'buyer' });
    const agent = await agentFor(t.app, admin);
    const first = ZInviteMemberResponse.parse(
      (
        await agent
          .post('/api/organisation/invitations')
          .send({ email: 'rina@contoh.id', roles: ['finance'] })
          .expect(201)
      ).body,
    );
    const second = ZInviteMemberResponse.parse(
      (
        await agent
          .post('/api/organisation/invitations')
          .send({ email: 'rina@contoh.id', roles: ['finance'] })
          .expect(201)
      ).body,
    );
    await request(t.app)
      .get(`/api/invitations/${tokenOf(first.acceptUrl)}`)
      .expect(410);
    await request(t.app)
      .get(`/api/invitations/${tokenOf(second.acceptUrl)}`)
      .expect(200);
    await agent.delete(`/api/organisation/invitations/${second.invitation.id}`).expect(204);
    const gone = await request(t.app)
      .get(`/api/invitations/${tokenOf(second.acceptUrl)}`)
      .expect(410);
    expect(gone.body.error.code).toBe('INVITATION_INVALID');
  });

  it('only the admin role manages members', async () => {
    const { organisation } = await createUser({ kind: 'buyer' });
    const { user: purchaser } = await createUser({ organisation, roles: ['purchaser'] });
    const agent = await agentFor(t.app, purchaser);
    await agent.get('/api/organisation/members').expect(200);
    const res = await agent
      .post('/api/organisation/invitations')
      .send({ email: 'x@y.id', roles: ['purchaser'] })
      .expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    await agent.patch('/api/organisation').send({ name: 'Nama Baru Koperasi' }).expect(403);
  });

  it('changes roles, and never demotes or removes the last admin', async () => {
    const { user: admin, organisation } = await createUser({ kind: 'buyer' });
    const { user: member } = await createUser({ organisation, roles: ['purchaser'] });
    const agent = await agentFor(t.app, admin);

    const demoteSelf = await agent
      .patch(`/api/organisation/members/${admin._id}`)
      .send({ roles: ['purchaser'] })
      .expect(409);
    expect(demoteSelf.body.error.code).toBe('LAST_ADMIN');
    const removeSelf = await agent.delete(`/api/organisation/members/${admin._id}`).expect(409);
    expect(removeSelf.body.error.code).toBe('LAST_ADMIN');

    const promoted = await agent
      .patch(`/api/organisation/members/${member._id}`)
      .send({ roles: ['admin', 'approver'] })
      .expect(200);
    expect(promoted.body.roles).toEqual(['admin', 'approver']);
    await agent
      .patch(`/api/organisation/members/${admin._id}`)
      .send({ roles: ['finance'] })
      .expect(200);
  });

  it('two admins demoting each other at once leave one admin', async () => {
    for (let round = 0; round < 5; round++) {
      const { user: a, organisation } = await createUser({ kind: 'buyer' });
      const { user: b } = await createUser({ organisation, roles: ['admin'] });
      const [agentA, agentB] = await Promise.all([agentFor(t.app, a), agentFor(t.app, b)]);
      await Promise.all([
        agentA.patch(`/api/organisation/members/${b._id}`).send({ roles: ['purchaser'] }),
        agentB.patch(`/api/organisation/members/${a._id}`).send({ roles: ['purchaser'] }),
      ]);
      expect(
        await UserModel.countDocuments({ organisationId: organisation._id, roles: 'admin' }),
      ).toBeGreaterThanOrEqual(1);
    }
  });

  it('removing a member ends their sessions; members of other organisations are invisible', async () => {
    const { user: admin, organisation } = await createUser({ kind: 'umkm' });
    const { user: staff } = await createUser({ organisation, roles: ['staff'] });
    const staffAgent = await agentFor(t.app, staff);
    await staffAgent.get('/api/me').expect(200);

    const { user: stranger } = await createUser({ kind: 'umkm' });
    const agent = await agentFor(t.app, admin);
    const foreign = await agent.delete(`/api/organisation/members/${stranger._id}`).expect(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    await agent
      .patch(`/api/organisation/members/${stranger._id}`)
      .send({ roles: ['staff'] })
      .expect(404);

    await agent.delete(`/api/organisation/members/${staff._id}`).expect(204);
    await staffAgent.get('/api/me').expect(401);
    expect(await SessionModel.countDocuments({ userId: staff._id })).toBe(0);
  });
});

describe('Dinkop verification', () => {
  it('lists pending organisations oldest first with cursor pages, and verifies one', async () => {
    const { user: dinkopAdmin } = await createUser({ kind: 'dinkop', roles: ['admin'] });
    const created = [];
    for (let i = 0; i < 5; i++)
      created.push((await createUser({ kind: i % 2 ? 'umkm' : 'buyer' })).organisation);
    const agent = await agentFor(t.app, dinkopAdmin);

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await agent
        .get('/api/dinkop/organisations')
        .query({ status: 'pending_verification', limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(expect.arrayContaining(created.map((o) => String(o._id))));
    expect(new Set(ids).size).toBe(ids.length);

    const umkmOnly = await agent
      .get('/api/dinkop/organisations')
      .query({ kind: 'umkm', limit: 100 })
      .expect(200);
    expect(umkmOnly.body.items.every((o: { kind: string }) => o.kind === 'umkm')).toBe(true);
    await agent.get('/api/dinkop/organisations').query({ limit: 101 }).expect(400);
    await agent.get('/api/dinkop/organisations').query({ cursor: 'bukan-kursor' }).expect(400);

    const target = created[0]!;
    const verified = ZOrganisation.parse(
      (await agent.post(`/api/dinkop/organisations/${target._id}/verify`).expect(200)).body,
    );
    expect(verified.status).toBe('verified');
    expect(verified.verifiedAt).not.toBeNull();
    const twice = await agent.post(`/api/dinkop/organisations/${target._id}/verify`).expect(409);
    expect(twice.body.error).toMatchObject({ code: 'INVALID_STATE', details: { currentStatus: 'verified' } });
  });

  it('rejects with a reason the organisation sees; fixing the profile puts it back in the queue', async () => {
    const { user: dinkopAdmin } = await createUser({ kind: 'dinkop', roles: ['admin'] });
    const { user: owner, organisation } = await createUser({ kind: 'umkm' });
    const agent = await agentFor(t.app, dinkopAdmin);
    const short = await agent
      .post(`/api/dinkop/organisations/${organisation._id}/reject`)
      .send({ reason: 'kurang' })
      .expect(400);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    const reason = 'Alamat usaha tidak dapat ditemukan saat kunjungan lapangan.';
    await agent.post(`/api/dinkop/organisations/${organisation._id}/reject`).send({ reason }).expect(200);

    const ownerAgent = await agentFor(t.app, owner);
    const seen = await ownerAgent.get('/api/organisation').expect(200);
    expect(seen.body).toMatchObject({ status: 'rejected', rejectionReason: reason });
    const fixed = await ownerAgent
      .patch('/api/organisation')
      .send({ address: { street: 'Jl. Tuparev No. 45, dekat pasar', districtCode: '32.15.01' } })
      .expect(200);
    expect(fixed.body).toMatchObject({ status: 'pending_verification', rejectionReason: null });
    expect(fixed.body.address.district.name).toBe('Karawang Barat');
  });

  it('a curator sees the queue but cannot verify; the verification is what lets an organisation trade', async () => {
    const { user: curator } = await createUser({ kind: 'dinkop', roles: ['curator'] });
    const { user: buyer, organisation } = await createUser({ kind: 'buyer' });
    const curatorAgent = await agentFor(t.app, curator);
    await curatorAgent.get(`/api/dinkop/organisations/${organisation._id}`).expect(200);
    await curatorAgent.post(`/api/dinkop/organisations/${organisation._id}/verify`).expect(403);

    const buyerAgent = await agentFor(t.app, buyer);
    expect((await buyerAgent.get('/api/me').expect(200)).body.organisation.status).toBe(
      'pending_verification',
    );
    const { user: admin } = await createUser({ kind: 'dinkop', roles: ['admin'] });
    await (
      await agentFor(t.app, admin)
    )
      .post(`/api/dinkop/organisations/${organisation._id}/verify`)
      .expect(200);
    // The same session sees the new status at once: actors are resolved per request.
    expect((await buyerAgent.get('/api/me').expect(200)).body.organisation.status).toBe('verified');
  });
});
