/**
 * Contradictions between reports of one event, by alignment (after de
 * Marneffe, Rafferty and Manning, "Finding Contradictions in Text", 2008):
 * each sentence of the page is lined up with the sentences of the other
 * reports that say the same thing (content words and names in common,
 * whatever their order), and their typed slots — figures, dates, places,
 * people in a role — are compared where their anchors meet.
 *
 * A mismatch is judged as office claims are: by the weight of the sources,
 * aware of time (a toll that grows between an earlier and a later report is
 * an update), flagged on the dissenting report only when at least two others
 * agree among themselves, "disputed" at low severity when reports split, and
 * nothing when fewer than two others speak to it.
 */
import { readSlots, type Slot, type SlotKind } from '../claims/slots/index';
import { canonical } from '../claims/slots/synonyms';
import { foldWord } from '../corpus/tokens';
import { STOPWORDS_RAW } from '../corpus/stopwords';
import { claimBase } from '../claims/claim';
import type { KnowledgeBase } from '../kb/schema';
import { gazetteer } from '../claims/places';
import type { Claim, ComparisonTable, DatedAs, Evidence, Finding, SentenceRef } from '../schema';
import { pointOf } from './dating';
import { findingFor } from './finding';
import type { Source, Weighing } from './source';

const STOP = new Set(STOPWORDS_RAW.map(foldWord));
/** Sentences this alike say the same thing: at least this many content words in common, and this Dice share. */
const ALIGN_SHARED = 2;
const ALIGN_DICE = 0.12;
/** Anchors too general to tie two figures together. */
const WEAK_ANCHORS = new Set(['announced', 'said', 'told', 'reported', 'added', 'confirmed', 'according', 'statement', 'saying', 'people', 'least', 'more', 'than', 'over', 'some', 'about', 'around', 'nearly', 'million', 'billion', 'thousand', 'year', 'years', 'new', 'first', 'last', 'day', 'days', 'week', 'month'].map((w) => foldWord(canonical(w))));

interface SlotSentence {
  sentence: SentenceRef;
  slots: Slot[];
  words: Set<string>;
  /** Its slots told of another year than the report's (see `otherYear`): compared with nothing. */
  elsewhen: Set<Slot>;
}

function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []) {
    const f = foldWord(w);
    if (f.length > 2 && !STOP.has(f)) out.add(f);
  }
  return out;
}

const cache = new WeakMap<Source, Map<string, SlotSentence[]>>();

