/**
 * Word tokens for story matching. Unlike a plain lowercase tokenizer these
 * keep what the matcher needs to tell names from words: whether the word was
 * capitalised, whether it opened a sentence (where a capital says nothing),
 * and whether it was glued to the previous word by a hyphen.
 *
 * Kept local to lib/corpus because lib/text's tokenizer returns lowercase
 * strings only; `foldWord` is the normalisation both sides must share.
 */

export interface WordToken {
  /** Folded form: lowercase, accents stripped, possessive and plural "s" trimmed. */
  norm: string;
  /** First letter upper case (or an acronym such as "U.S." / "UN"). */
  cap: boolean;
  /** All letters upper case, at least two of them. */
  acronym: boolean;
  /** First word of a sentence, quote or list item: its capital is no evidence of a name. */
  initial: boolean;
  /** Joined to the previous token by a hyphen ("well-known", "al-Sharif"). */
  hyphenated: boolean;
  /** Only whitespace between this token and the previous one. */
  adjacent: boolean;
  /** A pair of CJK characters: scripts written without spaces are cut into overlapping bigrams. */
  cjk: boolean;
}

/** Gap characters that start a new sentence, clause-quote or list item. */
const SENTENCE_BREAK = /[.!?:;…"“”«»„()[\]{}•·|\n\r\t]/;
const HYPHEN_GAP = /^[-‐‑]$/;
const WHITESPACE_GAP = /^[ \u00a0]+$/;
const MARKS = /[\p{M}\u00ad\u200b-\u200d\u2060\ufeff]+/gu;
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const ASCII = /^[\x00-\x7f]*$/;
const ELISION = /^(?:[cdjlmnst]|qu|lorsqu|puisqu|jusqu|dell|all|dall|nell|sull)['’](?=\p{L}{2})/iu;

// Character classes, cached per UTF-16 code unit (astral characters are
// classified each time: they are rare in news text).
const UNKNOWN = 0;
const WORDCHAR = 1; // letter or digit: starts or continues a word
const MARK = 2; // combining mark: continues a word
const CJK = 3; // a script written without spaces
const OTHER = 4;
const classCache = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const COMBINING = /^\p{M}$/u;
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

function classify(ch: string): number {
  if (CJK_CHAR.test(ch)) return CJK;
  if (LETTER_OR_DIGIT.test(ch)) return WORDCHAR;
  if (COMBINING.test(ch)) return MARK;
  return OTHER;
}

for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  classCache[c] = alnum ? WORDCHAR : OTHER;
}
// Invisible in rendered text, so they must not split a word: soft hyphen,
// zero-width space/joiners, word joiner, BOM. foldWord drops them.
for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) classCache[c] = MARK;

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Class of the character starting at i (a surrogate pair takes two code units). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isHighSurrogate(c)) return classify(String.fromCodePoint(text.codePointAt(i) ?? c));
  let k = classCache[c] ?? UNKNOWN;
  if (k === UNKNOWN) {
    k = classify(String.fromCharCode(c));
    classCache[c] = k;
  }
  return k;
}

function widthAt(text: string, i: number): number {
  return isHighSurrogate(text.charCodeAt(i)) ? 2 : 1;
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(text.charAt(i));
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 200_000;

/**
 * The shared normalisation of a word. The plural trim is deliberately
 * light (no real stemming): it joins "report/reports" and "city/cities"
 * in every language the corpus holds without pretending to know their
 * morphology, and misfires ("texas" → "texa") are harmless because both
 * sides of a comparison fold the same way.
 */
export function foldWord(raw: string): string {
  const cached = foldCache.get(raw);
  if (cached !== undefined) return cached;
  let w = ASCII.test(raw) ? raw.toLowerCase() : raw.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/’/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.includes('.')) w = w.replace(/\./g, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(raw, w);
  return w;
}

const LETTER = /\p{L}/gu;

function isAcronym(raw: string): boolean {
  let letters = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
    else if (c >= 128) return !HAS_LOWER.test(raw) && (raw.match(LETTER)?.length ?? 0) >= 2;
  }
  return letters >= 2;
}

interface Gap {
  initial: boolean;
  hyphenated: boolean;
  adjacent: boolean;
}
const GAP_SPACE: Gap = { initial: false, hyphenated: false, adjacent: true };
const GAP_NONE: Gap = { initial: false, hyphenated: false, adjacent: false };

/** What the characters between two words say about the second one. */
function classifyGap(gap: string): Gap {
  if (gap === ' ') return GAP_SPACE;
  if (gap === '') return GAP_NONE;
  return { initial: SENTENCE_BREAK.test(gap), hyphenated: HYPHEN_GAP.test(gap), adjacent: WHITESPACE_GAP.test(gap) };
}

/** Tokens of one line of text (a block, a title). */
export function scanWords(text: string): WordToken[] {
  const out: WordToken[] = [];
  const n = text.length;
  let prevEnd = 0;
  let first = true;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i);
    if (cls !== WORDCHAR && cls !== CJK) {
      i += widthAt(text, i);
      continue;
    }
    const start = i;
    const gap = first
      ? GAP_NONE
      : start === prevEnd + 1 && text.charCodeAt(prevEnd) === 32
        ? GAP_SPACE
        : classifyGap(text.slice(prevEnd, start));
    const initial = first || gap.initial;
    first = false;

    if (cls === CJK) {
      i += widthAt(text, i);
      while (i < n && classAt(text, i) === CJK) i += widthAt(text, i);
      prevEnd = i;
      const chars = Array.from(text.slice(start, i));
      if (chars.length === 1) {
        out.push({ norm: chars[0] ?? '', cap: false, acronym: false, initial, hyphenated: false, adjacent: false, cjk: true });
      }
      for (let c = 0; c + 1 < chars.length; c++) {
        out.push({
          norm: `${chars[c]}${chars[c + 1]}`,
          cap: false,
          acronym: false,
          initial: initial && c === 0,
          hyphenated: false,
          adjacent: false,
          cjk: true,
        });
      }
      continue;
    }

    if (isUpperAt(text, i) && text.charCodeAt(i + 1) === 46 && isUpperAt(text, i + 2) && text.charCodeAt(i + 3) === 46) {
      // A dotted acronym, "U.S." or "U.N.": one token, its dots part of it.
      i += 4;
      while (isUpperAt(text, i) && text.charCodeAt(i + 1) === 46) i += 2;
    } else {
      i += widthAt(text, i);
      for (;;) {
        while (i < n) {
          const k = classAt(text, i);
          if (k !== WORDCHAR && k !== MARK) break;
          i += widthAt(text, i);
        }
        // An apostrophe inside a word ("Europe's", "aujourd'hui") belongs to it.
        const c = text.charCodeAt(i);
        if ((c === 39 || c === 0x2019) && i + 1 < n && classAt(text, i + 1) === WORDCHAR) {
          i += 1;
          continue;
        }
        break;
      }
    }
    prevEnd = i;
    // French and Italian elision: "l'État" is the word "État".
    let raw = text.slice(start, i);
    if (raw.includes("'") || raw.includes('’')) raw = raw.replace(ELISION, '');
    const cap = isUpperAt(raw, 0);
    out.push({
      norm: foldWord(raw),
      cap,
      acronym: cap && isAcronym(raw),
      initial,
      hyphenated: gap.hyphenated,
      adjacent: gap.adjacent,
      cjk: false,
    });
  }
  return out;
}
