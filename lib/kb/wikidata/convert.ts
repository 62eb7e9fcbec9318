/**
 * Turns checked office-holder rows into the knowledge base's offices and
 * people. Wikidata records a tenure in more ways than the knowledge base does
 * (a statement per term, the same term on the person and on the office, a
 * year where the day is unknown, no end for someone long gone), so this is
 * where those are reconciled with the record the extension already trusts:
 * what Wikidata leaves vague is filled from the current record when the two
 * agree, and what the refresh cannot settle is held back and said, never guessed.
 */
import { normalizeName } from '../index';
import type { Holder, KnowledgeBase, Office, OfficeRole, Person } from '../schema';
import type { OfficeMapping, OfficeMappingEntry } from './mapping';
import { pairHolders } from './diff';
import type { HolderRow, StatementRank, WikidataTime } from './sparql';

export interface ConvertNote {
  office?: string;
  message: string;
}

export interface ConvertResult {
  /** The covered offices as the refresh would have them. */
  offices: Array<{ office: Office; isNew: boolean; file?: string }>;
  people: Person[];
  notes: ConvertNote[];
  /** Offices the rows speak for (plus any the caller asked to cover). */
  covered: string[];
}

const DAY = 86_400_000;
const dayNum = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const FAR = Number.MAX_SAFE_INTEGER;

