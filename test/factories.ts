import { faker } from '@faker-js/faker';
import type { Express } from 'express';
import request from 'supertest';
import type {
  TOrganisationKind,
  TOrganisationStatus,
  TRole,
  TBuyerType,
} from '../shared/contracts/organisations';
import { OrganisationModel } from '../server/modules/accounts/organisation.model';
import { UserModel } from '../server/modules/accounts/user.model';
import { hashPassword } from '../server/modules/accounts/passwords';
import { createSession } from '../server/modules/accounts/sessions.service';
import { SESSION_COOKIE } from '../server/modules/accounts';
import { resolveAddress } from '../server/modules/regions';

export const PASSWORD = 'rahasia-Pasar-2026';
let passwordHash: Promise<string> | undefined;

/** Klari, Karawang: in the test regions, with the villages loaded. */
export const KARAWANG_ADDRESS: { street: string; districtCode: string } = {
  street: 'Jl. Raya Klari No. 12',
  districtCode: '32.15.05',
};

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function createOrganisation(
  overrides: {
    kind?: TOrganisationKind;
    status?: TOrganisationStatus;
    buyerType?: TBuyerType;
    name?: string;
  } = {},
) {
  const kind = overrides.kind ?? 'buyer';
  return OrganisationModel.create({
    kind,
    buyerType: kind === 'buyer' ? (overrides.buyerType ?? 'koperasi_karyawan') : null,
    name: overrides.name ?? `${faker.company.name()} ${unique()}`,
    phone: '+6281234567890',
    address: kind === 'dinkop' ? null : await resolveAddress(KARAWANG_ADDRESS),
    status: overrides.status ?? (kind === 'dinkop' ? 'verified' : 'pending_verification'),
  });
}

const DEFAULT_ROLES: Record<TOrganisationKind, TRole[]> = {
  buyer: ['admin'],
  umkm: ['owner'],
  dinkop: ['admin'],
};

/** A user; creates its organisation when none is given. */
export async function createUser(
  overrides: {
    organisation?: Awaited<ReturnType<typeof createOrganisation>>;
    kind?: TOrganisationKind;
    status?: TOrganisationStatus;
    roles?: TRole[];
    email?: string;
    name?: string;
  } = {},
) {
  const organisation =
    overrides.organisation ?? (await createOrganisation({ kind: overrides.kind, status: overrides.status }));
  passwordHash ??= hashPassword(PASSWORD);
  const user = await UserModel.create({
    organisationId: organisation._id,
    organisationKind: organisation.kind,
    email: overrides.email ?? `user-${unique()}@contoh.id`,
    name: overrides.name ?? faker.person.fullName(),
    phone: '+6281298765432',
    roles: overrides.roles ?? DEFAULT_ROLES[organisation.kind],
    passwordHash: await passwordHash,
  });
  return { user, organisation };
}

/** A supertest agent carrying a real server-side session of the user (no sign-in round trip). */
export async function agentFor(app: Express, user: Awaited<ReturnType<typeof createUser>>['user']) {
  const session = await createSession(user, 24, 'jest');
  return request.agent(app).set('Cookie', `${SESSION_COOKIE}=${session.token}`);
}

export function registrationBody(
  overrides: { kind?: 'buyer' | 'umkm'; email?: string; password?: string } = {},
) {
  const kind = overrides.kind ?? 'buyer';
  return {
    kind,
    organisation: {
      name: `Koperasi Karyawan ${unique()}`,
      ...(kind === 'buyer' ? { buyerType: 'koperasi_karyawan' } : {}),
      phone: '0812-3456-7890',
      address: { ...KARAWANG_ADDRESS, villageCode: '32.15.05.2001', postalCode: '41371' },
    },
    account: {
      name: 'Siti Rahayu',
      email: overrides.email ?? `siti-${unique()}@koperasi.id`,
      phone: '081298765432',
      password: overrides.password ?? PASSWORD,
    },
  };
}
