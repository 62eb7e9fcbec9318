/**
 * Readers of title mentions, one per shape, each returning the parts it found
 * with their spans:
 *   [Q] [J] [Q] Title[-elect] [and [J] Title]* Name [of J]   "former U.S. President Mara Quell", "U.S. former President …",
 *                                                             "Norland's Prime Minister and Alliance Secretary General Ada Varga",
 *                                                             "President Mara Quell of the United States"
 *   [Q] Title of J [,] Name                                   "Prime Minister of Norland Ada Varga", "president of Halvern, Quell"
 *   the [Q] [J] Title, Name                                   "the Vice President, Ada Varga,"; "Iran's supreme leader, Ayatollah …"
 *   Name, the [Q] [J] Title [of J]                            "Ada Varga, the chancellor of Germany"; "Ada Varga, the current vice president"
 */
import type { KnowledgeBase } from '../../kb/schema';
import { ROLE_NOUNS } from '../lexicon';
import { jurisdictionAfter, leftParts, nameAt, nameEndingAt, type Jurisdiction, type LeftParts, type NameSpan } from './parts';
import { isPossessive, spaced, type Tok } from './tokens';
import { titleAt, type TitleMatch } from './vocabulary';

export type Shape = 'title-first' | 'title-apposition' | 'name-apposition' | 'copula';

export interface TitleMention {
  shape: Shape;
  title: TitleMatch;
  left: LeftParts;
  /** A jurisdiction written after the title or after the name. */
  after: Jurisdiction | null;
  name: NameSpan;
  /** Character span of the words the claim is read from. */
  start: number;
  end: number;
}

interface Link {
  title: TitleMatch;
  left: LeftParts;
}

/** "and [J] Title" or "and <words> leader" after a title: the next link of a list of titles held by one person. */
function nextLink(kb: KnowledgeBase, text: string, toks: Tok[], at: number): { link: Link | null; next: number } | null {
  const and = toks[at];
  if (!and || (and.low !== 'and' && and.low !== '&') || !spaced(text, toks[at - 1]!, and)) return null;
  for (let k = at + 1; k < toks.length && k - at <= 4; k++) {
    if (!spaced(text, toks[k - 1]!, toks[k]!)) return null;
    const t = titleAt(kb, text, toks, k);
    if (t) {
      const left = leftParts(kb, text, toks, k, t.full);
      // The words between "and" and the title must all be read as its qualifiers or jurisdiction.
      if (left.start !== at + 1) return null;
      return { link: { title: t, left }, next: t.to };
    }
    // A title the knowledge base does not hold ("Yisrael Beytenu leader"): skipped, the list goes on.
    if (ROLE_NOUNS.has(toks[k]!.low)) return { link: null, next: k + 1 };
  }
  return null;
}

/** "of the Exchequer", "of the Senate", "of Microsoft": capitalised words after "of" that name no jurisdiction. */
function ofSomethingElse(text: string, toks: Tok[], at: number): boolean {
  const of = toks[at];
  if (!of || (of.low !== 'of' && of.low !== 'for') || !spaced(text, toks[at - 1]!, of)) return false;
  const next = toks[at + 1]?.low === 'the' ? toks[at + 2] : toks[at + 1];
  return !!next && /^\p{Lu}/u.test(next.text);
}

interface Copula {
  /** First token of the copula (backward) or the token after it (forward). */
  from: number;
  next: number;
  /** "currently", "now": the sentence insists on the present. */
  now: boolean;
  /** "was", "had been": the past, nothing to check. */
  past: boolean;
}

const COPULA_PRESENT = new Set(['is', 'remains', "'s"]);
const COPULA_PAST = new Set(['was', 'became']);
const NOW_WORDS = new Set(['currently', 'now', 'still']);

/** A copula after a title phrase: "is", "remains", "is currently", "has been", "continues to be", "was". */
function copulaForward(toks: Tok[], at: number): Copula | null {
  let k = at;
  let now = false;
  const word = toks[k]?.low;
  if (!word) return null;
  if (COPULA_PRESENT.has(word) || COPULA_PAST.has(word)) k++;
  else if (word === 'has' && toks[k + 1]?.low === 'been') k += 2;
  else if (word === 'continues' && toks[k + 1]?.low === 'to' && toks[k + 2]?.low === 'be') k += 3;
  else return null;
  while (NOW_WORDS.has(toks[k]?.low ?? '')) {
    now = true;
    k++;
  }
  return { from: at, next: k, now, past: COPULA_PAST.has(word) };
}

