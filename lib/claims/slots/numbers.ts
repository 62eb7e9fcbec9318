/**
 * Figures in a sentence, each with its kind and unit: money ("$4.2 billion",
 * "$42 a share"), percentages, scores ("2-0"), minutes ("the 87th minute"),
 * magnitudes, ranks and ordinals ("the sixth time"), ages ("Quell, 64,") and
 * counts of a noun ("4,000 people", "2,750 tons", "scored twice"), numbers
 * written as words included. Each figure keeps the interval its hedge and its
 * rounding allow: "about $4.2bn" and "$4.2 billion" meet, "nearly 52%" and
 * "51.9%" too.
 */
import { anchorsAround, namesIn, subjectBefore, type Slot, type SlotKind } from './slot';

const SCALE: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, hundred: 100, dozen: 12, once: 1, twice: 2, thrice: 3,
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11,
  twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
};
const CURRENCY: Record<string, string> = { $: 'USD', us$: 'USD', '£': 'GBP', '€': 'EUR', '¥': 'JPY', '₹': 'INR', a$: 'AUD', c$: 'CAD', hk$: 'HKD' };

const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const SCALE_WORD = '(trillion|billion|million|thousand|tn|bn|mn|[kmb])\\b';

/** Kinds in order of precedence: a figure belongs to the first reader that claims it. */
const READERS: Array<{ kind: SlotKind; re: RegExp }> = [
  { kind: 'money', re: new RegExp(`(US\\$|A\\$|C\\$|HK\\$|\\$|£|€|¥|₹)\\s?${NUM}(?:\\s*${SCALE_WORD})?`, 'giu') },
  { kind: 'money', re: new RegExp(`${NUM}\\s*(trillion|billion|million)\\s+(dollars|pounds|euros|yen|rupees)\\b`, 'giu') },
  { kind: 'percent', re: new RegExp(`${NUM}\\s*(%|per\\s?cent\\b|percent\\b|percentage points?\\b)`, 'giu') },
  { kind: 'minute', re: /\b(\d{1,3})(?:st|nd|rd|th)?[-\s]minute\b/giu },
  // "Three minutes from time", "with five minutes left to play": the minute counted back from the end of normal time.
  { kind: 'minute', re: /\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+minutes\s+(?:left|remaining|to go|from time|from full[-\s]time|from the end)\b/giu },
  { kind: 'magnitude', re: /\bmagnitude(?:\s+of)?\s+(\d(?:\.\d)?)\b|\b(\d(?:\.\d)?)(?:[-\s]|\s+in\s+)(?:magnitude|on the Richter)\b/giu },
  { kind: 'score', re: /(?<![\d/.,-])(\d{1,2})\s?[-–]\s?(\d{1,2})(?![\d/,-]|\.\d|\s*(?:per\s?cent|percent|%))/gu },
  { kind: 'age', re: /(?<=\p{Lu}[\p{L}'’-]+,\s)(\d{2})(?=,)|\b(\d{2})-year-old\b/gu },
  {
    kind: 'ordinal',
    re: /\b(\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\s+(?=\p{L})/giu,
  },
  // A full stop after the figure ends the sentence ("2.3m to 1.7m."): only a digit after it continues the number;
  // after a colon it is a clock's minutes ("10:30.").
  { kind: 'count', re: new RegExp(`(?<![\\d.,:$£€¥₹])${NUM}(?:\\s*${SCALE_WORD})?(?![\\d,]|[.,]\\d|\\s*(?:%|per\\s?cent|percent))`, 'giu') },
  { kind: 'count', re: /\b(once|twice|thrice|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\b(?:\s+(times|goals?|people|hostages|children|seats|votes|titles|trophies|countries))?/giu },
];

/** Words after a title-free sentence start that make the sports reading of "2-0" likely. */
const SCORE_CONTEXT = /\b(beat|beats|beating|won|win|wins|winning|lost|loses|losing|draw|drew|drawn|victory|defeat|defeated|score|scored|scoreline|shootout|penalt\w*|final|lead|led|game|match|goals?|thrashed|edged|routed)\b/i;
/** What happens at a moment of a match, beside SCORE_CONTEXT's results. */
const MATCH_MOMENT = /\b(?:struck|strike|shot|header|headed|winner|equali[sz]\w*|sealed|netted|converted|kick|whistle|half-time|full-time|substitute|sub)\b/i;
/**
 * A hedge just before a figure, and the interval it allows around the value
 * (`step` is half the written precision). "About" rounds: a few per cent, not
 * a different figure ("about $4.2 billion" is not $5.1 billion).
 */
const HEDGE: Array<[RegExp, (v: number, step: number) => [number, number]]> = [
  // "More than 4,000" is not 9,000: a floor, read as up to twice itself.
  [/\b(?:at least|no fewer than|a minimum of|more than|over|upwards of|in excess of|exceeding)\s*$/i, (v) => [v, 2 * v]],
  [/\b(?:nearly|almost|close to|just under|fewer than|less than|under)\s*$/i, (v, step) => [v * 0.95, v + step]],
  [/\b(?:about|around|roughly|approximately|some|an estimated|estimated|up to|as many as|circa|c\.)\s*$/i, (v, step) => {
    const w = Math.max(2 * step, 0.03 * v);
    return [v - w, v + w];
  }],
];
/** Capitalised heads of what is ranked: "European Cup", "World Cup", "Champions League title". */
const RANKED = /^(?:Cup|Title|Trophy|Crown|Championship)$/;
/** Nouns that count people without saying what befell them. */
const GENERIC_PEOPLE = /^(?:people|persons|individuals|civilians|residents|workers|passengers|children|adults|villagers|soldiers|migrants)$/;
/** Words that end a noun phrase: what stands before them is the head. */
const FUNCTION_HEAD = /^(?:after|before|in|on|at|with|to|for|since|as|when|while|and|but|by|of|from|against|over|following)$/;
/** Where a year is meant, not a count. */
const YEAR = /^(1[89]|20)\d{2}$/;
/** A clock time or a date beside the figure: not a count. */
const NOT_A_COUNT_AFTER = /^\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc|ist|et|bst|hours?\b|:\d)/i;
const MONTH_BEFORE = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$/i;

function parseNumber(s: string): number {
  return Number(s.replace(/,/g, ''));
}

/** Half the last written digit's place, or of the round number's: "13.7" ± 0.05, "4,000" ± 500, "2,750" ± 5. */
function roundingOf(raw: string): number {
  const plain = raw.replace(/,/g, '');
  const dot = plain.indexOf('.');
  if (dot >= 0) return 0.5 * 10 ** -(plain.length - dot - 1);
  const zeros = plain.match(/0+$/)?.[0].length ?? 0;
  return 0.5 * 10 ** Math.min(zeros, Math.max(0, plain.length - 1));
}

function interval(text: string, start: number, value: number, step: number): [number, number] {
  const before = text.slice(Math.max(0, start - 30), start);
  for (const [re, widen] of HEDGE) if (re.test(before)) return widen(value, step);
  return [value - step, value + step];
}

/** "58-42 per cent": the two shares of a split, the sign written once after both. */
const PERCENT_PAIR = new RegExp(`(?<![\\d.,])${NUM}\\s?[-–]\\s?${NUM}\\s*(%|per\\s?cent\\b|percent\\b)`, 'giu');

export function numberSlots(text: string): Slot[] {
  const out: Slot[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && x < b);
  PERCENT_PAIR.lastIndex = 0;
  for (const m of text.matchAll(PERCENT_PAIR)) {
    const [a, b] = [parseNumber(m[1]!), parseNumber(m[2]!)];
    // A split sums to about a whole; "10-15%" is a range, read by no one.
    if (a + b < 90 || a + b > 100.5) continue;
    const start = m.index!;
    const second = start + m[0].lastIndexOf(m[2]!, m[0].length - m[3]!.length);
    for (const [raw, at, end] of [[m[1]!, start, start + m[1]!.length], [m[2]!, second, start + m[0].length]] as const) {
      const value = parseNumber(raw);
      const [lo, hi] = interval(text, at, value, roundingOf(raw));
      const subject = subjectBefore(text, start);
      out.push({ kind: 'percent', start: at, end, surface: text.slice(at, end), anchors: anchorsAround(text, start, start + m[0].length), ...(subject ? { subject } : {}), value, lo, hi, unit: '%' });
    }
    taken.push([start, start + m[0].length]);
  }
  for (const { kind, re } of READERS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const slot = read(kind, m, text, start, end);
      if (!slot) continue;
      taken.push([start, end]);
      out.push(slot);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function read(kind: SlotKind, m: RegExpMatchArray, text: string, start: number, end: number): Slot | null {
  const surface = m[0].trim();
  const anchors = anchorsAround(text, start, end);
  const subject = subjectBefore(text, start, kind === 'minute');
  const base = { kind, start, end: start + surface.length, surface, anchors, ...(subject ? { subject } : {}) };
  switch (kind) {
    case 'money': {
      // The first reader's first group is the currency sign; the second's is the figure ("4.2 billion dollars").
      const symbol = m[1] && !/^[\d.,]+$/.test(m[1]) ? m[1] : null;
      const raw = symbol ? m[2]! : m[1]!;
      const scaleWord = (symbol ? m[3] : m[2])?.toLowerCase();
      const unit = symbol ? (CURRENCY[symbol.toLowerCase()] ?? symbol) : { dollars: 'USD', pounds: 'GBP', euros: 'EUR', yen: 'JPY', rupees: 'INR' }[m[3]!.toLowerCase()]!;
      const scale = scaleWord ? (SCALE[scaleWord] ?? 1) : 1;
      const value = parseNumber(raw) * scale;
      const [lo, hi] = interval(text, start, value, roundingOf(raw) * scale);
      return { ...base, value, lo, hi, unit };
    }
    case 'percent': {
      const value = parseNumber(m[1]!);
      const [lo, hi] = interval(text, start, value, roundingOf(m[1]!));
      return { ...base, value, lo, hi, unit: m[2]!.toLowerCase().startsWith('percentage') ? 'points' : '%' };
    }
    case 'minute': {
      if (!/\bminutes\s+(?:left|remaining|to go|from)\b/i.test(m[0])) {
        const value = Number(m[1]);
        return { ...base, value, lo: value, hi: value, names: namesIn(text) };
      }
      // Counted back from the end: of normal time (90), or of extra time where the sentence speaks of it; a minute either way, as reports round.
      // Only of a match: "ten minutes left before the deadline" times nothing on a clock of 90.
      if (!SCORE_CONTEXT.test(text) && !MATCH_MOMENT.test(text)) return null;
      const left = WORD_NUMBERS[m[1]!.toLowerCase()] ?? Number(m[1]);
      const end = /\bextra[-\s]time\b/i.test(text) ? 120 : 90;
      if (!(left > 0 && left < end)) return null;
      const value = end - left;
      return { ...base, value, lo: value - 1, hi: value + 1, names: namesIn(text) };
    }
    case 'age': {
      // Whose age: the name before the commas ("Quell, 64,").
      const value = Number(m[1] ?? m[2]);
      const who = (text.slice(0, start).match(/(\p{Lu}[\p{L}'’-]+),\s*$/u)?.[1] ?? text.slice(end).match(/^\s+(\p{Lu}[\p{L}'’-]+)/u)?.[1])?.toLowerCase();
      return { ...base, value, lo: value, hi: value, ...(who ? { unit: who } : {}) };
    }
    case 'magnitude': {
      const value = Number(m[1] ?? m[2]);
      return { ...base, value, lo: value - 0.05, hi: value + 0.05 };
    }
    case 'score': {
      // "2-0" is a score only where the sentence speaks of a match; elsewhere a range or a split.
      if (!SCORE_CONTEXT.test(text)) return null;
      // "2-0" and "0-2" are one result, told from either side.
      const [a, b] = [Number(m[1]), Number(m[2])].sort((x, y) => y - x);
      return { ...base, value: `${a}-${b}` };
    }
    case 'ordinal': {
      const word = m[1]!.toLowerCase();
      const value = ORDINALS[word] ?? parseInt(word, 10);
      // "the 3rd of June" and "June 3rd" are dates.
      if (MONTH_BEFORE.test(text.slice(0, start)) || /^\s*of\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(text.slice(end))) return null;
      // What is ranked: the head of the words after it, past a name ("sixth Champions League title" ranks titles).
      const after = (text.slice(end).match(/^[\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*){0,3}/u)?.[0] ?? '').split(/\s+/);
      // A name and then a function word ("fifth Champions League after …"): the name's last word is the head.
      const firstLower = after.findIndex((w) => /^\p{Ll}/u.test(w));
      const nameRun = firstLower > 0 && FUNCTION_HEAD.test(after[firstLower]!) ? after[firstLower - 1] : undefined;
      const head = nameRun ?? after.find((w) => /^\p{Ll}/u.test(w) || RANKED.test(w)) ?? after[0];
      const noun = head?.toLowerCase();
      // "The first country to…" is a record of its own more often than a count among others, and "a second time"
      // is one more time, not a rank: too loose to compare.
      if (!noun || noun === 'minute' || value === 1 || /\ba\s+$/i.test(text.slice(Math.max(0, start - 3), start))) return null;
      return { ...base, value, lo: value, hi: value, unit: noun, anchors: [noun, ...anchors] };
    }
    case 'count': {
      const word = m[1]!.toLowerCase();
      if (word in WORD_NUMBERS) {
        const value = WORD_NUMBERS[word]!;
        // A number word without the noun it counts ("three minutes left", "two-goal lead") is too loose to compare.
        if (!m[2] && !/^(once|twice|thrice)$/.test(word)) return null;
        return { ...base, value, lo: value, hi: value, unit: m[2]?.toLowerCase() ?? (/^(once|twice|thrice)$/.test(word) ? 'times' : undefined) };
      }
      if (YEAR.test(word) && !m[2]) return null;
      if (NOT_A_COUNT_AFTER.test(text.slice(end)) || MONTH_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return null;
      const scale = m[2] ? (SCALE[m[2].toLowerCase()] ?? 1) : 1;
      const value = parseNumber(m[1]!) * scale;
      if (!Number.isFinite(value) || value < 2) return null;
      const [lo, hi] = interval(text, start, value, roundingOf(m[1]!) * scale);
      // The noun counted: the first word after the figure, past a verb or article ("4,000 people", "750 tons of").
      const noun = text.slice(end).match(/^\s+(?:(?:were|was|are|is|have|had|more|other|of|the)\s+)?([a-z]+)/)?.[1];
      // "17.4m to 16.1m": a preposition is no noun counted.
      const counted = noun && !/^(?:to|and|or|in|on|at|by|for|from|with|as|than|per|a|an)$/.test(noun) ? noun : undefined;
      // "30 people were missing": of people, what is counted is what befell them.
      const befell = counted && GENERIC_PEOPLE.test(counted) ? text.slice(end).match(/^\s+\w+\s+(?:(?:were|was|are|is|have been|had been|been|reported|feared|confirmed)\s+)?(killed|dead|missing|injured|wounded|hurt|displaced|arrested|detained|rescued|evacuated)\b/i)?.[1]?.toLowerCase() : undefined;
      const unit = befell ?? counted;
      return { ...base, value, lo, hi, ...(unit ? { unit } : {}) };
    }
    default:
      return null;
  }
}
