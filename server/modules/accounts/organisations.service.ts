import { trusted, type Types } from 'mongoose';
import type { z } from 'zod';
import {
  ADMIN_ROLE,
  rolesFitKind,
  type TOrganisationStatus,
  type TRole,
  type ZListOrganisationsQuery,
  type ZUpdateOrganisationRequest,
} from '../../../shared/contracts/organisations';
import { AppError } from '../../platform/http/errors';
import { afterCursor, toPage } from '../../platform/pagination';
import type { Actor } from '../../platform/http/route';
import { resolveAddress } from '../regions';
import { VERIFICATION_MOVES } from './accounts.policy';
import type { AccountsSettings } from './accounts.settings';
import { InvitationModel, type InvitationDoc } from './invitation.model';
import { OrganisationModel, type OrganisationDoc } from './organisation.model';
import { hashPassword } from './passwords';
import { revokeAllSessions } from './sessions.service';
import { hashToken, newToken } from './tokens';
import { UserModel, type UserDoc } from './user.model';

const notFound = (what: string) => new AppError('NOT_FOUND', `${what} tidak ditemukan.`);

export async function getOrganisation(organisationId: string): Promise<OrganisationDoc> {
  const organisation = await OrganisationModel.findById(organisationId).lean<OrganisationDoc>();
  if (!organisation) throw notFound('Organisasi');
  return organisation;
}

/**
 * A rejected organisation that fixes its profile goes back into Dinkop's queue: editing is how
 * a registrant answers the rejection reason.
 */
export async function updateOrganisation(
  actor: Actor,
  changes: z.output<typeof ZUpdateOrganisationRequest>,
): Promise<OrganisationDoc> {
  const current = await getOrganisation(actor.organisationId);
  const set: Record<string, unknown> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.phone !== undefined) set.phone = changes.phone;
  if (changes.address !== undefined) set.address = await resolveAddress(changes.address);
  const resubmits = current.status === 'rejected';
  const updated = await OrganisationModel.findOneAndUpdate(
    { _id: current._id },
    resubmits
      ? {
          $set: { ...set, status: 'pending_verification', rejectionReason: null },
          $push: {
            statusHistory: {
              from: 'rejected',
              to: 'pending_verification',
              byUserId: actor.userId,
              byName: actor.name,
              reason: 'Profil diperbarui setelah ditolak',
              at: new Date(),
            },
          },
        }
      : { $set: set },
    { returnDocument: 'after' },
  ).lean<OrganisationDoc>();
  if (!updated) throw notFound('Organisasi');
  return updated;
}

// --- members ---

export async function listMembers(
  actor: Actor,
): Promise<{ members: UserDoc[]; invitations: InvitationDoc[] }> {
  const [members, invitations] = await Promise.all([
    UserModel.find({ organisationId: actor.organisationId }).sort({ createdAt: 1 }).lean<UserDoc[]>(),
    InvitationModel.find({
      organisationId: actor.organisationId,
      acceptedAt: null,
      expiresAt: trusted({ $gt: new Date() }),
    })
      .sort({ createdAt: 1 })
      .lean<InvitationDoc[]>(),
  ]);
  return { members, invitations };
}

/** Someone a notice may reach outside the app, with what they allow (see the `notices` setting). */
export interface NoticeRecipient {
  userId: string;
  name: string;
  email: string;
  phone: string | null;
  channels: { email: boolean; whatsapp: boolean };
}

/** The members a notice addresses: those holding one of `roles`, or everyone when `roles` is empty. */
export async function noticeRecipients(
  organisationId: string,
  roles: readonly TRole[],
): Promise<NoticeRecipient[]> {
  const filter: Record<string, unknown> = { organisationId };
  if (roles.length > 0) filter.roles = trusted({ $in: [...roles] });
  const users = await UserModel.find(filter)
    .select({ name: 1, email: 1, phone: 1, notices: 1 })
    .sort({ createdAt: 1 })
    .lean<UserDoc[]>();
  return users.map((user) => ({
    userId: String(user._id),
    name: user.name,
    email: user.email,
    phone: user.phone ?? null,
    channels: { email: user.notices?.email ?? true, whatsapp: user.notices?.whatsapp ?? true },
  }));
}

function assertRolesFit(actor: Actor, roles: readonly TRole[]): void {
  if (!rolesFitKind(actor.organisationKind, roles)) {
    throw new AppError('VALIDATION_FAILED', 'Peran ini tidak tersedia untuk jenis organisasi Anda.', {
      issues: [{ path: ['roles'], message: 'Peran tidak sesuai jenis organisasi' }],
    });
  }
}

