import {
  ZSetProgrammeTagsRequest,
  ZUmkmParams,
  ZUmkmProfile,
  ZUpdateUmkmProfileRequest,
} from '../../../shared/contracts/umkm';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { presentUmkmProfile } from './umkm.presenter';
import * as umkm from './umkm.service';

export function umkmRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/umkm/profile',
      summary: "The UMKM's business profile (NIB, NPWP, PKP, category, payout account, story, programmes)",
      tag: 'umkm',
      access: signedIn({ organisationKinds: ['umkm'] }),
      response: ZUmkmProfile,
      handler: async ({ actor }) =>
        presentUmkmProfile(actor.organisationId, await umkm.getProfile(actor.organisationId)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/umkm/profile',
      summary: 'Edit the business profile (owner only: it holds the payout account)',
      tag: 'umkm',
      access: signedIn({ organisationKinds: ['umkm'], roles: ['owner'] }),
      body: ZUpdateUmkmProfileRequest,
      response: ZUmkmProfile,
      handler: async ({ actor, body }) =>
        presentUmkmProfile(actor.organisationId, await umkm.updateProfile(actor, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dinkop/umkm/:organisationId/profile',
      summary: "A UMKM's business profile, for Dinkop",
      tag: 'dinkop',
      access: signedIn({ organisationKinds: ['dinkop'] }),
      params: ZUmkmParams,
      response: ZUmkmProfile,
      handler: async ({ params }) => {
        return presentUmkmProfile(
          params.organisationId,
          await umkm.getProfileForDinkop(params.organisationId),
        );
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/dinkop/umkm/:organisationId/programmes',
      summary: 'Set the Dinkop programmes a UMKM takes part in (Bela Beli Produk UMKM, OVOP, …)',
      tag: 'dinkop',
      access: signedIn({ organisationKinds: ['dinkop'], roles: ['admin', 'curator'] }),
      params: ZUmkmParams,
      body: ZSetProgrammeTagsRequest,
      response: ZUmkmProfile,
      handler: async ({ params, body }) => {
        return presentUmkmProfile(
          params.organisationId,
          await umkm.setProgrammeTags(params.organisationId, body.tags),
        );
      },
    }),
  ];
}
