import {
  ZDeliveryRequest,
  ZDisplayPoint,
  ZDisplayPointParams,
  ZDisplayPointRequest,
  ZDisplaySale,
  ZExpiringQuery,
  ZExpiringResponse,
  ZListDisplayPointsResponse,
  ZListMovementsResponse,
  ZListSalesResponse,
  ZListStockResponse,
  ZMovement,
  ZMovementsQuery,
  ZSaleRequest,
  ZSalesQuery,
  ZSettlementQuery,
  ZSettlementResponse,
  ZStockCountRequest,
  ZStockOutRequest,
  ZStockQuery,
} from '../../../shared/contracts/consignment';
import { ZIdempotencyKey } from '../../../shared/contracts/orders';
import { AppError, zodIssues } from '../../platform/http/errors';
import { binary, defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import * as queries from './consignment.queries';
import { sellerScope } from './consignment.policy';
import { presentMovement, presentPoint, presentSale, presentStock } from './consignment.presenter';
import * as points from './points.service';
import * as stock from './stock.service';

/** Dinkop staff and sellers read the points; sellers see only their own stock, sales and settlements. */
const readers = signedIn({ organisationKinds: ['dinkop', 'umkm'] });
const dinkopAdmins = signedIn({ organisationKinds: ['dinkop'], roles: ['admin'] });
/**
 * Entries at a point: Dinkop users who may be its operator (analysts only read) and sellers' members.
 * Which point and which products is decided per point in consignment.policy.
 */
const enterers = signedIn({
  organisationKinds: ['dinkop', 'umkm'],
  roles: ['admin', 'curator', 'owner', 'staff'],
});

export function consignmentRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/consignment/points',
      summary: 'Galeri and pojok UMKM display points, by name',
      tag: 'consignment',
      access: readers,
      response: ZListDisplayPointsResponse,
      handler: async () => ({ items: (await points.listPoints()).map(presentPoint) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/consignment/points',
      summary: 'Add a display point (Dinkop admin): kind, kecamatan, operator, commission',
      tag: 'consignment',
      access: dinkopAdmins,
      body: ZDisplayPointRequest,
      response: ZDisplayPoint,
      status: 201,
      handler: async ({ body }) => presentPoint(await points.createPoint(body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/consignment/points/:pointId',
      summary: 'One display point',
      tag: 'consignment',
      access: readers,
      params: ZDisplayPointParams,
      response: ZDisplayPoint,
      handler: async ({ params }) => presentPoint(await points.getPoint(params.pointId)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/consignment/points/:pointId',
      summary: 'Replace a display point (Dinkop admin); a new commission applies to later sales',
      tag: 'consignment',
      access: dinkopAdmins,
      params: ZDisplayPointParams,
      body: ZDisplayPointRequest,
      response: ZDisplayPoint,
      handler: async ({ params, body }) => presentPoint(await points.updatePoint(params.pointId, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/consignment/points/:pointId',
      summary: 'Remove an empty display point (Dinkop admin)',
      tag: 'consignment',
      access: dinkopAdmins,
      params: ZDisplayPointParams,
      response: null,
      handler: async ({ params }) => points.deletePoint(params.pointId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/consignment/points/:pointId/deliveries',
      summary: 'Delivered in, with its delivery note (the seller, or the operator for a seller)',
      tag: 'consignment',
      access: enterers,
      params: ZDisplayPointParams,
      body: ZDeliveryRequest,
      response: ZMovement,
      status: 201,
      handler: async ({ actor, params, body }) =>
        presentMovement(await stock.recordDelivery(actor, params.pointId, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/consignment/points/:pointId/stock-outs',
      summary: 'Returned to the seller or written off as expired/damaged; 409 when more than is there',
      tag: 'consignment',
      access: enterers,
      params: ZDisplayPointParams,
      body: ZStockOutRequest,
      response: ZMovement,
      status: 201,
      handler: async ({ actor, params, body }) =>
        presentMovement(await stock.recordStockOut(actor, params.pointId, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/consignment/points/:pointId/counts',
      summary: 'Stock opname: the counted quantity replaces the recorded one; the difference is logged',
      tag: 'consignment',
      access: enterers,
      params: ZDisplayPointParams,
      body: ZStockCountRequest,
      response: ZMovement,
      status: 201,
      handler: async ({ actor, params, body }) =>
        presentMovement(await stock.recordCount(actor, params.pointId, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/consignment/points/:pointId/sales',
      summary:
        'Record a sale (Idempotency-Key header = the sale id; a retry records once); 409 with what is there',
      tag: 'consignment',
      access: enterers,
      params: ZDisplayPointParams,
      body: ZSaleRequest,
      response: ZDisplaySale,
      status: 201,
      handler: async ({ actor, params, body, req, res }) => {
        const key = ZIdempotencyKey.safeParse(req.get('idempotency-key'));
        if (!key.success) {
          throw new AppError('VALIDATION_FAILED', key.error.issues[0]!.message, {
            issues: zodIssues(key.error).issues.map((issue) => ({ ...issue, path: ['Idempotency-Key'] })),
          });
        }
        const recorded = await stock.recordSale(actor, params.pointId, key.data, body);
        if (recorded.replayed) res.setHeader('Idempotent-Replayed', 'true');
        return presentSale(recorded.sale);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/consignment/stock',
      summary: 'Consignment stock per point and product (sellers: their own)',
      tag: 'consignment',
      access: readers,
      query: ZStockQuery,
      response: ZListStockResponse,
      handler: async ({ actor, query }) => ({
        items: (await queries.listStock(sellerScope(actor, query.sellerOrganisationId), query)).map(
          presentStock,
        ),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/consignment/movements',
      summary: 'The movement log, newest first (sellers: their own)',
      tag: 'consignment',
      access: readers,
      query: ZMovementsQuery,
      response: ZListMovementsResponse,
      handler: async ({ actor, query }) => {
        const page = await queries.listMovements(sellerScope(actor, query.sellerOrganisationId), query);
        return { items: page.items.map(presentMovement), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/consignment/sales',
      summary: "A month's display sales, newest first (sellers: their own)",
      tag: 'consignment',
      access: readers,
      query: ZSalesQuery,
      response: ZListSalesResponse,
      handler: async ({ actor, query }) => {
        const sales = await queries.listSales(sellerScope(actor, query.sellerOrganisationId), query);
        return { items: sales.items.map(presentSale), truncated: sales.truncated };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/consignment/settlements',
      summary: 'Monthly settlement per seller and point: sold × consignment price − commission',
      tag: 'consignment',
      access: readers,
      query: ZSettlementQuery,
      response: ZSettlementResponse,
      handler: async ({ actor, query }) => ({
        month: query.month,
        rows: await queries.settlement(sellerScope(actor, query.sellerOrganisationId), query),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/consignment/settlements.csv',
      summary: 'The monthly settlement as a CSV (Indonesian headers, whole rupiah, WIB month)',
      tag: 'consignment',
      access: readers,
      query: ZSettlementQuery,
      response: binary,
      handler: async ({ actor, query }) => {
        const seller = sellerScope(actor, query.sellerOrganisationId);
        return queries.settlementCsv(query.month, await queries.settlement(seller, query), seller);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/consignment/expiring',
      summary: 'Stock on hand past or within N days of its best-before date (sellers: their own)',
      tag: 'consignment',
      access: readers,
      query: ZExpiringQuery,
      response: ZExpiringResponse,
      handler: async ({ actor, query }) => ({
        days: query.days,
        items: await queries.expiringStock(sellerScope(actor, query.sellerOrganisationId), query),
      }),
    }),
  ];
}
