/**
 * The titles the office grammar recognises and the offices they can name:
 * the generic newsroom titles of the lexicon, and every title the knowledge
 * base writes for its offices. A title such as "US President" carries its
 * jurisdiction and names its office outright; a bare one ("President") is
 * resolved later, by the jurisdiction the sentence gives or the person's own
 * record. Built once per knowledge base.
 */
import type { KnowledgeBase, OfficeRole } from '../../kb/schema';
import { QUALIFIER_WORDS, TITLE_ROLES } from '../lexicon';
import type { Tok } from './tokens';
import { normalTitle, spaced } from './tokens';

export type TitleRole = OfficeRole | 'envoy' | 'other';

export interface TitleEntry {
  /** The role a generic title denotes, when the lexicon knows it. */
  role: TitleRole | null;
  /** Offices whose full title this is, jurisdiction included ("Dutch Prime Minister"). */
  offices: string[];
}

export interface TitleMatch extends TitleEntry {
  /** Token range [from, to). */
  from: number;
  to: number;
  /** The title without its jurisdiction, normalised ("prime minister"). */
  bare: string;
  /** Whether the words themselves name the jurisdiction. */
  full: boolean;
}

interface Vocabulary {
  titles: Map<string, TitleEntry>;
  /** First words of every title: a token that is none of them starts no title (most tokens). */
  firstWords: Set<string>;
  longest: number;
  /** Per office, its titles with the jurisdiction taken off: what "President" means in Iran. */
  bareTitles: Map<string, Set<string>>;
  /** For full titles, the same title without the jurisdiction. */
  bareOf: Map<string, string>;
}

const cache = new WeakMap<KnowledgeBase, Vocabulary>();

export { normalTitle } from './tokens';

function jurisdictionWords(kb: KnowledgeBase, code: string): string[] {
  const j = kb.jurisdictions.find((x) => x.code === code);
  if (!j) return [];
  const words = [...j.names, ...j.demonyms].map(normalTitle).flatMap((w) => [w, w.replace(/^the /, '')]);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** "dutch prime minister" → "prime minister"; "president of the united states" → "president". */
function stripJurisdiction(title: string, words: string[]): string {
  for (const w of words) {
    for (const p of [`${w}'s `, `${w}' `, `${w} `]) if (title.startsWith(p)) return title.slice(p.length);
    for (const s of [` of the ${w}`, ` of ${w}`]) if (title.endsWith(s)) return title.slice(0, -s.length);
  }
  return title;
}

function build(kb: KnowledgeBase): Vocabulary {
  const titles = new Map<string, TitleEntry>();
  const bareTitles = new Map<string, Set<string>>();
  const bareOf = new Map<string, string>();
  const lexicon = new Map(TITLE_ROLES.map(([t, r]) => [normalTitle(t), r]));
  for (const [t, r] of lexicon) titles.set(t, { role: r, offices: [] });
  for (const o of kb.offices) {
    const words = jurisdictionWords(kb, o.jurisdiction);
    const own = bareTitles.get(o.id) ?? new Set<string>();
    bareTitles.set(o.id, own);
    for (const raw of [o.title, ...o.titles]) {
      const t = normalTitle(raw);
      // "caretaker Prime Minister" is a qualified form of a title, which the grammar reads as such.
      if (QUALIFIER_WORDS[t.split(' ')[0]!]) continue;
      const bare = stripJurisdiction(t, words);
      own.add(bare);
      if (bare !== t) {
        // A full title names its office; where two offices share it (two intelligence chiefs), it names both.
        const entry = titles.get(t) ?? { role: lexicon.get(bare) ?? null, offices: [] };
        if (!entry.offices.includes(o.id)) entry.offices.push(o.id);
        titles.set(t, entry);
        bareOf.set(t, bare);
      } else if (!titles.has(t) && t.includes(' ')) {
        // A specific bare title of several words ("commission president", "shin bet chief") is read too;
        // single generic words ("monarch", "chief") only with a jurisdiction before them.
        titles.set(t, { role: null, offices: [] });
      }
    }
  }
  const longest = Math.max(...[...titles.keys()].map((k) => k.split(' ').length));
  const firstWords = new Set([...titles.keys()].map((k) => k.split(' ')[0]!));
  return { titles, firstWords, longest, bareTitles, bareOf };
}

export function vocabulary(kb: KnowledgeBase): Vocabulary {
  let v = cache.get(kb);
  if (!v) cache.set(kb, (v = build(kb)));
  return v;
}

/** Abbreviated titles stand for the title they shorten. */
const SHORT_FOR: Record<string, string> = { pres: 'president', pm: 'prime minister' };

/** The longest title starting at token i, its words joined by white space only. */
export function titleAt(kb: KnowledgeBase, text: string, toks: Tok[], i: number): TitleMatch | null {
  const v = vocabulary(kb);
  const head = toks[i]!.norm;
  // A hyphenated title token ("secretary-general") is normalised to several words: test its first.
  if (!v.firstWords.has(head.split(' ')[0]!)) return null;
  let words = '';
  const keys: string[] = [];
  for (let j = i; j < toks.length && j - i < v.longest; j++) {
    if (j > i && !spaced(text, toks[j - 1]!, toks[j]!)) break;
    words = j === i ? head : `${words} ${toks[j]!.norm}`;
    keys.push(words);
  }
  for (let n = keys.length; n >= 1; n--) {
    const key = keys[n - 1]!;
    const entry = v.titles.get(key);
    if (!entry) continue;
    const full = entry.offices.length > 0 && v.bareOf.has(key);
    const bare = full ? v.bareOf.get(key)! : key;
    return { ...entry, from: i, to: i + n, bare: SHORT_FOR[bare] ?? bare, full };
  }
  return null;
}

/** Offices of a jurisdiction that bear this bare title. */
export function officesBearing(kb: KnowledgeBase, code: string, bare: string): string[] {
  const v = vocabulary(kb);
  return kb.offices.filter((o) => o.jurisdiction === code && v.bareTitles.get(o.id)?.has(bare)).map((o) => o.id);
}
