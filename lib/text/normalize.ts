/**
 * Small text helpers for comparing quotations and building fingerprints.
 * Both apply NFKC first so that ligatures, fullwidth forms and composed vs.
 * decomposed accents compare equal.
 */

/** Characters that are invisible in rendered text but break string equality. */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u2039\u203A`\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E\u301F]/g;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
const WHITESPACE = /\s+/g;

/**
 * Lowercases, folds typographic quotes and dashes to their ASCII forms,
 * collapses whitespace and trims: two renderings of the same quotation
 * (curly vs. straight quotes, em dash vs. hyphen, a stray non-breaking
 * space) normalise to the same string.
 */
export function normalizeForMatch(s: string): string {
  if (typeof s !== 'string' || s.length === 0) return '';
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(WHITESPACE, ' ')
    .trim();
}

/** Apostrophes that may sit inside a word ("don’t", "Ukraineʼs"). */
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032]/g;
/**
 * Only the true hyphens join words. En and em dashes separate ("1990–2000",
 * "said—and"), so they are left to split tokens.
 */
const HYPHENS = /[\u2010\u2011]/g;
/**
 * A run of letters, digits and combining marks, optionally continued by an
 * apostrophe or hyphen followed by more of them. A period or comma between
 * two digits also continues the token, so "1.5" and "67,160" stay whole:
 * numbers matter for fingerprints. The separators are not in the run class,
 * so matching cannot backtrack.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu;

/** Lowercase word tokens with internal apostrophes and hyphens kept. */
export function tokenizeWords(s: string): string[] {
  if (typeof s !== 'string' || s.length === 0) return [];
  const folded = s.normalize('NFKC').toLowerCase().replace(INVISIBLE, '').replace(APOSTROPHES, "'").replace(HYPHENS, '-');
  return folded.match(WORD) ?? [];
}