/** The days a Wikidata time may mean: its year, its month, or the day itself. */
function period(t: WikidataTime): { first: string; last: string } {
  const [y, m] = [Number(t.iso.slice(0, 4)), Number(t.iso.slice(5, 7))];
  if (t.precision >= 11) return { first: t.iso, last: t.iso };
  if (t.precision === 10) return { first: t.iso.slice(0, 8) + '01', last: isoOf(dayNum(`${t.iso.slice(0, 8)}01`) + new Date(Date.UTC(y, m, 0)).getUTCDate() - 1) };
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

const precisionWord = (p: number) => (p === 10 ? 'the month' : p === 9 ? 'the year' : 'the decade or less');

interface Statement {
  uri: string;
  rows: number[];
  personQid: string;
  label?: string;
  alts: string[];
  start?: WikidataTime;
  end?: WikidataTime;
  rank: StatementRank;
  acting: boolean;
  elected?: string;
  refs: string[];
}

/** A term on its way to becoming a holder: days settled, or held back. */
interface Term {
  st: Statement;
  person: string;
  from: string;
  to: string | null;
  fromFuzzDays?: number;
  toFuzzDays?: number;
  /** The end came from somewhere other than the statement. */
  endFrom?: 'record' | 'successor';
}

const RANK_ORDER: Record<StatementRank, number> = { preferred: 0, normal: 1, deprecated: 2 };

/** Several values of one qualifier on one statement: prefer the most precise, then the earliest (start) or latest (end). */
function pickTime(a: WikidataTime | undefined, b: WikidataTime, latest: boolean): WikidataTime {
  if (!a) return b;
  if (a.precision !== b.precision) return a.precision > b.precision ? a : b;
  return (latest ? b.iso > a.iso : b.iso < a.iso) ? b : a;
}

function groupStatements(rows: HolderRow[], actingItems: Set<string>, notes: ConvertNote[], office: string): Statement[] {
  const byUri = new Map<string, Statement>();
  for (const r of rows) {
    let s = byUri.get(r.statement);
    if (!s) {
      s = { uri: r.statement, rows: [], personQid: r.person, alts: [], rank: r.rank, acting: false, refs: [] };
      byUri.set(r.statement, s);
    }
    s.rows.push(r.row);
    if (r.person !== s.personQid) {
      notes.push({ office, message: `rows ${s.rows[0]} and ${r.row} give statement ${r.statement} two holders (${s.personQid}, ${r.person}); the first is used` });
      continue;
    }
    if (r.personLabel && !s.label) s.label = r.personLabel;
    if (r.personAlt && !s.alts.includes(r.personAlt)) s.alts.push(r.personAlt);
    if (r.start) {
      if (s.start && s.start.iso !== r.start.iso) notes.push({ office, message: `statement ${r.statement} has two starts (${s.start.iso}, ${r.start.iso}); the more precise, then the earlier, is used` });
      s.start = pickTime(s.start, r.start, false);
    }
    if (r.end) {
      if (s.end && s.end.iso !== r.end.iso) notes.push({ office, message: `statement ${r.statement} has two ends (${s.end.iso}, ${r.end.iso}); the more precise, then the later, is used` });
      s.end = pickTime(s.end, r.end, true);
    }
    if (r.nature && actingItems.has(r.nature)) s.acting = true;
    if (r.elected && (!s.elected || r.elected < s.elected)) s.elected = r.elected;
    if (r.ref && !s.refs.includes(r.ref)) s.refs.push(r.ref);
  }
  return [...byUri.values()].filter((s) => s.rank !== 'deprecated');
}

// ---------------------------------------------------------------------------
// People

class People {
  private readonly byName = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();
  private readonly byQid = new Map<string, string | null>();
  readonly created = new Map<string, Person>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly overrides: Map<string, string>,
    private readonly notes: ConvertNote[],
  ) {
    for (const p of kb.people) {
      this.ids.add(p.id);
      for (const n of [p.name, ...p.aliases]) this.index(normalizeName(n), p.id);
    }
  }

  private index(key: string, id: string) {
    if (!this.byName.has(key)) this.byName.set(key, new Set());
    this.byName.get(key)!.add(id);
  }

  private match(names: string[], office: Office | undefined): string[] {
    const found = new Set<string>();
    for (const n of names) for (const id of this.byName.get(normalizeName(n)) ?? []) found.add(id);
    const ids = [...found];
    // Two people with one name form: the one who held this office before is meant.
    if (ids.length > 1 && office) {
      const held = ids.filter((id) => office.holders.some((h) => h.person === id));
      if (held.length === 1) return held;
    }
    return ids;
  }

  /** The knowledge base's id for a Wikidata holder, or null when it cannot be told (said in a note). */
  resolve(st: Statement, office: Office | undefined, officeId: string): string | null {
    const cached = this.byQid.get(st.personQid);
    if (cached !== undefined) return cached;
    const id = this.find(st, office, officeId);
    this.byQid.set(st.personQid, id);
    return id;
  }

  private find(st: Statement, office: Office | undefined, officeId: string): string | null {
    const forced = this.overrides.get(st.personQid);
    if (forced !== undefined) return forced;
    if (!st.label) {
      this.notes.push({ office: officeId, message: `${st.personQid} has no English label, so it cannot be named; its term is left out` });
      return null;
    }
    let ids = this.match([st.label], office);
    if (ids.length === 0) ids = this.match(st.alts, office);
    if (ids.length === 1) return ids[0]!;
    if (ids.length > 1) {
      this.notes.push({ office: officeId, message: `"${st.label}" (${st.personQid}) could be ${ids.join(' or ')}; map it under "people" in the office mapping` });
      return null;
    }
    return this.create(st);
  }

  private create(st: Statement): string {
    const label = st.label!;
    const slug =
      label
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || st.personQid.toLowerCase();
    const id = this.ids.has(slug) ? `${slug}-${st.personQid.toLowerCase()}` : slug;
    const own = normalizeName(label);
    const aliases: string[] = [];
    for (const alt of st.alts) {
      const key = normalizeName(alt);
      // The name matching already folds accents and case, so "Mara Quell" needs no "Mára Quell".
      if (key === own || key === '' || aliases.some((a) => normalizeName(a) === key)) continue;
      const owner = [...(this.byName.get(key) ?? [])].find((o) => o !== id);
      if (owner) {
        this.notes.push({ message: `alias "${alt}" of new person ${id} is already a name of ${owner}; left out` });
        continue;
      }
      aliases.push(alt);
    }
    const person: Person = { id, name: label, aliases };
    this.ids.add(id);
    for (const n of [label, ...aliases]) this.index(normalizeName(n), id);
    this.created.set(id, person);
    return id;
  }
}

// ---------------------------------------------------------------------------
// Dates

/**
 * Settles a start or end to a day. A year or month that the current record's
 * day falls in is that day (the two agree, and the record is more precise); a
 * month the record does not have becomes its first or last day with a margin
 * covering the rest of it; a bare year cannot be, and is held back.
 */
function settle(
  t: WikidataTime,
  side: 'from' | 'to',
  known: Holder[],
): { day: string; fuzz?: number } | { held: string } {
  if (t.precision >= 11) return { day: t.iso };
  const { first, last } = period(t);
  const agree = known.map((h) => h[side]).find((d): d is string => d !== null && d >= first && d <= last);
  if (agree) return { day: agree };
  if (t.precision === 10) return side === 'from' ? { day: first, fuzz: dayNum(last) - dayNum(first) } : { day: last, fuzz: dayNum(last) - dayNum(first) };
  return { held: `${side === 'from' ? 'start' : 'end'} is known only to ${precisionWord(t.precision)} (${t.iso.slice(0, t.precision === 9 ? 4 : 7)})` };
}

