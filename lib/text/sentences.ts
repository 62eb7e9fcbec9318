/**
 * Sentence segmentation with exact character offsets.
 *
 * The segmenter is a single left-to-right scan per line that stops only at
 * terminal punctuation. For each run of terminators it reads the token before
 * the run and the token after the following whitespace, and decides with a
 * handful of rules: what kind of abbreviation the token is (see
 * abbreviations.ts), whether the next word is capitalised and, for
 * ambiguous abbreviations, whether it is a typical sentence opener; plus
 * list labels and quotation closers. Lookarounds are bounded and the only
 * regular expressions run over the whole text are single-character-class
 * searches, so the cost stays linear and no input can trigger backtracking.
 */
import {
  CAPITALISED_TRAILING,
  INITIALISMS,
  INNER,
  MONTHS,
  NUMBER_PREFIXES,
  ORDINAL_CUES,
  ORDINAL_MONTH_NAMES,
  SENTENCE_STARTERS,
  TITLES,
  TRAILING,
} from './abbreviations';

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Abbreviations, initials and list markers are short; looking further than
 * this around a boundary cannot change a decision and would let a
 * pathological token make the scan quadratic.
 */
const MAX_TOKEN = 64;

const RE_UPPER = /[\p{Lu}\p{Lt}]/u;
const RE_LOWER = /\p{Ll}/u;
const RE_DIGIT = /\p{Nd}/u;
const RE_CASELESS = /[\p{Lo}\p{Lm}]/u;
const RE_SYMBOL_START = /[\p{Sc}\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}]/u;
const RE_WORD_CHAR = /[\p{L}\p{M}]/u;
const RE_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RE_EMOJI_PART =
  /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u200D\uFE0E\uFE0F\u20E3]/u;
/** "iPhone", "eBay", "mRNA": lowercase first letter, still a capitalised start. */
const RE_CAMEL = /^\p{Ll}{1,3}\p{Lu}/u;
/** One- or two-letter pieces joined by periods: U.S, Ph.D, EE.UU, z.B, a.m. */
const RE_INITIALISM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
const RE_SINGLE_LETTER = /^\p{L}$/u;
/** Capitalised, vowel-less and short: an abbreviation we do not list (Mgmt, Pvt, Sgt). */
const RE_VOWELLESS = /^\p{Lu}[bcdfghjklmnpqrstvwxz]{1,3}$/u;
const RE_SMALL_NUMBER = /^\d{1,2}$/;

const BULLETS = '•◦▪▫‣⁃●○■□►▸➤➢';
/** A sentence that so far holds only a list label: "1", "• 9", "(a", "IV". */
const RE_LIST_LABEL_SENTENCE = new RegExp(`^(?:[${BULLETS}]\\s*)?\\(?(?:\\d{1,3}|\\p{L}|[IVXL]{2,6}|[ivxl]{2,6})$`, 'u');
/** A line that opens with an enumerated item: "1. ", "2) ", "3.) ", "(4) ", "a. ", "B) ". */
const RE_LIST_START = /^(\(?)(\d{1,3}|[A-Za-z])(\.\)|\)|\.)\s/;

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x0b || c === 0x0c || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isSpace(c: number): boolean {
  if (c === 32 || c === 9) return true;
  if (c < 0xa0) return isLineBreak(c);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff ||
    isLineBreak(c)
  );
}

/** Terminators that need whitespace after them (Latin, Indic, Arabic, Armenian, Ethiopic). */
function isTerminator(c: number): boolean {
  switch (c) {
    case 0x2e: // .
    case 0x21: // !
    case 0x3f: // ?
    case 0x2026: // …
    case 0x203c: // ‼
    case 0x2047: // ⁇
    case 0x2048: // ⁈
    case 0x2049: // ⁉
    case 0x0964: // ।
    case 0x0965: // ॥
    case 0x061f: // ؟
    case 0x06d4: // ۔
    case 0x0589: // ։
    case 0x1362: // ።
      return true;
    default:
      return false;
  }
}

/** CJK and fullwidth terminators end a sentence without any following space. */
function isCjkTerminator(c: number): boolean {
  return c === 0x3002 || c === 0xff61 || c === 0xff01 || c === 0xff1f;
}

/**
 * Closing quotes and brackets that may follow a terminator directly. “ and «
 * are included because German closes quotations with them („Ja.“ and
 * »Ja.«); right after a terminator any quote mark is a closing one.
 */
