import { Types } from 'mongoose';
import type { TRole } from '../../../shared/contracts/organisations';
import { mayDeliverAt, mayEnterAt, sellerScope } from './consignment.policy';

const operatorId = new Types.ObjectId();
const staffed = {
  operator: { kind: 'dinkop_user', userId: operatorId, name: 'Petugas', phone: null },
} as const;
const named = {
  operator: { kind: 'person', userId: null, name: 'Ibu Ratna', phone: '+6281211112222' },
} as const;
const unstaffed = { operator: null };

const actor = (
  organisationKind: 'dinkop' | 'umkm' | 'buyer',
  roles: TRole[],
  userId = String(new Types.ObjectId()),
) => ({
  userId,
  organisationKind,
  organisationId: 'a'.repeat(24),
  roles,
});

describe('who may enter at a display point', () => {
  it.each([
    ['the assigned operator', actor('dinkop', ['curator'], String(operatorId)), staffed, true],
    ['another curator', actor('dinkop', ['curator']), staffed, false],
    ['a Dinkop admin anywhere', actor('dinkop', ['admin']), named, true],
    ['an analyst, even if assigned', actor('dinkop', ['analyst']), named, false],
    ['a seller at an unstaffed point', actor('umkm', ['owner']), unstaffed, true],
    ['a seller at a staffed point', actor('umkm', ['staff']), staffed, false],
    ["a seller at a named person's point", actor('umkm', ['owner']), named, false],
    ['a buyer', actor('buyer', ['admin']), unstaffed, false],
  ] as const)('%s', (_who, who, point, allowed) => {
    expect(mayEnterAt(who, point)).toBe(allowed);
  });

  it('sellers deliver their own goods to any point; Dinkop only where it may enter', () => {
    expect(mayDeliverAt(actor('umkm', ['owner']), staffed)).toBe(true);
    expect(mayDeliverAt(actor('dinkop', ['curator']), staffed)).toBe(false);
    expect(mayDeliverAt(actor('dinkop', ['curator'], String(operatorId)), staffed)).toBe(true);
  });
});

describe('whose data a read covers', () => {
  it('a seller reads its own; naming another is a 404; Dinkop reads any or all', () => {
    const seller = actor('umkm', ['owner']);
    expect(sellerScope(seller, undefined)).toBe(seller.organisationId);
    expect(sellerScope(seller, seller.organisationId)).toBe(seller.organisationId);
    expect(() => sellerScope(seller, 'b'.repeat(24))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(sellerScope(actor('dinkop', ['analyst']), undefined)).toBeNull();
    expect(sellerScope(actor('dinkop', ['analyst']), 'b'.repeat(24))).toBe('b'.repeat(24));
  });
});
