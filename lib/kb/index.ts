/**
 * The knowledge base of office holders and dated events, and the pure queries
 * the claim checker asks of it. Nothing here touches the DOM or the network,
 * so the same code runs in the extension and in the Node CLI.
 */
import {
  KnowledgeBaseSchema,
  type Holder,
  type Jurisdiction,
  type KbEvent,
  type KnowledgeBase,
  type Office,
  type OfficeGap,
  type OfficeRole,
  type Person,
} from './schema';
import meta from './data/meta.json';
import jurisdictionsData from './data/jurisdictions.json';
import peopleData from './data/people.json';
import eventsData from './data/events.json';
import americas from './data/americas.json';
import europe from './data/europe.json';
import asiaPacific from './data/asia-pacific.json';
import middleEast from './data/middle-east.json';
import africa from './data/africa.json';
import international from './data/international.json';
import euMembersA from './data/eu-members-a.json';
import euMembersB from './data/eu-members-b.json';
import g20MinistersA from './data/g20-ministers-a.json';
import g20MinistersB from './data/g20-ministers-b.json';
import vicePresidents from './data/vice-presidents.json';
import middleEastMinisters from './data/middle-east-ministers.json';

export type { Holder, Jurisdiction, KbEvent, KnowledgeBase, Office, OfficeGap, OfficeRole, Person };
export { KnowledgeBaseSchema };

/** An article date: exact, or a range when only bounds are known. */
export type DateOrRange = string | { from: string; to: string };
export type OfficeClaimQualifier = 'current' | 'former' | 'elect' | 'acting';
export type OfficeClaimVerdict = 'confirmed' | 'conflict' | 'unknown';

export interface OfficeClaim {
  personId: string;
  /** The offices the article's words could mean; the claim holds if any of them fits. */
  officeIds: string[];
  qualifier: OfficeClaimQualifier;
  date: DateOrRange;
}

export interface OfficeClaimHolder {
  officeId: string;
  personId: string;
  name: string;
  from: string;
  to: string | null;
  acting?: boolean;
}

export interface OfficeClaimResult {
  verdict: OfficeClaimVerdict;
  /**
   * The verdict rests on what the record implies past its end (`currentTo`):
   * a fixed term still running, or a holder who had left before it. Less sure.
   */
  presumed?: 'term-runs' | 'left-before-end' | 'others-term-runs';
  /** The KB's holders of the offices over the claim's dates (for a conflict: who really held it). */
  actual: OfficeClaimHolder[];
  /** One sentence for the reader. */
  reason: string;
}

// ---------------------------------------------------------------------------
// Loading

let cached: KnowledgeBase | null = null;

/** The shipped knowledge base, validated once and cached. */
export function loadKnowledgeBase(): KnowledgeBase {
  if (cached) return cached;
  // Region files hold offices, and may bring the jurisdictions and people that only they need.
  const regions: Array<{ offices: unknown[]; people?: unknown[]; jurisdictions?: unknown[] }> = [
    americas,
    europe,
    asiaPacific,
    middleEast,
    africa,
    international,
    euMembersA,
    euMembersB,
    g20MinistersA,
    g20MinistersB,
    vicePresidents,
    middleEastMinisters,
  ];
  const merged = {
    ...meta,
    jurisdictions: [...jurisdictionsData.jurisdictions, ...regions.flatMap((r) => r.jurisdictions ?? [])],
    people: [...peopleData.people, ...regions.flatMap((r) => r.people ?? [])],
    offices: regions.flatMap((r) => r.offices),
    events: eventsData.events,
  };
  cached = parseKnowledgeBase(merged);
  return cached;
}

function formatPath(json: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = json;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    // An office's id makes "offices[57]" findable in a file of hundreds.
    if (typeof key === 'number' && node !== null && typeof node === 'object') {
      const id = (node as { id?: unknown }).id;
      if (typeof id === 'string' && path[0] === 'offices' && out.split('[').length === 2) out += `{${id}}`;
    }
  }
  return out || '(root)';
}

/**
 * Validates a knowledge base (the shipped one or an imported update). Throws an
 * Error naming the first failing paths, e.g.
 * `offices[3]{US.head-of-state}.holders[0].from: expected a date as YYYY-MM-DD`.
 */
export function parseKnowledgeBase(json: unknown): KnowledgeBase {
  const result = KnowledgeBaseSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map((i) => `${formatPath(json, i.path)}: ${i.message}`);
    const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
    throw new Error(`Invalid knowledge base: ${lines.join('; ')}${more}`);
  }
  const problems = kbIntegrityProblems(result.data);
  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw new Error(`Invalid knowledge base: ${problems.slice(0, 5).join('; ')}${more}`);
  }
  return result.data;
}

// ---------------------------------------------------------------------------
// Dates as day numbers, so ranges can be walked and compared arithmetically

const DAY_MS = 86_400_000;
const FAR_FUTURE = Number.MAX_SAFE_INTEGER;

function dayNum(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}$/;

