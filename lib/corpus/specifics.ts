/**
 * The specifics of a report: the figures it gives (tolls, tonnages, sums,
 * shares) and the proper names it uses inside sentences. Two reports of the
 * same day that share several of both tell one event even where their words
 * differ (a rewritten wire copy, a different outlet's angle); reports of one
 * topic share names but rarely figures.
 */
import type { TextLike } from './fingerprint';
import { foldWord } from './tokens';

/** A run of capitalised words, with the particles names carry ("bin", "al", "von der"). */
const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \u00a0]+(?:(?:al|el|bin|ibn|de|da|del|von|van|der|la|le)[ \u00a0]+)*\p{Lu}[\p{L}\p{M}'’.-]*)*/gu;

export interface Specifics {
  figures: Set<string>;
  names: Set<string>;
  /** Every word of every name. */
  nameWords: Set<string>;
  /** The last word of each name of two words or more: "Varga" of "Ada Varga", "Fund" of "Norlandic Relief Fund". */
  fullNameEnds: Set<string>;
}

/** Capitalised in any sentence, but no name. */
const NOT_NAMES = new Set(['the', 'a', 'an', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'mr', 'mrs', 'ms', 'dr']);

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };
const FIGURE = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|mn|bn|tn|[kmb])\b)?/giu;

/** Three significant digits: "17.4 million", "17.4m" and "17,410,742" are one figure. */
function roundFigure(n: number): string {
  if (n === 0) return '0';
  const digits = Math.floor(Math.log10(Math.abs(n))) + 1;
  const factor = 10 ** Math.max(0, digits - 3);
  return String(Math.round(n / factor) * factor);
}

export function specificsOf(doc: { title: string | null; blocks: readonly { text: string; kind?: string }[] }): Specifics {
  const figures = new Set<string>();
  const names = new Set<string>();
  const nameWords = new Set<string>();
  const fullNameEnds = new Set<string>();
  // Headlines and subheads capitalise every word: their names are read from the sentences only.
  const texts = [{ text: doc.title ?? '', prose: false }, ...doc.blocks.map((b) => ({ text: b.text, prose: b.kind !== 'heading' }))];
  for (const { text, prose } of texts) {
    for (const m of text.matchAll(FIGURE)) {
      const raw = Number(m[1]!.replace(/,/g, ''));
      if (!Number.isFinite(raw)) continue;
      const scaled = raw * (m[2] ? (SCALE[m[2].toLowerCase()] ?? 1) : 1);
      // Small counts, and years, are said of anything.
      if (scaled < 10 || (!m[2] && !m[1]!.includes(',') && !m[1]!.includes('.') && raw >= 1900 && raw <= 2100)) continue;
      figures.add(roundFigure(scaled));
    }
    if (!prose) continue;
    // Capitalised words inside a sentence (a sentence's first says nothing), runs of them joined;
    // a possessive ends a run ("Dunmere's Halvern-run ministry" is two names), so does a hyphenated word's lower-case tail.
    for (const m of text.matchAll(NAME_RUN)) {
      const before = text.slice(Math.max(0, m.index! - 3), m.index!);
      const words = m[0].split(/\s+/);
      const first = m.index === 0 || /[.!?:"“”‘'(]\s*$|^\s*$/.test(before);
      const run: string[] = [];
      const flush = () => {
        const named = run.filter((w) => !NOT_NAMES.has(w));
        if (named.length) names.add(named.join(' '));
        for (const w of named) nameWords.add(w);
        if (named.length > 1) fullNameEnds.add(named[named.length - 1]!);
        run.length = 0;
      };
      let opens = first;
      for (const raw of words) {
        // The first word of a sentence, here or after a full stop inside the run, is no evidence of a name.
        if (opens) {
          opens = /\.$/.test(raw) && raw.length > 2;
          continue;
        }
        const ends = /\.$/.test(raw) && !/^(?:\p{L}\.)+$/u.test(raw) && raw.length > 2;
        const possessive = /['’]s?\.?$/.test(raw);
        const word = foldWord(raw.replace(/\.$/, '').replace(/['’]s?$/, '').replace(/-\p{Ll}.*$/u, ''));
        if (word.length > 1) run.push(word);
        if (possessive || ends || /-\p{Ll}/u.test(raw)) flush();
        opens = ends;
      }
      flush();
    }
  }
  return { figures, names, nameWords, fullNameEnds };
}

export interface Shared {
  figures: number;
  names: number;
  /**
   * Names one report writes in full ("Ada Varga", "Norlandic Relief Fund") that the other
   * names too, in full or not ("Varga"): the people, places and bodies of an event, where
   * single words alone are mostly its topic's countries and parties.
   */
  fullNames: number;
}

/** Figures and names two reports share. */
export function sharedSpecifics(a: Specifics, b: Specifics): Shared {
  let figures = 0;
  for (const f of a.figures) if (b.figures.has(f)) figures++;
  let names = 0;
  for (const n of a.names) if (b.names.has(n)) names++;
  const full = new Set<string>();
  for (const w of a.fullNameEnds) if (b.nameWords.has(w)) full.add(w);
  for (const w of b.fullNameEnds) if (a.nameWords.has(w)) full.add(w);
  return { figures, names, fullNames: full.size };
}
