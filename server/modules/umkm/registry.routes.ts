import {
  ZUmkmRegistryDetail,
  ZUmkmRegistryPage,
  ZUmkmRegistryQuery,
  ZUmkmRegistrySummary,
  ZUmkmRegistrySummaryQuery,
} from '../../../shared/contracts/registry';
import { ZUmkmParams } from '../../../shared/contracts/umkm';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { presentRegistryEntry, presentRegistryProduct } from './registry.presenter';
import * as registry from './registry.service';

// Every Dinkop role reads the registry; downloading scans stays with admins and curators (legality routes).
const dinkop = signedIn({ organisationKinds: ['dinkop'] });

export function registryRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/dinkop/registry',
      summary: 'Every UMKM with product counts, documents and whether its legality is complete today (WIB)',
      tag: 'dinkop',
      access: dinkop,
      query: ZUmkmRegistryQuery,
      response: ZUmkmRegistryPage,
      handler: async ({ query }) => {
        const page = await registry.listRegistry(query);
        return { items: page.items.map(presentRegistryEntry), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dinkop/registry/summary',
      summary: 'Number of UMKM, legality coverage of verified UMKM today, UMKM with documents expiring soon',
      tag: 'dinkop',
      access: dinkop,
      query: ZUmkmRegistrySummaryQuery,
      response: ZUmkmRegistrySummary,
      handler: async ({ query }) => registry.registrySummary(query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dinkop/registry/umkm/:organisationId',
      summary: "One UMKM's registry entry with its documents (expiry status today) and products",
      tag: 'dinkop',
      access: dinkop,
      params: ZUmkmParams,
      response: ZUmkmRegistryDetail,
      handler: async ({ params }) => {
        const { standing, documents } = await registry.registryDetail(params.organisationId);
        return {
          entry: presentRegistryEntry(standing),
          documents,
          products: standing.products.map(presentRegistryProduct),
        };
      },
    }),
  ];
}