/** A copula ending at token `end` (inclusive), read backwards: "is", "is currently", "currently serves as", "has been", "was". */
function copulaBackward(toks: Tok[], end: number): Copula | null {
  let k = end;
  let now = false;
  if (toks[k]?.low === 'as' && /^serv/.test(toks[k - 1]?.low ?? '')) {
    k -= 2;
    if (toks[k]?.low === 'is') k--;
    while (NOW_WORDS.has(toks[k]?.low ?? '')) {
      now = true;
      k--;
    }
    return { from: k + 1, next: end + 1, now, past: false };
  }
  while (NOW_WORDS.has(toks[k]?.low ?? '')) {
    now = true;
    k--;
  }
  const word = toks[k]?.low ?? '';
  if (COPULA_PRESENT.has(word) || COPULA_PAST.has(word)) return { from: k, next: end + 1, now, past: COPULA_PAST.has(word) };
  if (word === 'been' && toks[k - 1]?.low === 'has') return { from: k - 1, next: end + 1, now, past: false };
  return null;
}

/** Every title mention of the sentence, left to right; a token belongs to one title at most. */
export function titleMentions(kb: KnowledgeBase, text: string, toks: Tok[]): Array<{ mention: TitleMention; chain: Link[] }> {
  const out: Array<{ mention: TitleMention; chain: Link[] }> = [];
  for (let i = 0; i < toks.length; i++) {
    const title = titleAt(kb, text, toks, i);
    if (!title) continue;
    // "at 8 PM Quell said": a clock time, not a prime minister.
    if (/^pm$/i.test(toks[i]!.text) && /^\d/.test(toks[i - 1]?.text ?? '')) continue;
    const left = leftParts(kb, text, toks, i, title.full);
    const chain: Link[] = [{ title, left }];
    let end = title.to;
    // "Prime Minister's Office": a possessive title names no one.
    if (isPossessive(toks[end - 1]!)) {
      i = end - 1;
      continue;
    }
    if (toks[end]?.low === '-elect' || toks[end]?.low === '-designate') {
      left.qualifiers.push({ sense: 'elect', at: end });
      end++;
    }
    for (let link = nextLink(kb, text, toks, end); link; link = nextLink(kb, text, toks, end)) {
      if (link.link) chain.push(link.link);
      end = link.next;
      if (toks[end]?.low === '-elect') end++;
    }
    i = end - 1;

    let after = jurisdictionAfter(kb, text, toks, end);
    // "Chancellor of the Exchequer", "President of the Senate": the title of another body.
    if (!after && ofSomethingElse(text, toks, end)) continue;
    const at = after ? after.to : end;
    const comma = toks[at]?.text === ',';
    // A comma between title and name only where the title is a phrase of its own: "the president, X", "president of Y, X".
    const apposed = comma && (left.determiner !== null || left.jurisdiction !== null || after !== null || title.full);
    const name = !comma ? nameAt(text, toks, at) : apposed ? nameAt(text, toks, at + 1) : null;
    if (name) {
      if (!after) after = jurisdictionAfter(kb, text, toks, name.to);
      const first = chain[0]!.left;
      const start = toks[first.start]!.start;
      const stop = after && after.from >= name.to ? toks[after.to - 1]!.end : name.end;
      out.push({ mention: { shape: apposed ? 'title-apposition' : 'title-first', title, left: first, after, name, start, end: stop }, chain });
      i = Math.max(i, (after && after.from >= name.to ? after.to : name.to) - 1);
      continue;
    }
    // "The current prime minister of Norland is Ada Varga": a definite title phrase, a copula, the name.
    const definite = left.determiner !== null || left.jurisdiction !== null || after !== null || title.full;
    const copulaAfter = definite ? copulaForward(toks, at) : null;
    if (copulaAfter) {
      const holder = nameAt(text, toks, copulaAfter.next);
      if (holder) {
        if (copulaAfter.now) left.qualifiers.push({ sense: 'current', at: at });
        if (!copulaAfter.past) {
          out.push({ mention: { shape: 'copula', title, left, after, name: holder, start: toks[left.start]!.start, end: holder.end }, chain });
        }
        i = holder.to - 1;
        continue;
      }
    }
    const opener = left.determiner ?? left.start;
    const stop = after ? toks[after.to - 1]!.end : toks[end - 1]!.end;
    // "Name, the [Q] [J] title [of J]": the name stands before.
    if (toks[opener - 1]?.text === ',') {
      const before = nameEndingAt(text, toks, opener - 2);
      if (before) out.push({ mention: { shape: 'name-apposition', title, left, after, name: before, start: before.start, end: stop }, chain });
      continue;
    }
    // "Ada Varga is the prime minister of Norland", "…, who is currently Norland's prime minister".
    const copula = copulaBackward(toks, opener - 1);
    if (copula && !copula.past) {
      const holderEnd = toks[copula.from - 1]?.low === 'who' && toks[copula.from - 2]?.text === ',' ? copula.from - 3 : copula.from - 1;
      const holder = nameEndingAt(text, toks, holderEnd);
      if (holder) {
        if (copula.now) left.qualifiers.push({ sense: 'current', at: copula.from });
        out.push({ mention: { shape: 'copula', title, left, after, name: holder, start: holder.start, end: stop }, chain });
      }
    }
  }
  return out;
}
