/**
 * Refiners that turn a title mention into an office claim: the office the
 * title names in its jurisdiction, the time the sentence speaks of, and
 * whether it has the person acting in the office.
 */
import { findOffices, resolvePerson } from '../../kb/index';
import type { KnowledgeBase, OfficeRole } from '../../kb/schema';
import type { Claim } from '../../schema';
import { IN_OFFICE_BEFORE, IN_OFFICE_HOSTING, IN_OFFICE_VERBS, INSTITUTION_JURISDICTIONS, OFFICE_SETTING } from '../lexicon';
import type { NameBook } from '../names';
import { officesBearing, vocabulary, type TitleMatch } from './vocabulary';

export interface PersonRef {
  id: string;
  name: string;
  /** Whether the knowledge base knows this person. */
  known: boolean;
}

export function personRef(kb: KnowledgeBase, names: NameBook, surface: string): PersonRef {
  const full = names.note(surface);
  const p = resolvePerson(kb, full) ?? resolvePerson(kb, surface);
  if (p) return { id: p.id, name: p.name, known: true };
  return { id: full.toLowerCase().replace(/\s+/g, ' '), name: full, known: false };
}

export interface ResolvedOffice {
  jurisdiction: string;
  role: OfficeRole;
  officeIds: string[];
}

const OFFICE_ROLES = new Set<string>(['head-of-state', 'head-of-government', 'foreign-minister', 'defence-minister', 'intelligence-chief', 'secretary-general', 'institution-head', 'vice-president']);

/**
 * Titles that name an office only where it bears them: a British "chancellor" is the Chancellor of the
 * Exchequer, not the head of government; a country without a president has no "President X". Other
 * titles stand for their role wherever the office is called something else ("foreign minister" for a
 * Foreign Secretary, "prime minister" for a premier).
 */
const OWN_TITLES_ONLY = new Set(['chancellor', 'king', 'queen', 'emperor', 'emir', 'amir', 'sultan', 'grand duke', 'supreme leader', 'taoiseach', 'president', 'pres', 'vice president', 'first vice president', 'deputy president', 'high representative']);

function within(kb: KnowledgeBase, code: string, title: TitleMatch): ResolvedOffice | null {
  let ids = officesBearing(kb, code, title.bare);
  if (!ids.length && title.role && OFFICE_ROLES.has(title.role) && !OWN_TITLES_ONLY.has(title.bare)) {
    ids = findOffices(kb, { jurisdiction: code, role: title.role as OfficeRole }).map((o) => o.id);
  }
  const first = ids[0] ? kb.offices.find((o) => o.id === ids[0]) : undefined;
  return first ? { jurisdiction: code, role: first.role, officeIds: ids } : null;
}

/** Jurisdictions of the offices a person held, optionally only those bearing a title. */
function jurisdictionsHeld(kb: KnowledgeBase, personId: string, bare?: string): Set<string> {
  const v = vocabulary(kb);
  const codes = new Set<string>();
  for (const o of kb.offices) {
    if (!o.holders.some((h) => h.person === personId)) continue;
    if (bare === undefined || v.bareTitles.get(o.id)?.has(bare)) codes.add(o.jurisdiction);
  }
  return codes;
}

/** Seats of government named in the sentence ("the White House") stand for their state. */
export function sentenceInstitution(text: string): string | null {
  for (const [name, code] of Object.entries(INSTITUTION_JURISDICTIONS)) if (text.includes(name)) return code;
  return null;
}

/**
 * The office a title names: in the jurisdiction the text gives, the office
 * bearing that title; failing one, the office of that title the person held;
 * failing that, the person's own country, then a seat of government the
 * sentence names. Null when nothing the knowledge base records fits.
 */
export function resolveOffice(kb: KnowledgeBase, title: TitleMatch, jurisdiction: string | null, person: PersonRef, institution: string | null): ResolvedOffice | null {
  if (jurisdiction) return within(kb, jurisdiction, title);
  if (title.full) {
    const first = kb.offices.find((o) => o.id === title.offices[0]);
    return first ? within(kb, first.jurisdiction, title) : null;
  }
  if (person.known) {
    for (const codes of [jurisdictionsHeld(kb, person.id, title.bare), jurisdictionsHeld(kb, person.id)]) {
      if (codes.size === 1) return within(kb, [...codes][0]!, title);
      if (codes.size > 1) return null;
    }
  }
  return institution ? within(kb, institution, title) : null;
}

