/**
 * Tokens for reading office mentions. Words keep what belongs to them in
 * news prose — inner dots and apostrophes ("U.S.", "Israel's", "J.D."), the
 * dot of an initial or a listed abbreviation ("Pres.", "Gen.") — and lose a
 * dot that ends the sentence. Qualifiers written onto the title with a hyphen
 * ("then-President", "President-elect") become tokens of their own, so the
 * grammar sees the same parts however they are spelled.
 */
import { TITLES } from '../../text/abbreviations';

export interface Tok {
  /** As written. */
  text: string;
  /** Lower case, curly apostrophes straightened: what the vocabulary is matched with. */
  low: string;
  /** As titles are compared (normalTitle). */
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’‘.-]*|[^\s\p{L}\p{M}\p{N}]/gu;
/** Initials and initialisms keep their dots: "J.", "U.S.", "U.N.". */
const INITIALISM = /^(?:\p{L}\.)+\p{L}?\.?$/u;
const PREFIX = /^(ex|then)-(?=\p{L})/iu;
const SUFFIX = /-(elect|designate)$/i;

function tok(text: string, start: number): Tok {
  return { text, low: text.toLowerCase().replace(/[’‘`´]/g, "'"), norm: normalTitle(text), start, end: start + text.length };
}

/** How titles and jurisdiction words are compared: case, dots, hyphens and spelling variants aside. */
export function normalTitle(s: string): string {
  // Most words are plain ASCII letters: the full folding is for the rest.
  if (/^[A-Za-z]+$/.test(s)) return s === 'defence' || s === 'Defence' ? 'defense' : s.toLowerCase();
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/\./g, '')
    .replace(/-/g, ' ')
    .replace(/\bdefence\b/g, 'defense')
    .replace(/\s+/g, ' ')
    .trim();
}



export function officeTokens(text: string): Tok[] {
  const out: Tok[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) {
    let word = m[0];
    if (word.length > 1 && word.endsWith('.') && !INITIALISM.test(word) && !TITLES.has(word.slice(0, -1).toLowerCase())) {
      word = word.slice(0, -1);
      WORD.lastIndex = m.index + word.length;
    }
    // A possessive's trailing quote-less apostrophe stays with the word ("Emirates'"); other trailing hyphens do not.
    if (word.length > 1 && word.endsWith('-')) {
      word = word.slice(0, -1);
      WORD.lastIndex = m.index + word.length;
    }
    const start = m.index;
    const prefix = PREFIX.exec(word);
    if (prefix) {
      out.push(tok(word.slice(0, prefix[0].length), start));
      word = word.slice(prefix[0].length);
    }
    const at = start + (prefix ? prefix[0].length : 0);
    const suffix = SUFFIX.exec(word);
    if (suffix && suffix.index > 0) {
      out.push(tok(word.slice(0, suffix.index), at));
      out.push(tok(word.slice(suffix.index), at + suffix.index));
    } else out.push(tok(word, at));
  }
  return out;
}

const WORDLIKE = /^[\p{L}\p{M}\p{N}]/u;

/** Whether two words follow each other with only white space (line breaks included) between them. */
export function spaced(text: string, a: Tok, b: Tok): boolean {
  return a.end <= b.start && WORDLIKE.test(a.text) && WORDLIKE.test(b.text) && /^\s*$/.test(text.slice(a.end, b.start));
}

export function isCapital(t: Tok | undefined): boolean {
  return !!t && /^\p{Lu}/u.test(t.text);
}

/** "Israel's" → "Israel", "Emirates'" → "Emirates". */
export function withoutPossessive(s: string): string {
  return s.replace(/['’‘]s$/u, '').replace(/(?<=s)['’‘]$/u, '');
}

export function isPossessive(t: Tok): boolean {
  return /['’‘]s$/u.test(t.text) || /s['’‘]$/u.test(t.text);
}
