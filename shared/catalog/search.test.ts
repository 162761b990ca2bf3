import { queryTerms, searchPrefixes, searchWords } from './search';

describe('catalog search text', () => {
  it('folds case and accents and splits on anything that is not a letter or digit', () => {
    expect(searchWords('Kopi GAYÔ Arabika—250g (bubuk)')).toEqual([
      'kopi',
      'gayo',
      'arabika',
      '250g',
      'bubuk',
    ]);
  });

  it('stores prefixes so partial words match', () => {
    const prefixes = searchPrefixes('Keripik Tempe');
    for (const partial of ['ke', 'ker', 'kerip', 'keripik', 'te', 'temp', 'tempe'])
      expect(prefixes).toContain(partial);
    expect(prefixes).not.toContain('k');
    expect(prefixes).not.toContain('ripik');
  });

  it('keeps queries short and useful', () => {
    expect(queryTerms('  keripik  Keripik t  ')).toEqual(['keripik']);
    expect(queryTerms('a b c d e f g h i j k l m n o p').length).toBe(0);
    expect(queryTerms('satu dua tiga empat lima enam tujuh delapan sembilan')).toHaveLength(8);
    expect(queryTerms('x'.repeat(40))).toEqual(['x'.repeat(20)]);
  });
});