/**
 * Whether the sentence has the person act in the office now: a verb of office
 * after the name ("signed", "vetoed", "hosted the Japanese prime minister"), or
 * others meeting or joining them where the sentence is about office — another
 * office holder in it, or the office's own setting ("in the press briefing room").
 */
export function actsInOffice(text: string, start: number, end: number, withOtherHolder: boolean): boolean {
  const after = text.slice(end);
  const verb = /^(?:\s+of\s+(?:the\s+)?[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*)*)?(?:,[^,]{0,60},)?\s+(?:\w+ly\s+)?(?:(?:has|have|will|would|is set to|is expected to|is due to|is scheduled to|plans to|is to|to)\s+)?(\S+(?:\s+\S+){0,6})/u.exec(after);
  if (verb && (IN_OFFICE_VERBS.test(verb[1]!) || IN_OFFICE_HOSTING.test(verb[1]!))) return true;
  if (!IN_OFFICE_BEFORE.test(text.slice(Math.max(0, start - 40), start))) return false;
  return withOtherHolder || OFFICE_SETTING.test(text);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
/** "In 1997,", "in March 2019", "during 2016", "On May 19, 2025,", "on 14 May 1948": the sentence sets its own time. */
const SENTENCE_DATE = new RegExp(
  `\\b(?:[Ii]n|[Dd]uring|[Bb]ack in|[Oo]n)\\s+(?:(?:early|late|mid-?)\\s*)?(?:${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+|(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE},?\\s+|${MONTH_RE}\\s+)?((?:19|20)\\d{2})\\b`,
);

function monthIndex(word: string | undefined): number | null {
  if (!word) return null;
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3)));
  return i >= 0 ? i : null;
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Words that place the sentence in the past on purpose: its subject's first
 * term, "at the time", "back then", "years ago", "when he was".
 */
const HISTORY = /\b(?:(?:first|second|previous|earlier|former|last|past) (?:term|administration|presidency|tenure|premiership|mandate|government)|during (?:his|her|their) (?:time|tenure|term|presidency|premiership|years|mandate|rule)|when (?:he|she|they) (?:was|were|served)|at the time|back then|(?:years|decades) (?:ago|earlier|before)|had (?:been|served)|once served|in the past|of the past)\b/i;

/** A full date anywhere in the sentence, as photo captions carry them ("… in Washington, March 3, 2022."). */
const FULL_DATE = new RegExp(`\\b(?:${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+|(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE},?\\s+)((?:19|20)\\d{2})\\b`);
/** A picture from the archive shows its own day, not the article's. */
const ARCHIVE_PICTURE = /\b(?:file (?:photo|picture|image)|archive (?:photo|picture|image)|\(file\))/i;

export function timeFrame(text: string): Pick<Claim, 'when' | 'past'> {
  const full = SENTENCE_DATE.exec(text) ?? null;
  const bare = full ? null : FULL_DATE.exec(text);
  if (bare) {
    const month = monthIndex(bare[1] ?? bare[4])!;
    const iso = `${bare[5]}-${pad(month + 1)}-${pad(Number(bare[2] ?? bare[3]))}`;
    return { when: { from: iso, to: iso, evidence: bare[0] }, past: false };
  }
  if (ARCHIVE_PICTURE.test(text)) return { when: null, past: true };
  const m = full;
  if (m) {
    const year = Number(m[6]);
    const month = monthIndex(m[1] ?? m[4] ?? m[5]);
    const day = m[2] ?? m[3];
    if (month !== null && day) {
      const iso = `${year}-${pad(month + 1)}-${pad(Number(day))}`;
      return { when: { from: iso, to: iso, evidence: m[0] }, past: false };
    }
    if (month !== null) return { when: { from: `${year}-${pad(month + 1)}-01`, to: `${year}-${pad(month + 1)}-${lastDay(year, month)}`, evidence: m[0] }, past: false };
    return { when: { from: `${year}-01-01`, to: `${year}-12-31`, evidence: m[0] }, past: false };
  }
  return { when: null, past: HISTORY.test(text) };
}