function isCloser(c: number): boolean {
  switch (c) {
    case 0x22: // "
    case 0x27: // '
    case 0x29: // )
    case 0x5d: // ]
    case 0x7d: // }
    case 0x201d: // ”
    case 0x2019: // ’
    case 0x201c: // “
    case 0x2018: // ‘
    case 0xbb: // »
    case 0xab: // «
    case 0x203a: // ›
    case 0x2039: // ‹
    case 0x300d: // 」
    case 0x300f: // 』
    case 0x300b: // 》
    case 0x3009: // 〉
    case 0x3011: // 】
    case 0x3015: // 〕
    case 0xff09: // ）
    case 0xff02: // ＂
    case 0xff07: // ＇
      return true;
    default:
      return false;
  }
}

/**
 * A closer standing alone between spaces, as French typesetting puts it
 * ("Bonjour. » Il"), belongs to the sentence before it.
 */
function isStandaloneCloser(c: number): boolean {
  return c === 0xbb || c === 0x201d || c === 0x203a || c === 0x29 || c === 0x5d || c === 0x300d || c === 0x300f;
}

/** Characters that may open a sentence before its first letter. */
function isOpener(c: number): boolean {
  switch (c) {
    case 0x22: // "
    case 0x27: // '
    case 0x28: // (
    case 0x5b: // [
    case 0x7b: // {
    case 0x201c: // “
    case 0x2018: // ‘
    case 0x201e: // „
    case 0x201a: // ‚
    case 0xab: // «
    case 0xbb: // »
    case 0x2039: // ‹
    case 0x203a: // ›
    case 0xbf: // ¿
    case 0xa1: // ¡
    case 0x300c: // 「
    case 0x300e: // 『
    case 0x300a: // 《
    case 0x3008: // 〈
    case 0x3010: // 【
    case 0x3014: // 〔
    case 0xff08: // （
      return true;
    default:
      return false;
  }
}

/** Characters that glue a word to what precedes it without a space: "left—Mr.", "(Dr.", "R-Calif.". */
function isTokenGlue(c: number): boolean {
  return c === 0x2014 || c === 0x2013 || c === 0x2f || c === 0x2d || isOpener(c);
}

function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

type StartKind = 'upper' | 'lower' | 'digit' | 'caseless' | 'symbol' | 'other';

interface NextToken {
  kind: StartKind;
  /** Letters at the start of the token, after any opening punctuation. */
  word: string;
  /** The token is itself an initial ("A." in "J. A. Smith"). */
  initial: boolean;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function readWord(text: string, from: number, to: number): string {
  let i = from;
  const limit = Math.min(to, from + MAX_TOKEN);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c)) {
      i++;
      continue;
    }
    if (c < 0x80) break;
    const ch = charAt(text, i);
    if (!RE_WORD_CHAR.test(ch)) break;
    i += ch.length;
  }
  return text.slice(from, i);
}

function classifyNext(text: string, at: number, to: number): NextToken {
  let q = at;
  const limit = Math.min(to, at + 8);
  // French sets a space inside guillemets: "« Bonjour »".
  while (q < limit && (isOpener(text.charCodeAt(q)) || (q > at && isSpace(text.charCodeAt(q))))) q++;
  if (q >= to) return { kind: 'other', word: '', initial: false };
  const word = readWord(text, q, to);
  const initial = word.length === 1 && text.charCodeAt(q + 1) === 0x2e;
  const c = text.charCodeAt(q);
  if (c < 0x80) {
    // Fast path for ASCII, which is most of what this sees.
    if (c >= 0x41 && c <= 0x5a) return { kind: 'upper', word, initial };
    if (c >= 0x30 && c <= 0x39) return { kind: 'digit', word, initial };
    if (c >= 0x61 && c <= 0x7a) return { kind: RE_CAMEL.test(text.slice(q, q + 8)) ? 'upper' : 'lower', word, initial };
    return { kind: c === 0x24 ? 'symbol' : 'other', word, initial };
  }
  const ch = charAt(text, q);
  let kind: StartKind;
  if (RE_UPPER.test(ch)) kind = 'upper';
  else if (RE_LOWER.test(ch)) kind = RE_CAMEL.test(text.slice(q, q + 8)) ? 'upper' : 'lower';
  else if (RE_DIGIT.test(ch)) kind = 'digit';
  else if (RE_CASELESS.test(ch)) kind = 'caseless';
  else if (RE_SYMBOL_START.test(ch)) kind = 'symbol';
  else kind = 'other';
  return { kind, word, initial };
}

