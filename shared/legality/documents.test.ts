import {
  LEGALITY_DOCUMENT_LABELS,
  LEGALITY_DOCUMENT_TYPES,
  ZLegalityNumberInput,
  normaliseLegalityNumber,
  pirtRegencyCode,
  type TLegalityDocumentType,
} from './documents';

// Karawang, Kota Bandung and Kota Tangerang Selatan: enough to tell a real regency from a typo.
const knownRegencies = new Set(['32.15', '32.73', '36.74']);
const options = { regencyExists: (code: string) => knownRegencies.has(code) };

function normalise(type: TLegalityDocumentType, raw: string) {
  return normaliseLegalityNumber(type, raw, options);
}

function expectNumber(type: TLegalityDocumentType, raw: string, number: string) {
  expect(normalise(type, raw)).toEqual({ ok: true, number });
}

function expectMessage(type: TLegalityDocumentType, raw: string, message: string | RegExp) {
  const result = normalise(type, raw);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(message);
}

describe('legality document types', () => {
  it('labels every type in both languages', () => {
    for (const type of LEGALITY_DOCUMENT_TYPES) {
      expect(LEGALITY_DOCUMENT_LABELS[type].id).not.toBe('');
      expect(LEGALITY_DOCUMENT_LABELS[type].en).not.toBe('');
    }
  });
});

describe('NIB', () => {
  it.each([
    ['9120001234567', '9120001234567'],
    ['9120 0012 34567', '9120001234567'],
    ['9120.0012.34567', '9120001234567'],
    ['9120-0012-34567', '9120001234567'],
    [' NIB: 9120001234567 ', '9120001234567'],
  ])('accepts %j as %s', (raw, number) => expectNumber('nib', raw, number));

  it.each(['912000123456', '91200012345678', '91200O1234567', 'NIB-ku belum ada'])('refuses %j', (raw) =>
    expectMessage('nib', raw, /^NIB harus 13 angka/),
  );

  it('asks for the number when the field is empty', () =>
    expectMessage('nib', '   ', 'Nomor dokumen wajib diisi'));
});

describe('P-IRT', () => {
  it.each([
    ['2063215010123-25', '206321501012325'],
    ['P-IRT No. 2063215010123-25', '206321501012325'],
    ['PIRT 2063215010123-25', '206321501012325'],
    ['p-irt no 2063215010123-25', '206321501012325'],
    ['P-IRT No: 206.3215.0101.23-25', '206321501012325'],
    ['SPP-IRT 5013273010456-27', '501327301045627'],
    ['2 06 32 15 0101 23 25', '206321501012325'],
    ['2063674020101–29', '206367402010129'],
  ])('accepts %j as %s', (raw, number) => expectNumber('pirt', raw, number));

  it('reads the kabupaten/kota from digits 4 to 7', () => {
    expect(pirtRegencyCode('206321501012325')).toBe('32.15');
    expect(pirtRegencyCode('501367402010129')).toBe('36.74');
  });

  it('asks the regency lookup with the Kemendagri code', () => {
    const regencyExists = jest.fn(() => true);
    normaliseLegalityNumber('pirt', '2063215010123-25', { regencyExists });
    expect(regencyExists).toHaveBeenCalledWith('32.15');
  });

  it('refuses a number whose kabupaten/kota does not exist', () => {
    // 3299 is not a regency: a swapped or mistyped digit, the usual fake or copy error.
    expectMessage('pirt', '2063299010123-25', /Angka ke-4 sampai ke-7 nomor P-IRT \(3299\)/);
  });

  it.each([
    ['without the year', '2063215010123'],
    ['too long', '2063215010123-2025'],
    ['with letters', 'P-IRT No. 20632I5010123-25'],
    ['an NIB instead', '9120001234567'],
  ])('refuses a number %s', (_case, raw) => expectMessage('pirt', raw, /^Nomor P-IRT harus 15 angka/));

  it('does not ask for the regency when the shape is already wrong', () => {
    const regencyExists = jest.fn(() => true);
    normaliseLegalityNumber('pirt', '12345', { regencyExists });
    expect(regencyExists).not.toHaveBeenCalled();
  });
});

