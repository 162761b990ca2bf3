import { z } from 'zod';
import {
  ZEmail,
  ZIsoDateTime,
  ZNewPassword,
  ZObjectId,
  ZPageQuery,
  ZPage,
  ZPersonName,
  ZPhone,
} from './common';
import { ZAddress, ZAddressInput } from './regions';

export const ORGANISATION_KINDS = ['buyer', 'umkm', 'dinkop'] as const;
export const ZOrganisationKind = z.enum(ORGANISATION_KINDS);
export type TOrganisationKind = z.infer<typeof ZOrganisationKind>;

export const BUYER_TYPES = [
  'koperasi_karyawan',
  'hotel',
  'restaurant',
  'company',
  'government_office',
  'minimarket',
] as const;
export const ZBuyerType = z.enum(BUYER_TYPES);
export type TBuyerType = z.infer<typeof ZBuyerType>;

/** Roles are per organisation kind; one person in a small koperasi often holds several. */
export const ROLES_BY_KIND = {
  buyer: ['admin', 'purchaser', 'approver', 'finance'],
  umkm: ['owner', 'staff'],
  dinkop: ['admin', 'curator', 'analyst'],
} as const satisfies Record<TOrganisationKind, readonly string[]>;
export const ROLES = [
  'admin',
  'purchaser',
  'approver',
  'finance',
  'owner',
  'staff',
  'curator',
  'analyst',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;
/** The role that manages an organisation's members and profile. */
export const ADMIN_ROLE: Record<TOrganisationKind, TRole> = {
  buyer: 'admin',
  umkm: 'owner',
  dinkop: 'admin',
};

export function rolesFitKind(kind: TOrganisationKind, roles: readonly TRole[]): boolean {
  const allowed: readonly string[] = ROLES_BY_KIND[kind];
  return roles.every((role) => allowed.includes(role));
}

export const ORGANISATION_STATUSES = ['pending_verification', 'verified', 'rejected'] as const;
export const ZOrganisationStatus = z.enum(ORGANISATION_STATUSES);
export type TOrganisationStatus = z.infer<typeof ZOrganisationStatus>;

export const ZOrganisationName = z.string().trim().min(3, 'Nama organisasi minimal 3 karakter').max(160);

export const ZOrganisation = z.strictObject({
  id: ZObjectId,
  kind: ZOrganisationKind,
  buyerType: ZBuyerType.nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  address: ZAddress.nullable(),
  status: ZOrganisationStatus,
  rejectionReason: z.string().nullable(),
  verifiedAt: ZIsoDateTime.nullable(),
  createdAt: ZIsoDateTime,
});
export type TOrganisation = z.infer<typeof ZOrganisation>;

// --- registration: an organisation and its first admin/owner in one step ---

const ZAccountInput = z.strictObject({
  name: ZPersonName,
  email: ZEmail,
  phone: ZPhone,
  password: ZNewPassword,
});

export const ZRegisterRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('buyer'),
    organisation: z.strictObject({
      name: ZOrganisationName,
      buyerType: ZBuyerType,
      phone: ZPhone,
      address: ZAddressInput,
    }),
    account: ZAccountInput,
  }),
  z.strictObject({
    kind: z.literal('umkm'),
    organisation: z.strictObject({
      name: ZOrganisationName,
      phone: ZPhone,
      address: ZAddressInput,
    }),
    account: ZAccountInput,
  }),
]);
export type TRegisterRequest = z.infer<typeof ZRegisterRequest>;

export const ZUpdateOrganisationRequest = z
  .strictObject({ name: ZOrganisationName, phone: ZPhone, address: ZAddressInput })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Tidak ada perubahan');

// --- members and invitations ---

export const ZMember = z.strictObject({
  userId: ZObjectId,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(ZRole),
  joinedAt: ZIsoDateTime,
});
export type TMember = z.infer<typeof ZMember>;

export const ZInvitation = z.strictObject({
  id: ZObjectId,
  email: z.string(),
  roles: z.array(ZRole),
  invitedBy: z.string(),
  expiresAt: ZIsoDateTime,
  createdAt: ZIsoDateTime,
});
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZListMembersResponse = z.strictObject({
  members: z.array(ZMember),
  invitations: z.array(ZInvitation),
});

export const ZRoles = z.array(ZRole).min(1, 'Pilih minimal satu peran').max(ROLES.length);

export const ZInviteMemberRequest = z.strictObject({ email: ZEmail, roles: ZRoles });
/** The link is returned so an admin can pass it on by WhatsApp until e-mail delivery exists. */
export const ZInviteMemberResponse = z.strictObject({ invitation: ZInvitation, acceptUrl: z.string() });

export const ZChangeMemberRolesRequest = z.strictObject({ roles: ZRoles });
export const ZMemberParams = z.strictObject({ userId: ZObjectId });
export const ZInvitationParams = z.strictObject({ invitationId: ZObjectId });

// --- Dinkop: verification of organisations ---

export const ZListOrganisationsQuery = ZPageQuery.extend({
  status: ZOrganisationStatus.optional(),
  kind: ZOrganisationKind.optional(),
  q: z.string().trim().max(100).optional(),
});
export const ZListOrganisationsResponse = ZPage(ZOrganisation);
export const ZOrganisationParams = z.strictObject({ organisationId: ZObjectId });
export const ZRejectOrganisationRequest = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10, 'Alasan minimal 10 karakter, agar pendaftar tahu apa yang harus diperbaiki')
    .max(1000),
});
