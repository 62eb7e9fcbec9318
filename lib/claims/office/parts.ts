/**
 * The parts around a title that an office mention is made of: qualifiers and
 * a jurisdiction before it (in either order: "former U.S.", "U.S. former",
 * "Israel's former"), a jurisdiction after it ("of France", "for the United
 * Arab Emirates"), and the holder's name, after the title or before it in
 * apposition ("Olaf Scholz, the chancellor of Germany").
 */
import { resolveJurisdiction } from '../../kb/index';
import type { KnowledgeBase } from '../../kb/schema';
import { HONORIFICS, NAME_PARTICLES, OTHER_OFFICE_MODIFIERS, QUALIFIER_WORDS, type QualifierSense } from '../lexicon';
import { isCapital, isPossessive, spaced, withoutPossessive, type Tok } from './tokens';

export interface Jurisdiction {
  code: string;
  from: number;
  to: number;
}

export interface LeftParts {
  /** First token of the mention's own words (qualifier or jurisdiction), or the title's. */
  start: number;
  qualifiers: Array<{ sense: QualifierSense; at: number }>;
  jurisdiction: Jurisdiction | null;
  /** Index of a determiner ("the", "a") opening the phrase, if any. */
  determiner: number | null;
  /** "Deputy Prime Minister", "party president": another office than the title's. */
  otherOffice: boolean;
}

const DETERMINERS = new Set(['the', 'a', 'an']);
const ORDINAL = /^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)$/;
const HONORIFIC_WORDS = new Set(HONORIFICS.map((h) => h.toLowerCase()));
/** Capitalised words that begin things other than names after a title. */
const NOT_A_NAME = new Set([
  'administration', 'government', 'cabinet', 'house', 'office', 'tower', 'doctrine', 'league', 'party', 'cup', 'council', 'foundation',
  'center', 'centre', 'library', 'airport', 'university', 'plaza', 'street', 'avenue', 'hotel', 'club', 'award', 'prize', 'trophy',
  'and', 'or', 'of', 'the', 'a', 'in', 'on', 'at', 'for', 'to', 'with', 'by', 'from', 'as', 'is', 'was', 'has', 'will', 'said', 'says',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'he', 'she', 'they', 'his', 'her', 'their', 'it', 'its', 'this', 'that', 'who', 'which', 'when', 'while',
]);

/** A jurisdiction written by up to three capitalised words ending at token `end` (inclusive). */
function jurisdictionEndingAt(kb: KnowledgeBase, text: string, toks: Tok[], end: number): Jurisdiction | null {
  for (let span = 3; span >= 1; span--) {
    const from = end - span + 1;
    if (from < 0) continue;
    if (!isCapital(toks[from])) continue;
    let ok = true;
    for (let k = from + 1; k <= end; k++) if (!spaced(text, toks[k - 1]!, toks[k]!)) ok = false;
    if (!ok) continue;
    const words = toks.slice(from, end + 1).map((t) => t.text);
    words[words.length - 1] = withoutPossessive(words[words.length - 1]!);
    const j = resolveJurisdiction(kb, words.join(' '));
    if (j) return { code: j.code, from, to: end + 1 };
  }
  return null;
}

/** A jurisdiction written by up to four capitalised words starting at token `from`, longest first. */
export function jurisdictionStartingAt(kb: KnowledgeBase, text: string, toks: Tok[], from: number): Jurisdiction | null {
  if (!isCapital(toks[from])) return null;
  let reach = from;
  while (reach + 1 < toks.length && reach - from < 3 && isCapital(toks[reach + 1]) && spaced(text, toks[reach]!, toks[reach + 1]!)) reach++;
  for (let end = reach; end >= from; end--) {
    const words = toks.slice(from, end + 1).map((t) => t.text);
    const last = words.length - 1;
    words[last] = withoutPossessive(words[last]!);
    const j = resolveJurisdiction(kb, words.join(' '));
    if (j) return { code: j.code, from, to: end + 1 };
  }
  return null;
}

/** Qualifiers, jurisdiction and determiner written before the title at token `ti`. */
export function leftParts(kb: KnowledgeBase, text: string, toks: Tok[], ti: number, fullTitle = false): LeftParts {
  const parts: LeftParts = { start: ti, qualifiers: [], jurisdiction: null, determiner: null, otherOffice: false };
  let k = ti - 1;
  while (k >= 0 && ti - k <= 6) {
    const t = toks[k]!;
    if (!spaced(text, t, toks[k + 1]!)) break;
    // "the 46th President", "the fourth prime minister": an ordinal names a holder among holders, not the sitting one.
    const sense = QUALIFIER_WORDS[t.low] ?? (ORDINAL.test(t.low) ? 'ordinal' : undefined);
    if (sense) {
      parts.qualifiers.push({ sense, at: k });
      parts.start = k;
      k--;
      continue;
    }
    if (k === ti - 1 && OTHER_OFFICE_MODIFIERS.has(t.low)) {
      parts.otherOffice = true;
      break;
    }
    if (DETERMINERS.has(t.low)) {
      parts.determiner = k;
      break;
    }
    if (!parts.jurisdiction && !fullTitle) {
      const j = jurisdictionEndingAt(kb, text, toks, k);
      if (j) {
        parts.jurisdiction = j;
        parts.start = j.from;
        k = j.from - 1;
        continue;
      }
    }
    // "General Assembly President", "FIFA President", "Ontario Premier": a capitalised word inside the
    // sentence that is neither qualifier nor jurisdiction makes the title another body's. (A full title names
    // its office whatever stands before it; the sentence's first word is capitalised anyway.)
    if (k === ti - 1 && !fullTitle && k > 0 && spaced(text, toks[k - 1]!, t) && isCapital(t) && !HONORIFIC_WORDS.has(t.low) && !NOT_A_NAME.has(t.low)) {
      parts.otherOffice = true;
    }
    break;
  }
  return parts;
}

