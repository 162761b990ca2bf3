import { cubeUpdates } from './sales-cube';
import { eventStage, orderIncrements, stageFacts } from './rollup-facts';

const at = (hour: number) => new Date(Date.UTC(2026, 11, 1, hour));

describe('the stage an order event names', () => {
  it.each([
    [{ status: 'placed', move: null }, 'placed'],
    [{ status: 'awaiting_payment', move: null }, null],
    [{ status: 'placed', move: 'confirmPayment' }, 'placed'],
    [{ status: 'accepted', move: 'accept' }, 'accepted'],
    [{ status: 'in_production', move: 'startProduction' }, null],
    [{ status: 'shipped', move: 'ship' }, null],
    [{ status: 'delivered', move: 'markDelivered' }, 'delivered'],
    [{ status: 'received', move: 'confirmReceipt' }, 'delivered'],
    [{ status: 'completed', move: 'complete' }, 'completed'],
    [{ status: 'rejected', move: 'reject' }, 'cancelled'],
    [{ status: 'cancelled', move: 'cancelByBuyer' }, 'cancelled'],
    [{ status: 'cancelled', move: 'expirePayment' }, null],
  ] as const)('%j → %s', (event, stage) => expect(eventStage(event)).toBe(stage));
});

describe('the stages an order reached', () => {
  it('counts a receipt without a delivery as the delivery, once', () => {
    const facts = stageFacts([
      { to: 'placed', at: at(1) },
      { to: 'accepted', at: at(2) },
      { to: 'shipped', at: at(3) },
      { to: 'received', at: at(4) },
      { to: 'completed', at: at(5) },
    ]);
    expect(facts).toEqual([
      { stage: 'placed', at: at(1) },
      { stage: 'accepted', at: at(2) },
      { stage: 'delivered', at: at(4) },
      { stage: 'completed', at: at(5) },
    ]);
  });

  it('never counts an unpaid order, cancelled or expired', () => {
    expect(
      stageFacts([
        { to: 'awaiting_payment', at: at(1) },
        { from: 'awaiting_payment', to: 'cancelled', at: at(2) },
      ]),
    ).toEqual([]);
  });
});

describe('increments', () => {
  const order = {
    _id: 'a'.repeat(24),
    organisationId: 'b'.repeat(24),
    buyer: { buyerType: 'hotel' },
    lines: [
      { productId: 'd'.repeat(24), name: 'Keripik', quantity: 3, lineTotal: 10 },
      { productId: 'e'.repeat(24), name: 'Kopi', quantity: 1, lineTotal: 20 },
      { productId: 'd'.repeat(24), name: 'Keripik', quantity: 2, lineTotal: 7 },
    ],
    totals: { ppn: 4 },
    history: [],
  };
  const seller = {
    sellerName: 'UMKM',
    district: { code: '32.15.05', name: 'Klari' },
    programmeTags: ['b', 'a'],
  };

  it('one per product, PPN shared so the parts add up, the order counted once', () => {
    const increments = orderIncrements(order, { stage: 'placed', at: at(20) }, seller, new Map());
    expect(
      increments.map(({ sourceKey, productId, day, units, grossRupiah, ppnRupiah, orders, orderLines }) => ({
        sourceKey,
        productId,
        day,
        units,
        grossRupiah,
        ppnRupiah,
        orders,
        orderLines,
      })),
    ).toEqual([
      {
        sourceKey: `${'a'.repeat(24)}:placed`,
        productId: 'd'.repeat(24),
        day: '2026-12-02',
        units: 5,
        grossRupiah: 17,
        ppnRupiah: 2,
        orders: 1,
        orderLines: 1,
      },
      {
        sourceKey: `${'a'.repeat(24)}:placed`,
        productId: 'e'.repeat(24),
        day: '2026-12-02',
        units: 1,
        grossRupiah: 20,
        ppnRupiah: 2,
        orders: 0,
        orderLines: 1,
      },
    ]);
  });

  it('lands in the same documents and cells whatever the order of the programme tags, and not across days', () => {
    const place = (hour: number, programmeTags: string[]) =>
      cubeUpdates(
        orderIncrements(order, { stage: 'placed', at: at(hour) }, { ...seller, programmeTags }, new Map()),
      );
    const where = (updates: ReturnType<typeof cubeUpdates>) =>
      updates.map((update) => [update.kind, update.grain, update.id, [...update.entries.keys()]]);
    const cellsOf = (update: ReturnType<typeof cubeUpdates>[number]) =>
      [...update.entries].filter(([path]) => path.startsWith('cells.')).map(([, entry]) => entry);
    const first = place(1, ['b', 'a']);
    // One update per cube and grain: both products of the order stage go in one write, guarded once.
    expect(first.map((update) => [update.kind, update.grain, update.key])).toEqual([
      ['kecamatan', 'month', `${'a'.repeat(24)}:placed`],
      ['kecamatan', 'day', `${'a'.repeat(24)}:placed`],
      ['seller', 'month', `${'a'.repeat(24)}:placed`],
      ['seller', 'day', `${'a'.repeat(24)}:placed`],
    ]);
    expect(first[0]!.id).toBe('2026-12|placed|32.15.05');
    expect(first[3]!.id).toBe(`2026-12-01|placed|${'b'.repeat(24)}`);
    // The seller cube keeps the two products apart; the kecamatan cube adds them in one cell.
    expect(cellsOf(first[2]!)).toHaveLength(2);
    expect(cellsOf(first[0]!)).toEqual([
      expect.objectContaining({
        programmeTags: ['a', 'b'],
        orders: 1,
        orderLines: 2,
        units: 6,
        grossRupiah: 37,
      }),
    ]);
    // Beside the cells, each document's totals, and the kecamatan's margins: per programme, the whole order.
    const sums = (update: ReturnType<typeof cubeUpdates>[number]) =>
      [...update.entries]
        .filter(([path]) => !path.startsWith('cells.'))
        .map(([path, entry]) => [
          path.replace(/\.[0-9a-f]{20}$/, ''),
          entry.value ?? null,
          entry.grossRupiah,
        ]);
    expect(sums(first[0]!)).toEqual([
      ['totals', null, 37],
      // The products are not in the catalog map given: no category, as on the cell.
      ['margins.category', null, 37],
      ['margins.buyerType', 'hotel', 37],
      ['margins.channel', 'marketplace', 37],
      ['margins.programme', 'a', 37],
      ['margins.programme', 'b', 37],
    ]);
    expect(sums(first[2]!)).toEqual([['totals', null, 37]]);
    expect(where(place(2, ['a', 'b']))).toEqual(where(first));
    const nextDay = where(place(18, ['b', 'a']));
    expect(nextDay.filter(([, grain]) => grain === 'month')).toEqual(
      where(first).filter(([, grain]) => grain === 'month'),
    );
    expect(nextDay[1]![2]).toBe('2026-12-02|placed|32.15.05');
  });
});
