import { trusted } from 'mongoose';
import type { z } from 'zod';
import type {
  ZAcceptInvitationRequest,
  ZChangePasswordRequest,
  ZSignInRequest,
  ZUpdateMeRequest,
} from '../../../shared/contracts/accounts';
import { ADMIN_ROLE, ROLES_BY_KIND, type TRegisterRequest } from '../../../shared/contracts/organisations';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { resolveAddress } from '../regions';
import type { AccountsSettings } from './accounts.settings';
import { InvitationModel } from './invitation.model';
import { OrganisationModel, type OrganisationDoc } from './organisation.model';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { createSession, revokeAllSessions, type IssuedSession } from './sessions.service';
import { hashToken } from './tokens';
import { UserModel, type UserDoc } from './user.model';

export interface SignedIn {
  user: UserDoc;
  organisation: OrganisationDoc;
  session: IssuedSession;
}

const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 'E-mail ini sudah terdaftar. Silakan masuk, atau gunakan e-mail lain.', {
    issues: [{ path: ['account', 'email'], message: 'E-mail sudah terdaftar' }],
  });

async function emailInUse(email: string): Promise<boolean> {
  return (await UserModel.exists({ email }).setOptions({ crossTenant: true })) !== null;
}

/**
 * A buyer organisation or UMKM and its first admin/owner in one step. Two documents without a
 * transaction: the organisation is written first and deleted again if the user cannot be created.
 */
export async function createOrganisationWithFirstUser(
  input: TRegisterRequest,
): Promise<{ user: UserDoc; organisation: OrganisationDoc }> {
  if (await emailInUse(input.account.email)) throw emailTaken();
  const address = await resolveAddress(input.organisation.address, ['organisation', 'address']);
  const now = new Date();
  const organisation = await OrganisationModel.create({
    kind: input.kind,
    buyerType: input.kind === 'buyer' ? input.organisation.buyerType : null,
    name: input.organisation.name,
    phone: input.organisation.phone,
    address,
    status: 'pending_verification',
    statusHistory: [{ from: null, to: 'pending_verification', byName: input.account.name, at: now }],
  });
  // A buyer who registers usually is the whole purchasing office at first; UMKM: the owner.
  const roles = input.kind === 'buyer' ? [...ROLES_BY_KIND.buyer] : [ADMIN_ROLE.umkm];
  try {
    const user = await UserModel.create({
      organisationId: organisation._id,
      organisationKind: input.kind,
      email: input.account.email,
      name: input.account.name,
      phone: input.account.phone,
      roles,
      passwordHash: await hashPassword(input.account.password),
    });
    return { user: user.toObject(), organisation: organisation.toObject() };
  } catch (error) {
    await OrganisationModel.deleteOne({ _id: organisation._id });
    if (isDuplicateKeyError(error)) throw emailTaken();
    throw error;
  }
}

export async function register(
  input: TRegisterRequest,
  settings: AccountsSettings,
  userAgent?: string,
): Promise<SignedIn> {
  const { user, organisation } = await createOrganisationWithFirstUser(input);
  const session = await createSession(user, settings.sessionTtlHours, userAgent);
  return { user, organisation, session };
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'E-mail atau kata sandi salah.');

export async function signIn(
  input: z.output<typeof ZSignInRequest>,
  settings: AccountsSettings,
  userAgent?: string,
): Promise<SignedIn> {
  const user = await UserModel.findOne({ email: input.email })
    .setOptions({ crossTenant: true })
    .lean<UserDoc>();
  if (!user) {
    await verifyAgainstDecoy(input.password);
    throw invalidCredentials();
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', 'Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.', {
      lockedUntil: user.lockedUntil.toISOString(),
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordFailedSignIn(user, settings, now);
    throw invalidCredentials();
  }
  await UserModel.updateOne(
    { _id: user._id, organisationId: user.organisationId },
    { $set: { failedSignIns: 0, lockedUntil: null } },
  );
  const organisation = await OrganisationModel.findById(user.organisationId).lean<OrganisationDoc>();
  if (!organisation) throw invalidCredentials();
  const session = await createSession(user, settings.sessionTtlHours, userAgent);
  return { user, organisation, session };
}

