import type { z } from 'zod';
import {
  ZBuyerOrder,
  ZCart,
  ZCartLineParams,
  ZConfirmReceiptRequest,
  ZIdempotencyKey,
  ZListBuyerOrdersResponse,
  ZListSellerOrdersQuery,
  ZListSellerOrdersResponse,
  ZOrderParams,
  ZOrderReasonRequest,
  ZPlaceOrderRequest,
  ZSellerOrder,
  ZSellerOrderParams,
  ZSetCartLineRequest,
  ZShipOrderRequest,
} from '../../../shared/contracts/orders';
import { ZPageQuery } from '../../../shared/contracts/common';
import { ORDER_MOVES, type TOrderMove } from '../../../shared/states/order';
import { AppError, zodIssues } from '../../platform/http/errors';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import * as cart from './cart.service';
import { presentBuyerOrder, presentCart, presentSellerOrder } from './orders.presenter';
import { getBuyerOrderWithParts, listBuyerOrders, listSellerOrders } from './orders.queries';
import { DEFAULT_PLACEMENT_SETTINGS, placeOrder, type PlacementSettings } from './placement.service';
import { findSellerOrder, moveSellerOrder, type MoveInput } from './transitions.service';

/** Who buys: the buyer organisation's purchasers and admins. Everyone in it may read its orders. */
const purchasers = signedIn({ organisationKinds: ['buyer'], roles: ['admin', 'purchaser'] });
const buyerMembers = signedIn({ organisationKinds: ['buyer'] });
const sellers = signedIn({ organisationKinds: ['umkm'], roles: ['owner', 'staff'] });

const PARTY_KIND = { seller: 'umkm', buyer: 'buyer', dinkop: 'dinkop' } as const;

/** The moves people make; the platform's own (payment received or expired) have no route. */
type PersonMove = Exclude<TOrderMove, 'confirmPayment' | 'expirePayment'>;
const PERSON_MOVES = (Object.keys(ORDER_MOVES) as TOrderMove[]).filter(
  (move): move is PersonMove => ORDER_MOVES[move].by !== 'platform',
);

/** Who may make a move: the party and roles the shared state machine names (the client reads the same). */
function moveAccess(move: PersonMove) {
  const rule = ORDER_MOVES[move];
  return signedIn({ organisationKinds: [PARTY_KIND[rule.by]], roles: rule.roles });
}

const MOVE_BODIES: Partial<Record<TOrderMove, z.ZodType<MoveInput>>> = {
  reject: ZOrderReasonRequest,
  cancelBySeller: ZOrderReasonRequest,
  cancelByBuyer: ZOrderReasonRequest,
  cancelByDinkop: ZOrderReasonRequest,
  ship: ZShipOrderRequest,
  confirmReceipt: ZConfirmReceiptRequest,
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function moveRoute(move: PersonMove): AnyRoute {
  const rule = ORDER_MOVES[move];
  return defineRoute({
    method: 'post',
    path: `/api/seller-orders/:sellerOrderId/${kebab(move)}`,
    summary: `Seller order: ${move} (${rule.by}; from ${rule.from.join(', ')} to ${rule.to})`,
    tag: 'orders',
    access: moveAccess(move),
    params: ZSellerOrderParams,
    body: MOVE_BODIES[move],
    response: ZSellerOrder,
    handler: async ({ actor, params, body }) =>
      presentSellerOrder(await moveSellerOrder(actor, params.sellerOrderId, move, (body ?? {}) as MoveInput)),
  });
}

export function orderRoutes(settings: PlacementSettings = DEFAULT_PLACEMENT_SETTINGS): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/cart',
      summary: 'My cart, priced now: lines grouped by seller, tier prices and savings, what needs fixing',
      tag: 'orders',
      access: purchasers,
      response: ZCart,
      handler: async ({ actor }) => presentCart(await cart.getCart(actor)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/cart/lines/:productId',
      summary: 'Put a product in my cart at this quantity',
      tag: 'orders',
      access: purchasers,
      params: ZCartLineParams,
      body: ZSetCartLineRequest,
      response: ZCart,
      handler: async ({ actor, params, body }) =>
        presentCart(await cart.setCartLine(actor, params.productId, body.quantity)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/cart/lines/:productId',
      summary: 'Take a product out of my cart',
      tag: 'orders',
      access: purchasers,
      params: ZCartLineParams,
      response: ZCart,
      handler: async ({ actor, params }) => {
        if ((await cart.removeCartLines(actor, [params.productId])) === 0) {
          throw new AppError('NOT_FOUND', 'Produk ini tidak ada di keranjang Anda.');
        }
        return presentCart(await cart.getCart(actor));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/orders',
      summary:
        'Place an order (Idempotency-Key header required): reserves every line, splits it per UMKM; 409 lists short lines',
      tag: 'orders',
      access: purchasers,
      body: ZPlaceOrderRequest,
      response: ZBuyerOrder,
      status: 201,
      handler: async ({ actor, body, req, res }) => {
        const key = ZIdempotencyKey.safeParse(req.get('idempotency-key'));
        if (!key.success) {
          throw new AppError('VALIDATION_FAILED', key.error.issues[0]!.message, {
            issues: zodIssues(key.error).issues.map((issue) => ({ ...issue, path: ['Idempotency-Key'] })),
          });
        }
        const placed = await placeOrder(actor, key.data, body, new Date(), settings);
        if (placed.replayed) res.setHeader('Idempotent-Replayed', 'true');
        if (placed.parts) return presentBuyerOrder(placed.order, placed.parts);
        const { order, parts } = await getBuyerOrderWithParts(actor, String(placed.order._id));
        return presentBuyerOrder(order, parts);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/orders',
      summary: "My organisation's orders, newest first",
      tag: 'orders',
      access: buyerMembers,
      query: ZPageQuery,
      response: ZListBuyerOrdersResponse,
      handler: async ({ actor, query }) => {
        const page = await listBuyerOrders(actor, query);
        return {
          items: page.items.map((order) => presentBuyerOrder(order, page.parts)),
          nextCursor: page.nextCursor,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/orders/:orderId',
      summary: 'One order of my organisation, with each seller part and its timeline',
      tag: 'orders',
      access: buyerMembers,
      params: ZOrderParams,
      response: ZBuyerOrder,
      handler: async ({ actor, params }) => {
        const { order, parts } = await getBuyerOrderWithParts(actor, params.orderId);
        return presentBuyerOrder(order, parts);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/seller-orders',
      summary: "The UMKM's order inbox, newest first",
      tag: 'orders',
      access: sellers,
      query: ZListSellerOrdersQuery,
      response: ZListSellerOrdersResponse,
      handler: async ({ actor, query }) => {
        const page = await listSellerOrders(actor, query);
        return { items: page.items.map(presentSellerOrder), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/seller-orders/:sellerOrderId',
      summary: 'One seller order: its seller, its buyer, or Dinkop',
      tag: 'orders',
      access: signedIn(),
      params: ZSellerOrderParams,
      response: ZSellerOrder,
      handler: async ({ actor, params }) =>
        presentSellerOrder(await findSellerOrder(actor, params.sellerOrderId)),
    }),
    ...PERSON_MOVES.map(moveRoute),
  ];
}
