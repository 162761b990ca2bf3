import { ZEmail, ZNewPassword, ZPageQuery, ZPhone } from './common';
import { ZRegisterRequest } from './organisations';

describe('shared input rules', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0267) 401234', '+62267401234'],
  ])('normalises the phone %s to E.164', (raw, e164) => expect(ZPhone.parse(raw)).toBe(e164));

  it.each(['12345', 'bukan nomor', '+1 202 555 01'])('refuses the phone %s', (raw) => {
    expect(ZPhone.safeParse(raw).success).toBe(false);
  });

  it('lower-cases and trims e-mails', () =>
    expect(ZEmail.parse('  Siti@Koperasi.ID ')).toBe('siti@koperasi.id'));

  it('asks for 10+ characters with letters and digits', () => {
    expect(ZNewPassword.safeParse('rahasia2026').success).toBe(true);
    expect(ZNewPassword.safeParse('rahasia26').success).toBe(false);
    expect(ZNewPassword.safeParse('12345678901').success).toBe(false);
  });

  it('caps page length at 100', () => {
    expect(ZPageQuery.parse({}).limit).toBe(20);
    expect(ZPageQuery.safeParse({ limit: '101' }).success).toBe(false);
  });

  it('requires the buyer type for buyers only', () => {
    const base = {
      organisation: {
        name: 'Kopkar Sejahtera',
        phone: '081234567890',
        address: { street: 'Jl. Industri 1', districtCode: '32.15.05' },
      },
      account: { name: 'Siti', email: 's@k.id', phone: '081234567890', password: 'rahasia2026' },
    };
    expect(ZRegisterRequest.safeParse({ kind: 'buyer', ...base }).success).toBe(false);
    expect(ZRegisterRequest.safeParse({ kind: 'umkm', ...base }).success).toBe(true);
    const buyer = { kind: 'buyer', ...base, organisation: { ...base.organisation, buyerType: 'hotel' } };
    expect(ZRegisterRequest.safeParse(buyer).success).toBe(true);
  });
});