function toRange(date: DateOrRange): { from: number; to: number } {
  const f = typeof date === 'string' ? date : date.from;
  const t = typeof date === 'string' ? date : date.to;
  if (!ISO_RE.test(f) || !ISO_RE.test(t)) throw new Error(`expected YYYY-MM-DD dates, got ${JSON.stringify(date)}`);
  const a = dayNum(f);
  const b = dayNum(t);
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

function longDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? '?'} ${iso.slice(0, 4)}`;
}

/** "7 October 2025", or "between 1 and 9 October 2025" for a range. */
export function kbDescribeDate(date: DateOrRange): string {
  const { from, to } = toRange(date);
  const a = isoOf(from);
  const b = isoOf(to);
  if (a === b) return longDate(a);
  const [ya, ma] = [a.slice(0, 4), a.slice(5, 7)];
  const [yb, mb] = [b.slice(0, 4), b.slice(5, 7)];
  if (ya === yb && ma === mb) return `between ${Number(a.slice(8, 10))} and ${longDate(b)}`;
  if (ya === yb) return `between ${longDate(a).slice(0, -5)} and ${longDate(b)}`;
  return `between ${longDate(a)} and ${longDate(b)}`;
}

/** "on 7 October 2025" or "between 1 and 9 October 2025", to follow a verb. */
function onDate(date: DateOrRange): string {
  const d = kbDescribeDate(date);
  return d.startsWith('between') ? d : `on ${d}`;
}

/** The same, to open a sentence. */
function atDate(date: DateOrRange): string {
  const d = onDate(date);
  return d.charAt(0).toUpperCase() + d.slice(1);
}

// ---------------------------------------------------------------------------
// Text normalisation

/** Words that join a name but are dropped from both sides ("al-Sisi" = "el-Sisi" = "Sisi"). */
const NAME_PARTICLES = new Set(['al', 'el']);

function baseFold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"');
}

/** Case, accent, punctuation and possessive-insensitive form of a name. */
export function normalizeName(s: string): string {
  return baseFold(s)
    .replace(/'s\b/g, '')
    .replace(/\./g, '')
    .replace(/[^a-z0-9']+/g, ' ')
    .replace(/'/g, '')
    .split(' ')
    .filter((w) => w !== '' && !NAME_PARTICLES.has(w))
    .join(' ');
}

function normalizeTitle(s: string): string {
  return normalizeName(s).replace(/\bdefence\b/g, 'defense').replace(/^the /, '');
}

// ---------------------------------------------------------------------------
// Per-KB indexes, built on first use

interface KbIndex {
  people: Map<string, Person>;
  offices: Map<string, Office>;
  jurisdictions: Map<string, Jurisdiction>;
  /** normalised name/alias/surname -> person ids */
  personNames: Map<string, Set<string>>;
  /** normalised name/demonym -> jurisdiction codes */
  jurisdictionNames: Map<string, Set<string>>;
  /** Leading words to peel off a person mention, longest first. */
  prefixes: string[][];
}

const indexes = new WeakMap<KnowledgeBase, KbIndex>();

const HONORIFICS = [
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'madam', 'madame',
  'his majesty', 'her majesty', 'his highness', 'her highness', 'his royal highness', 'hrh', 'hh', 'his excellency',
  'her excellency', 'he', 'sheikh', 'sheikha', 'shaikh', 'sheik', 'king', 'queen', 'emperor', 'prince',
  'crown prince', 'emir', 'amir', 'sultan', 'president', 'vice president', 'president elect', 'prime minister elect',
  'former', 'ex', 'late', 'the', 'then', 'acting', 'interim', 'caretaker', 'prime minister', 'pm', 'premier',
  'chancellor', 'minister', 'foreign minister', 'defense minister', 'foreign secretary', 'secretary',
  'secretary general', 'secretary of state', 'defense secretary', 'war secretary', 'director', 'chief', 'spy chief',
  'intelligence chief', 'general', 'gen', 'lt gen', 'lieutenant general', 'maj gen', 'major general', 'field marshal',
  'marshal', 'ayatollah', 'grand ayatollah', 'supreme leader', 'senator', 'sen', 'rep', 'representative', 'governor',
  'gov', 'chairman', 'chairwoman', 'chair', 'leader', 'imam', 'ambassador', 'envoy', 'special envoy', 'mossad chief',
  'cia director', 'dni', 'sitting', 'incoming', 'outgoing', 'new', 'current', 'then president',
];

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function indexOf(kb: KnowledgeBase): KbIndex {
  const existing = indexes.get(kb);
  if (existing) return existing;
  const personNames = new Map<string, Set<string>>();
  for (const p of kb.people) {
    for (const n of [p.name, ...p.aliases, ...(p.surnames ?? [])]) {
      const k = normalizeName(n);
      if (k) addTo(personNames, k, p.id);
    }
  }
  const jurisdictionNames = new Map<string, Set<string>>();
  for (const j of kb.jurisdictions) {
    for (const n of [...j.names, ...j.demonyms]) {
      const k = normalizeName(n).replace(/^the /, '');
      if (k) addTo(jurisdictionNames, k, j.code);
    }
  }
  const prefixSet = new Set<string>(HONORIFICS);
  for (const o of kb.offices) {
    for (const t of [o.title, ...o.titles]) prefixSet.add(normalizeTitle(t));
  }
  for (const k of jurisdictionNames.keys()) prefixSet.add(k);
  const prefixes = [...prefixSet]
    .filter((p) => p !== '')
    .map((p) => p.split(' '))
    .sort((a, b) => b.length - a.length);
  const index: KbIndex = {
    people: new Map(kb.people.map((p) => [p.id, p])),
    offices: new Map(kb.offices.map((o) => [o.id, o])),
    jurisdictions: new Map(kb.jurisdictions.map((j) => [j.code, j])),
    personNames,
    jurisdictionNames,
    prefixes,
  };
  indexes.set(kb, index);
  return index;
}

// ---------------------------------------------------------------------------
// Name resolution

/**
 * The person a mention names: "Trump", "Mr. Trump", "President Trump",
 * "U.S. President Donald J. Trump", "Netanyahu's". Titles, honorifics and
 * nationality words are peeled off the front until something matches; a
 * surname two people share in the KB resolves to null rather than to a guess.
 */
const resolved = new WeakMap<KnowledgeBase, Map<string, Person | null>>();

/** Claim reading asks for the same names over and over: answers are kept per knowledge base. */
export function resolvePerson(kb: KnowledgeBase, surface: string): Person | null {
  let cache = resolved.get(kb);
  if (!cache) resolved.set(kb, (cache = new Map()));
  if (cache.has(surface)) return cache.get(surface)!;
  const person = resolvePersonUncached(kb, surface);
  if (cache.size > 50_000) cache.clear(); // names come from arbitrary pages: keep the memory bounded
  cache.set(surface, person);
  return person;
}

function resolvePersonUncached(kb: KnowledgeBase, surface: string): Person | null {
  const idx = indexOf(kb);
  let words = normalizeName(surface).split(' ').filter(Boolean);
  // Generational suffixes never distinguish people in this KB.
  while (words.length > 1 && ['jr', 'sr', 'ii', 'iii'].includes(words[words.length - 1] ?? '')) words = words.slice(0, -1);
  while (words.length > 0) {
    const hit = idx.personNames.get(words.join(' '));
    if (hit) {
      if (hit.size !== 1) return null;
      const [id] = [...hit];
      return id === undefined ? null : (idx.people.get(id) ?? null);
    }
    const prefix = idx.prefixes.find((p) => p.length < words.length && p.every((w, i) => words[i] === w));
    if (!prefix) return null;
    words = words.slice(prefix.length);
  }
  return null;
}

/** The jurisdiction a name, abbreviation or demonym means: "Egyptian", "Egypt's", "U.S.", "the UK". */
export function resolveJurisdiction(kb: KnowledgeBase, surface: string): Jurisdiction | null {
  const idx = indexOf(kb);
  let key = normalizeName(surface);
  if (key.startsWith('the ')) key = key.slice(4);
  const hit = idx.jurisdictionNames.get(key);
  if (!hit || hit.size !== 1) return null;
  const [code] = [...hit];
  return code === undefined ? null : (idx.jurisdictions.get(code) ?? null);
}

/** Every event whose name the text mentions, the most specific (longest) name winning. */
export function findEventByName(kb: KnowledgeBase, text: string): KbEvent | null {
  const hay = ` ${normalizeEventText(text)} `;
  let best: { event: KbEvent; len: number } | null = null;
  for (const event of kb.events) {
    for (const name of event.names) {
      const n = normalizeEventText(name);
      if (n && hay.includes(` ${n} `) && (!best || n.length > best.len)) best = { event, len: n.length };
    }
  }
  return best?.event ?? null;
}

const MONTH_ABBR: Record<string, string> = {
  jan: 'january', feb: 'february', mar: 'march', apr: 'april', jun: 'june', jul: 'july',
  aug: 'august', sep: 'september', sept: 'september', oct: 'october', nov: 'november', dec: 'december',
};

function normalizeEventText(s: string): string {
  return (
    baseFold(s)
      .replace(/'s\b/g, '')
      .replace(/\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?/g, (_, m: string) => MONTH_ABBR[m] ?? m)
      .replace(/\b(\d{1,2})(st|nd|rd|th)\b/g, '$1')
      .replace(/[^a-z0-9/]+/g, ' ')
      // "October 7 Hamas-led attacks" and "October 7 attacks" name the same day.
      .replace(/\bhamas led\b/g, ' ')
      .split(' ')
      .filter((w) => w !== '' && w !== 'the' && w !== 'a')
      // Singular and plural ("attack"/"attacks") are the same event.
      .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
      .join(' ')
  );
}

// ---------------------------------------------------------------------------
// Offices and holders

export function findOffices(
  kb: KnowledgeBase,
  query: { jurisdiction?: string; role?: OfficeRole; title?: string },
): Office[] {
  let code: string | undefined;
  if (query.jurisdiction !== undefined) {
    const idx = indexOf(kb);
    code = idx.jurisdictions.has(query.jurisdiction)
      ? query.jurisdiction
      : resolveJurisdiction(kb, query.jurisdiction)?.code;
    if (code === undefined) return [];
  }
  const title = query.title === undefined ? undefined : normalizeTitle(query.title);
  return kb.offices.filter(
    (o) =>
      (code === undefined || o.jurisdiction === code) &&
      (query.role === undefined || o.role === query.role || (o.alsoRoles ?? []).includes(query.role)) &&
      (title === undefined || [o.title, ...o.titles].some((t) => normalizeTitle(t) === title)),
  );
}

/** The KB's holders of an office on a day, as recorded (open terms run on past `currentTo`). */
export function holdersOn(kb: KnowledgeBase, officeId: string, date: string): Holder[] {
  const office = indexOf(kb).offices.get(officeId);
  if (!office) return [];
  return office.holders.filter((h) => h.from <= date && (h.to === null || date <= h.to));
}

export function officesHeldBy(kb: KnowledgeBase, personId: string, date: string): Office[] {
  return kb.offices.filter((o) => o.holders.some((h) => h.person === personId && h.from <= date && (h.to === null || date <= h.to)));
}

// ---------------------------------------------------------------------------
// Integrity: the invariants the claim checker relies on

/**
 * Problems that the schema alone cannot see: overlapping terms, undocumented
 * gaps in an office's history, aliases that two people share. An empty list
 * means the checker's verdicts can be trusted as far as the data goes.
 */
export function kbIntegrityProblems(kb: KnowledgeBase): string[] {
  const problems: string[] = [];
  const current = dayNum(kb.currentTo);
  for (const o of kb.offices) {
    const end = o.abolished ? dayNum(o.abolished) : current;
    const spans: { from: number; to: number; what: string; acting: boolean }[] = [];
    for (const h of o.holders) {
      const f = dayNum(h.from);
      const t = h.to === null ? FAR_FUTURE : dayNum(h.to);
      if (h.elected && h.elected > h.from) problems.push(`${o.id}: ${h.person} elected after taking office`);
      if (h.to === null && o.abolished) problems.push(`${o.id}: ${h.person} still in an abolished office`);
      spans.push({ from: f, to: t, what: h.person, acting: h.acting === true });
    }
    for (const g of o.gaps ?? []) {
      spans.push({ from: dayNum(g.from), to: g.to === null ? FAR_FUTURE : dayNum(g.to), what: `${g.kind} gap`, acting: false });
    }
    // Substantive terms and gaps may touch on a handover day but never overlap;
    // acting terms may overlap a suspended holder but not each other.
    for (const group of [spans.filter((s) => !s.acting), spans.filter((s) => s.acting)]) {
      const sorted = [...group].sort((a, b) => a.from - b.from);
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1]!;
        const next = sorted[i]!;
        if (next.from < prev.to) {
          problems.push(`${o.id}: ${prev.what} (to ${prev.to === FAR_FUTURE ? 'now' : isoOf(prev.to)}) overlaps ${next.what} (from ${isoOf(next.from)})`);
        }
      }
    }
    // Every day from the first record to currentTo (or abolition) must be
    // accounted for, or a claim on an unaccounted day would be called a conflict.
    const sorted = [...spans].sort((a, b) => a.from - b.from);
    let reach = sorted[0]?.from ?? end;
    for (const s of sorted) {
      if (s.from > reach + 1 && s.from <= end) problems.push(`${o.id}: no holder or gap between ${isoOf(reach)} and ${isoOf(s.from)}`);
      reach = Math.max(reach, s.to);
    }
    if (reach < end) problems.push(`${o.id}: no holder or gap after ${isoOf(reach)}`);
  }
  const aliasOwner = new Map<string, string>();
  for (const p of kb.people) {
    for (const a of [p.name, ...p.aliases]) {
      const k = normalizeName(a);
      const owner = aliasOwner.get(k);
      if (owner !== undefined && owner !== p.id) problems.push(`alias "${a}" belongs to both ${owner} and ${p.id}`);
      aliasOwner.set(k, p.id);
    }
  }
  for (const p of kb.people) {
    for (const s of p.surnames ?? []) {
      const owner = aliasOwner.get(normalizeName(s));
      if (owner !== undefined && owner !== p.id) problems.push(`surname "${s}" of ${p.id} is an alias of ${owner}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Checking a claim that someone held an office

