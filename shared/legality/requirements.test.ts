import { PRODUCT_CATEGORIES } from '../catalog/categories';
import { type TLegalityDocumentType } from './documents';
import {
  HALAL_MANDATORY_FROM,
  LEGALITY_REQUIREMENTS,
  missingLegality,
  recommendedLegality,
  type TLegalityDocumentState,
} from './requirements';

const BEFORE_HALAL = new Date('2026-05-04T03:00:00Z');
const AFTER_HALAL = new Date('2026-11-23T03:00:00Z');

function docs(...types: TLegalityDocumentType[]): TLegalityDocumentState[] {
  return types.map((type) => ({ type, expiresOn: null }));
}

function missingTypes(...args: Parameters<typeof missingLegality>) {
  return missingLegality(...args).map((m) => m.anyOf);
}

describe('legality requirements', () => {
  it('has rules for every category kind, each starting with the NIB', () => {
    for (const category of PRODUCT_CATEGORIES) {
      expect(LEGALITY_REQUIREMENTS[category.kind][0]?.anyOf).toEqual(['nib']);
    }
  });

  it('asks every UMKM for a NIB', () => {
    expect(missingLegality({ category: 'kerajinan', documents: [], on: BEFORE_HALAL })).toEqual([
      { anyOf: ['nib'], reason: 'Setiap UMKM wajib memiliki NIB (Nomor Induk Berusaha) dari OSS' },
    ]);
    expect(missingLegality({ category: 'kerajinan', documents: docs('nib'), on: AFTER_HALAL })).toEqual([]);
  });

  it('asks nothing more of non-food products, even with halal in force', () => {
    for (const category of ['batik_dan_tekstil', 'perlengkapan_rumah', 'parsel', 'lainnya'] as const) {
      expect(missingLegality({ category, documents: docs('nib'), on: AFTER_HALAL })).toEqual([]);
    }
  });

  it('asks food for P-IRT or BPOM', () => {
    expect(missingLegality({ category: 'makanan_ringan', documents: docs('nib'), on: BEFORE_HALAL })).toEqual(
      [
        {
          anyOf: ['pirt', 'bpom_md', 'bpom_ml'],
          reason: 'Produk pangan wajib memiliki P-IRT atau izin edar BPOM (MD/ML)',
        },
      ],
    );
    for (const permit of ['pirt', 'bpom_md', 'bpom_ml'] as const) {
      expect(missingTypes({ category: 'minuman', documents: docs('nib', permit), on: BEFORE_HALAL })).toEqual(
        [],
      );
    }
  });

  it('does not take SNI or another document in place of a food permit', () => {
    expect(
      missingTypes({
        category: 'kue_dan_roti',
        documents: docs('nib', 'sni', 'other', 'halal'),
        on: AFTER_HALAL,
      }),
    ).toEqual([['pirt', 'bpom_md', 'bpom_ml']]);
  });

  it('asks cosmetics for BPOM, not P-IRT', () => {
    expect(
      missingTypes({ category: 'kosmetik_dan_perawatan', documents: docs('nib', 'pirt'), on: BEFORE_HALAL }),
    ).toEqual([['bpom_md', 'bpom_ml']]);
    expect(
      missingTypes({
        category: 'kosmetik_dan_perawatan',
        documents: docs('nib', 'bpom_md'),
        on: BEFORE_HALAL,
      }),
    ).toEqual([]);
  });

  it('lists everything a new food seller lacks at once', () => {
    expect(missingTypes({ category: 'bumbu_dan_sambal', documents: [], on: AFTER_HALAL })).toEqual([
      ['nib'],
      ['pirt', 'bpom_md', 'bpom_ml'],
      ['halal'],
    ]);
  });
});

