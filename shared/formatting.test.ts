import { formatRupiah } from './money';
import { daysBetween, formatDateTimeWib, formatDateWib, isoWeekOf, todayInWib } from './time';

describe('rupiah', () => {
  it.each([
    [0, 'Rp 0'],
    [1250000, 'Rp 1.250.000'],
    [-15000, '-Rp 15.000'],
    [3_000 * 185_000, 'Rp 555.000.000'],
  ])('%d → %s', (amount, text) => expect(formatRupiah(amount)).toBe(text));

  it('refuses fractions: money is whole rupiah', () => {
    expect(() => formatRupiah(10.5)).toThrow(RangeError);
  });
});

describe('WIB', () => {
  it('shows UTC instants in Jakarta time', () => {
    expect(formatDateTimeWib('2026-11-23T03:05:00Z')).toBe('23 Nov 2026, 10.05 WIB');
    expect(formatDateTimeWib(new Date('2026-11-23T03:05:00Z'), 'en')).toBe('23 Nov 2026, 10:05 WIB');
  });

  it('takes the Jakarta calendar date, which is a day ahead late in the UTC evening', () => {
    expect(formatDateWib('2026-11-23T20:00:00Z')).toBe('24 November 2026');
  });
});

describe('calendar dates in WIB', () => {
  it('rolls over to the next day at 17:00 UTC', () => {
    expect(todayInWib(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(todayInWib(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });

  it('counts days between dates across months and years', () => {
    expect(daysBetween('2026-11-23', '2026-12-23')).toBe(30);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-11-23', '2026-11-16')).toBe(-7);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-11-30', '2026-W49'], // a Monday starts its week
    ['2026-12-06', '2026-W49'], // and the Sunday ends it
    ['2026-12-31', '2026-W53'], // 2026 has 53 weeks: it starts on a Thursday
    ['2027-01-03', '2026-W53'], // early January can belong to last year's week
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // late December can belong to next year's
    ['2028-02-29', '2028-W09'], // leap day
  ])('%s is in %s', (day, week) => expect(isoWeekOf(day)).toBe(week));
});
