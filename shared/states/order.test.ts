import fc from 'fast-check';
import {
  canMoveOrder,
  deriveBuyerOrderStatus,
  FINAL_SELLER_ORDER_STATUSES,
  ORDER_MOVE_NAMES,
  ORDER_MOVES,
  SELLER_ORDER_STATUSES,
} from './order';

it('final statuses have no way out, and every other status has one', () => {
  for (const status of SELLER_ORDER_STATUSES) {
    const exits = ORDER_MOVE_NAMES.filter((move) => canMoveOrder(move, status));
    expect({ status, final: exits.length === 0 }).toEqual({
      status,
      final: FINAL_SELLER_ORDER_STATUSES.includes(status),
    });
  }
});

it('a buyer cannot cancel once the seller accepted; a seller cannot cancel goods on the road', () => {
  expect(canMoveOrder('cancelByBuyer', 'accepted')).toBe(false);
  expect(canMoveOrder('cancelBySeller', 'shipped')).toBe(false);
  expect(ORDER_MOVES.ship.from).toEqual(['ready_to_ship']);
});

it('derives the buyer order status from its parts', () => {
  expect(deriveBuyerOrderStatus(['placed', 'placed'])).toBe('placed');
  expect(deriveBuyerOrderStatus(['placed', 'accepted'])).toBe('in_progress');
  expect(deriveBuyerOrderStatus(['rejected', 'cancelled'])).toBe('cancelled');
  expect(deriveBuyerOrderStatus(['rejected', 'delivered'])).toBe('delivered');
  expect(deriveBuyerOrderStatus(['received', 'completed'])).toBe('received');
  expect(deriveBuyerOrderStatus(['completed', 'cancelled'])).toBe('completed');
});

it('a buyer order is cancelled exactly when none of its parts is alive', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...SELLER_ORDER_STATUSES), { minLength: 1, maxLength: 12 }),
      (parts) => {
        const dead = parts.every((status) => status === 'rejected' || status === 'cancelled');
        expect(deriveBuyerOrderStatus(parts) === 'cancelled').toBe(dead);
      },
    ),
  );
});
