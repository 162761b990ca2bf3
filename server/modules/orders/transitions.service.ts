import type { z } from 'zod';
import type { ZConfirmReceiptRequest, ZShipOrderRequest } from '../../../shared/contracts/orders';
import {
  canMoveOrder,
  CONSUMING_MOVES,
  ORDER_MOVES,
  RELEASING_MOVES,
  type TOrderMove,
  type TOrderParty,
} from '../../../shared/states/order';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { consume, release, type Reservation } from './inventory.service';
import { SellerOrderModel, type SellerOrderDoc } from './order.models';
import { announceOrderChange } from './order-events';
import { orderEvent, sellerOrderOutbox } from './orders.outbox';
import { appendToOutbox, publishNow } from '../../platform/outbox';

export type MoveInput =
  | { reason: string }
  | z.output<typeof ZShipOrderRequest>
  | z.output<typeof ZConfirmReceiptRequest>
  | Record<string, never>;

const notFound = () => new AppError('NOT_FOUND', 'Pesanan tidak ditemukan.');

export function partyOf(actor: Actor): TOrderParty {
  if (actor.organisationKind === 'umkm') return 'seller';
  if (actor.organisationKind === 'buyer') return 'buyer';
  return 'dinkop';
}

/** The seller order as this caller may see it: the seller its own, the buyer its purchases, Dinkop any. */
export async function findSellerOrder(actor: Actor, sellerOrderId: string): Promise<SellerOrderDoc> {
  const party = partyOf(actor);
  const query =
    party === 'seller'
      ? SellerOrderModel.findOne({ _id: sellerOrderId, organisationId: actor.organisationId })
      : party === 'buyer'
        ? SellerOrderModel.findOne({
            _id: sellerOrderId,
            buyerOrganisationId: actor.organisationId,
          }).setOptions({
            crossTenant: true,
          })
        : SellerOrderModel.findOne({ _id: sellerOrderId }).setOptions({ crossTenant: true });
  const order = await query.lean<SellerOrderDoc>();
  if (!order) throw notFound();
  return order;
}

function reservationsOf(order: SellerOrderDoc): Reservation[] {
  return order.reservations.map((r) => ({
    productId: String(r.productId),
    week: r.week ?? null,
    quantity: r.quantity,
  }));
}

/** Who makes a move, as the history records it. */
interface Mover {
  userId: string | null;
  name: string;
  party: TOrderParty;
}

/**
 * One move of the seller order: checked against the shared state machine, written as one guarded
 * update (status and version as read) together with its history entry and its outbox event (notices
 * and reminders follow from the event, in a worker). Stock is given back or counted as sold after,
 * exactly once (see reservationsState).
 */
export async function moveSellerOrder(
  actor: Actor,
  sellerOrderId: string,
  move: TOrderMove,
  input: MoveInput,
  now = new Date(),
): Promise<SellerOrderDoc> {
  const order = await findSellerOrder(actor, sellerOrderId);
  const rule = ORDER_MOVES[move];
  if (rule.by !== partyOf(actor)) throw notFound();
  if (!canMoveOrder(move, order.status)) {
    throw new AppError('INVALID_STATE', 'Langkah ini tidak berlaku untuk status pesanan saat ini.', {
      currentStatus: order.status,
      allowedFrom: rule.from,
    });
  }
  const mover = { userId: actor.userId, name: actor.name, party: partyOf(actor) };
  const updated = await applyMove(order, move, input, mover, now);
  if (!updated) {
    const current = await findSellerOrder(actor, sellerOrderId);
    throw new AppError(
      'INVALID_STATE',
      'Pesanan baru saja berubah. Muat ulang untuk melihat status terbaru.',
      {
        currentStatus: current.status,
        allowedFrom: rule.from,
      },
    );
  }
  return updated;
}

const PLATFORM: Mover = { userId: null, name: 'Pasar UMKM', party: 'platform' };

/**
 * A move the platform makes on its own (payment received, payment window over). Idempotent: a seller
 * order already past the move's starting states is left as it is and null returned.
 */
export async function moveByPlatform(
  sellerOrderId: string,
  sellerOrganisationId: string,
  move: 'confirmPayment' | 'expirePayment',
  now = new Date(),
): Promise<SellerOrderDoc | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const order = await SellerOrderModel.findOne({
      _id: sellerOrderId,
      organisationId: sellerOrganisationId,
    }).lean<SellerOrderDoc>();
    if (!order || !canMoveOrder(move, order.status)) return null;
    const updated = await applyMove(order, move, {}, PLATFORM, now);
    if (updated) return updated;
  }
  throw new Error(`seller order ${sellerOrderId}: lost the guard for ${move} 5 times in a row`);
}

/** The guarded write of one move; null when the order changed since it was read. */
async function applyMove(
  order: SellerOrderDoc,
  move: TOrderMove,
  input: MoveInput,
  mover: Mover,
  now: Date,
): Promise<SellerOrderDoc | null> {
  const rule = ORDER_MOVES[move];
  const version = order.version + 1;
  const set: Record<string, unknown> = { status: rule.to, version };
  if (move === 'ship' && 'courier' in input) {
    set.shipment = { courier: input.courier, trackingNumber: input.trackingNumber, shippedAt: now };
  }
  if (move === 'confirmReceipt' && 'bastNumber' in input) {
    set.receipt = {
      bastNumber: input.bastNumber,
      note: input.note ?? null,
      receivedAt: now,
      byName: mover.name,
    };
  }
  if (RELEASING_MOVES.includes(move)) set.reservationsState = 'to_release';
  if (CONSUMING_MOVES.includes(move)) set.reservationsState = 'to_consume';

  const event = orderEvent(
    { _id: order._id, organisationId: order.organisationId, version, status: rule.to },
    move,
  );
  const updated = await SellerOrderModel.findOneAndUpdate(
    { _id: order._id, organisationId: order.organisationId, status: order.status, version: order.version },
    appendToOutbox(
      {
        $set: set,
        $push: {
          history: {
            move,
            from: order.status,
            to: rule.to,
            byUserId: mover.userId,
            byName: mover.name,
            byParty: mover.party,
            at: now,
            reason: 'reason' in input ? input.reason : null,
          },
        },
      },
      [event],
    ),
    { returnDocument: 'after' },
  ).lean<SellerOrderDoc>();
  if (!updated) return null;
  // The change is durable: open pages hear of it first, before the bookkeeping that follows it.
  announceOrderChange(updated);
  await settleReservations(updated);
  await publishNow(sellerOrderOutbox.source, updated._id, [event], [updated.outbox.length - 1]);
  return updated;
}

/** Applies a pending release or consumption to the inventory; the claim makes it happen once. */
export async function settleReservations(order: SellerOrderDoc): Promise<void> {
  for (const [pending, done, apply] of [
    ['to_release', 'released', release],
    ['to_consume', 'consumed', consume],
  ] as const) {
    if (order.reservationsState !== pending) continue;
    const claimed = await SellerOrderModel.updateOne(
      { _id: order._id, organisationId: order.organisationId, reservationsState: pending },
      { $set: { reservationsState: done } },
    );
    if (claimed.modifiedCount === 1) await apply(String(order.organisationId), reservationsOf(order));
  }
}