/** "of France", "of the United States", "for the United Arab Emirates" starting at token i. */
export function jurisdictionAfter(kb: KnowledgeBase, text: string, toks: Tok[], i: number): Jurisdiction | null {
  const of = toks[i];
  if (!of || (of.low !== 'of' && of.low !== 'for') || !spaced(text, toks[i - 1]!, of)) return null;
  let k = i + 1;
  if (toks[k]?.low === 'the') k++;
  const j = jurisdictionStartingAt(kb, text, toks, k);
  // "of Israel's BJP": a possessive jurisdiction qualifies what follows, not the person.
  if (!j || isPossessive(toks[j.to - 1]!)) return null;
  return { code: j.code, from: i, to: j.to };
}

export interface NameSpan {
  from: number;
  /** Exclusive. */
  to: number;
  name: string;
  start: number;
  end: number;
  possessive: boolean;
}

function isNameWord(t: Tok): boolean {
  return isCapital(t) || /^(?:al|el|bin|ibn|bint|abu|ben)-\p{Lu}/u.test(t.text);
}

/** A person's name starting at token i, after any honorifics ("Sheikh", "Dr."). */
export function nameAt(text: string, toks: Tok[], i: number): NameSpan | null {
  let k = i;
  while (k < toks.length && HONORIFIC_WORDS.has(toks[k]!.low) && (k === i || spaced(text, toks[k - 1]!, toks[k]!))) k++;
  const first = toks[k];
  if (!first || (k > i && !spaced(text, toks[k - 1]!, first)) || !isNameWord(first) || NOT_A_NAME.has(first.low)) return null;
  let last = k;
  let j = k + 1;
  while (j < toks.length && j - k < 7 && !isPossessive(toks[j - 1]!)) {
    const t = toks[j]!;
    if (!spaced(text, toks[j - 1]!, t)) break;
    if (isNameWord(t) && !NOT_A_NAME.has(t.low)) {
      last = j++;
      continue;
    }
    // "von der Leyen", "Silva e Luna", "bin Abdul Rahman": particles, one or more, then a name word.
    let p = j;
    while (p < toks.length && NAME_PARTICLES.has(toks[p]!.low) && toks[p + 1] && spaced(text, toks[p]!, toks[p + 1]!)) p++;
    if (p > j && toks[p] && isNameWord(toks[p]!) && !NOT_A_NAME.has(toks[p]!.low)) {
      j = p;
      continue;
    }
    break;
  }
  const start = first.start;
  const possessive = isPossessive(toks[last]!);
  const written = withoutPossessive(text.slice(start, toks[last]!.end));
  return { from: k, to: last + 1, name: written.replace(/\s+/g, ' '), start, end: start + written.length, possessive };
}

/** A name that ends at token `end` (inclusive), read backwards: the "X" of "X, the president of Y". */
export function nameEndingAt(text: string, toks: Tok[], end: number): NameSpan | null {
  const last = toks[end];
  if (!last || !isNameWord(last) || NOT_A_NAME.has(last.low)) return null;
  let first = end;
  for (let k = end - 1; k >= 0 && end - k < 7; k--) {
    const t = toks[k]!;
    if (!spaced(text, t, toks[k + 1]!)) break;
    if (isNameWord(t) && !NOT_A_NAME.has(t.low) && !HONORIFIC_WORDS.has(t.low)) first = k;
    else if (!NAME_PARTICLES.has(t.low)) break;
  }
  const start = toks[first]!.start;
  const name = text.slice(start, last.end).replace(/\s+/g, ' ');
  return { from: first, to: end + 1, name, start, end: last.end, possessive: false };
}

/** The strongest reading of the qualifiers written before a title (and "-elect" after it). */
export function qualifierSense(senses: QualifierSense[]): QualifierSense | null {
  // An ordinal claims the present only beside "current": "the current, 14th prime minister".
  if (senses.includes('ordinal') && !senses.includes('current')) return 'unsure';
  for (const s of ['history', 'unsure', 'former', 'elect', 'acting', 'current'] as const) if (senses.includes(s)) return s;
  return null;
}