interface Term {
  from: number;
  to: number;
  fuzzFrom: number;
  fuzzTo: number;
}

/** A person's time in one office, with back-to-back records (acting, then confirmed) joined. */
function termsOf(office: Office, personId: string): Term[] {
  const raw = office.holders
    .filter((h) => h.person === personId)
    .map((h) => ({
      from: dayNum(h.from),
      to: h.to === null ? FAR_FUTURE : dayNum(h.to),
      fuzzFrom: h.fromFuzzDays ?? 0,
      fuzzTo: h.toFuzzDays ?? 0,
    }))
    .sort((a, b) => a.from - b.from);
  const out: Term[] = [];
  for (const t of raw) {
    const last = out[out.length - 1];
    if (last && t.from <= last.to + 1) {
      if (t.to > last.to) {
        last.to = t.to;
        last.fuzzTo = t.fuzzTo;
      }
    } else out.push({ ...t });
  }
  return out;
}

type Presence = 'in' | 'maybe' | 'out';

function presence(terms: Term[], day: number): Presence {
  let result: Presence = 'out';
  for (const t of terms) {
    if (day >= t.from + t.fuzzFrom && day <= t.to - t.fuzzTo) return 'in';
    if (day >= t.from - t.fuzzFrom && day <= t.to + t.fuzzTo) result = 'maybe';
  }
  return result;
}