function sourceOf(st: Statement): string {
  return [...st.refs].sort()[0] ?? `https://www.wikidata.org/wiki/${st.personQid}`;
}

// ---------------------------------------------------------------------------

export interface ConvertOptions {
  /** Offices to treat as covered even if no row names them (a fetched query that came back empty for one). */
  cover?: string[];
}

export function convertHolders(kb: KnowledgeBase, rows: HolderRow[], mapping: OfficeMapping, opts: ConvertOptions = {}): ConvertResult {
  const notes: ConvertNote[] = [];
  const byItem = new Map(mapping.offices.map((o) => [o.item, o]));
  const acting = new Set(mapping.acting.map((a) => a.item));
  const people = new People(kb, new Map(mapping.people.map((p) => [p.item, p.person])), notes);
  const offices = new Map(kb.offices.map((o) => [o.id, o]));
  const jurisdictions = new Set(kb.jurisdictions.map((j) => j.code));

  const rowsByOffice = new Map<string, HolderRow[]>();
  const unmapped = new Map<string, number>();
  for (const r of rows) {
    const entry = byItem.get(r.office);
    if (!entry) {
      unmapped.set(r.office, (unmapped.get(r.office) ?? 0) + 1);
      continue;
    }
    if (!rowsByOffice.has(entry.office)) rowsByOffice.set(entry.office, []);
    rowsByOffice.get(entry.office)!.push(r);
  }
  for (const [qid, n] of unmapped) notes.push({ message: `${n} rows for ${qid} left out: no office in the mapping has that item` });

  const covered = [...new Set([...rowsByOffice.keys(), ...(opts.cover ?? [])])].sort();
  const out: ConvertResult['offices'] = [];
  for (const id of covered) {
    const entry = mapping.offices.find((o) => o.office === id);
    const current = offices.get(id);
    if (!current && !entry) throw new Error(`${id} is neither in the knowledge base nor in the office mapping`);
    const officeRows = rowsByOffice.get(id) ?? [];
    const holders = convertOffice(kb, id, current, groupStatements(officeRows, acting, notes, id), people, notes);
    if (current) {
      out.push({ office: { ...current, holders }, isNew: false });
    } else {
      out.push({ office: newOffice(id, entry!, officeRows, holders, jurisdictions), isNew: true, ...(entry!.file ? { file: entry!.file } : {}) });
    }
  }
  // Someone named only by a term the refresh then left out is no new person.
  const used = new Set(out.flatMap((o) => o.office.holders.map((h) => h.person)));
  return { offices: out, people: [...people.created.values()].filter((p) => used.has(p.id)), notes, covered };
}

function newOffice(id: string, entry: OfficeMappingEntry, rows: HolderRow[], holders: Holder[], jurisdictions: Set<string>): Office {
  const [jurisdiction, role] = id.split('.') as [string, OfficeRole];
  if (!jurisdictions.has(jurisdiction)) throw new Error(`${id}: jurisdiction ${jurisdiction} is not in the knowledge base; add it to jurisdictions.json first`);
  const label = rows.find((r) => r.officeLabel)?.officeLabel ?? entry.label;
  const alts = [...new Set(rows.map((r) => r.officeAlt).filter((a): a is string => a !== undefined))];
  const office: Office = {
    id,
    jurisdiction,
    role,
    title: label,
    titles: entry.titles ?? [label, ...alts.filter((a) => a !== label)],
    holders,
  };
  if (entry.formerHoldersKeepTitle !== undefined) office.formerHoldersKeepTitle = entry.formerHoldersKeepTitle;
  if (entry.customSource) office.customSource = entry.customSource;
  return office;
}

