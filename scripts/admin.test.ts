import { parseCreateDinkopUser } from './admin';

describe('admin CLI arguments', () => {
  it('accepts several Dinkop roles and defaults the organisation', () => {
    const args = parseCreateDinkopUser([
      '--email',
      'A@Dinkop.go.id',
      '--name',
      'Dewi Lestari',
      '--role',
      'curator',
      '--role',
      'analyst',
    ]);
    expect(args).toEqual({
      email: 'a@dinkop.go.id',
      name: 'Dewi Lestari',
      role: ['curator', 'analyst'],
      organisation: 'Dinas Koperasi dan UKM Kabupaten Karawang',
    });
  });

  it('refuses roles that are not Dinkop roles, and unknown flags', () => {
    expect(() => parseCreateDinkopUser(['--email', 'a@b.id', '--name', 'Dewi', '--role', 'owner'])).toThrow();
    expect(() =>
      parseCreateDinkopUser(['--email', 'a@b.id', '--name', 'Dewi', '--role', 'admin', '--sudo']),
    ).toThrow();
  });
});