function coverageStart(kb: KnowledgeBase, office: Office): number {
  const starts = [...office.holders.map((h) => h.from), ...(office.gaps ?? []).map((g) => g.from)];
  return dayNum(starts.reduce((a, b) => (a < b ? a : b), kb.coverageFrom));
}

function gapOn(office: Office, day: number): OfficeGap | undefined {
  return (office.gaps ?? []).find((g) => dayNum(g.from) <= day && (g.to === null || day <= dayNum(g.to)));
}

/** Whether any term of the office starts or ends on a disputed date near this day. */
function anyFuzzAt(office: Office, day: number): boolean {
  return office.holders.some((h) => {
    const ff = h.fromFuzzDays ?? 0;
    const tf = h.toFuzzDays ?? 0;
    if (ff > 0 && Math.abs(day - dayNum(h.from)) <= ff) return true;
    return tf > 0 && h.to !== null && Math.abs(day - dayNum(h.to)) <= tf;
  });
}

type DayKind =
  | { v: 'confirmed'; why: 'holds' | 'held-before' | 'elect' | 'term-runs' }
  | { v: 'conflict'; why: 'other-holder' | 'vacant' | 'abolished' | 'sitting' | 'other-elect' | 'term-runs' | 'left-before-end' | 'others-term-runs' }
  | { v: 'unknown'; why: 'after-current' | 'before-coverage' | 'uncertain' | 'unrecorded' | 'contested' | 'handover' | 'no-record' | 'not-yet-elected' | 'no-office' };

