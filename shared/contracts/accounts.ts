import { z } from 'zod';
import { ZEmail, ZIsoDateTime, ZNewPassword, ZObjectId, ZPersonName, ZPhone } from './common';
import { ZOrganisationKind, ZOrganisationStatus, ZBuyerType, ZRole } from './organisations';

export const LOCALES = ['id', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

export const ZSignInRequest = z.strictObject({
  email: ZEmail,
  // Not ZNewPassword: an old password that predates today's rules must still sign in.
  password: z.string().min(1, 'Kata sandi wajib diisi').max(128),
});

/** Whether notices also reach this person by e-mail and by WhatsApp (in-app notices always do). */
export const ZNoticeChannels = z.strictObject({ email: z.boolean(), whatsapp: z.boolean() });

export const ZUser = z.strictObject({
  id: ZObjectId,
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  locale: ZLocale,
  roles: z.array(ZRole),
  notices: ZNoticeChannels,
});

/** Who is signed in and for which organisation: what the client needs to draw its home and menus. */
export const ZMeResponse = z.strictObject({
  user: ZUser,
  organisation: z.strictObject({
    id: ZObjectId,
    kind: ZOrganisationKind,
    buyerType: ZBuyerType.nullable(),
    name: z.string(),
    status: ZOrganisationStatus,
  }),
});
export type TMeResponse = z.infer<typeof ZMeResponse>;

export const ZUpdateMeRequest = z
  .strictObject({ name: ZPersonName, phone: ZPhone, locale: ZLocale, notices: ZNoticeChannels.partial() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Tidak ada perubahan');

export const ZChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: ZNewPassword,
});

export const ZInvitationTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/) });
export const ZInvitationPreview = z.strictObject({
  organisationName: z.string(),
  organisationKind: ZOrganisationKind,
  email: z.string(),
  roles: z.array(ZRole),
  expiresAt: ZIsoDateTime,
});
export type TInvitationPreview = z.infer<typeof ZInvitationPreview>;
export const ZAcceptInvitationRequest = z.strictObject({
  name: ZPersonName,
  phone: ZPhone.optional(),
  password: ZNewPassword,
});
