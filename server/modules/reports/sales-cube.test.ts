import {
  cubePartFor,
  isWholeMonths,
  periodParts,
  previousPeriod,
  sumCube,
  type CubeDocForReading,
} from './sales-cube';

describe('how a period is read from the cube', () => {
  it('a quarter is three month documents and no day documents', () => {
    expect(periodParts({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      months: ['2026-07', '2026-08', '2026-09'],
      dayRanges: [],
    });
  });

  it('loose days at either end come from day documents, whole months between from month documents', () => {
    expect(periodParts({ from: '2026-01-15', to: '2026-04-10' })).toEqual({
      months: ['2026-02', '2026-03'],
      dayRanges: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
  });

  it('days across one month end without a whole month between are one range', () => {
    expect(periodParts({ from: '2026-01-20', to: '2026-02-10' })).toEqual({
      months: [],
      dayRanges: [{ from: '2026-01-20', to: '2026-02-10' }],
    });
    expect(periodParts({ from: '2026-12-05', to: '2026-12-05' })).toEqual({
      months: [],
      dayRanges: [{ from: '2026-12-05', to: '2026-12-05' }],
    });
  });

  it('knows the end of February in a leap year and the turn of the year', () => {
    expect(isWholeMonths({ from: '2028-02-01', to: '2028-02-29' })).toBe(true);
    expect(isWholeMonths({ from: '2027-02-01', to: '2027-02-28' })).toBe(true);
    expect(isWholeMonths({ from: '2028-02-01', to: '2028-02-28' })).toBe(false);
    expect(periodParts({ from: '2026-12-01', to: '2027-01-31' }).months).toEqual(['2026-12', '2027-01']);
  });
});

describe('the period compared with', () => {
  it('whole months compare with the same number of whole months before', () => {
    expect(previousPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
    });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
  });

  it('any other period with the same number of days before', () => {
    expect(previousPeriod({ from: '2026-03-10', to: '2026-03-19' })).toEqual({
      from: '2026-02-28',
      to: '2026-03-09',
    });
  });
});

describe('summing cells', () => {
  const measures = (orders: number, orderLines: number, units: number, grossRupiah: number) => ({
    orders,
    orderLines,
    units,
    grossRupiah,
    ppnRupiah: 0,
    timedOrders: 0,
    timedMinutes: 0,
    onTimeOrders: 0,
  });
  const cell = (
    category: string,
    channel: 'marketplace' | 'galeri',
    programmeTags: string[],
    gross: number,
  ) => ({
    category,
    buyerType: channel === 'galeri' ? null : 'hotel',
    channel,
    programmeTags,
    ...measures(1, 2, 10, gross),
  });
  const documents: CubeDocForReading[] = [
    {
      bucket: '2026-07',
      district: { code: '32.15.05', name: 'Klari' },
      cells: { a: cell('minuman', 'marketplace', ['kur'], 100), b: cell('kerajinan', 'galeri', [], 50) },
    },
    {
      bucket: '2026-08',
      district: { code: '32.15.10', name: 'Cikampek' },
      cells: { a: cell('minuman', 'marketplace', ['kur', 'pkh'], 30) },
    },
  ];

  it('by kecamatan with its name, by category counting orders containing it, by each programme', () => {
    expect(sumCube(documents, 'cells', 'kecamatan', {}).get('32.15.05')).toEqual({
      label: 'Klari',
      measures: { orders: 2, units: 20, grossRupiah: 150, ppnRupiah: 0 },
    });
    expect(sumCube(documents, 'cells', 'category', {}).get('minuman')!.measures.orders).toBe(4);
    expect(
      [...sumCube(documents, 'cells', 'programme', {})].map(([key, sum]) => [key, sum.measures.grossRupiah]),
    ).toEqual([
      ['kur', 130],
      ['pkh', 30],
    ]);
    expect(sumCube(documents, 'cells', 'buyerType', {}).get(null)!.measures.grossRupiah).toBe(50);
  });

  it('leaves out cells outside the filters', () => {
    const galeri = sumCube(documents, 'cells', 'bucket', { channel: 'galeri' });
    expect([...galeri.keys()]).toEqual(['2026-07']);
    expect(sumCube(documents, 'cells', 'kecamatan', { programme: 'pkh', category: 'minuman' }).size).toBe(1);
  });

  it('reads the sums kept beside the cells when no filter needs the cells', () => {
    expect(cubePartFor('kecamatan', 'kecamatan', {})).toBe('totals');
    expect(cubePartFor('kecamatan', 'bucket', {})).toBe('totals');
    expect(cubePartFor('seller', 'umkm', {})).toBe('totals');
    expect(cubePartFor('kecamatan', 'category', {})).toBe('margins.category');
    expect(cubePartFor('kecamatan', 'programme', {})).toBe('margins.programme');
    // The seller cube keeps no margins; any filter on the cells needs the cells.
    expect(cubePartFor('seller', 'category', {})).toBe('cells');
    expect(cubePartFor('seller', 'product', {})).toBe('cells');
    expect(cubePartFor('kecamatan', 'kecamatan', { channel: 'galeri' })).toBe('cells');
    expect(cubePartFor('kecamatan', 'category', { category: 'minuman' })).toBe('cells');
  });

  it('keys a margin by its value and a total by its document, counting orders as the cells do', () => {
    const summed: CubeDocForReading[] = [
      {
        bucket: '2026-07',
        district: { code: '32.15.05', name: 'Klari' },
        totals: measures(3, 5, 1, 150),
        margins: {
          category: {
            x: { value: 'minuman', ...measures(2, 3, 1, 100) },
            y: { value: null, ...measures(1, 2, 1, 50) },
          },
        },
      },
      { bucket: '2026-08', district: { code: '32.15.05', name: 'Klari' }, totals: measures(1, 1, 1, 10) },
    ];
    expect(sumCube(summed, 'totals', 'kecamatan', {}).get('32.15.05')).toEqual({
      label: 'Klari',
      measures: { orders: 4, units: 2, grossRupiah: 160, ppnRupiah: 0 },
    });
    const byCategory = sumCube(summed, 'margins.category', 'category', {});
    expect(byCategory.get('minuman')!.measures).toEqual({
      orders: 3,
      units: 1,
      grossRupiah: 100,
      ppnRupiah: 0,
    });
    expect(byCategory.get(null)!.measures.orders).toBe(2);
  });
});