/** Substantive holders of an office on the day the knowledge base's record ends. */
function holdersAtEnd(kb: KnowledgeBase, office: Office): Holder[] {
  const end = dayNum(kb.currentTo);
  return office.holders.filter((h) => !h.acting && dayNum(h.from) <= end && (h.to === null || dayNum(h.to) >= end));
}

/**
 * Past `currentTo` the record cannot see a change of hands, but fixed terms
 * still decide: a holder whose term runs on is still the holder, and someone
 * who had left before the record ends is unlikely to be back. Everything else
 * is unknown.
 */
function judgeAfterEnd(kb: KnowledgeBase, office: Office, personId: string, qualifier: OfficeClaimQualifier, day: number): DayKind {
  const end = dayNum(kb.currentTo);
  const atEnd = holdersAtEnd(kb, office);
  const mine = atEnd.find((h) => h.person === personId);
  const termRuns = !!mine && mine.to === null && mine.termEnds !== undefined && day < dayNum(mine.termEnds);
  const terms = termsOf(office, personId);
  const leftBefore = !mine && terms.length > 0 && terms.every((t) => t.to + t.fuzzTo < end);
  // Someone else's fixed term still running: the office is theirs.
  const othersTerm = atEnd.some((h) => h.person !== personId && h.to === null && h.termEnds !== undefined && day < dayNum(h.termEnds));
  if (qualifier === 'current' || qualifier === 'acting') {
    if (termRuns) return { v: 'confirmed', why: 'term-runs' };
    if (othersTerm && qualifier === 'current' && !office.contested) return { v: 'conflict', why: 'others-term-runs' };
    if (leftBefore && atEnd.length > 0 && !office.contested && !office.abolished) return { v: 'conflict', why: 'left-before-end' };
    return { v: 'unknown', why: 'after-current' };
  }
  if (qualifier === 'former') {
    if (termRuns) return { v: 'conflict', why: 'term-runs' };
    if (leftBefore) return { v: 'confirmed', why: 'held-before' };
  }
  return { v: 'unknown', why: 'after-current' };
}

