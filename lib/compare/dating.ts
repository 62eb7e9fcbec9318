/**
 * When was an article written? Metadata first (extract stage); failing that,
 * cues in its own text that refer to dated events ("the second anniversary of
 * the October 7 attacks", "the two-year war"); failing that, the dates of the
 * other reports of the same story.
 */
import type { KbEvent, KnowledgeBase } from '../kb/schema';
import type { ArticleText, DatedAs } from '../schema';
import { findEventByName } from '../kb/index';
import { splitSentences } from '../text/index';
import { consensusWindow } from '../corpus/event';

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, fifteenth: 15, twentieth: 20, twenty_fifth: 25, thirtieth: 30, fiftieth: 50,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9, '10th': 10, '20th': 20, '25th': 25, '50th': 50,
};
const CARDINALS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20,
};

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** The middle day of a dated range: the single day the knowledge base is asked about. */
export function pointOf(d: Pick<DatedAs, 'from' | 'to'>): string {
  const a = Date.parse(`${d.from}T00:00:00Z`);
  const b = Date.parse(`${d.to}T00:00:00Z`);
  return new Date(a + Math.round((b - a) / 2 / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

export function rangesOverlap(a: Pick<DatedAs, 'from' | 'to'>, b: Pick<DatedAs, 'from' | 'to'>, slackDays = 0): boolean {
  return addDays(a.from, -slackDays) <= b.to && addDays(b.from, -slackDays) <= a.to;
}

/** Dated events the text names, sentence by sentence, in order of appearance. */
function eventsMentioned(kb: KnowledgeBase, text: string): KbEvent[] {
  const found: KbEvent[] = [];
  for (const s of splitSentences(text)) {
    const e = findEventByName(kb, s.text);
    if (e && !found.includes(e)) found.push(e);
  }
  return found;
}

function numberWord(w: string): number | null {
  const k = w.toLowerCase().replace(/-/g, '_');
  if (k in ORDINALS) return ORDINALS[k]!;
  if (k in CARDINALS) return CARDINALS[k]!;
  const n = Number(k);
  return Number.isInteger(n) && n > 0 && n < 200 ? n : null;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
/** "March 6, 2025", "6 March 2025", "Tuesday, October 10, 2017", "Jun. 22, 2025". */
const FULL_DATE = new RegExp(`\\b(?:${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})|(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+((?:19|20)\\d{2}))\\b`, 'g');
/** Where a page states its date, if anywhere: a short line among its first ones. */
const DATELINE_BLOCKS = 8;
const DATELINE_CHARS = 80;

function isoOf(year: string, month: string, day: string): string | null {
  const m = MONTH_NAMES.findIndex((n) => n.startsWith(month.toLowerCase().replace(/\.$/, '').slice(0, 3)));
  if (m < 0) return null;
  const iso = `${year}-${String(m + 1).padStart(2, '0')}-${String(Number(day)).padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * A dateline: a short line among the page's first that carries a full date
 * ("March 6, 2025", "18 March 2025, 05:10", "Jun. 22, 2025 • 2 min read"). A
 * date inside a sentence is the date of what the sentence tells, which may be
 * years back; a line of its own is the page's. Where the first lines carry
 * several (a site's date in its header beside the article's), the window spans
 * them all, and a claim checked over it is judged only if it holds, or fails,
 * throughout.
 */
export function datelineOf(lines: readonly string[]): DatedAs | null {
  const found: { iso: string; words: string }[] = [];
  for (const line of lines.slice(0, DATELINE_BLOCKS)) {
    if (line.length > DATELINE_CHARS) continue;
    for (const m of line.matchAll(FULL_DATE)) {
      const iso = m[1] ? isoOf(m[3]!, m[1], m[2]!) : isoOf(m[6]!, m[5]!, m[4]!);
      if (iso) found.push({ iso, words: m[0] });
    }
  }
  if (!found.length) return null;
  const sorted = found.map((f) => f.iso).sort();
  return { from: sorted[0]!, to: addDays(sorted.at(-1)!, 2), source: 'text-cue', evidence: found.map((f) => f.words).join(', ') };
}

/** Dates an article from its own words, or null when they carry no cue. */
export function dateFromText(article: Pick<ArticleText, 'blocks' | 'title'>, kb: KnowledgeBase): DatedAs | null {
  const text = [article.title ?? '', ...article.blocks.map((b) => b.text)].join('\n');
  const dateline = datelineOf([article.title ?? '', ...article.blocks.map((b) => b.text)].flatMap((t) => t.split('\n')));
  if (dateline) return dateline;

  // "the second anniversary of the October 7 attacks": the event's day, N years on.
  // The window may hold abbreviations ("Oct. 7"), so it runs to 80 characters, not to the next dot.
  for (const m of text.matchAll(/\b([\w-]+)\s+anniversary\s+of\s+(?:the\s+)?([^;:\n]{3,80})/gi)) {
    const n = numberWord(m[1]!);
    const event = findEventByName(kb, m[2]!);
    if (!n || !event) continue;
    const day = addYears(event.date, n);
    return { from: addDays(day, -3), to: addDays(day, 3), source: 'text-cue', evidence: cueWords(m[0]) };
  }

  // "the two-year war", "two years into the conflict": the war's start, N years on.
  const war = /\b(?:the\s+|a\s+)?([\w]+)[- ]years?(?:[- ]old|[- ]long)?\s+(war|conflict|fighting|offensive|campaign|siege|crisis)\b|\b([\w]+)\s+years\s+(?:into|of|since the start of)\s+(?:the\s+)?(war|conflict|fighting)\b/gi;
  for (const m of text.matchAll(war)) {
    const n = numberWord(m[1] ?? m[3] ?? '');
    if (!n) continue;
    // The war is the dated event the article names; prefer one whose name says war/conflict.
    const mentioned = eventsMentioned(kb, text);
    const event = mentioned.find((e) => e.names.some((x) => /war|conflict|invasion/i.test(x))) ?? mentioned[0];
    if (!event) continue;
    const day = addYears(event.date, n);
    return { from: addDays(day, -90), to: addDays(day, 90), source: 'text-cue', evidence: `${m[0].trim()} (${event.names[0]}, ${event.date})` };
  }
  return null;
}

/** The cue as the reader will recognise it: its own sentence (abbreviations such as "Oct." kept), up to the clause's end. */
function cueWords(match: string): string {
  const first = splitSentences(match)[0]?.text ?? match;
  return first.replace(/(,|\s+(that|which|who|when)\b).*$/s, '').trim();
}

/**
 * The story's date: what the other reports dated by their own evidence agree
 * on (the narrowest windows first: a report dated to the day is not widened by
 * one dated to a season), or their span where they do not overlap.
 */
export function dateFromStory(dates: Array<DatedAs | null>): DatedAs | null {
  const own = dates.filter((d): d is DatedAs => d !== null && d.source !== 'story');
  if (!own.length) return null;
  const agreed = consensusWindow(own);
  const from = agreed?.from ?? own.map((d) => d.from).sort()[0]!;
  const to = agreed?.to ?? own.map((d) => d.to).sort().at(-1)!;
  return { from, to, source: 'story', evidence: `dated by ${own.length} other report${own.length === 1 ? '' : 's'} of the same story` };
}