/** Counted atomically, so parallel guesses cannot slip past the threshold. */
async function recordFailedSignIn(user: UserDoc, settings: AccountsSettings, now: Date): Promise<void> {
  const updated = await UserModel.findOneAndUpdate(
    { _id: user._id, organisationId: user.organisationId },
    { $inc: { failedSignIns: 1 } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (updated && updated.failedSignIns >= settings.lockoutThreshold) {
    await UserModel.updateOne(
      { _id: user._id, organisationId: user.organisationId },
      { $set: { failedSignIns: 0, lockedUntil: new Date(now.getTime() + settings.lockoutMinutes * 60_000) } },
    );
  }
}

export async function loadMe(actor: Actor): Promise<{ user: UserDoc; organisation: OrganisationDoc }> {
  const [user, organisation] = await Promise.all([
    UserModel.findOne({ _id: actor.userId, organisationId: actor.organisationId }).lean<UserDoc>(),
    OrganisationModel.findById(actor.organisationId).lean<OrganisationDoc>(),
  ]);
  if (!user || !organisation) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  return { user, organisation };
}

export async function updateMe(actor: Actor, changes: z.output<typeof ZUpdateMeRequest>) {
  const { notices, ...profile } = changes;
  // One channel at a time (`notices.email`), so switching one off leaves the other as it was.
  const channels = Object.entries(notices ?? {}).map(([channel, on]) => [`notices.${channel}`, on]);
  await UserModel.updateOne(
    { _id: actor.userId, organisationId: actor.organisationId },
    { $set: { ...profile, ...Object.fromEntries(channels) } },
  );
  return loadMe(actor);
}

/** Every session of the user ends, including stolen ones; the caller gets a fresh one for this device. */
export async function changePassword(
  actor: Actor,
  input: z.output<typeof ZChangePasswordRequest>,
  settings: AccountsSettings,
  userAgent?: string,
): Promise<IssuedSession> {
  const { user } = await loadMe(actor);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'Kata sandi saat ini salah.', {
      issues: [{ path: ['currentPassword'], message: 'Kata sandi saat ini salah' }],
    });
  }
  await UserModel.updateOne(
    { _id: user._id, organisationId: user.organisationId },
    { $set: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() } },
  );
  await revokeAllSessions(user._id);
  return createSession(user, settings.sessionTtlHours, userAgent);
}

const invitationInvalid = () =>
  new AppError(
    'INVITATION_INVALID',
    'Undangan ini tidak berlaku lagi. Minta admin organisasi mengirim undangan baru.',
  );

async function findOpenInvitation(token: string) {
  return InvitationModel.findOne({
    tokenHash: hashToken(token),
    acceptedAt: null,
    expiresAt: trusted({ $gt: new Date() }),
  })
    .setOptions({ crossTenant: true })
    .lean();
}

export async function previewInvitation(token: string) {
  const invitation = await findOpenInvitation(token);
  if (!invitation) throw invitationInvalid();
  const organisation = await OrganisationModel.findById(invitation.organisationId).lean<OrganisationDoc>();
  if (!organisation) throw invitationInvalid();
  return { invitation, organisation };
}

/** Claims the invitation with a guarded update first, so one link makes one account even if clicked twice. */
export async function acceptInvitation(
  token: string,
  input: z.output<typeof ZAcceptInvitationRequest>,
  settings: AccountsSettings,
  userAgent?: string,
): Promise<SignedIn> {
  const { invitation, organisation } = await previewInvitation(token);
  const claimed = await InvitationModel.findOneAndUpdate(
    { _id: invitation._id, organisationId: invitation.organisationId, acceptedAt: null },
    { $set: { acceptedAt: new Date() } },
  );
  if (!claimed) throw invitationInvalid();
  let user: UserDoc;
  try {
    const created = await UserModel.create({
      organisationId: organisation._id,
      organisationKind: organisation.kind,
      email: invitation.email,
      name: input.name,
      phone: input.phone ?? null,
      roles: invitation.roles,
      passwordHash: await hashPassword(input.password),
    });
    user = created.toObject();
  } catch (error) {
    await InvitationModel.updateOne(
      { _id: invitation._id, organisationId: invitation.organisationId },
      { $set: { acceptedAt: null } },
    );
    if (isDuplicateKeyError(error)) throw emailTaken();
    throw error;
  }
  const session = await createSession(user, settings.sessionTtlHours, userAgent);
  return { user, organisation, session };
}