/** Claims about one office on one day. */
function judgeDay(kb: KnowledgeBase, office: Office, personId: string, qualifier: OfficeClaimQualifier, day: number): DayKind {
  if (day > dayNum(kb.currentTo)) return judgeAfterEnd(kb, office, personId, qualifier, day);
  const terms = termsOf(office, personId);
  const here = presence(terms, day);
  const abolished = office.abolished !== undefined && day > dayNum(office.abolished);

  // Stand-ins for a few days or weeks often go unrecorded: "acting X" for someone the record never has in the office is not judged.
  if (qualifier === 'acting' && terms.length === 0) return { v: 'unknown', why: 'no-record' };
  if (qualifier === 'current' || qualifier === 'acting') {
    if (here === 'in') return { v: 'confirmed', why: 'holds' };
    if (here === 'maybe') return { v: 'unknown', why: 'uncertain' };
    if (abolished) return { v: 'conflict', why: 'abolished' };
    if (day < coverageStart(kb, office)) return { v: 'unknown', why: 'before-coverage' };
    const gap = gapOn(office, day);
    if (gap?.kind === 'unrecorded') return { v: 'unknown', why: 'unrecorded' };
    if (office.contested) return { v: 'unknown', why: 'contested' };
    if (anyFuzzAt(office, day)) return { v: 'unknown', why: 'uncertain' };
    if (gap?.kind === 'vacant') return { v: 'conflict', why: 'vacant' };
    return { v: 'conflict', why: 'other-holder' };
  }

  if (qualifier === 'former') {
    if (here === 'maybe') return { v: 'unknown', why: 'uncertain' };
    if (here === 'in') {
      // On the first or last day of a term the article may be right either way.
      const edge = terms.some((t) => t.from === day || t.to === day);
      return edge ? { v: 'unknown', why: 'handover' } : { v: 'conflict', why: 'sitting' };
    }
    const heldBefore = terms.some((t) => t.to !== FAR_FUTURE && t.to + t.fuzzTo < day);
    if (heldBefore) return { v: 'confirmed', why: 'held-before' };
    // Never held it in the KB's records: it may predate coverage, so say nothing.
    return { v: 'unknown', why: 'no-record' };
  }

  // elect
  if (here === 'in' && !terms.some((t) => t.from === day)) return { v: 'conflict', why: 'sitting' };
  const upcoming = office.holders.filter((h) => h.person === personId && day <= dayNum(h.from));
  for (const h of upcoming) {
    const start = dayNum(h.from);
    if (day < start - (h.fromFuzzDays ?? 0) || day === start) {
      if (h.elected !== undefined) {
        if (day >= dayNum(h.elected)) return { v: 'confirmed', why: 'elect' };
        return { v: 'unknown', why: 'not-yet-elected' };
      }
      // Without an election date, only a term starting soon makes "-elect" plausible.
      if (start - day <= 180) return { v: 'confirmed', why: 'elect' };
    }
  }
  const otherElect = office.holders.some(
    (h) => h.person !== personId && h.elected !== undefined && !h.fromFuzzDays && dayNum(h.elected) <= day && day < dayNum(h.from),
  );
  if (otherElect && !office.contested && upcoming.length === 0) return { v: 'conflict', why: 'other-elect' };
  return { v: 'unknown', why: here === 'maybe' ? 'uncertain' : 'no-record' };
}

function holderView(kb: KnowledgeBase, office: Office, h: Holder): OfficeClaimHolder {
  const person = indexOf(kb).people.get(h.person);
  const view: OfficeClaimHolder = { officeId: office.id, personId: h.person, name: person?.name ?? h.person, from: h.from, to: h.to };
  if (h.acting) view.acting = true;
  return view;
}

