import {
  ZAcceptInvitationRequest,
  ZChangePasswordRequest,
  ZInvitationPreview,
  ZInvitationTokenParams,
  ZMeResponse,
  ZSignInRequest,
  ZUpdateMeRequest,
} from '../../../shared/contracts/accounts';
import {
  ZChangeMemberRolesRequest,
  ZInvitationParams,
  ZInviteMemberRequest,
  ZInviteMemberResponse,
  ZListMembersResponse,
  ZListOrganisationsQuery,
  ZListOrganisationsResponse,
  ZMember,
  ZMemberParams,
  ZOrganisation,
  ZOrganisationParams,
  ZRegisterRequest,
  ZRejectOrganisationRequest,
  ZUpdateOrganisationRequest,
} from '../../../shared/contracts/organisations';
import { anyone, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { assertOrganisationAdmin } from './accounts.policy';
import {
  presentInvitation,
  presentInvitationPreview,
  presentMe,
  presentMember,
  presentOrganisation,
} from './accounts.presenter';
import * as accounts from './accounts.service';
import type { AccountsSettings } from './accounts.settings';
import { deliveryLocationRoutes } from './delivery-locations.routes';
import * as organisations from './organisations.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { revokeSession } from './sessions.service';

const dinkopStaff = signedIn({ organisationKinds: ['dinkop'], roles: ['admin', 'curator'] });
const dinkopAdmin = signedIn({ organisationKinds: ['dinkop'], roles: ['admin'] });

export function accountRoutes(settings: AccountsSettings): AnyRoute[] {
  return [
    // --- registration and sessions ---
    defineRoute({
      method: 'post',
      path: '/api/registrations',
      summary: 'Register a buyer organisation or UMKM with its first admin/owner, and sign in',
      tag: 'accounts',
      access: anyone,
      rateLimit: 'auth',
      body: ZRegisterRequest,
      response: ZMeResponse,
      status: 201,
      handler: async ({ body, req, res }) => {
        const signedInAs = await accounts.register(body, settings, req.get('user-agent'));
        setSessionCookie(res, signedInAs.session, settings);
        return presentMe(signedInAs.user, signedInAs.organisation);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-in',
      summary: 'Sign in with e-mail and password',
      tag: 'accounts',
      access: anyone,
      rateLimit: 'auth',
      body: ZSignInRequest,
      response: ZMeResponse,
      handler: async ({ body, req, res }) => {
        const signedInAs = await accounts.signIn(body, settings, req.get('user-agent'));
        setSessionCookie(res, signedInAs.session, settings);
        return presentMe(signedInAs.user, signedInAs.organisation);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-out',
      summary: 'End this session',
      tag: 'accounts',
      access: signedIn(),
      response: null,
      handler: async ({ actor, res }) => {
        await revokeSession(actor.sessionId);
        clearSessionCookie(res, settings);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      summary: 'The signed-in user and organisation',
      tag: 'accounts',
      access: signedIn(),
      response: ZMeResponse,
      handler: async ({ actor }) => {
        const { user, organisation } = await accounts.loadMe(actor);
        return presentMe(user, organisation);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/me',
      summary: 'Change own name, phone or language',
      tag: 'accounts',
      access: signedIn(),
      body: ZUpdateMeRequest,
      response: ZMeResponse,
      handler: async ({ actor, body }) => {
        const { user, organisation } = await accounts.updateMe(actor, body);
        return presentMe(user, organisation);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/password',
      summary: 'Change password; every other session of the user ends',
      tag: 'accounts',
      access: signedIn(),
      rateLimit: 'auth',
      body: ZChangePasswordRequest,
      response: null,
      handler: async ({ actor, body, req, res }) => {
        const session = await accounts.changePassword(actor, body, settings, req.get('user-agent'));
        setSessionCookie(res, session, settings);
      },
    }),

    // --- invitations (the invitee has no account yet) ---
    defineRoute({
      method: 'get',
      path: '/api/invitations/:token',
      summary: 'What an invitation link offers',
      tag: 'accounts',
      access: anyone,
      rateLimit: 'auth',
      params: ZInvitationTokenParams,
      response: ZInvitationPreview,
      handler: async ({ params }) => {
        const { invitation, organisation } = await accounts.previewInvitation(params.token);
        return presentInvitationPreview(invitation, organisation);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/invitations/:token/accept',
      summary: 'Accept an invitation: create the account and sign in',
      tag: 'accounts',
      access: anyone,
      rateLimit: 'auth',
      params: ZInvitationTokenParams,
      body: ZAcceptInvitationRequest,
      response: ZMeResponse,
      status: 201,
      handler: async ({ params, body, req, res }) => {
        const signedInAs = await accounts.acceptInvitation(
          params.token,
          body,
          settings,
          req.get('user-agent'),
        );
        setSessionCookie(res, signedInAs.session, settings);
        return presentMe(signedInAs.user, signedInAs.organisation);
      },
    }),

    // --- own organisation ---
    defineRoute({
      method: 'get',
      path: '/api/organisation',
      summary: "The caller's organisation profile",
      tag: 'organisations',
      access: signedIn(),
      response: ZOrganisation,
      handler: async ({ actor }) =>
        presentOrganisation(await organisations.getOrganisation(actor.organisationId)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/organisation',
      summary: 'Edit the organisation profile (org admin); a rejected organisation returns to verification',
      tag: 'organisations',
      access: signedIn(),
      body: ZUpdateOrganisationRequest,
      response: ZOrganisation,
      handler: async ({ actor, body }) => {
        assertOrganisationAdmin(actor);
        return presentOrganisation(await organisations.updateOrganisation(actor, body));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/organisation/members',
      summary: 'Members and pending invitations of the caller’s organisation',
      tag: 'organisations',
      access: signedIn(),
      response: ZListMembersResponse,
      handler: async ({ actor }) => {
        const { members, invitations } = await organisations.listMembers(actor);
        return { members: members.map(presentMember), invitations: invitations.map(presentInvitation) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/organisation/invitations',
      summary: 'Invite a member by e-mail (org admin); returns the link to pass on',
      tag: 'organisations',
      access: signedIn(),
      body: ZInviteMemberRequest,
      response: ZInviteMemberResponse,
      status: 201,
      handler: async ({ actor, body }) => {
        assertOrganisationAdmin(actor);
        const { invitation, acceptUrl } = await organisations.inviteMember(actor, body, settings);
        return { invitation: presentInvitation(invitation), acceptUrl };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/organisation/invitations/:invitationId',
      summary: 'Cancel a pending invitation (org admin)',
      tag: 'organisations',
      access: signedIn(),
      params: ZInvitationParams,
      response: null,
      handler: async ({ actor, params }) => {
        assertOrganisationAdmin(actor);
        await organisations.cancelInvitation(actor, params.invitationId);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/organisation/members/:userId',
      summary: "Change a member's roles (org admin); the last admin cannot be demoted",
      tag: 'organisations',
      access: signedIn(),
      params: ZMemberParams,
      body: ZChangeMemberRolesRequest,
      response: ZMember,
      handler: async ({ actor, params, body }) => {
        assertOrganisationAdmin(actor);
        return presentMember(await organisations.changeMemberRoles(actor, params.userId, body.roles));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/organisation/members/:userId',
      summary: 'Remove a member (org admin); the last admin cannot be removed',
      tag: 'organisations',
      access: signedIn(),
      params: ZMemberParams,
      response: null,
      handler: async ({ actor, params }) => {
        assertOrganisationAdmin(actor);
        await organisations.removeMember(actor, params.userId);
      },
    }),
    ...deliveryLocationRoutes(),

    // --- Dinkop verification ---
    defineRoute({
      method: 'get',
      path: '/api/dinkop/organisations',
      summary: 'Organisations for verification, oldest first',
      tag: 'dinkop',
      access: dinkopStaff,
      query: ZListOrganisationsQuery,
      response: ZListOrganisationsResponse,
      handler: async ({ query }) => {
        const page = await organisations.listOrganisations(query);
        return { items: page.items.map(presentOrganisation), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dinkop/organisations/:organisationId',
      summary: 'One organisation, for verification',
      tag: 'dinkop',
      access: dinkopStaff,
      params: ZOrganisationParams,
      response: ZOrganisation,
      handler: async ({ params }) =>
        presentOrganisation(await organisations.getOrganisation(params.organisationId)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/dinkop/organisations/:organisationId/verify',
      summary: 'Verify an organisation so it may trade',
      tag: 'dinkop',
      access: dinkopAdmin,
      params: ZOrganisationParams,
      response: ZOrganisation,
      handler: async ({ actor, params }) =>
        presentOrganisation(await organisations.verifyOrganisation(params.organisationId, actor)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/dinkop/organisations/:organisationId/reject',
      summary: 'Reject an organisation, with the reason shown to it',
      tag: 'dinkop',
      access: dinkopAdmin,
      params: ZOrganisationParams,
      body: ZRejectOrganisationRequest,
      response: ZOrganisation,
      handler: async ({ actor, params, body }) =>
        presentOrganisation(
          await organisations.rejectOrganisation(params.organisationId, actor, body.reason),
        ),
    }),
  ];
}