export async function inviteMember(
  actor: Actor,
  input: { email: string; roles: TRole[] },
  settings: AccountsSettings,
): Promise<{ invitation: InvitationDoc; acceptUrl: string }> {
  assertRolesFit(actor, input.roles);
  if (await UserModel.exists({ email: input.email }).setOptions({ crossTenant: true })) {
    throw new AppError('EMAIL_TAKEN', 'E-mail ini sudah dipakai akun lain.', {
      issues: [{ path: ['email'], message: 'E-mail sudah terdaftar' }],
    });
  }
  // Inviting the same person again replaces the earlier link rather than leaving two valid ones.
  await InvitationModel.deleteMany({
    organisationId: actor.organisationId,
    email: input.email,
    acceptedAt: null,
  });
  const token = newToken();
  const invitation = await InvitationModel.create({
    organisationId: actor.organisationId,
    email: input.email,
    roles: input.roles,
    tokenHash: hashToken(token),
    invitedByUserId: actor.userId,
    invitedByName: actor.name,
    expiresAt: new Date(Date.now() + settings.invitationTtlHours * 3_600_000),
  });
  return { invitation: invitation.toObject(), acceptUrl: `${settings.publicUrl}/undangan/${token}` };
}

export async function cancelInvitation(actor: Actor, invitationId: string): Promise<void> {
  const result = await InvitationModel.deleteOne({
    _id: invitationId,
    organisationId: actor.organisationId,
    acceptedAt: null,
  });
  if (result.deletedCount === 0) throw notFound('Undangan');
}

const lastAdmin = () =>
  new AppError(
    'LAST_ADMIN',
    'Organisasi harus punya minimal satu admin. Jadikan anggota lain admin terlebih dahulu.',
  );

async function countAdmins(organisationId: string, adminRole: TRole): Promise<number> {
  return UserModel.countDocuments({ organisationId, roles: adminRole });
}

/**
 * No transactions, so "never remove the last admin" is change-then-check: if the organisation is left
 * without an admin (two admins demoting each other at once), the change is undone. Every interleaving
 * ends with at least one admin.
 */