/** A report's sentences with their slots, dates read against `date` (the report's own, or its story's). */
export function slotSentences(source: Source, date: string | null, kb?: KnowledgeBase): SlotSentence[] {
  const key = date ?? '';
  let bySource = cache.get(source);
  if (!bySource) cache.set(source, (bySource = new Map()));
  const hit = bySource.get(key);
  if (hit) return hit;
  const g = kb ? gazetteer(kb) : null;
  const out = source.claims.sentences.map((sentence, i) => {
    const slots = readSlots(sentence.text, date);
    // "The 76-year-old …" opening a sentence is the person the sentence before is about: its first name.
    const before = source.claims.sentences[i - 1]?.text;
    for (const sl of slots) if (sl.kind === 'age' && !sl.unit && before && /^\W*(?:the\s+)?$/i.test(sentence.text.slice(0, sl.start))) {
      // The first name told, by its last word: "Mara Quell" is "quell", as "Quell, 64," is.
      const who = before.match(/(?<![\p{L}])(?!(?:The|A|An|In|On|At|But|And|He|She|They|It|This|That)\b)\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*/u)?.[0];
      if (who) sl.unit = who.split(/\s+/).at(-1)!.toLowerCase().replace(/['’]s$/, '');
    }
    // A place is a city or country the gazetteer knows, or a venue: a venue is compared with venues, a city with cities.
    for (const sl of [...slots]) {
      // "Britain" and "the United Kingdom" voted as one: a country's voters by its code.
      if (sl.kind === 'outcome' && sl.subject) {
        const where = g?.get(sl.subject);
        if (where?.level === 'country') sl.subject = where.country;
      }
      if (sl.kind !== 'place') continue;
      const known = g?.get(String(sl.surface).toLowerCase().replace(/\.$/, ''));
      // "goals from Ada Varga": after "from", only a place the gazetteer knows is a place.
      if (!known && sl.anchors[0] === 'from') {
        slots.splice(slots.indexOf(sl), 1);
        continue;
      }
      sl.unit = known ? 'city' : 'venue';
      if (known) sl.country = known.country;
    }
    return { sentence, slots, words: contentWords(sentence.text), elsewhen: new Set(slots.filter((sl) => otherYear(sentence.text, slots, sl, date))) };
  });
  bySource.set(key, out);
  return out;
}

export function alignment(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  if (shared < ALIGN_SHARED) return 0;
  const dice = (2 * shared) / (a.size + b.size);
  return dice >= ALIGN_DICE ? dice : 0;
}

/** An anchor as compared: its group's word for synonyms ("injured" is "wounded"), then folded. */
const fold = (w: string) => foldWord(canonical(w));

function anchorOverlap(a: Slot, b: Slot): string[] {
  const bs = new Set(b.anchors.map(fold));
  return [...new Set(a.anchors.map(fold))].filter((w) => bs.has(w) && !WEAK_ANCHORS.has(w));
}

/** The kinds of a place and the roles of a place in an event: what ties "in Dunmere" to "headquarters in Dunmere". */
const PLACE_ROLES = new Set(['stadium', 'arena', 'hotel', 'resort', 'island', 'city', 'port', 'airport', 'palace', 'hall', 'capital', 'headquarters', 'based', 'epicentre', 'epicenter', 'near', 'venue', 'held', 'summit'].map(foldWord));
/** Figures of a trading day move by the minute: never evidence of an error. */
const VOLATILE = /^(?:trading|traded|pre-market|premarket|rose|fell|jumped|dropped|climbed|slipped|gained|increased|decreased|surged|tumbled|soared)$/;

/** Sentences this alike tell the same thing closely enough to compare their one figure of a kind even in other words. */
const CLOSE_ALIGN = 0.3;
/** Words that set one measure of a kind apart from the others told beside it (an aftershock's magnitude is not the quake's). */
const DISTINCT = new Set(
  ['aftershock', 'foreshock', 'penalty', 'draw', 'extra', 'half', 'premium', 'debt', 'financing', 'funding', 'loan', 'fine', 'bonus', 'salary', 'sales', 'revenue', 'revenues', 'profit', 'profits', 'earnings', 'income', 'loss', 'losses', 'budget', 'turnover'].map((w) =>
    foldWord(canonical(w)),
  ),
);

/**
 * Whether two slots speak of the same thing: same kind and unit, values within an order of magnitude,
 * and anchors in common, or (where the kind allows) sentences close enough (`align`) to say the same in other words.
 */
export function comparable(a: Slot, b: Slot, align = 0): boolean {
  if (a.kind !== b.kind) return false;
  // Whose age: "Quell, 64" and "Varga, 58" are two people's.
  if (a.kind === 'age' && a.subject && b.subject && fold(a.subject) !== fold(b.subject)) return false;
  const shared = anchorOverlap(a, b);
  if (a.subject && b.subject && fold(a.subject) === fold(b.subject)) shared.push(fold(a.subject));
  const close = align >= CLOSE_ALIGN;
  const distinctA = a.anchors.map(fold).filter((w) => DISTINCT.has(w));
  const distinctB = b.anchors.map(fold).filter((w) => DISTINCT.has(w));
  const numeric = typeof a.value === 'number' || a.kind === 'score';
  if (numeric && (distinctA.some((w) => !distinctB.includes(w)) || distinctB.some((w) => !distinctA.includes(w)))) return false;
  switch (a.kind) {
    case 'money':
    case 'percent':
      if (a.unit !== b.unit || [...a.anchors, ...b.anchors].some((w) => VOLATILE.test(w))) return false;
      if (!shared.length && !close) return false;
      break;
    case 'count': {
      // "4,000 people were wounded" and "4,000 were wounded": the noun counted where both name one, else the words around.
      // "30 missing" and "8 killed" count different people, whatever else their sentences share.
      const tolls = [tollKind(a.unit), tollKind(b.unit)];
      if (tolls[0] && tolls[1] && tolls[0] !== tolls[1]) return false;
      const nouns = [a.unit, b.unit].filter((u): u is string => !!u && !/ed$/.test(u));
      if (nouns.length === 2 && fold(nouns[0]!) !== fold(nouns[1]!)) return false;
      if (!shared.some((w) => !nouns.some((n) => fold(n) === w)) && !(close && nouns.length === 2)) return false;
      break;
    }
    case 'ordinal': {
      const unit = fold(a.unit ?? '');
      if (unit !== fold(b.unit ?? '')) return false;
      // A count of titles ties to the event by its sentence ("sixth time" and "sixth title" alike); other ranks by their words.
      if (!shared.some((w) => w !== unit) && !close && !(unit === fold('title') && align > 0)) return false;
      break;
    }
    case 'date':
      if (granularity(a) !== granularity(b) || (!shared.length && !close)) return false;
      break;
    case 'place':
      // A venue with a venue, a city with a city: the stadium and the city around it do not conflict.
      if (a.unit !== b.unit || (!shared.some((w) => PLACE_ROLES.has(w)) && !close)) return false;
      break;
    case 'person': {
      // The same role noun, and another role word in common or sentences that say the same: "health minister" with "health minister".
      const noun = (x: Slot) => fold(x.unit ?? '');
      if (noun(a) !== noun(b) || (shared.filter((w) => w !== noun(a)).length < 1 && !close)) return false;
      break;
    }
    case 'quote': {
      // One speaker's words in one frame: reports quote different parts of a speech, so a quote is
      // held against another only where both describe the same thing ("described the document as"),
      // or where aligned sentences give quotes that share a content word but not enough words to be one.
      if (!a.subject || a.subject !== b.subject || a.unit !== b.unit) return false;
      const others = shared.filter((w) => w !== fold(a.subject!));
      if (a.unit === 'describe') {
        if (!others.length && !close) return false;
      } else if (!(align > 0) || !quoteContentShared(String(a.value), String(b.value))) return false;
      break;
    }
    case 'minute':
      // A match has many timed moments: a sentence that names the page's player but times someone else's move is of another one.
      if (timesAnother(a, b) || timesAnother(b, a)) return false;
      if (!shared.length && align < 0.2) return false;
      break;
    case 'polarity': {
      // One answerer's answer in one frame, to the same thing: "the board accepted the offer" and "rejected the offer".
      if (!a.subject || a.subject !== b.subject || a.unit !== b.unit) return false;
      if (!shared.filter((w) => w !== fold(a.subject!)).length && !close) return false;
      break;
    }
    case 'outcome':
      if (a.unit !== b.unit || !(align > 0)) return false;
      // A vote by the same voters; a match between the same sides (both sides, where both reports name both).
      if (a.unit === 'vote') return !!a.subject && a.subject === b.subject;
      // And the two say something of each other: the same winner or loser, or one's winner the other's loser.
      // "Last season's defeat to Dunmere" beside "they beat Westport" says neither.
      if (!outcomesMeet(String(a.value), String(b.value)) && !outcomesConflict(String(a.value), String(b.value))) return false;
      return sameMatch(String(a.value), String(b.value)) || bothNamed(a, b);
    case 'age':
      // "Quell, 64" and "the 64-year-old" (who is named around it): one person's age.
      if (a.unit && b.unit && a.unit !== b.unit) return false;
      if ((!a.unit || !b.unit) && !close && !shared.length) return false;
      break;
    default:
      if (!shared.length && align < 0.2) return false;
  }
  // "$42 a share" and "$4.2 billion" are not one figure told twice.
  if (typeof a.value === 'number' && typeof b.value === 'number' && a.value > 0 && b.value > 0 && Math.max(a.value / b.value, b.value / a.value) > 10) return false;
  return true;
}

/** A sentence that names another year than its report's speaks of another time. */
const YEAR = /\b(19\d{2}|20\d{2})\b/g;

/**
 * Whether a slot is told of another year than its report's: a year in its own clause ("In 2016, a
 * 6.8-magnitude earthquake …"), or opening the sentence. A year elsewhere in the sentence ("stored
 * there since it was seized in 2014") belongs to that clause, and a year inside a date the sentence
 * gives ("the first half of 2018") to that date.
 */
function otherYear(text: string, slots: Slot[], slot: Slot, day: string | null): boolean {
  if (!day) return false;
  const own = day.slice(0, 4);
  const from = Math.max(0, ...[...text.slice(0, slot.start).matchAll(/[,;:()—–]/g)].map((m) => m.index! + 1));
  const next = text.slice(slot.end).search(/[,;:()—–]/);
  const to = next < 0 ? text.length : slot.end + next;
  // "sales of $1.9 billion last year": another year without its number.
  if (/\b(?:last|previous|past)\s+year\b|\ba\s+year\s+(?:earlier|before|ago)\b/i.test(text.slice(from, to))) return true;
  return [...text.matchAll(YEAR)].some(
    (m) =>
      m[1] !== own &&
      ((m.index! >= from && m.index! < to) || /^\s*(?:In|During|Back in)\s+$/i.test(text.slice(0, m.index!))) &&
      !/^\s*(?:-|–|to)\s*\d/.test(text.slice(m.index! + 4)) &&
      // "stored there since 2014" still speaks of now.
      !/\b(?:since|from)\s+$/i.test(text.slice(Math.max(0, m.index! - 8), m.index!)) &&
      !slots.some((x) => x.kind === 'date' && x.start <= m.index! && m.index! < x.end),
  );
}

function granularity(s: Slot): string {
  const v = String(s.value);
  return /H\d$/.test(v) ? 'half' : v.length === 7 ? 'month' : 'day';
}

/** Whether two comparable slots say the same: intervals that meet, or the same name or date. */
export function agree(a: Slot, b: Slot): boolean {
  if (typeof a.value === 'number' && typeof b.value === 'number') return (a.lo ?? a.value) <= (b.hi ?? b.value) && (b.lo ?? b.value) <= (a.hi ?? a.value);
  if (a.kind === 'outcome' && a.unit === 'match') return outcomesMeet(String(a.value), String(b.value)) && !outcomesConflict(String(a.value), String(b.value));
  if (a.kind === 'quote') return quoteSimilarity(String(a.value), String(b.value)) >= QUOTE_SAME;
  if (a.kind === 'person') {
    // "Mara Quell" and "Quell" are one person: any name word in common.
    const y = new Set(String(b.value).split(' '));
    return String(a.value).split(' ').some((w) => y.has(w));
  }
  if (a.kind === 'place') {
    // Nairobi lies in Kenya: two known places agree when they are in one country.
    if (a.country && b.country) return a.country === b.country;
    const x = String(a.value).split(' ');
    const y = String(b.value).split(' ');
    // "Park" and "Halvern Park" are one stadium.
    return x.every((w) => y.includes(w)) || y.every((w) => x.includes(w));
  }
  return a.value === b.value;
}

/** Shares of words two quotes have in common: one within the other counts as the same words, cut. */
const QUOTE_SAME = 0.6;
function quoteSimilarity(a: string, b: string): number {
  const x = a.split(' ');
  const y = new Set(b.split(' '));
  const shared = x.filter((w) => y.has(w)).length;
  return shared / Math.min(x.length, y.size);
}

/** Whether `b` names `a`'s player while timing another's: "Varga … in the 23rd minute" beside "after Varga's penalty … Quell converted an 80th-minute penalty". */
function timesAnother(a: Slot, b: Slot): boolean {
  return !!a.subject && !!b.subject && fold(a.subject) !== fold(b.subject) && (b.names ?? []).some((n) => fold(n) === fold(a.subject!));
}

/** Whether two slots' sentences name someone in common (for minutes: the same minute, with the same players, is the same moment). */
const namesMeet = (a: Slot, b: Slot) => !!a.names?.some((n) => b.names?.includes(n));

/** A match's outcome as read ("argentina>france"): the winner and the loser, either unknown. */
function sides(v: string): { winner: string | null; loser: string | null } {
  const [w, l] = v.split('>');
  return { winner: w || null, loser: l || null };
}
/** One side named two ways: "Halvern" and "Halvern Rovers". */
function sameSide(x: string | null, y: string | null): boolean {
  if (!x || !y) return false;
  const ys = new Set(y.split(' '));
  return x.split(' ').some((w) => ys.has(w));
}
/** Whether two outcomes speak of one match: a side in common, and where both name both sides, the same two. */
function sameMatch(a: string, b: string): boolean {
  const x = sides(a);
  const y = sides(b);
  const xs = [x.winner, x.loser];
  const ys = [y.winner, y.loser];
  if (!xs.some((p) => ys.some((q) => sameSide(p, q)))) return false;
  if (xs.every(Boolean) && ys.every(Boolean)) return xs.every((p) => ys.some((q) => sameSide(p, q)));
  return true;
}
/** "a victory over Halvern" and "a win over Dunmere", in sentences that each name both sides: one match, told two ways. */
function bothNamed(a: Slot, b: Slot): boolean {
  const named = (x: Slot, y: Slot) => Object.values(sides(String(x.value))).every((side) => !side || side.split(' ').some((w) => y.names?.includes(w)));
  return named(a, b) && named(b, a);
}
/** The same winner, or the same loser. */
function outcomesMeet(a: string, b: string): boolean {
  const x = sides(a);
  const y = sides(b);
  return sameSide(x.winner, y.winner) || sameSide(x.loser, y.loser);
}
/** The page's winner is the other's loser, or the other way round. */
function outcomesConflict(a: string, b: string): boolean {
  const x = sides(a);
  const y = sides(b);
  return sameSide(x.winner, y.loser) || sameSide(x.loser, y.winner) || (!!x.winner && !!y.winner && !sameSide(x.winner, y.winner)) || (!!x.loser && !!y.loser && !sameSide(x.loser, y.loser));
}

/** Whether two quotes share a content word: "major change for the world" and "little change for some years". */
function quoteContentShared(a: string, b: string): boolean {
  const y = new Set(b.split(' ').filter((w) => w.length > 2 && !STOP.has(foldWord(w))).map(foldWord));
  return a.split(' ').some((w) => w.length > 2 && !STOP.has(foldWord(w)) && y.has(foldWord(w)));
}

/** Kinds whose figures come in splits and pairs: "by 58% to 42%", "2.3m to 1.7m", "$3bn, up from $2bn". */
const PAIRED = new Set<SlotKind>(['percent', 'count', 'money']);

/** Significant digits written: "16.1 million" 3, "4,000" 1. */
function significant(s: Slot): number {
  const digits = String(s.surface).match(/[\d.,]+/)?.[0].replace(/[.,]/g, '').replace(/^0+/, '') ?? '';
  return digits.replace(/0+$/, '').length;
}

/**
 * The figure of sentence `s` that is the same half of a pair as the page's `slot`: both sentences give two figures
 * of the kind, the page's other figure is one of `s`'s, and so `s`'s other figure answers `slot` whatever words
 * stand around it ("Yes 61.5%, No 41.8%" beside "by 58% to 42%"). The agreeing half ties the two sentences
 * together where their words do not: it must be specific (three digits) unless the sentences line up.
 */
function otherHalf(mine: SlotSentence, slot: Slot, s: SlotSentence & { align: number }): Slot | null {
  if (!PAIRED.has(slot.kind)) return null;
  const halves = (x: SlotSentence) => x.slots.filter((o) => o.kind === slot.kind && !x.elsewhen.has(o) && (o.unit === slot.unit || !o.unit || !slot.unit));
  const ours = halves(mine);
  const theirs = halves(s);
  if (ours.length !== 2 || theirs.length !== 2 || !ours.includes(slot)) return null;
  const other = ours.find((o) => o !== slot)!;
  if (agree(slot, other) || agree(theirs[0]!, theirs[1]!)) return null;
  const met = theirs.filter((o) => agree(other, o));
  if (met.length !== 1 || !(s.align > 0 || significant(other) >= 3)) return null;
  const half = theirs.find((o) => o !== met[0])!;
  // The two halves count the same thing: a toll of the dead is never the other half of one of the hurt.
  if (slot.kind === 'count' && tollKind(slot.unit) !== tollKind(half.unit)) return null;
  return half;
}

/** The first sentence of `pool`, in order, with a slot that `test` accepts, and that slot. */
function firstOf<S extends SlotSentence>(pool: S[], test: (s: S, o: Slot) => boolean): { sentence: S; slot: Slot } | null {
  for (const sentence of pool) {
    const slot = sentence.slots.find((o) => test(sentence, o));
    if (slot) return { sentence, slot };
  }
  return null;
}

/** Same kind and unit, for finding the page's own value anywhere in a report. */
function sameThingLoosely(a: Slot, b: Slot): boolean {
  if (a.kind !== b.kind || (a.unit && b.unit && fold(a.unit) !== fold(b.unit) && a.kind !== 'count')) return false;
  if (a.kind === 'person') return fold(a.unit ?? '') === fold(b.unit ?? '');
  return true;
}

/** How far apart two values are, for choosing which of a report's figures answers the page's. */
function distance(a: Slot, b: Slot): number {
  if (typeof a.value === 'number' && typeof b.value === 'number') return Math.abs(Math.log((a.value + 1e-9) / (b.value + 1e-9)));
  return 1;
}

/** The kinds of people a toll counts: the dead, the hurt, the missing, the homeless, the held. */
const TOLL_KINDS: [string, RegExp][] = [
  ['dead', /^(?:kill|dead|death|die|fatalit|victim|toll)/],
  ['hurt', /^(?:injur|wound|hurt)/],
  ['missing', /^missing/],
  ['homeless', /^(?:displac|homeless|evacuat)/],
  ['held', /^(?:arrest|detain)/],
  ['rescued', /^rescu/],
];
function tollKind(unit: string | undefined): string | null {
  const u = (unit ?? '').toLowerCase();
  return TOLL_KINDS.find(([, re]) => re.test(u))?.[0] ?? null;
}

/** Counts that grow while a story unfolds, a later, larger figure an update: tolls of any kind, casualties, the affected. */
const isGrowing = (s: Slot) => s.kind === 'count' && [...s.anchors, s.unit ?? ''].some((w) => tollKind(w) !== null || /^(?:casualt|affected)/i.test(w));

function slotClaim(sentence: SentenceRef, slot: Slot, anchors: string[]): Claim {
  const type =
    slot.kind === 'date' ? 'event-date' : slot.kind === 'place' ? 'venue' : slot.kind === 'person' || slot.kind === 'quote' ? 'participant' : slot.kind === 'polarity' || slot.kind === 'outcome' ? 'outcome' : 'quantity';
  return {
    ...claimBase(sentence),
    type,
    surface: slot.surface,
    fact: `slot:${slot.kind}:${anchors.slice(0, 3).sort().join(' ')}`,
    value: slot.surface,
    number: typeof slot.value === 'number' ? slot.value : null,
  };
}

const KIND_WORDS: Record<SlotKind, string> = {
  money: 'sum',
  percent: 'share',
  count: 'number',
  score: 'score',
  ordinal: 'rank',
  minute: 'minute',
  magnitude: 'magnitude',
  age: 'age',
  date: 'date',
  place: 'place',
  person: 'person',
  quote: 'quote',
  polarity: 'answer',
  outcome: 'outcome',
};

function rowLabel(slot: Slot, anchors: string[]): string {
  const about = anchors.slice(0, 3).join(' ');
  const kind = KIND_WORDS[slot.kind];
  return about ? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}: ${about}` : `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

export interface SlotComparison {
  findings: Finding[];
  rows: ComparisonTable['rows'];
}

interface Witness {
  source: Source;
  sentence: SlotSentence & { align: number };
  slot: Slot;
  agrees: boolean;
  date: string | null;
}

/**
 * The page's slots against the other reports of the same event. `dateOf`
 * gives each source's date (its own, or the story's) as a day.
 */
export function compareSlots(
  kb: KnowledgeBase,
  page: Source,
  others: Source[],
  dateOf: (s: Source) => DatedAs | null,
  weights: Map<string, Weighing>,
): SlotComparison {
  const findings: Finding[] = [];
  const rows: ComparisonTable['rows'] = [];
  if (!others.length) return { findings, rows };
  const day = (s: Source) => {
    const d = dateOf(s);
    return d ? pointOf(d) : null;
  };
  const pageDay = day(page);
  const theirs = others.map((s) => {
    const date = day(s);
    return { source: s, date, sentences: slotSentences(s, date, kb) };
  });
  const seenRows = new Set<string>();

  const pageSentences = slotSentences(page, pageDay, kb);
  const pageQuotes = pageSentences.flatMap((s) => s.slots.filter((x) => x.kind === 'quote'));
  for (const mine of pageSentences) {
    if (!mine.slots.length) continue;
    // Each other report's sentences, with how closely each says what this one says.
    const aligned = theirs.map(({ source, date, sentences }) => ({ source, date, pool: sentences.map((s) => ({ ...s, align: alignment(mine.words, s.words) })) }));
    for (const slot of mine.slots) {
      if (mine.elsewhen.has(slot)) continue;
      const witnesses: Witness[] = [];
      const dissenting: Witness[][] = [];
      for (const { source, date, pool } of aligned) {
        // A report agrees if it gives the page's value anywhere for the same kind of thing; it dissents
        // only where none of its sentences does, and then with the value nearest the page's.
        const agreeing = (s: (typeof pool)[number], o: Slot) =>
          !s.elsewhen.has(o) &&
          agree(slot, o) &&
          (comparable(slot, o, s.align) || o === otherHalf(mine, slot, s) || (sameThingLoosely(slot, o) && (anchorOverlap(slot, o).length > 0 || namesMeet(slot, o))));
        const assent = firstOf(pool, agreeing);
        if (assent) {
          witnesses.push({ source, sentence: assent.sentence, slot: assent.slot, agrees: true, date });
          continue;
        }
        const options: Witness[] = [];
        for (const s of pool) {
          for (const o of s.slots) {
            if (s.elsewhen.has(o) || !(comparable(slot, o, s.align) || o === otherHalf(mine, slot, s))) continue;
            // The answer to another figure of the page's sentence ("41.8%" beside the page's "61.5%" and "41.8%") is not this one's.
            if (mine.slots.some((x) => x !== slot && x.kind === o.kind && !mine.elsewhen.has(x) && agree(x, o) && comparable(x, o, s.align))) continue;
            // Another part of the same speech that the page quotes too is no other version of this quote.
            if (o.kind === 'quote' && pageQuotes.some((q) => agree(q, o))) continue;
            options.push({ source, sentence: s, slot: o, agrees: false, date });
          }
        }
        if (options.length) dissenting.push(options);
      }
      // Of a report's values that answer the page's, the one the other reports give too, else the nearest to the page's.
      for (const options of dissenting) {
        const told = (w: Witness) => dissenting.filter((other) => other !== options && other.some((x) => agree(x.slot, w.slot))).length;
        witnesses.push(options.reduce((best, w) => (told(w) > told(best) || (told(w) === told(best) && distance(slot, w.slot) < distance(slot, best.slot)) ? w : best)));
      }
      if (!witnesses.length) continue;
      const anchors = [...new Set(witnesses.flatMap((w) => anchorOverlap(slot, w.slot)))];
      const claim = slotClaim(mine.sentence, slot, anchors);
      addRow(rows, seenRows, claim, slot, anchors, witnesses);
      const finding = judge(page, claim, slot, witnesses, pageDay, weights);
      if (finding) findings.push(finding);
    }
  }
  return { findings, rows };
}

function judge(page: Source, claim: Claim, slot: Slot, witnesses: Witness[], pageDay: string | null, weights: Map<string, Weighing>): Finding | null {
  const against = witnesses.filter((w) => !w.agrees);
  const withIt = witnesses.filter((w) => w.agrees);
  if (against.length < 2) return null;
  const weight = (ws: Witness[]) => ws.reduce((n, w) => n + (weights.get(w.source.id)?.weight ?? 1), 0);
  // The others must agree among themselves: a spread of values is no consensus to measure the page by.
  const consensus = against.every((a) => against.every((b) => a === b || agree(a.slot, b.slot)));
  const evidence: Evidence[] = witnesses.map((w) => ({
    article: w.source.id,
    outlet: w.source.outlet,
    url: w.source.url,
    quote: w.sentence.sentence.text,
    value: w.slot.surface,
    stance: w.agrees ? 'agree' : 'conflict',
    note: null,
  }));
  const outlets = [...new Set(against.map((w) => w.source.outlet))];
  // One value written two ways ("2-0" and "Dunmere 0-2 Halvern") is told once.
  const values = against
    .filter((w, i) => !against.slice(0, i).some((x) => agree(x.slot, w.slot)))
    .map((w) => w.slot.surface)
    .join(' or ');
  const says = `This report gives ${slot.surface}; ${outlets.length} other reports of the same event (${outlets.join(', ')}) give ${values}`;
  if (isGrowing(slot)) {
    // A toll grows: a later report's larger figure is an update, an earlier report's smaller one too.
    const later = against.filter((w) => w.date && pageDay && w.date > pageDay);
    const earlier = against.filter((w) => w.date && pageDay && w.date < pageDay);
    const larger = typeof slot.value === 'number' && against.every((w) => typeof w.slot.value === 'number' && (w.slot.lo ?? 0) <= (slot.lo ?? 0));
    if ((larger && earlier.length === against.length) || (!larger && later.length === against.length)) return null;
    // Outside every other report's figure, on the same days: say so, at low severity.
    const outside = typeof slot.value === 'number' && against.every((w) => typeof w.slot.value === 'number' && ((w.slot.hi ?? 0) < (slot.lo ?? 0) || (slot.hi ?? 0) < (w.slot.lo ?? 0)));
    if (!withIt.length && (consensus || outside)) {
      return findingFor(page, claim, 'disputed', 'low', 0.5, evidence, `${says}. Figures like this one change as a story unfolds, so this may be an earlier or later count rather than an error.`);
    }
    return null;
  }
  if (!withIt.length && consensus && weight(against) >= 1) {
    const confidence = Math.min(0.8, 0.55 + 0.08 * (against.length - 2) + 0.05 * Math.min(weight(against) - 1, 2));
    return findingFor(page, claim, 'contradiction', 'medium', confidence, evidence, `${says}.`);
  }
  if (weight(against) > weight(withIt) + (weights.get(page.id)?.weight ?? 1)) {
    return findingFor(page, claim, 'disputed', 'low', 0.45, evidence, `${says}, while ${withIt.map((w) => w.source.outlet).join(', ')} agree${withIt.length === 1 ? 's' : ''} with it.`);
  }
  return null;
}

function addRow(rows: ComparisonTable['rows'], seen: Set<string>, claim: Claim, slot: Slot, anchors: string[], witnesses: Witness[]): void {
  if (seen.has(claim.fact)) return;
  seen.add(claim.fact);
  const cells: ComparisonTable['rows'][number]['cells'] = { page: { value: slot.surface, stance: 'unknown', quote: claim.sentence.text } };
  for (const w of witnesses) cells[w.source.id] = { value: w.slot.surface, stance: w.agrees ? 'agree' : 'conflict', quote: w.sentence.sentence.text };
  cells.kb = { value: null, stance: 'not-mentioned', quote: null };
  rows.push({ fact: claim.fact, label: rowLabel(slot, anchors), cells });
}
