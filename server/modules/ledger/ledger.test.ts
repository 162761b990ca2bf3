import fc from 'fast-check';
import {
  ZCreatePayoutBatchRequest,
  ZLedgerCsvQuery,
  ZLedgerEntriesQuery,
} from '../../../shared/contracts/ledger';
import { loadConfig } from '../../config/env';
import { csvDateTimeWib } from './ledger.queries';
import { ledgerSettings, platformFeeRupiah } from './ledger.service';

const minimal = { MONGODB_URI: 'mongodb://127.0.0.1:27017/pasar', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('platform fee', () => {
  it('is a percentage of the subtotal in basis points, rounded half up to whole rupiah', () => {
    expect(platformFeeRupiah(1_000_000, 250)).toBe(25_000);
    expect(platformFeeRupiah(15_020, 250)).toBe(376); // 375.5 → 376
    expect(platformFeeRupiah(15_019, 250)).toBe(375); // 375.475 → 375
    expect(platformFeeRupiah(1_000, 0)).toBe(0);
    expect(platformFeeRupiah(1_000, 10_000)).toBe(1_000);
    expect(platformFeeRupiah(0, 250)).toBe(0);
  });

  it('stays exact beyond 2^53 intermediate products and never exceeds the subtotal', () => {
    expect(platformFeeRupiah(Number.MAX_SAFE_INTEGER, 9_999)).toBe(9_006_298_534_815_517);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 10_000 }), (subtotal, bp) => {
        const fee = platformFeeRupiah(subtotal, bp);
        expect(Number.isSafeInteger(fee)).toBe(true);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee).toBeLessThanOrEqual(subtotal);
        // Within half a rupiah of the exact value.
        expect(BigInt(fee) * 10_000n - BigInt(subtotal) * BigInt(bp)).toBeLessThanOrEqual(5_000n);
        expect(BigInt(subtotal) * BigInt(bp) - BigInt(fee) * 10_000n).toBeLessThan(5_000n);
      }),
    );
  });

  it('refuses fractions and negatives rather than rounding them', () => {
    expect(() => platformFeeRupiah(10.5, 250)).toThrow(RangeError);
    expect(() => platformFeeRupiah(-1, 250)).toThrow(RangeError);
    expect(() => platformFeeRupiah(100, 10_001)).toThrow(RangeError);
  });

  it('comes from PLATFORM_FEE_PERCENT: default 0, up to two decimals, 0–100', () => {
    expect(ledgerSettings(loadConfig(minimal))).toEqual({ platformFeeBasisPoints: 0 });
    expect(ledgerSettings(loadConfig({ ...minimal, PLATFORM_FEE_PERCENT: '2.5' }))).toEqual({
      platformFeeBasisPoints: 250,
    });
    expect(ledgerSettings(loadConfig({ ...minimal, PLATFORM_FEE_PERCENT: '0.29' }))).toEqual({
      platformFeeBasisPoints: 29,
    });
    for (const bad of ['2.555', '101', '-1', '2,5', 'abc']) {
      expect(() => loadConfig({ ...minimal, PLATFORM_FEE_PERCENT: bad })).toThrow(/PLATFORM_FEE_PERCENT/);
    }
  });
});

describe('ledger contracts', () => {
  it('refuses unknown fields, inverted dates and oversized payout lists', () => {
    expect(ZLedgerEntriesQuery.safeParse({ limit: '5', sort: 'asc' }).success).toBe(false);
    expect(ZLedgerCsvQuery.safeParse({ from: '2026-12-05', to: '2026-12-01' }).success).toBe(false);
    expect(ZLedgerCsvQuery.safeParse({ from: '2026-12-01', to: '2026-12-01' }).success).toBe(true);
    expect(ZLedgerCsvQuery.safeParse({ from: '2026-02-30' }).success).toBe(false);
    const ids = Array.from({ length: 201 }, (_, i) => i.toString(16).padStart(24, '0'));
    expect(
      ZCreatePayoutBatchRequest.safeParse({ transferReference: 'TRF-1', sellerOrganisationIds: ids }).success,
    ).toBe(false);
    expect(
      ZCreatePayoutBatchRequest.safeParse({
        transferReference: 'TRF-1',
        sellerOrganisationIds: [ids[0], ids[0]],
      }).success,
    ).toBe(false);
    expect(ZCreatePayoutBatchRequest.safeParse({ transferReference: 'ab' }).success).toBe(false);
  });
});

describe('CSV dates', () => {
  it('are WIB wall-clock times', () => {
    expect(csvDateTimeWib(new Date('2026-12-05T17:30:05Z'))).toBe('2026-12-06 00:30:05');
  });
});