function convertOffice(kb: KnowledgeBase, id: string, current: Office | undefined, statements: Statement[], people: People, notes: ConvertNote[]): Holder[] {
  const known = current?.holders ?? [];
  // The record is complete from coverageFrom, or from its earliest term if that is older.
  const windowStart = [kb.coverageFrom, ...known.map((h) => h.from)].sort()[0]!;

  // 1. Days, person by person.
  let terms: Term[] = [];
  const held: Array<{ person: string; acting: boolean; lo: string; hi: string; why: string }> = [];
  for (const st of statements) {
    if (!st.start) {
      if (!st.end || period(st.end).last > windowStart) notes.push({ office: id, message: `a term of ${st.label ?? st.personQid} has no start date (row ${st.rows[0]}); left out` });
      continue;
    }
    if (st.end && period(st.end).last <= windowStart) continue;
    const person = people.resolve(st, current, id);
    if (person === null) continue;
    const mine = known.filter((h) => h.person === person && (h.acting === true) === st.acting);
    const from = settle(st.start, 'from', mine);
    const to = st.end ? settle(st.end, 'to', mine) : null;
    if ('held' in from || (to !== null && 'held' in to)) {
      const why = 'held' in from ? from.held : (to as { held: string }).held;
      held.push({ person, acting: st.acting, lo: period(st.start).first, hi: st.end ? period(st.end).last : '9999-12-31', why });
      continue;
    }
    const t: Term = { st, person, from: from.day, to: to && 'day' in to ? to.day : null };
    if (from.fuzz) t.fromFuzzDays = from.fuzz;
    if (to && 'day' in to && to.fuzz) t.toFuzzDays = to.fuzz;
    if (t.to !== null && t.to < t.from) {
      notes.push({ office: id, message: `${person}: a term ends (${t.to}) before it starts (${t.from}); left out` });
      continue;
    }
    terms.push(t);
  }
  // A vague statement that another statement of the same term already dates says nothing new;
  // otherwise the record's own term is kept rather than lost, and the gap is said.
  const kept: Holder[] = [];
  for (const v of held) {
    const inRange = (from: string, to: string | null) => from <= v.hi && (to ?? '9999-12-31') >= v.lo;
    if (terms.some((t) => t.person === v.person && t.st.acting === v.acting && inRange(t.from, t.to))) continue;
    const same = known.filter((h) => h.person === v.person && (h.acting === true) === v.acting && inRange(h.from, h.to));
    kept.push(...same);
    notes.push({ office: id, message: `${v.person}: ${v.why}; ${same.length ? "the record's term is kept" : 'not added (give it a day by hand)'}` });
  }

  // 2. One term told twice (on the person and on the office, or two editors): one term.
  const byKey = new Map<string, Term>();
  for (const t of terms) {
    const key = `${t.person}|${t.st.acting}|${t.from}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, t);
      continue;
    }
    byKey.set(key, better(prev, t, known, id, notes));
  }
  terms = [...byKey.values()].sort((a, b) => (a.from === b.from ? Number(b.st.acting) - Number(a.st.acting) : a.from < b.from ? -1 : 1));

  // 3. No end, but someone (or a later term) came after: the term ended then.
  terms.forEach((t, i) => {
    if (t.to !== null || t.st.end) return;
    const record = known.find((h) => h.person === t.person && h.from === t.from && (h.acting === true) === t.st.acting && h.to !== null);
    const next = terms.slice(i + 1).find((n) => n.from > t.from);
    if (record) {
      t.to = record.to;
      t.endFrom = 'record';
    } else if (next) {
      t.to = next.from;
      t.endFrom = 'successor';
    }
    if (t.endFrom) {
      const used = t.endFrom === 'record' ? "the record's end" : "the next term's start";
      notes.push({ office: id, message: `${t.person} from ${t.from}: no end date on Wikidata; ${used}, ${t.to}, is used` });
    }
  });
  terms = terms.filter((t) => t.to === null || t.to > windowStart);

  // 4. Consecutive terms of one person are one tenure, unless the record keeps them apart.
  const merged: Term[] = [];
  for (const t of terms) {
    const prev = [...merged].reverse().find((m) => m.person === t.person && m.st.acting === t.st.acting);
    const touches = prev && (prev.to === null || dayNum(t.from) <= dayNum(prev.to) + 1);
    const recordSplits = known.some((h) => h.person === t.person && (h.acting === true) === t.st.acting && h.from === t.from);
    if (prev && touches && !recordSplits && (prev.to === null || t.from >= prev.from)) {
      if (prev.to !== null && (t.to === null || t.to > prev.to)) {
        prev.to = t.to;
        if (t.toFuzzDays !== undefined) prev.toFuzzDays = t.toFuzzDays;
        else delete prev.toFuzzDays;
      }
      continue;
    }
    merged.push({ ...t });
  }

  // 5. Holders, keeping what the record curates (notes, margins, fixed terms) for the same term.
  const fresh: Holder[] = merged.map((t) => {
    const h: Holder = { person: t.person, from: t.from, to: t.to, source: sourceOf(t.st) };
    if (t.st.acting) h.acting = true;
    if (t.st.elected && t.st.elected <= t.from) h.elected = t.st.elected;
    if (t.fromFuzzDays !== undefined) h.fromFuzzDays = t.fromFuzzDays;
    if (t.toFuzzDays !== undefined) h.toFuzzDays = t.toFuzzDays;
    return h;
  });
  const { pairs } = pairHolders(known, fresh);
  const result = fresh.map((h) => {
    const pair = pairs.find(([, b]) => b === h);
    return pair ? carry(pair[0], h) : order(h);
  });
  for (const k of kept) if (!result.includes(k)) result.push(k);
  return result.sort((a, b) => (a.from === b.from ? Number(b.acting === true) - Number(a.acting === true) : a.from < b.from ? -1 : 1));
}

/** Two statements of one term: the preferred rank, then the more precise dates, then the one the record agrees with. */
function better(a: Term, b: Term, known: Holder[], office: string, notes: ConvertNote[]): Term {
  if (a.to === b.to) return a.st.rank === 'preferred' || b.st.rank !== 'preferred' ? withExtras(a, b) : withExtras(b, a);
  if (a.to === null || b.to === null) return withExtras(a.to === null ? b : a, a.to === null ? a : b);
  const rank = RANK_ORDER[a.st.rank] - RANK_ORDER[b.st.rank];
  const precise = (t: Term) => t.st.end?.precision ?? 0;
  let pick: Term;
  let why: string;
  if (rank !== 0) [pick, why] = [rank < 0 ? a : b, 'the preferred statement'];
  else if (precise(a) !== precise(b)) [pick, why] = [precise(a) > precise(b) ? a : b, 'the more precise'];
  else if (known.some((h) => h.person === b.person && h.to === b.to)) [pick, why] = [b, "the record's"];
  else [pick, why] = [a, 'the first'];
  // Often one statement is a single term and the other the whole tenure; the merge below joins the terms anyway.
  notes.push({ office, message: `${a.person}: two statements from ${a.from} end on ${a.to} and ${b.to}; ${why}, ${pick.to}, is used` });
  return withExtras(pick, pick === a ? b : a);
}

/** Keeps the chosen term, adding what only the other statement has (an election date, references). */
function withExtras(keep: Term, other: Term): Term {
  const st = { ...keep.st, refs: [...new Set([...keep.st.refs, ...other.st.refs])] };
  if (!st.elected && other.st.elected) st.elected = other.st.elected;
  return { ...keep, st };
}

/** The refreshed term, with the record's curated fields where they still apply. */
function carry(old: Holder, h: Holder): Holder {
  const out: Holder = { ...h };
  const sameDates = old.from === h.from && old.to === h.to && (old.acting === true) === (h.acting === true);
  if (out.elected === undefined && old.elected !== undefined) out.elected = old.elected;
  if (out.fromFuzzDays === undefined && old.fromFuzzDays !== undefined && old.from === h.from) out.fromFuzzDays = old.fromFuzzDays;
  if (out.toFuzzDays === undefined && old.toFuzzDays !== undefined && old.to === h.to) out.toFuzzDays = old.toFuzzDays;
  if (old.note !== undefined) out.note = old.note;
  // A fixed term's due end only means something while the term is open.
  if (old.termEnds !== undefined && h.to === null) {
    out.termEnds = old.termEnds;
    if (old.termSource !== undefined) out.termSource = old.termSource;
  }
  // An unchanged fact keeps the source a maintainer chose for it.
  if (sameDates) out.source = old.source;
  const keys = Object.keys(old) as Array<keyof Holder>;
  const unchanged = keys.length === Object.keys(out).length && keys.every((k) => old[k] === out[k]);
  return unchanged ? old : order(out);
}

/** The key order the data files use, so a rewritten term differs only where it changed. */
function order(h: Holder): Holder {
  const keys: Array<keyof Holder> = ['person', 'from', 'to', 'acting', 'elected', 'fromFuzzDays', 'toFuzzDays', 'note', 'source', 'termEnds', 'termSource'];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (h[k] !== undefined) out[k] = h[k];
  return out as Holder;
}
