/**
 * A typed slot: one checkable part of a sentence — a figure with its unit, a
 * date, a place, a person in a role — with the words around it that say what
 * it is about (its anchors: "per share", "wounded", "stadium", "health
 * minister"). Two reports' slots are compared only where their sentences say
 * the same thing and their anchors meet (lib/compare/slots.ts).
 */

export type SlotKind = 'money' | 'percent' | 'count' | 'score' | 'ordinal' | 'minute' | 'magnitude' | 'age' | 'date' | 'place' | 'person' | 'quote' | 'polarity' | 'outcome';

export interface Slot {
  kind: SlotKind;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  /** The words as written. */
  surface: string;
  /**
   * The value: for figures a number, with the interval that its hedge and
   * rounding allow; for dates an ISO day ("2020-08-04"), month ("2016-10") or
   * half year ("2017-H2"); for places and people a folded name.
   */
  value: number | string;
  lo?: number;
  hi?: number;
  /** For money, the currency; for counts, the noun counted. */
  unit?: string;
  /** Lower-case words next to the slot that say what it measures. */
  anchors: string[];
  /** Whose figure it is: the nearest name before it in its clause ("Halvern won their sixth"), lower-cased. */
  subject?: string;
  /** For a minute of a match, the players and sides its sentence names (lower-cased). */
  names?: string[];
  /** For a place the gazetteer knows, the country it lies in: a city agrees with its country. */
  country?: string;
}

/** The names of days and months, as a pattern's source: capitalised words that name a time, never a person or place. */
export const CALENDAR_WORDS = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)';
/** Whether a word is the name of a day or a month, in any case. */
const CALENDAR_WORD = new RegExp(`^${CALENDAR_WORDS}$`, 'i');
export const isCalendarWord = (word: string) => CALENDAR_WORD.test(word);

/** The nearest capitalised word before `start` within its clause, not the sentence's first. */
/** A name after these is whom an act was for or against, not who did it: "the win for Dunmere", "a goal against Westport". */
const NOT_THE_ACTOR = /^(?:for|against|over|to|from|by|beat|beating|past)$/i;

/**
 * The name a figure is told of: the last capitalised word before it, in its own clause first, then the one before
 * ("Dunmere, playing in their first final"). With `actor`, past the names an act was for or against ("Varga …
 * sealing the win for Dunmere in the 78th minute" is Varga's minute).
 */
export function subjectBefore(text: string, start: number, actor = false): string | undefined {
  const clauses = text.slice(0, start).split(/[,;:()—–]/);
  for (const clause of clauses.slice(-2).reverse()) {
    const words = clause.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
    for (let i = words.length - 1; i >= 0; i--) {
      if (!/^\p{Lu}/u.test(words[i]!) || /^(?:The|A|An|In|On|At|For|With|After|Before|As|But|And|It|He|She|They|This|That)$/.test(words[i]!) || isCalendarWord(words[i]!)) continue;
      const before = words[i - 1] === 'the' ? words[i - 2] : words[i - 1];
      if (actor && before && NOT_THE_ACTOR.test(before)) continue;
      return words[i]!.toLowerCase().replace(/['’]s$/, '');
    }
  }
  return undefined;
}

/** Function words that are never anchors. */
const FUNCTION_WORDS = new Set(
  'a an the of in on at to for by with from as and or but is are was were be been being has have had will would could should may might it its this that these those which who whom whose than then so not no nor into onto over under about around after before during while per up out off also just only said says say told according'.split(
    ' ',
  ),
);

/**
 * Lower-case content words within `span` words either side of [start, end):
 * what the slot measures ("per share", "wounded", "stadium"). Names are left
 * out: two figures in sentences about the same people are not for that the
 * same figure.
 */
export function anchorsAround(text: string, start: number, end: number, span = 4): string[] {
  const before = text.slice(0, start).match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const after = text.slice(end).match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const pick = (words: string[]) => words.filter((w) => !/^\p{Lu}/u.test(w)).map((w) => w.toLowerCase().replace(/['’]s$/, '')).filter((w) => w.length > 1 && !FUNCTION_WORDS.has(w));
  return [...pick(before.slice(-span)), ...pick(after.slice(0, span))];
}

/** The capitalised words of a sentence, lower-cased, function words aside: who and what it names. */
export function namesIn(text: string): string[] {
  const words = text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return [...new Set(words.filter((w) => /^\p{Lu}/u.test(w) && !/^(?:The|A|An|In|On|At|For|With|After|Before|As|But|And|It|He|She|They|This|That|His|Her|Their)$/.test(w)).map((w) => w.toLowerCase().replace(/['’]s$/, '')))];
}