/** End of the whitespace-delimited token at `from` if it is made only of emoji, else -1. */
function emojiTokenEnd(text: string, from: number, to: number): number {
  // Pictographs below U+2300 (©, ®, ™, arrows) are textual symbols that may
  // well open the next sentence ("© 2024 Acme"); only real emoji trail.
  if (text.charCodeAt(from) < 0x2300) return -1;
  let i = from;
  const limit = Math.min(to, from + MAX_TOKEN);
  while (i < limit && !isSpace(text.charCodeAt(i))) {
    const ch = charAt(text, i);
    if (!RE_EMOJI_PART.test(ch)) return -1;
    i += ch.length;
  }
  if (i === from || (i === limit && limit < to && !isSpace(text.charCodeAt(i)))) return -1;
  return i;
}

function isStarter(next: NextToken): boolean {
  if (next.kind === 'caseless') return true;
  // "A." after "J." is another initial, not the article.
  if (next.initial) return false;
  return next.kind === 'upper' && SENTENCE_STARTERS.has(next.word.toLowerCase());
}

function isPlausibleStart(kind: StartKind): boolean {
  return kind === 'upper' || kind === 'digit' || kind === 'caseless' || kind === 'symbol';
}

/** Start of the token that ends right before `end`, or -1 if it is too long to be an abbreviation. */
function tokenStartBefore(text: string, end: number, lineStart: number): number {
  let s = end;
  const limit = Math.max(lineStart, end - MAX_TOKEN);
  while (s > limit) {
    const c = text.charCodeAt(s - 1);
    if (isSpace(c) || isTokenGlue(c)) return s;
    s--;
  }
  return s === lineStart ? s : -1;
}

/** The word before position `before`, skipping whitespace (for "am 3. Oktober"). */
function wordBefore(text: string, before: number, lineStart: number): string {
  let e = before;
  while (e > lineStart && isSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > lineStart && e - s < 16 && !isSpace(text.charCodeAt(s - 1))) s--;
  return text.slice(s, e);
}

function isCapitalised(token: string): boolean {
  return RE_UPPER.test(charAt(token, 0));
}

/**
 * The decision for a single period followed by whitespace and a
 * capitalised word, digit or other plausible start: does the token before
 * it make the period part of an abbreviation?
 */
function periodEndsSentence(
  text: string,
  runStart: number,
  lineStart: number,
  sentenceStart: number,
  next: NextToken,
): boolean {
  // A list label opening the sentence ("1. First", "• 9. Item", "a. Item").
  let s = sentenceStart;
  while (s < runStart && isSpace(text.charCodeAt(s))) s++;
  if (runStart - s <= 8 && runStart > s && RE_LIST_LABEL_SENTENCE.test(text.slice(s, runStart))) return false;

  const tokStart = tokenStartBefore(text, runStart, lineStart);
  if (tokStart < 0) return true;
  const token = text.slice(tokStart, runStart);
  if (token.length === 0) return true;
  const key = token.toLowerCase();
  const capitalised = isCapitalised(token);

  if (capitalised && TITLES.has(key)) return false;
  // "Roe v. Wade", but a capital "V." is an initial.
  if (INNER.has(key) && !(capitalised && token.length === 1)) return false;
  if (NUMBER_PREFIXES.has(key) || MONTHS.has(key)) {
    if (next.kind === 'digit') return false;
  }
  if (RE_SMALL_NUMBER.test(token) && next.kind === 'upper') {
    // German ordinals: "am 3. Oktober", "im 19. Jahrhundert".
    if (ORDINAL_MONTH_NAMES.has(next.word.toLowerCase())) return false;
    if (ORDINAL_CUES.has(wordBefore(text, tokStart, lineStart).toLowerCase())) return false;
  }
  if (
    TRAILING.has(key) ||
    (capitalised && CAPITALISED_TRAILING.has(key)) ||
    INITIALISMS.has(key) ||
    RE_INITIALISM.test(token) ||
    RE_SINGLE_LETTER.test(token) ||
    RE_VOWELLESS.test(token)
  ) {
    return isStarter(next);
  }
  return true;
}

interface Decision {
  /** Where the sentence ends if this is a boundary. */
  end: number;
  /** Where scanning resumes. */
  next: number;
  cut: boolean;
}

/** Skips "[1]" or "[citation needed]" glued to the end of a sentence. */
function skipCitation(text: string, at: number, to: number): number {
  if (text.charCodeAt(at) !== 0x5b) return at;
  const limit = Math.min(to, at + 24);
  for (let i = at + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5d) return i > at + 1 ? i + 1 : at;
    if (c === 0x5b) return at;
  }
  return at;
}