describe('BPOM', () => {
  it.each([
    ['bpom_md', 'MD 224510001234', 'MD224510001234'],
    ['bpom_md', 'md224510001234', 'MD224510001234'],
    ['bpom_md', 'BPOM RI MD 224510001234', 'MD224510001234'],
    ['bpom_md', ' MD 2245 1000 1234 ', 'MD224510001234'],
    ['bpom_ml', 'ML 862109001122', 'ML862109001122'],
    ['bpom_ml', 'BPOM RI ML 862109001122', 'ML862109001122'],
  ] as const)('%s accepts %j as %s', (type, raw, number) => expectNumber(type, raw, number));

  it('tells the seller when an import number was entered as MD, and the other way round', () => {
    expectMessage('bpom_md', 'ML 862109001122', /pilih jenis dokumen "BPOM ML"/);
    expectMessage('bpom_ml', 'MD 224510001234', /pilih jenis dokumen "BPOM MD"/);
  });

  it.each([
    ['bpom_md', 'MD 22451000123'],
    ['bpom_md', 'MD 2245100012345'],
    ['bpom_md', '224510001234'],
    ['bpom_md', 'PIRT 2063215010123-25'],
    ['bpom_ml', 'ML86210900112X'],
  ] as const)('%s refuses %j', (type, raw) =>
    expectMessage(type, raw, /^Nomor izin edar BPOM M[DL] harus "M[DL]" diikuti 12 angka/),
  );
});

describe('halal certificate', () => {
  it.each([
    ['ID32110000123450823', 'ID32110000123450823'],
    ['id 3211 0000 1234 5082 3', 'ID32110000123450823'],
    ['ID00210006543210', 'ID00210006543210'],
    ['ID36110012345678901', 'ID36110012345678901'],
  ])('accepts %j as %s', (raw, number) => expectNumber('halal', raw, number));

  it.each([
    ['13 digits', 'ID3211000012345'],
    ['18 digits', 'ID321100001234508231'],
    ['no ID prefix', '32110000123450823'],
    ['an old MUI number', '00150012345678'],
  ])('refuses %s', (_case, raw) =>
    expectMessage('halal', raw, /^Nomor sertifikat halal harus "ID" diikuti 14 sampai 17 angka/),
  );
});

describe('SNI and other documents', () => {
  it('keeps the text as typed, trimmed and with single spaces', () => {
    expectNumber('sni', '  SPPT SNI  01-3553-2006 ', 'SPPT SNI 01-3553-2006');
    expectNumber(
      'other',
      ' Surat Keterangan Usaha  No. 503/123/Kel ',
      'Surat Keterangan Usaha No. 503/123/Kel',
    );
  });

  it('requires an SNI number but lets another document go without one', () => {
    expectMessage('sni', '  ', 'Nomor sertifikat SNI wajib diisi');
    expectNumber('other', '', '');
  });

  it('caps free text at 100 characters', () => {
    expectNumber('other', 'x'.repeat(100), 'x'.repeat(100));
    expectMessage('other', 'x'.repeat(101), 'Nomor dokumen maksimal 100 karakter');
    expectMessage('sni', 'x'.repeat(101), 'Nomor dokumen maksimal 100 karakter');
  });

  it('refuses pasted pages of text', () =>
    expectMessage('nib', '9'.repeat(201), 'Nomor dokumen terlalu panjang'));
});

describe('ZLegalityNumberInput', () => {
  const schema = ZLegalityNumberInput(options);

  it('parses to the normalised number', () => {
    expect(schema.parse({ type: 'pirt', number: 'P-IRT No. 2063215010123-25' })).toEqual({
      type: 'pirt',
      number: '206321501012325',
    });
  });

  it('reports a bad number on the number field', () => {
    const result = schema.safeParse({ type: 'nib', number: '12345' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['number'], message: 'NIB harus 13 angka, contoh: 9120001234567' }),
    ]);
  });

  it('refuses unknown types and extra fields', () => {
    expect(schema.safeParse({ type: 'skck', number: '1' }).success).toBe(false);
    expect(schema.safeParse({ type: 'nib', number: '9120001234567', issuer: 'OSS' }).success).toBe(false);
  });
});
