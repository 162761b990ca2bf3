import {
  ZCreditLine,
  ZCreditLineParams,
  ZCreditLineRequest,
  ZListCreditLinesQuery,
  ZListCreditLinesResponse,
  ZMyCreditLineResponse,
} from '../../../shared/contracts/credit';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { presentCreditLine } from './credit.presenter';
import { creditLineOf, listCreditLines, setCreditLine } from './credit.service';

/** Terms and limits are Dinkop's decision; analysts watch them; every buyer member sees their own. */
const dinkopAdmins = signedIn({ organisationKinds: ['dinkop'], roles: ['admin'] });
const dinkopReaders = signedIn({ organisationKinds: ['dinkop'], roles: ['admin', 'analyst'] });
const buyerMembers = signedIn({ organisationKinds: ['buyer'] });

export function creditRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/organisation/credit-line',
      summary: "The buyer organisation's credit line on terms: term, limit, what is owed and what is left",
      tag: 'credit',
      access: buyerMembers,
      response: ZMyCreditLineResponse,
      handler: async ({ actor }) => {
        const line = await creditLineOf(actor.organisationId);
        return { creditLine: line ? presentCreditLine(line) : null };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/credit-lines',
      summary: 'Every credit line on terms, last changed first (Dinkop admin and analyst)',
      tag: 'credit',
      access: dinkopReaders,
      query: ZListCreditLinesQuery,
      response: ZListCreditLinesResponse,
      handler: async ({ query }) => {
        const page = await listCreditLines(query);
        return { items: page.items.map(presentCreditLine), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/organisations/:organisationId/credit-line',
      summary:
        'Set a verified koperasi, company or government office’s terms (14/30/45 days) and credit limit (Dinkop admin)',
      tag: 'credit',
      access: dinkopAdmins,
      params: ZCreditLineParams,
      body: ZCreditLineRequest,
      response: ZCreditLine,
      handler: async ({ actor, params, body }) =>
        presentCreditLine(await setCreditLine(actor, params.organisationId, body)),
    }),
  ];
}
