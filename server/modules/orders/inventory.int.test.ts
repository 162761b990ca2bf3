import fc from 'fast-check';
import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { release, reserveStock, type Reservation } from './inventory.service';
import { StockLevelModel } from './order.models';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Step = { kind: 'reserve'; quantities: number[] } | { kind: 'cancel'; pick: number };

const steps = fc.array(
  fc.oneof(
    // Several buyers at once, as concurrent requests.
    fc.record({
      kind: fc.constant('reserve' as const),
      quantities: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
    }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  ),
  { minLength: 1, maxLength: 15 },
);

it('random interleavings of concurrent reservations and cancellations keep reserved + available = initial', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 40 }), steps, async (initial, plan: Step[]) => {
      const sellerId = String(new Types.ObjectId());
      const productId = String(new Types.ObjectId());
      const held: Reservation[][] = [];
      for (const step of plan) {
        if (step.kind === 'reserve') {
          const results = await Promise.all(
            step.quantities.map((quantity) => reserveStock(sellerId, productId, initial, quantity)),
          );
          for (const result of results) if (result.ok) held.push(result.taken);
        } else if (held.length > 0) {
          const [taken] = held.splice(step.pick % held.length, 1);
          await release(sellerId, taken!);
        }
        const level = await StockLevelModel.findOne({ organisationId: sellerId, productId }).lean();
        const heldUnits = held.flat().reduce((sum, r) => sum + r.quantity, 0);
        if (!level) {
          // Nothing was ever reserved: the counter does not exist yet.
          expect(heldUnits).toBe(0);
          continue;
        }
        expect(level).toMatchObject({ onHand: initial, reserved: heldUnits, available: initial - heldUnits });
        expect(level!.available).toBeGreaterThanOrEqual(0);
      }
    }),
    { numRuns: 25 },
  );
}, 120_000);
