/**
 * One function per API endpoint. Request bodies are the parsed output of the shared request schema
 * (forms validate before they call these), responses are parsed with the shared response schema.
 */
import type { z } from 'zod';
import {
  type ZAcceptInvitationRequest,
  type ZChangePasswordRequest,
  ZInvitationPreview,
  ZMeResponse,
  type ZSignInRequest,
  type ZUpdateMeRequest,
} from '@shared/contracts/accounts';
import {
  type ZChangeMemberRolesRequest,
  type ZInviteMemberRequest,
  ZInviteMemberResponse,
  ZListMembersResponse,
  type ZListOrganisationsQuery,
  ZListOrganisationsResponse,
  ZMember,
  ZOrganisation,
  type ZRegisterRequest,
  type ZRejectOrganisationRequest,
  type ZUpdateOrganisationRequest,
} from '@shared/contracts/organisations';
import {
  type ZCreateLegalityDocumentRequest,
  ZLegalityDocument,
  ZListLegalityDocumentsResponse,
} from '@shared/contracts/legality';
import { ZListRegionsResponse } from '@shared/contracts/regions';
import { type ZUpdateUmkmProfileRequest, ZUmkmProfile } from '@shared/contracts/umkm';
import { ApiError, apiJson, apiNoContent, apiUpload } from './client';

type Body<S extends z.ZodType> = z.infer<S>;
const seg = encodeURIComponent;

// --- public ---

export const listRegions = (parent: string | null, signal?: AbortSignal) =>
  apiJson('GET', '/api/regions', ZListRegionsResponse, { query: { parent }, signal });

export const register = (body: Body<typeof ZRegisterRequest>) =>
  apiJson('POST', '/api/registrations', ZMeResponse, { body });

export const signIn = (body: Body<typeof ZSignInRequest>) =>
  apiJson('POST', '/api/auth/sign-in', ZMeResponse, { body });

export const getInvitation = (token: string) =>
  apiJson('GET', `/api/invitations/${seg(token)}`, ZInvitationPreview);

export const acceptInvitation = (token: string, body: Body<typeof ZAcceptInvitationRequest>) =>
  apiJson('POST', `/api/invitations/${seg(token)}/accept`, ZMeResponse, { body });

// --- signed in ---

export const signOut = () => apiNoContent('POST', '/api/auth/sign-out');

/** The signed-in user, or null when nobody is signed in (not an error for this call). */
export async function getMe(): Promise<z.infer<typeof ZMeResponse> | null> {
  try {
    return await apiJson('GET', '/api/me', ZMeResponse);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}

export const updateMe = (body: Body<typeof ZUpdateMeRequest>) =>
  apiJson('PATCH', '/api/me', ZMeResponse, { body });

export const changePassword = (body: Body<typeof ZChangePasswordRequest>) =>
  apiNoContent('POST', '/api/me/password', { body });

export const getOrganisation = () => apiJson('GET', '/api/organisation', ZOrganisation);

export const updateOrganisation = (body: Body<typeof ZUpdateOrganisationRequest>) =>
  apiJson('PATCH', '/api/organisation', ZOrganisation, { body });

export const listMembers = () => apiJson('GET', '/api/organisation/members', ZListMembersResponse);

export const inviteMember = (body: Body<typeof ZInviteMemberRequest>) =>
  apiJson('POST', '/api/organisation/invitations', ZInviteMemberResponse, { body });

export const cancelInvitation = (invitationId: string) =>
  apiNoContent('DELETE', `/api/organisation/invitations/${seg(invitationId)}`);

export const changeMemberRoles = (userId: string, body: Body<typeof ZChangeMemberRolesRequest>) =>
  apiJson('PATCH', `/api/organisation/members/${seg(userId)}`, ZMember, { body });

export const removeMember = (userId: string) =>
  apiNoContent('DELETE', `/api/organisation/members/${seg(userId)}`);

// --- UMKM ---

export const getUmkmProfile = () => apiJson('GET', '/api/umkm/profile', ZUmkmProfile);

export const updateUmkmProfile = (body: Body<typeof ZUpdateUmkmProfileRequest>) =>
  apiJson('PATCH', '/api/umkm/profile', ZUmkmProfile, { body });

export const listLegalityDocuments = () =>
  apiJson('GET', '/api/legality/documents', ZListLegalityDocumentsResponse);

export const createLegalityDocument = (body: Body<typeof ZCreateLegalityDocumentRequest>) =>
  apiJson('POST', '/api/legality/documents', ZLegalityDocument, { body });

/** The scan's bytes as the request body; the server reads the real type from the content. */
export const uploadLegalityFile = (documentId: string, file: File) =>
  apiUpload('PUT', `/api/legality/documents/${seg(documentId)}/file`, ZLegalityDocument, file);

/** GET answers with the scan as an attachment: the href of a download link, not a fetch. */
export const legalityFileUrl = (documentId: string) => `/api/legality/documents/${seg(documentId)}/file`;

export const deleteLegalityDocument = (documentId: string) =>
  apiNoContent('DELETE', `/api/legality/documents/${seg(documentId)}`);

// --- Dinkop ---

export type OrganisationListFilters = Partial<Omit<z.infer<typeof ZListOrganisationsQuery>, 'cursor'>>;

export const listOrganisationsForDinkop = (
  filters: OrganisationListFilters,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  apiJson('GET', '/api/dinkop/organisations', ZListOrganisationsResponse, {
    query: { status: filters.status, kind: filters.kind, q: filters.q, limit: filters.limit, cursor },
    signal,
  });

export const getOrganisationForDinkop = (organisationId: string) =>
  apiJson('GET', `/api/dinkop/organisations/${seg(organisationId)}`, ZOrganisation);

export const verifyOrganisation = (organisationId: string) =>
  apiJson('POST', `/api/dinkop/organisations/${seg(organisationId)}/verify`, ZOrganisation);

export const rejectOrganisation = (organisationId: string, body: Body<typeof ZRejectOrganisationRequest>) =>
  apiJson('POST', `/api/dinkop/organisations/${seg(organisationId)}/reject`, ZOrganisation, { body });

/** Query keys in one place so invalidation cannot miss a spelling. */
export const queryKeys = {
  me: ['me'] as const,
  organisation: ['organisation'] as const,
  members: ['organisation', 'members'] as const,
  regions: (parent: string | null) => ['regions', parent ?? 'root'] as const,
  invitation: (token: string) => ['invitation', token] as const,
  dinkopOrganisations: (filters: OrganisationListFilters) => ['dinkop', 'organisations', filters] as const,
  dinkopAll: ['dinkop'] as const,
  umkmProfile: ['umkm', 'profile'] as const,
  legalityDocuments: ['legality', 'documents'] as const,
};
