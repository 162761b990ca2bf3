import { ZListRegionsQuery, ZListRegionsResponse } from '../../../shared/contracts/regions';
import { anyone, defineRoute } from '../../platform/http/route';
import { listRegions } from './regions.service';

export const regionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/regions',
    summary: 'List provinces, or the children of a province, kabupaten/kota or kecamatan',
    tag: 'regions',
    // Registration forms need it before anyone has an account.
    access: anyone,
    query: ZListRegionsQuery,
    response: ZListRegionsResponse,
    handler: async ({ query }) => ({ items: await listRegions(query.parent) }),
  }),
];
