import { eventStage, orderIncrements, rollupId, stageFacts } from './rollup-facts';

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
    buyerOrganisationId: 'c'.repeat(24),
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
      increments.map(({ key, day, units, grossRupiah, ppnRupiah, orders, orderLines }) => ({
        key,
        day,
        units,
        grossRupiah,
        ppnRupiah,
        orders,
        orderLines,
      })),
    ).toEqual([
      {
        key: `${'a'.repeat(24)}:placed:${'d'.repeat(24)}`,
        day: '2026-12-02',
        units: 5,
        grossRupiah: 17,
        ppnRupiah: 2,
        orders: 1,
        orderLines: 1,
      },
      {
        key: `${'a'.repeat(24)}:placed:${'e'.repeat(24)}`,
        day: '2026-12-02',
        units: 1,
        grossRupiah: 20,
        ppnRupiah: 2,
        orders: 0,
        orderLines: 1,
      },
    ]);
  });

  it('lands in the same document whatever the order of the programme tags, and not across days', () => {
    const [first] = orderIncrements(order, { stage: 'placed', at: at(1) }, seller, new Map());
    const [same] = orderIncrements(
      order,
      { stage: 'placed', at: at(2) },
      { ...seller, programmeTags: ['a', 'b'] },
      new Map(),
    );
    const [nextDay] = orderIncrements(order, { stage: 'placed', at: at(18) }, seller, new Map());
    expect(rollupId(first!)).toBe(rollupId(same!));
    expect(rollupId(first!)).not.toBe(rollupId(nextDay!));
  });
});