describe('halal from 17 October 2026', () => {
  const foodWithPirt = { category: 'olahan_ikan_dan_daging', documents: docs('nib', 'pirt') } as const;
  const cosmeticWithBpom = { category: 'kosmetik_dan_perawatan', documents: docs('nib', 'bpom_md') } as const;

  it('is the date in the rule table and the reasons', () => {
    expect(HALAL_MANDATORY_FROM).toBe('2026-10-17');
    const halalRules = [...LEGALITY_REQUIREMENTS.food, ...LEGALITY_REQUIREMENTS.cosmetic].filter((r) =>
      r.anyOf.includes('halal'),
    );
    expect(halalRules).toHaveLength(2);
    for (const rule of halalRules) {
      expect(rule.mandatoryFrom).toBe(HALAL_MANDATORY_FROM);
      expect(rule.reason).toContain('17 Oktober 2026');
    }
  });

  it('is recommended, not required, until the end of 16 October 2026 in Jakarta', () => {
    const lastMinute = new Date('2026-10-16T16:59:59Z'); // 23:59:59 WIB
    expect(missingLegality({ ...foodWithPirt, on: lastMinute })).toEqual([]);
    expect(recommendedLegality({ ...foodWithPirt, on: lastMinute })).toEqual([
      { anyOf: ['halal'], reason: 'Produk pangan wajib bersertifikat halal mulai 17 Oktober 2026' },
    ]);
    expect(missingLegality({ ...cosmeticWithBpom, on: lastMinute })).toEqual([]);
  });

  it('is required from 00:00 WIB on 17 October 2026', () => {
    const firstMinute = new Date('2026-10-16T17:00:00Z'); // 00:00 WIB
    expect(missingLegality({ ...foodWithPirt, on: firstMinute })).toEqual([
      { anyOf: ['halal'], reason: 'Produk pangan wajib bersertifikat halal mulai 17 Oktober 2026' },
    ]);
    expect(recommendedLegality({ ...foodWithPirt, on: firstMinute })).toEqual([]);
    expect(missingTypes({ ...cosmeticWithBpom, on: firstMinute })).toEqual([['halal']]);
  });

  it('is satisfied by a halal certificate', () => {
    const documents = docs('nib', 'pirt', 'halal');
    expect(missingLegality({ category: 'madu_dan_herbal', documents, on: AFTER_HALAL })).toEqual([]);
    expect(recommendedLegality({ category: 'madu_dan_herbal', documents, on: BEFORE_HALAL })).toEqual([]);
  });

  it('recommends nothing for products halal does not concern', () => {
    expect(recommendedLegality({ category: 'kerajinan', documents: [], on: BEFORE_HALAL })).toEqual([]);
  });
});

describe('expired documents', () => {
  const on = new Date('2026-11-23T03:00:00Z'); // 23 November 2026, 10:00 WIB

  it('counts an expired P-IRT as missing', () => {
    const documents: TLegalityDocumentState[] = [
      { type: 'nib', expiresOn: null },
      { type: 'pirt', expiresOn: new Date('2025-12-31T00:00:00Z') },
      { type: 'halal', expiresOn: null },
    ];
    expect(missingTypes({ category: 'makanan_ringan', documents, on })).toEqual([
      ['pirt', 'bpom_md', 'bpom_ml'],
    ]);
  });

  it('keeps a document valid through its expiry day in Jakarta, however the date was stored', () => {
    for (const expiresOn of [new Date('2026-11-23T00:00:00Z'), new Date('2026-11-22T17:00:00Z')]) {
      const documents = [...docs('nib', 'halal'), { type: 'pirt' as const, expiresOn }];
      expect(missingLegality({ category: 'makanan_ringan', documents, on })).toEqual([]);
    }
  });

  it('lets it lapse the day after', () => {
    const documents = [
      ...docs('nib', 'halal'),
      { type: 'pirt' as const, expiresOn: new Date('2026-11-22T00:00:00Z') },
    ];
    expect(missingTypes({ category: 'makanan_ringan', documents, on })).toEqual([
      ['pirt', 'bpom_md', 'bpom_ml'],
    ]);
  });

  it('is satisfied by a valid document of another allowed type beside the expired one', () => {
    const documents: TLegalityDocumentState[] = [
      { type: 'nib', expiresOn: null },
      { type: 'pirt', expiresOn: new Date('2025-12-31T00:00:00Z') },
      { type: 'bpom_md', expiresOn: new Date('2031-03-01T00:00:00Z') },
      { type: 'halal', expiresOn: new Date('2030-01-01T00:00:00Z') },
    ];
    expect(missingLegality({ category: 'makanan_ringan', documents, on })).toEqual([]);
  });

  it('counts an expired NIB or halal certificate as missing too', () => {
    const documents: TLegalityDocumentState[] = [
      { type: 'nib', expiresOn: new Date('2026-01-01T00:00:00Z') },
      { type: 'bpom_md', expiresOn: null },
      { type: 'halal', expiresOn: new Date('2026-11-01T00:00:00Z') },
    ];
    expect(missingTypes({ category: 'kosmetik_dan_perawatan', documents, on })).toEqual([['nib'], ['halal']]);
  });

  it('refuses an invalid date instead of guessing', () => {
    expect(() => missingLegality({ category: 'kerajinan', documents: [], on: new Date('nope') })).toThrow(
      RangeError,
    );
  });
});