function evaluateTerminator(text: string, i: number, lineStart: number, to: number, sentenceStart: number): Decision {
  let j = i;
  let dots = 0;
  let strong = false;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 0x2e) {
      dots++;
      j++;
    } else if (c === 0x2026) {
      dots += 3;
      j++;
    } else if (isTerminator(c)) {
      strong = true;
      j++;
    } else if (isSpace(c) && text.charCodeAt(j - 1) === 0x2e && text.charCodeAt(j + 1) === 0x2e) {
      // Spaced ellipsis ". . .": only if the next dot stands alone, so
      // "end. .NET" is not swallowed.
      const after = text.charCodeAt(j + 2);
      if (j + 2 >= to || isSpace(after) || after === 0x2e || isCloser(after)) j++;
      else break;
    } else break;
  }
  const runEnd = j;
  const noCut: Decision = { end: runEnd, next: runEnd, cut: false };

  // "[...]" and "(...)" mark an omission inside a quotation.
  if (!strong && dots >= 2 && i > lineStart) {
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(runEnd);
    if ((before === 0x5b && after === 0x5d) || (before === 0x28 && after === 0x29)) return noCut;
  }

  let k = runEnd;
  for (let guard = 0; guard < 4; guard++) {
    const start = k;
    while (k < to && isCloser(text.charCodeAt(k))) k++;
    k = skipCitation(text, k, to);
    if (k === start) break;
  }
  const hadClosers = k > runEnd;
  if (k >= to) return { end: k, next: k, cut: true };
  if (!isSpace(text.charCodeAt(k))) {
    // Chinese or Japanese text punctuated with ASCII "!"/"?" has no spaces.
    if (strong && RE_CJK.test(charAt(text, k))) return { end: k, next: k, cut: true };
    return noCut;
  }

  let end = k;
  let m = k;
  while (m < to && isSpace(text.charCodeAt(m))) m++;
  for (let guard = 0; guard < 8 && m < to; guard++) {
    // Standalone closing quotes and trailing emoji belong to this sentence.
    let tokenEnd = -1;
    if (isStandaloneCloser(text.charCodeAt(m)) && (m + 1 >= to || isSpace(text.charCodeAt(m + 1)))) tokenEnd = m + 1;
    else tokenEnd = emojiTokenEnd(text, m, to);
    if (tokenEnd < 0) break;
    end = tokenEnd;
    m = tokenEnd;
    while (m < to && isSpace(text.charCodeAt(m))) m++;
  }
  if (m >= to) return { end, next: end, cut: true };

  const next = classifyNext(text, m, to);
  const boundary: Decision = { end, next: end, cut: true };
  if (!isPlausibleStart(next.kind)) return noCut;
  if (strong) return boundary;
  if (dots >= 2) {
    // "I" is capitalised everywhere, so after a mere ellipsis it says
    // nothing about a new sentence ("the thing is . . . I didn't mean it").
    return next.kind === 'upper' && next.word === 'I' ? noCut : boundary;
  }
  if (hadClosers) {
    // A list label such as "1.)" is still not a sentence.
    let s = sentenceStart;
    while (s < i && isSpace(text.charCodeAt(s))) s++;
    if (i - s <= 8 && i > s && RE_LIST_LABEL_SENTENCE.test(text.slice(s, i))) return noCut;
    return boundary;
  }
  return periodEndsSentence(text, i, lineStart, sentenceStart, next) ? boundary : noCut;
}

function successor(label: string): string | null {
  if (/^\d+$/.test(label)) return String(Number(label) + 1);
  const c = label.charCodeAt(0);
  if ((c >= 0x61 && c < 0x7a) || (c >= 0x41 && c < 0x5a)) return String.fromCharCode(c + 1);
  return null;
}

/**
 * Positions where an inline list item starts: a line opening with a bullet
 * is split at every later occurrence of the same bullet, and a line opening
 * with an enumerator ("1.", "a)") is split at its successors ("2.", "b)")
 * even when the items carry no terminal punctuation.
 */
function listItemStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  const first = text.charAt(from);
  if (BULLETS.includes(first)) {
    const line = text.slice(from, to);
    for (let p = line.indexOf(first, 1); p !== -1; p = line.indexOf(first, p + 1)) {
      if (isSpace(line.charCodeAt(p - 1))) starts.push(from + p);
    }
    return starts;
  }
  const m = RE_LIST_START.exec(text.slice(from, Math.min(to, from + 8)));
  if (!m) return starts;
  const open = m[1] ?? '';
  const label = m[2] ?? '';
  const delim = m[3] ?? '';
  if (open !== '' && delim !== ')') return starts;
  // "A. Smith said" starts with an initial, not an item.
  if (/^[A-Z]$/.test(label) && delim === '.') return starts;
  const line = text.slice(from, to);
  let pos = m[0].length;
  for (let cur: string | null = successor(label); cur !== null; cur = successor(cur)) {
    const marker = open + cur + delim;
    let p = line.indexOf(marker, pos);
    while (p !== -1 && !(isSpace(line.charCodeAt(p - 1)) && isSpace(line.charCodeAt(p + marker.length)))) {
      p = line.indexOf(marker, p + 1);
    }
    if (p === -1) break;
    starts.push(from + p);
    pos = p + marker.length;
  }
  return starts;
}

function pushTrimmed(text: string, from: number, to: number, out: SentenceSpan[]): void {
  let s = from;
  let e = to;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}

/**
 * Every character the scan has to stop at: terminators and the Chinese
 * book-title brackets. Finding them with a native regex search instead of
 * testing each character in JavaScript keeps plain prose cheap.
 */
const RE_CANDIDATE = /[.!?\u2026\u203C\u2047-\u2049\u0964\u0965\u061F\u06D4\u0589\u1362\u3002\uFF61\uFF01\uFF1F\u300A\u300B]/g;
const RE_LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/g;

/** The candidate found by the last search, shared by all lines of one call. */
interface Cursor {
  pos: number;
}

/**
 * The next candidate position at or after `at`. Scans only move forward, so
 * a candidate found beyond the current line stays valid for later lines;
 * remembering it keeps a long run of unpunctuated lines linear.
 */
function nextCandidate(text: string, at: number, cursor: Cursor): number {
  if (cursor.pos >= at) return cursor.pos;
  RE_CANDIDATE.lastIndex = at;
  const m = RE_CANDIDATE.exec(text);
  cursor.pos = m ? m.index : text.length;
  return cursor.pos;
}

function segmentLine(text: string, from: number, to: number, out: SentenceSpan[], cursor: Cursor): void {
  let a = from;
  while (a < to && isSpace(text.charCodeAt(a))) a++;
  if (a >= to) return;

  const forced = listItemStarts(text, a, to);
  let forcedIndex = 0;
  const cuts: number[] = [];
  let sentenceStart = a;
  const cut = (pos: number): void => {
    if (pos > sentenceStart) {
      cuts.push(pos);
      sentenceStart = pos;
    }
  };

  // Inside a Chinese book title 《…》 punctuation belongs to the title.
  let titleDepth = 0;
  let i = a;
  for (;;) {
    i = nextCandidate(text, i, cursor);
    if (i >= to) break;
    while (forcedIndex < forced.length && (forced[forcedIndex] ?? to) <= i) {
      cut(forced[forcedIndex] ?? to);
      forcedIndex++;
    }
    const c = text.charCodeAt(i);
    if (c === 0x300a) {
      titleDepth++;
    } else if (c === 0x300b) {
      if (titleDepth > 0) titleDepth--;
    } else if (titleDepth === 0 && isCjkTerminator(c)) {
      let j = i + 1;
      while (j < to && (isCjkTerminator(text.charCodeAt(j)) || isTerminator(text.charCodeAt(j)))) j++;
      while (j < to && isCloser(text.charCodeAt(j))) j++;
      cut(j);
      i = j;
      continue;
    } else if (titleDepth === 0 && isTerminator(c)) {
      const d = evaluateTerminator(text, i, a, to, sentenceStart);
      if (d.cut) cut(d.end);
      i = Math.max(d.next, i + 1);
      continue;
    }
    i++;
  }
  while (forcedIndex < forced.length) {
    cut(forced[forcedIndex] ?? to);
    forcedIndex++;
  }

  let prev = a;
  for (const p of cuts) {
    pushTrimmed(text, prev, p, out);
    prev = p;
  }
  pushTrimmed(text, prev, to, out);
}

/**
 * Splits text into sentences. Every span satisfies
 * `text.slice(span.start, span.end) === span.text`, is trimmed and
 * non-empty, and spans come in order without overlapping. Line breaks always
 * end a sentence, so a heading line is a sentence of its own.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  if (typeof text !== 'string' || text.length === 0) return out;
  const n = text.length;
  const cursor: Cursor = { pos: -1 };
  let lineStart = 0;
  while (lineStart <= n) {
    RE_LINE_BREAK.lastIndex = lineStart;
    const m = RE_LINE_BREAK.exec(text);
    const lineEnd = m ? m.index : n;
    segmentLine(text, lineStart, lineEnd, out, cursor);
    if (!m) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return out;
}
