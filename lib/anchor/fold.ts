/**
 * Character folding shared by the text index and the quote matcher.
 *
 * Two layers, kept apart on purpose:
 *  - whitespace folding (runs of any rendered whitespace become one ASCII
 *    space) is what the DOM index does, so its text lines up with what a
 *    reader sees;
 *  - typographic folding (curly quotes, dashes, apostrophes, invisible
 *    format characters) is only applied when comparing, because the index
 *    must stay 1:1 with the page to map offsets back to nodes.
 */

/**
 * Rendered whitespace. Deliberately not `\s`: U+FEFF is in `\s` but renders
 * as nothing, so treating it as a space would invent word breaks.
 */
export const WHITESPACE_CLASS = '\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
export const WHITESPACE_RUN = new RegExp(`[${WHITESPACE_CLASS}]+`, 'g');

export function isWhitespaceCode(c: number): boolean {
  if (c === 32) return true;
  if (c < 32) return c >= 9 && c <= 13;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Zero-width characters a page may sprinkle into words (soft hyphens for
 * hyphenation, zero-width spaces from CMS editors, BOMs). They do not show,
 * so a quote copied from the screen will not contain them.
 */
function isInvisibleCode(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** One-for-one substitutions: length-preserving, so offsets survive. */
const SINGLE_QUOTE_LIKE = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u0060\u00B4]/g;
const DOUBLE_QUOTE_LIKE = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E]/g;
const DASH_LIKE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const ANY_SUBSTITUTION = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u0060\u00B4\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const NON_ASCII_SPACE = new RegExp(`[${WHITESPACE_CLASS.replace('\\t\\n\\v\\f\\r ', '\\t\\n\\v\\f\\r')}]`, 'g');

/** Whitespace runs → one space. Does not trim. */
export function foldWhitespace(s: string): string {
  return s.replace(WHITESPACE_RUN, ' ');
}

/** Quotes, apostrophes, dashes and odd spaces to ASCII; same length as input. */
function substitute(s: string): string {
  if (!ANY_SUBSTITUTION.test(s) && !/[^\x20-\x7e]|[\t\n\v\f\r]/.test(s)) return s;
  return s
    .replace(SINGLE_QUOTE_LIKE, "'")
    .replace(DOUBLE_QUOTE_LIKE, '"')
    .replace(DASH_LIKE, '-')
    .replace(NON_ASCII_SPACE, ' ');
}

/**
 * Text ready for comparison, plus where each of its characters came from.
 * `map` is null when folding kept every character in place (the common case
 * for text that already came out of the DOM index), which saves a 4-byte
 * entry per character on megabyte pages.
 */
export interface FoldedText {
  readonly text: string;
  /** map[i] = offset in the original of folded char i; map[text.length] = original length. */
  readonly map: Int32Array | null;
  readonly originalLength: number;
}

export function toOriginal(f: FoldedText, i: number): number {
  if (f.map === null) return i;
  return f.map[i] ?? f.originalLength;
}

/**
 * Full comparison folding: typographic substitutions, invisible characters
 * dropped, whitespace runs collapsed. Case is kept because names and
 * acronyms carry meaning that a case-blind match would blur.
 */
export function foldForMatch(original: string): FoldedText {
  const s = substitute(original);
  if (!/ {2}|[\u00AD\u200B-\u200D\u2060\uFEFF]/.test(s)) {
    return { text: s, map: null, originalLength: original.length };
  }
  const map = new Int32Array(s.length + 1);
  const pieces: string[] = [];
  let n = 0;
  let segmentStart = 0;
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const drop = isInvisibleCode(c) || (c === 32 && prevSpace);
    if (drop) {
      // Copying kept characters in slices rather than one by one keeps megabyte inputs fast.
      if (i > segmentStart) pieces.push(s.slice(segmentStart, i));
      segmentStart = i + 1;
      continue;
    }
    prevSpace = c === 32;
    map[n++] = i;
  }
  if (s.length > segmentStart) pieces.push(s.slice(segmentStart));
  const text = pieces.join('');
  map[n] = original.length;
  return { text, map: map.subarray(0, n + 1), originalLength: original.length };
}

/** Folded and trimmed, for selector strings that carry no offsets. */
export function foldQuote(s: string): string {
  return foldForMatch(s).text.trim();
}
