import { trusted } from 'mongoose';
import request from 'supertest';
import { ZErrorResponse } from '../../../shared/contracts/common';
import { ZMeResponse } from '../../../shared/contracts/accounts';
import { registrationBody, PASSWORD } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { OrganisationModel } from './organisation.model';
import { SESSION_COOKIE } from './session-cookie';
import { SessionModel } from './session.model';
import { UserModel } from './user.model';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function errorOf(res: request.Response) {
  return ZErrorResponse.parse(res.body).error;
}

function sessionCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie set');
  return cookie;
}

describe('registration', () => {
  it('creates a buyer organisation pending verification with its admin, and signs in', async () => {
    const body = registrationBody({ kind: 'buyer' });
    const res = await request(t.app).post('/api/registrations').send(body).expect(201);
    const me = ZMeResponse.parse(res.body);
    expect(me.organisation).toMatchObject({
      kind: 'buyer',
      buyerType: 'koperasi_karyawan',
      status: 'pending_verification',
    });
    expect(me.user.roles).toEqual(['admin', 'purchaser', 'approver', 'finance']);
    expect(me.user.phone).toBe('+6281298765432');

    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const again = await request(t.app).get('/api/me').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(again.body.user.email).toBe(body.account.email);

    const organisation = await request(t.app)
      .get('/api/organisation')
      .set('Cookie', cookie.split(';')[0]!)
      .expect(200);
    expect(organisation.body.address).toMatchObject({
      province: { code: '32', name: 'Jawa Barat' },
      regency: { code: '32.15', name: 'Kabupaten Karawang' },
      district: { code: '32.15.05', name: 'Klari' },
      village: { code: '32.15.05.2001', name: 'Duren' },
    });
  });

  it('creates a UMKM with its owner', async () => {
    const res = await request(t.app)
      .post('/api/registrations')
      .send(registrationBody({ kind: 'umkm' }))
      .expect(201);
    expect(res.body.organisation.kind).toBe('umkm');
    expect(res.body.organisation.buyerType).toBeNull();
    expect(res.body.user.roles).toEqual(['owner']);
  });

  it('stores the password only as an argon2id hash and the session only as a token hash', async () => {
    const body = registrationBody();
    const res = await request(t.app).post('/api/registrations').send(body).expect(201);
    const user = await UserModel.findOne({ email: body.account.email })
      .setOptions({ crossTenant: true })
      .lean();
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    const token = sessionCookie(res).split(';')[0]!.split('=')[1]!;
    expect(await SessionModel.exists({ _id: token })).toBeNull();
    expect(await SessionModel.countDocuments({ userId: user!._id })).toBe(1);
  });

  it('refuses a session once it has expired', async () => {
    const body = registrationBody();
    const res = await request(t.app).post('/api/registrations').send(body).expect(201);
    const cookie = sessionCookie(res).split(';')[0]!;
    await request(t.app).get('/api/me').set('Cookie', cookie).expect(200);
    const user = await UserModel.findOne({ email: body.account.email })
      .setOptions({ crossTenant: true })
      .lean();
    await SessionModel.updateOne(
      { userId: user!._id },
      { $set: { expiresAt: new Date(Date.now() - 1_000) } },
    );
    const refused = await request(t.app).get('/api/me').set('Cookie', cookie).expect(401);
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a duplicate e-mail with EMAIL_TAKEN and leaves no orphan organisation', async () => {
    const first = registrationBody();
    await request(t.app).post('/api/registrations').send(first).expect(201);
    const organisationsBefore = await OrganisationModel.countDocuments();
    const second = registrationBody({ email: first.account.email.toUpperCase() });
    const res = await request(t.app).post('/api/registrations').send(second).expect(409);
    expect(errorOf(res).code).toBe('EMAIL_TAKEN');
    expect(await OrganisationModel.countDocuments()).toBe(organisationsBefore);
  });

  it('keeps one account when the same e-mail registers twice at the same moment', async () => {
    const body = registrationBody();
    const twin = { ...registrationBody(), account: { ...body.account } };
    const results = await Promise.all([
      request(t.app).post('/api/registrations').send(body),
      request(t.app).post('/api/registrations').send(twin),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(
      await UserModel.countDocuments({ email: body.account.email }).setOptions({ crossTenant: true }),
    ).toBe(1);
    const orphans = await OrganisationModel.countDocuments({
      name: trusted({ $in: [body.organisation.name, twin.organisation.name] }),
    });
    expect(orphans).toBe(1);
  });

  it.each([
    ['a short password', 'pendek1', 'Kata sandi minimal 10 karakter'],
    ['a password without digits', 'hanyahurufsaja', 'Kata sandi harus berisi huruf dan angka'],
  ])('refuses %s with the rule spelled out', async (_label, password, message) => {
    const res = await request(t.app)
      .post('/api/registrations')
      .send(registrationBody({ password }))
      .expect(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ issues: [{ path: ['account', 'password'], message }] });
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const body = { ...registrationBody(), isAdmin: true };
    const res = await request(t.app).post('/api/registrations').send(body).expect(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    const nested = registrationBody();
    const res2 = await request(t.app)
      .post('/api/registrations')
      .send({ ...nested, account: { ...nested.account, roles: ['admin'] } })
      .expect(400);
    expect(JSON.stringify(errorOf(res2).details)).toContain('roles');
  });

  it('refuses an unknown kecamatan and a desa from another kecamatan', async () => {
    const body = registrationBody();
    body.organisation.address = { ...body.organisation.address, districtCode: '32.15.99' };
    const res = await request(t.app).post('/api/registrations').send(body).expect(400);
    expect(errorOf(res).details).toEqual({
      issues: [{ path: ['organisation', 'address', 'districtCode'], message: 'Kecamatan tidak dikenal.' }],
    });

    const mismatched = registrationBody();
    mismatched.organisation.address = { ...mismatched.organisation.address, villageCode: '32.15.01.1001' };
    const res2 = await request(t.app).post('/api/registrations').send(mismatched).expect(400);
    expect(JSON.stringify(errorOf(res2).details)).toContain('villageCode');
  });

  it('refuses a phone number that is not Indonesian-valid', async () => {
    const body = registrationBody();
    body.account.phone = '12345';
    const res = await request(t.app).post('/api/registrations').send(body).expect(400);
    expect(errorOf(res).details).toMatchObject({ issues: [{ path: ['account', 'phone'] }] });
  });
});

describe('sign-in', () => {
  let email: string;
  beforeAll(async () => {
    const body = registrationBody();
    email = body.account.email;
    await request(t.app).post('/api/registrations').send(body).expect(201);
  });

  it('signs in with e-mail in any case and returns who is signed in', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(ZMeResponse.parse(res.body).user.email).toBe(email);
    expect(sessionCookie(res)).toBeTruthy();
  });

  it('gives the same answer for a wrong password and an unknown e-mail', async () => {
    const wrong = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email, password: 'salah-sekali-123' })
      .expect(401);
    const unknown = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: 'tidak-ada@contoh.id', password: 'salah-sekali-123' })
      .expect(401);
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
    expect(errorOf(wrong).code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects MongoDB operators in place of values', async () => {
    for (const injected of [
      { email: { $gt: '' }, password: PASSWORD },
      { email, password: { $ne: null } },
    ]) {
      const res = await request(t.app).post('/api/auth/sign-in').send(injected).expect(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    }
  });

  it('locks the account after repeated failures, even for the right password, then unlocks', async () => {
    const body = registrationBody();
    await request(t.app).post('/api/registrations').send(body).expect(201);
    const attempts = await Promise.all(
      Array.from({ length: t.config.LOGIN_LOCKOUT_THRESHOLD }, () =>
        request(t.app)
          .post('/api/auth/sign-in')
          .send({ email: body.account.email, password: 'salah-sekali-123' }),
      ),
    );
    expect(attempts.every((r) => r.status === 401)).toBe(true);
    const locked = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: body.account.email, password: PASSWORD })
      .expect(423);
    expect(errorOf(locked).code).toBe('ACCOUNT_LOCKED');

    await UserModel.updateOne(
      { email: body.account.email },
      { $set: { lockedUntil: new Date(Date.now() - 1000) } },
    ).setOptions({
      crossTenant: true,
    });
    await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: body.account.email, password: PASSWORD })
      .expect(200);
  });

  it('signs out: the cookie no longer works', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookie = sessionCookie(res).split(';')[0]!;
    await request(t.app).post('/api/auth/sign-out').set('Cookie', cookie).expect(204);
    const after = await request(t.app).get('/api/me').set('Cookie', cookie).expect(401);
    expect(errorOf(after).code).toBe('UNAUTHENTICATED');
  });

  it('changing the password ends every other session and keeps this device signed in', async () => {
    const body = registrationBody();
    await request(t.app).post('/api/registrations').send(body).expect(201);
    const signIn = () =>
      request(t.app)
        .post('/api/auth/sign-in')
        .send({ email: body.account.email, password: PASSWORD })
        .expect(200);
    const laptop = sessionCookie(await signIn()).split(';')[0]!;
    const phone = sessionCookie(await signIn()).split(';')[0]!;

    const weak = await request(t.app)
      .post('/api/me/password')
      .set('Cookie', phone)
      .send({ currentPassword: PASSWORD, newPassword: 'pendek' })
      .expect(400);
    expect(errorOf(weak).code).toBe('VALIDATION_FAILED');
    const wrongCurrent = await request(t.app)
      .post('/api/me/password')
      .set('Cookie', phone)
      .send({ currentPassword: 'bukan-ini-123', newPassword: 'kata-sandi-baru-2026' })
      .expect(400);
    expect(errorOf(wrongCurrent).details).toMatchObject({ issues: [{ path: ['currentPassword'] }] });

    const changed = await request(t.app)
      .post('/api/me/password')
      .set('Cookie', phone)
      .send({ currentPassword: PASSWORD, newPassword: 'kata-sandi-baru-2026' })
      .expect(204);
    const fresh = sessionCookie(changed).split(';')[0]!;
    await request(t.app).get('/api/me').set('Cookie', laptop).expect(401);
    await request(t.app).get('/api/me').set('Cookie', phone).expect(401);
    await request(t.app).get('/api/me').set('Cookie', fresh).expect(200);
    await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: body.account.email, password: PASSWORD })
      .expect(401);
    await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: body.account.email, password: 'kata-sandi-baru-2026' })
      .expect(200);
  });

  it('updates own name, phone and language', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookie = sessionCookie(res).split(';')[0]!;
    const updated = await request(t.app)
      .patch('/api/me')
      .set('Cookie', cookie)
      .send({ locale: 'en', phone: '+62 812-1111-2222' })
      .expect(200);
    expect(updated.body.user).toMatchObject({ locale: 'en', phone: '+6281211112222' });
    const empty = await request(t.app).patch('/api/me').set('Cookie', cookie).send({}).expect(400);
    expect(errorOf(empty).code).toBe('VALIDATION_FAILED');
  });
});
