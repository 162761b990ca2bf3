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
      byName: actor.name,
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
            byUserId: actor.userId,
            byName: actor.name,
            byParty: partyOf(actor),
            at: now,
            reason: 'reason' in input ? input.reason : null,
          },
        },
      },
      [event],
    ),
    { returnDocument: 'after' },
  ).lean<SellerOrderDoc>();
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
  await settleReservations(updated);
  await publishNow(sellerOrderOutbox.source, updated._id, [event], [updated.outbox.length - 1]);
  announceOrderChange(updated);
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