export async function changeMemberRoles(actor: Actor, userId: string, roles: TRole[]): Promise<UserDoc> {
  assertRolesFit(actor, roles);
  const adminRole = ADMIN_ROLE[actor.organisationKind];
  const before = await UserModel.findOne({
    _id: userId,
    organisationId: actor.organisationId,
  }).lean<UserDoc>();
  if (!before) throw notFound('Anggota');
  const demotes = before.roles.includes(adminRole) && !roles.includes(adminRole);
  if (demotes && (await countAdmins(actor.organisationId, adminRole)) <= 1) throw lastAdmin();
  const updated = await UserModel.findOneAndUpdate(
    { _id: userId, organisationId: actor.organisationId },
    { $set: { roles } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw notFound('Anggota');
  if (demotes && (await countAdmins(actor.organisationId, adminRole)) === 0) {
    await UserModel.updateOne(
      { _id: userId, organisationId: actor.organisationId },
      { $set: { roles: before.roles } },
    );
    throw lastAdmin();
  }
  return updated;
}

export async function removeMember(actor: Actor, userId: string): Promise<void> {
  const adminRole = ADMIN_ROLE[actor.organisationKind];
  const member = await UserModel.findOne({
    _id: userId,
    organisationId: actor.organisationId,
  }).lean<UserDoc>();
  if (!member) throw notFound('Anggota');
  const isAdmin = member.roles.includes(adminRole);
  if (isAdmin && (await countAdmins(actor.organisationId, adminRole)) <= 1) throw lastAdmin();
  await UserModel.deleteOne({ _id: userId, organisationId: actor.organisationId });
  if (isAdmin && (await countAdmins(actor.organisationId, adminRole)) === 0) {
    await UserModel.create(member);
    throw lastAdmin();
  }
  await revokeAllSessions(member._id);
}

// --- Dinkop: verification ---

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Dinkop's queue: oldest registrations first, so nobody waits forever. */
export async function listOrganisations(query: z.output<typeof ZListOrganisationsQuery>) {
  const filter: Record<string, unknown> = {};
  if (query.status) filter.status = query.status;
  if (query.kind) filter.kind = query.kind;
  if (query.q) filter.name = trusted({ $regex: escapeRegExp(query.q), $options: 'i' });
  if (query.cursor) Object.assign(filter, afterCursor('createdAt', query.cursor, 1));
  const rows = await OrganisationModel.find(filter)
    .sort({ createdAt: 1, _id: 1 })
    .limit(query.limit + 1)
    .lean<Array<OrganisationDoc & { createdAt: Date }>>();
  return toPage(rows, query.limit, (org) => org.createdAt);
}

export interface UmkmByNameFilter {
  status?: TOrganisationStatus;
  districtCode?: string;
  q?: string;
}

/**
 * UMKM organisations in name order (then id), from after a key: Dinkop's registry pages through them
 * with its own filters on top, so the key is the last organisation it looked at.
 */
export async function listUmkmByName(
  filter: UmkmByNameFilter,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<OrganisationDoc[]> {
  const query: Record<string, unknown> = { kind: 'umkm' };
  if (filter.status) query.status = filter.status;
  if (filter.districtCode) query['address.district.code'] = filter.districtCode;
  if (filter.q) query.name = trusted({ $regex: escapeRegExp(filter.q), $options: 'i' });
  if (after) {
    query.$or = [
      { name: trusted({ $gt: after.name }) },
      { name: after.name, _id: trusted({ $gt: after.id }) },
    ];
  }
  return OrganisationModel.find(query)
    .select({ name: 1, status: 1, 'address.district': 1 })
    .sort({ name: 1, _id: 1 })
    .limit(limit)
    .lean<OrganisationDoc[]>();
}

function invalidVerificationMove(status: string, move: 'verify' | 'reject'): AppError {
  const action = move === 'verify' ? 'diverifikasi' : 'ditolak';
  return new AppError('INVALID_STATE', `Organisasi dengan status ini tidak dapat ${action}.`, {
    currentStatus: status,
  });
}

async function moveVerification(
  organisationId: string,
  move: 'verify' | 'reject',
  by: Actor,
  reason: string | null,
): Promise<OrganisationDoc> {
  const current = await getOrganisation(organisationId);
  if (current.kind === 'dinkop') throw notFound('Organisasi');
  if (!VERIFICATION_MOVES[move].includes(current.status)) throw invalidVerificationMove(current.status, move);
  const to = move === 'verify' ? 'verified' : 'rejected';
  const now = new Date();
  // Guarded by the status we read: of two curators clicking at once, only one move is recorded.
  const updated = await OrganisationModel.findOneAndUpdate(
    { _id: organisationId, status: current.status },
    {
      $set: {
        status: to,
        rejectionReason: move === 'reject' ? reason : null,
        ...(move === 'verify' ? { verifiedAt: now } : {}),
      },
      $push: {
        statusHistory: { from: current.status, to, byUserId: by.userId, byName: by.name, reason, at: now },
      },
    },
    { returnDocument: 'after' },
  ).lean<OrganisationDoc>();
  if (!updated) throw invalidVerificationMove((await getOrganisation(organisationId)).status, move);
  return updated;
}

export function verifyOrganisation(organisationId: string, by: Actor) {
  return moveVerification(organisationId, 'verify', by, null);
}

export function rejectOrganisation(organisationId: string, by: Actor, reason: string) {
  return moveVerification(organisationId, 'reject', by, reason);
}

// --- Dinkop accounts (admin CLI) ---

export async function createDinkopAccount(input: {
  organisationName: string;
  email: string;
  name: string;
  password: string;
  roles: TRole[];
}): Promise<{ organisationId: Types.ObjectId; userId: Types.ObjectId; created: boolean }> {
  let organisation = await OrganisationModel.findOne({ kind: 'dinkop', name: input.organisationName }).lean();
  if (!organisation) {
    const now = new Date();
    organisation = (
      await OrganisationModel.create({
        kind: 'dinkop',
        name: input.organisationName,
        status: 'verified',
        verifiedAt: now,
        statusHistory: [{ from: null, to: 'verified', byName: 'admin CLI', at: now }],
      })
    ).toObject();
  }
  const existing = await UserModel.findOne({ email: input.email })
    .setOptions({ crossTenant: true })
    .lean<UserDoc>();
  if (existing) {
    if (String(existing.organisationId) !== String(organisation._id)) {
      throw new AppError('EMAIL_TAKEN', `${input.email} already belongs to another organisation`);
    }
    return { organisationId: organisation._id, userId: existing._id, created: false };
  }
  const user = await UserModel.create({
    organisationId: organisation._id,
    organisationKind: 'dinkop',
    email: input.email,
    name: input.name,
    roles: input.roles,
    passwordHash: await hashPassword(input.password),
  });
  return { organisationId: organisation._id, userId: user._id, created: true };
}

/** Expired, never-accepted invitations are clutter in the members page and in the index. */
export async function purgeExpiredInvitations(now = new Date()): Promise<number> {
  const result = await InvitationModel.deleteMany({
    acceptedAt: null,
    expiresAt: trusted({ $lte: now }),
  }).setOptions({
    crossTenant: true,
  });
  return result.deletedCount;
}

/** The Dinkop offices on the platform (one per district today), for notices addressed to Dinkop. */
export async function dinkopOrganisationIds(): Promise<string[]> {
  const rows = await OrganisationModel.find({ kind: 'dinkop' }).select({ _id: 1 }).lean();
  return rows.map((row) => String(row._id));
}
