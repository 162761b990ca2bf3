/**
 * Search text for the catalog, done the same way for stored products and for queries: lower case,
 * accents stripped (so "kopi gayo" finds "Kopi Gayô"), split into words. Partial words are prefixes:
 * a product stores every prefix of 2+ letters of its words, so "kerip" finds "keripik".
 */
const MIN_PREFIX = 2;
const MAX_PREFIX = 20;
export const MAX_QUERY_WORDS = 8;

export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function searchPrefixes(text: string): string[] {
  const prefixes = new Set<string>();
  for (const word of searchWords(text)) {
    for (let length = MIN_PREFIX; length <= Math.min(word.length, MAX_PREFIX); length++) {
      prefixes.add(word.slice(0, length));
    }
  }
  return [...prefixes];
}

/** The words of a query that can match: 2+ letters, at most a few, longer ones cut to the stored length. */
export function queryTerms(query: string): string[] {
  const terms = searchWords(query)
    .filter((word) => word.length >= MIN_PREFIX)
    .map((word) => word.slice(0, MAX_PREFIX));
  return [...new Set(terms)].slice(0, MAX_QUERY_WORDS);
}
