import fc from 'fast-check';
import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { releaseHolds, reserveLines, type HeldReservation } from './inventory.service';
import { StockLevelModel } from './order.models';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A checkout wants both products (quantities for A and B); a cancel gives one back, maybe twice at once. */
type Step =
  { kind: 'reserve'; checkouts: Array<[number, number]> } | { kind: 'cancel'; pick: number; twice: boolean };

const steps = fc.array(
  fc.oneof(
    // Several buyers at once, as concurrent requests.
    fc.record({
      kind: fc.constant('reserve' as const),
      checkouts: fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })), {
        minLength: 1,
        maxLength: 6,
      }),
    }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), twice: fc.boolean() }),
  ),
  { minLength: 1, maxLength: 15 },
);

it('random interleavings of concurrent checkouts and (repeated) cancellations keep reserved + available = initial', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
      steps,
      async (initialA, initialB, plan: Step[]) => {
        const sellerId = String(new Types.ObjectId());
        const products = [
          { productId: String(new Types.ObjectId()), initial: initialA },
          { productId: String(new Types.ObjectId()), initial: initialB },
        ];
        const held: Array<{ orderId: Types.ObjectId; taken: HeldReservation[] }> = [];
        for (const step of plan) {
          if (step.kind === 'reserve') {
            const results = await Promise.all(
              step.checkouts.map(async (quantities) => {
                const orderId = new Types.ObjectId();
                const lines = products.map(({ productId, initial }, i) => ({
                  sellerId,
                  productId,
                  quantity: quantities[i]!,
                  supply: { mode: 'stock' as const, stockOnHand: initial },
                }));
                return { orderId, result: await reserveLines(orderId, lines, []) };
              }),
            );
            for (const { orderId, result } of results) {
              // All or nothing: a checkout holds both lines or neither.
              if (result.ok) {
                expect(result.taken).toHaveLength(2);
                held.push({ orderId, taken: result.taken });
              } else {
                expect(result.short.length).toBeGreaterThan(0);
              }
            }
          } else if (held.length > 0) {
            const [checkout] = held.splice(step.pick % held.length, 1);
            const { orderId, taken } = checkout!;
            await Promise.all((step.twice ? [1, 2] : [1]).map(() => releaseHolds(orderId, taken)));
          }
          for (const [i, { productId, initial }] of products.entries()) {
            const level = await StockLevelModel.findOne({ organisationId: sellerId, productId }).lean();
            const heldUnits = held.reduce((sum, checkout) => sum + checkout.taken[i]!.quantity, 0);
            if (!level) {
              // Nothing was ever reserved: the counter does not exist yet.
              expect(heldUnits).toBe(0);
              continue;
            }
            expect(level).toMatchObject({
              onHand: initial,
              reserved: heldUnits,
              available: initial - heldUnits,
            });
            expect(level.available).toBeGreaterThanOrEqual(0);
            expect(level.holds.map((hold) => String(hold.orderId)).sort()).toEqual(
              held.map((checkout) => String(checkout.orderId)).sort(),
            );
          }
        }
      },
    ),
    { numRuns: 25 },
  );
}, 120_000);