function describeTerm(h: OfficeClaimHolder, kb: KnowledgeBase): string {
  const acting = h.acting ? 'acting, ' : '';
  if (h.to === null || h.to > kb.currentTo) return `${h.name} (${acting}since ${longDate(h.from)})`;
  return `${h.name} (${acting}${longDate(h.from)} to ${longDate(h.to)})`;
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The bare title an article would put "-elect" on: "President", "Prime Minister". */
function shortTitle(office: Office): string {
  return office.titles[0] ?? office.title;
}

/**
 * Whether the KB supports a claim such as "President Biden" (current),
 * "former President Trump", "President-elect Trump" or "acting President Han"
 * made by an article on `date`. A conflict is returned only when every day the
 * article could date from contradicts the claim; anything the KB cannot know
 * (after `currentTo`, before its records, a range straddling a handover, a
 * date sources disagree on) is `unknown`, because a false flag in front of a
 * reader costs more than a missed one.
 */
export function checkOfficeClaim(kb: KnowledgeBase, claim: OfficeClaim): OfficeClaimResult {
  const idx = indexOf(kb);
  const person = idx.people.get(claim.personId);
  const offices = claim.officeIds.map((id) => idx.offices.get(id)).filter((o): o is Office => o !== undefined);
  const when = atDate(claim.date);
  if (!person) return { verdict: 'unknown', actual: [], reason: `The knowledge base has no record of that person.` };
  if (offices.length === 0) return { verdict: 'unknown', actual: [], reason: `The knowledge base has no record of that office.` };
  const range = toRange(claim.date);
  const current = dayNum(kb.currentTo);
  const qualifier = claim.qualifier;

  // Holders over the judged part of the range, for the reader and for `actual`.
  const lastKnown = Math.min(range.to, current);
  const actual: OfficeClaimHolder[] = [];
  for (const o of offices) {
    for (const h of o.holders) {
      const f = dayNum(h.from);
      const t = h.to === null ? FAR_FUTURE : dayNum(h.to);
      const electStart = h.elected ? dayNum(h.elected) : f;
      const relevant = qualifier === 'elect' ? electStart <= lastKnown && t >= range.from : f <= lastKnown && t >= range.from;
      if (relevant && range.from <= current) actual.push(holderView(kb, o, h));
    }
  }

  // Judge each day; a range is decided only if all its days agree.
  const perDay: DayKind[] = [];
  for (let d = range.from; d <= range.to; d++) {
    const verdicts = offices.map((o) => judgeDay(kb, o, claim.personId, qualifier, d));
    const confirmed = verdicts.find((v) => v.v === 'confirmed');
    if (confirmed) perDay.push(confirmed);
    else if (verdicts.every((v) => v.v === 'conflict')) perDay.push(verdicts[0]!);
    else perDay.push(verdicts.find((v) => v.v === 'unknown') ?? verdicts[0]!);
    // Long ranges settle fast once days disagree.
    if (perDay.length > 1 && perDay[perDay.length - 1]!.v !== perDay[0]!.v) break;
  }
  const first = perDay[0]!;
  const uniform = perDay.every((d) => d.v === first.v);
  const name = person.name;
  const onDay = onDate(claim.date);
  const others = actual.filter((h) => h.personId !== claim.personId);
  // The office the verdict is about: where the person sits (or sat) if anywhere, else the first named.
  const heldOn = (o: Office, day: number) => presence(termsOf(o, claim.personId), day) === 'in';
  const sittingOffice = offices.find((o) => heldOn(o, range.from));
  const office = sittingOffice ?? offices[0]!;
  const title = office.title;
  const termsIn = (o: Office, pred: (h: Holder) => boolean) =>
    o.holders.filter((h) => h.person === claim.personId && pred(h)).map((h) => holderView(kb, o, h));

  if (!uniform) {
    const afterCurrent = perDay.some((d) => d.v === 'unknown' && d.why === 'after-current');
    const reason = afterCurrent
      ? `The knowledge base is current only to ${longDate(kb.currentTo)}, and the article's date (${kbDescribeDate(claim.date)}) runs past it, so the claim about ${name} cannot be judged.`
      : `${when} the ${title} changed hands (${joinAnd(actual.map((h) => describeTerm(h, kb)))}), so without a more exact date the claim about ${name} cannot be judged.`;
    return { verdict: 'unknown', actual, reason };
  }

  const ends = longDate(kb.currentTo);
  if (first.why === 'term-runs' && (first.v === 'confirmed' || first.v === 'conflict')) {
    // The office where the person's fixed term was still running when the record ends.
    const o = offices.find((x) => holdersAtEnd(kb, x).some((h) => h.person === claim.personId)) ?? office;
    const h = holdersAtEnd(kb, o).find((x) => x.person === claim.personId)!;
    const runs = longDate(h.termEnds ?? kb.currentTo);
    const reason =
      first.v === 'confirmed'
        ? `${name} has been ${o.title} since ${longDate(h.from)}, for a term that runs to ${runs}; the knowledge base's record ends on ${ends}.`
        : `${name} took office as ${o.title} on ${longDate(h.from)} for a fixed term that runs to ${runs}. The knowledge base's record ends on ${ends} with ${name} in office, so ${onDay} ${name} was still the sitting ${o.title}, not a former one, unless the term ended early.`;
    return { verdict: first.v, presumed: 'term-runs', actual: [holderView(kb, o, h)], reason };
  }
  if (first.v === 'conflict' && first.why === 'others-term-runs') {
    const o = offices.find((x) => holdersAtEnd(kb, x).some((h) => h.termEnds !== undefined)) ?? office;
    const holders = holdersAtEnd(kb, o).filter((h) => h.termEnds !== undefined);
    const views = holders.map((h) => holderView(kb, o, h));
    const terms = holders.map((h) => `${holderView(kb, o, h).name} (since ${longDate(h.from)}, for a term that runs to ${longDate(h.termEnds!)})`);
    return {
      verdict: 'conflict',
      presumed: 'others-term-runs',
      actual: views,
      reason: `When the knowledge base's record ends, on ${ends}, the ${o.title} was ${joinAnd(terms)}, so ${onDay} it was not ${name}, unless that term ended early.`,
    };
  }
  if (first.v === 'conflict' && first.why === 'left-before-end') {
    const o = offices.find((x) => termsOf(x, claim.personId).length > 0) ?? office;
    const left = o.holders.filter((h) => h.person === claim.personId && h.to !== null).map((h) => h.to!).sort().at(-1) ?? kb.currentTo;
    const holders = holdersAtEnd(kb, o).map((h) => holderView(kb, o, h));
    return {
      verdict: 'conflict',
      presumed: 'left-before-end',
      actual: holders,
      reason: `${name} left the office of ${o.title} on ${longDate(left)}, and when the knowledge base's record ends, on ${ends}, the ${o.title} was ${joinAnd(holders.map((h) => h.name)) || 'someone else'}. A return to office since then cannot be ruled out, but nothing suggests one.`,
    };
  }

  if (first.v === 'confirmed') {
    if (first.why === 'holds') {
      const mine = termsIn(office, (h) => dayNum(h.from) <= range.to && (h.to === null || dayNum(h.to) >= range.from));
      return { verdict: 'confirmed', actual: mine, reason: `${when} the ${title} was ${joinAnd(mine.map((h) => describeTerm(h, kb)))}.` };
    }
    if (first.why === 'held-before') {
      const pastOffice = offices.find((o) => termsIn(o, (h) => h.to !== null && dayNum(h.to) < range.from).length > 0) ?? office;
      const past = termsIn(pastOffice, (h) => h.to !== null && dayNum(h.to) < range.from);
      const spans = past.map((h) => `${longDate(h.from)} to ${longDate(h.to ?? kb.currentTo)}`);
      return {
        verdict: 'confirmed',
        actual: past,
        reason: `${name} was ${pastOffice.title} from ${joinAnd(spans)}, and did not hold the office ${onDay}.`,
      };
    }
    const nextOffice = offices.find((o) => termsIn(o, (h) => dayNum(h.from) >= range.to).length > 0) ?? office;
    const next = termsIn(nextOffice, (h) => dayNum(h.from) >= range.to).sort((a, b) => (a.from < b.from ? -1 : 1));
    const term = next[0];
    const record = term ? nextOffice.holders.find((h) => h.person === claim.personId && h.from === term.from) : undefined;
    const reason = !term
      ? `${atDate(claim.date)} ${name} was about to take office as ${nextOffice.title}.`
      : record?.elected
        ? `${name} was elected on ${longDate(record.elected)} and took office as ${nextOffice.title} on ${longDate(term.from)}, so ${onDay} ${name} was ${shortTitle(nextOffice)}-elect.`
        : `${name} took office as ${nextOffice.title} on ${longDate(term.from)}, shortly after ${kbDescribeDate(claim.date)}.`;
    return { verdict: 'confirmed', actual: next.slice(0, 1), reason };
  }

  if (first.v === 'conflict') {
    switch (first.why) {
      case 'sitting': {
        const mine = termsIn(office, (h) => dayNum(h.from) <= range.to && (h.to === null || dayNum(h.to) >= range.from));
        const since = mine.map((h) => `since ${longDate(h.from)}`).join(', ');
        const reason =
          qualifier === 'elect'
            ? `${when} ${name} was already the sitting ${title} (${since}), not ${shortTitle(office)}-elect.`
            : `${when} ${name} was the sitting ${title} (${since}), not a former one.`;
        return { verdict: 'conflict', actual: mine, reason };
      }
      case 'other-elect': {
        const elect = offices.flatMap((o) =>
          o.holders
            .filter((h) => h.person !== claim.personId && h.elected !== undefined && dayNum(h.elected) <= range.from && range.to < dayNum(h.from))
            .map((h) => ({ o, h })),
        );
        const electOffice = elect[0]?.o ?? office;
        const names = elect.map(({ o, h }) => `${holderView(kb, o, h).name} (elected ${longDate(h.elected ?? h.from)})`);
        return {
          verdict: 'conflict',
          actual: elect.map(({ o, h }) => holderView(kb, o, h)),
          reason: `${when} the ${shortTitle(electOffice)}-elect for the office of ${electOffice.title} was ${joinAnd(names)}, not ${name}.`,
        };
      }
      case 'abolished':
        return {
          verdict: 'conflict',
          actual: [],
          reason: `The office of ${title} was abolished on ${longDate(office.abolished ?? kb.currentTo)}, so ${name} could not hold it ${onDay}.`,
        };
      case 'vacant': {
        const gap = gapOn(office, range.from);
        return {
          verdict: 'conflict',
          actual: [],
          reason: `${when} the office of ${title} was vacant${gap ? ` (${gap.note})` : ''}, so ${name} did not hold it.`,
        };
      }
      default: {
        const parts = offices.map((o) => {
          const hs = others.filter((h) => h.officeId === o.id).map((h) => describeTerm(h, kb));
          return `the ${o.title} was ${hs.length ? joinAnd(hs) : 'someone else'}`;
        });
        return { verdict: 'conflict', actual: others, reason: `${when} ${joinAnd(parts)}, not ${name}.` };
      }
    }
  }

  // Every day unknown, for the same kind of reason as the first.
  let reason: string;
  switch (first.why) {
    case 'after-current':
      return {
        verdict: 'unknown',
        actual: [],
        reason: `The knowledge base is current only to ${longDate(kb.currentTo)}, so it cannot say who was ${title} ${onDay}.`,
      };
    case 'before-coverage':
      reason = `The knowledge base's record of the ${title} starts on ${longDate(isoOf(coverageStart(kb, office)))}, so it cannot judge a claim about ${kbDescribeDate(claim.date)}.`;
      break;
    case 'uncertain':
      reason = `Sources differ on exactly when the ${title} changed hands around ${kbDescribeDate(claim.date)}, so the claim about ${name} is not judged.`;
      break;
    case 'unrecorded': {
      const gap = gapOn(office, range.from);
      reason = `The knowledge base does not record who was ${title} ${onDay}${gap ? ` (${gap.note})` : ''}.`;
      break;
    }
    case 'contested':
      reason = `The office of ${title} is contested (${office.contested ?? 'rival claimants'}), so the knowledge base does not judge who held it.`;
      break;
    case 'handover':
      reason = `${name}'s term as ${title} began or ended ${onDay}, so "former" may be right either way.`;
      break;
    case 'not-yet-elected':
      reason = `${atDate(claim.date)} the election that made ${name} ${title} had not yet taken place; the knowledge base does not judge pre-election labels.`;
      break;
    default:
      reason =
        qualifier === 'former'
          ? `The knowledge base has no record of ${name} as ${title}, but its records start on ${longDate(isoOf(coverageStart(kb, office)))}, so an earlier term cannot be ruled out.`
          : qualifier === 'acting'
            ? `The knowledge base has no record of ${name} as ${title}; a short stand-in may have gone unrecorded, so the claim is not judged.`
            : `The knowledge base cannot tell whether ${name} was ${shortTitle(office)}-elect ${onDay}.`;
  }
  return { verdict: 'unknown', actual, reason };
}

/** Look-ups by id, for callers that hold ids from claims. */
export function personById(kb: KnowledgeBase, id: string): Person | null {
  return indexOf(kb).people.get(id) ?? null;
}

export function officeById(kb: KnowledgeBase, id: string): Office | null {
  return indexOf(kb).offices.get(id) ?? null;
}
