/**
 * Person names in running text: a run of capitalised words, allowing name
 * particles ("bin", "al-") and initials, and the within-article coreference
 * that lets "Netanyahu" stand for the "Benjamin Netanyahu" named earlier.
 */
import { HONORIFICS, NAME_PARTICLES } from './lexicon';

const CAP_WORD = /^(\p{Lu}[\p{L}\p{M}'’-]*\.?|\p{Lu}\.)$/u;
const HONORIFIC_SET = new Set(HONORIFICS.map((h) => h.toLowerCase()));

export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokens(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’.-]*|[^\s\p{L}\p{N}]/gu;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    let word = m[0];
    // A trailing dot belongs to the word only for initials and honorifics ("J.", "Mr."); otherwise it ends the sentence.
    if (word.length > 2 && word.endsWith('.') && !HONORIFIC_SET.has(word.toLowerCase())) word = word.slice(0, -1);
    out.push({ text: word, start: m.index, end: m.index + word.length });
    re.lastIndex = m.index + word.length;
  }
  return out;
}

export function stripPossessive(word: string): string {
  return word.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

export function isCapitalised(word: string): boolean {
  return CAP_WORD.test(word);
}

/**
 * Reads a name starting at token i (after any honorifics); returns the name's
 * span, or null when no capitalised word stands there.
 */
export function readName(text: string, toks: Token[], i: number): { name: string; start: number; end: number; next: number } | null {
  let k = i;
  while (k < toks.length && HONORIFIC_SET.has(toks[k]!.text.toLowerCase())) k++;
  const first = toks[k];
  if (!first || !isCapitalised(first.text)) return null;
  let last = k;
  let j = k + 1;
  while (j < toks.length && j - k < 7) {
    const t = toks[j]!;
    const gap = text.slice(toks[j - 1]!.end, t.start);
    if (gap !== ' ' && gap !== '') break;
    if (toks[j - 1]!.text.match(/['’]s$/u)) break; // a possessive ends the name
    if (isCapitalised(t.text)) {
      last = j;
      j++;
      continue;
    }
    const lower = t.text.toLowerCase().replace(/-$/, '');
    const after = toks[j + 1];
    if (NAME_PARTICLES.has(lower) && after && isCapitalised(after.text)) {
      j++;
      continue;
    }
    break;
  }
  const start = first.start;
  const end = toks[last]!.end;
  const name = stripPossessive(text.slice(start, end));
  return { name, start, end: start + name.length, next: last + 1 };
}

/** Within one article, a bare surname refers to the full name used before it. */
export class NameBook {
  private full = new Map<string, string>();

  note(name: string): string {
    const parts = name.split(/\s+/);
    if (parts.length > 1) {
      this.full.set(parts[parts.length - 1]!.toLowerCase(), name);
      return name;
    }
    return this.full.get(name.toLowerCase()) ?? name;
  }

  /** Whether the article named this surname in full earlier. */
  known(surname: string): boolean {
    return this.full.has(surname.toLowerCase());
  }
}
