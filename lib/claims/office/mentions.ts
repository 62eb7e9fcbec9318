/**
 * Readers of title mentions, one per shape, each returning the parts it found
 * with their spans:
 *   [Q] [J] [Q] Title[-elect] [and [J] Title]* Name [of J]   "former U.S. President Donald Trump", "U.S. former President …",
 *                                                             "Dutch Prime Minister and NATO Secretary General Mark Rutte",
 *                                                             "President Joe Biden of the United States"
 *   [Q] Title of J [,] Name                                   "Prime Minister of Canada Mark Carney", "president of Mexico, AMLO"
 *   the [Q] [J] Title, Name                                   "the Vice President, Kamala Harris,"; "Iran's supreme leader, Ayatollah …"
 *   Name, the [Q] [J] Title [of J]                            "Olaf Scholz, the chancellor of Germany"; "JD Vance, the current vice president"
 */
import type { KnowledgeBase } from '../../kb/schema';
import { ROLE_NOUNS } from '../lexicon';
import { jurisdictionAfter, leftParts, nameAt, nameEndingAt, type Jurisdiction, type LeftParts, type NameSpan } from './parts';
import { isPossessive, spaced, type Tok } from './tokens';
import { titleAt, type TitleMatch } from './vocabulary';

export type Shape = 'title-first' | 'title-apposition' | 'name-apposition';

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

/** Every title mention of the sentence, left to right; a token belongs to one title at most. */
export function titleMentions(kb: KnowledgeBase, text: string, toks: Tok[]): Array<{ mention: TitleMention; chain: Link[] }> {
  const out: Array<{ mention: TitleMention; chain: Link[] }> = [];
  for (let i = 0; i < toks.length; i++) {
    const title = titleAt(kb, text, toks, i);
    if (!title) continue;
    // "at 8 PM Trump said": a clock time, not a prime minister.
    if (title.bare === 'pm' && /^\d/.test(toks[i - 1]?.text ?? '')) continue;
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
    // "Name, the [Q] [J] title [of J]": the name stands before.
    const opener = left.determiner ?? left.start;
    if (toks[opener - 1]?.text === ',') {
      const before = nameEndingAt(text, toks, opener - 2);
      if (before) {
        const stop = after ? toks[after.to - 1]!.end : toks[end - 1]!.end;
        out.push({ mention: { shape: 'name-apposition', title, left, after, name: before, start: before.start, end: stop }, chain });
      }
    }
  }
  return out;
}
