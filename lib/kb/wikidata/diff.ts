/**
 * What a refresh would change, office by office, in the terms a maintainer
 * reviews before a release: holders added or removed, dates that moved, and
 * offices whose record would stop short of `currentTo`.
 */
import type { Holder, Office, Person } from '../schema';

const FAR = '9999-12-31';
const end = (h: { to: string | null }) => h.to ?? FAR;
const overlaps = (a: Holder, b: Holder) => a.from <= end(b) && b.from <= end(a);
const same = (a: Holder, b: Holder) => a.person === b.person && (a.acting === true) === (b.acting === true);

/**
 * Pairs the terms of two versions of an office's record: first those with the
 * same person and dates, then the same person's overlapping terms (a date that
 * moved). What is left over was added or removed.
 */
export function pairHolders(before: Holder[], after: Holder[]): { pairs: Array<[Holder, Holder]>; removed: Holder[]; added: Holder[] } {
  const left = new Set(before);
  const right = new Set(after);
  const pairs: Array<[Holder, Holder]> = [];
  const take = (pred: (a: Holder, b: Holder) => boolean) => {
    for (const a of [...left]) {
      const b = [...right].find((x) => pred(a, x));
      if (b) {
        pairs.push([a, b]);
        left.delete(a);
        right.delete(b);
      }
    }
  };
  take((a, b) => same(a, b) && a.from === b.from && a.to === b.to);
  take((a, b) => same(a, b) && (a.from === b.from || a.to === b.to));
  take((a, b) => same(a, b) && overlaps(a, b));
  return { pairs, removed: [...left], added: [...right] };
}

/** The fields a refresh sets; notes and sources are carried, not compared. */
const COMPARED = ['from', 'to', 'acting', 'elected', 'fromFuzzDays', 'toFuzzDays', 'termEnds'] as const;

export interface HolderChange {
  before: Holder;
  after: Holder;
  fields: Array<(typeof COMPARED)[number]>;
}

export interface OfficeDiff {
  office: string;
  title: string;
  isNew: boolean;
  added: Holder[];
  removed: Holder[];
  changed: HolderChange[];
  /** The last day the new record accounts for, when that is before `currentTo`. */
  endsEarly?: string;
}

export interface KbDiff {
  offices: OfficeDiff[];
  unchanged: string[];
  newPeople: Person[];
  /** Terms the covered offices hold today, and how many of them the refresh drops. */
  currentFacts: number;
  removedFacts: number;
  currentTo: string;
}

/** The last day an office's record accounts for (holders and gaps), or null if it runs on. */
export function recordEnd(office: Pick<Office, 'holders' | 'gaps'>): string | null {
  let last = '';
  for (const s of [...office.holders, ...(office.gaps ?? [])]) {
    if (s.to === null) return null;
    if (s.to > last) last = s.to;
  }
  return last;
}

export function diffOffices(
  before: Map<string, Office>,
  after: Map<string, Office>,
  covered: string[],
  newPeople: Person[],
  currentTo: string,
): KbDiff {
  const out: KbDiff = { offices: [], unchanged: [], newPeople, currentFacts: 0, removedFacts: 0, currentTo };
  for (const id of [...covered].sort()) {
    const old = before.get(id);
    const now = after.get(id);
    const oldHolders = old?.holders ?? [];
    const { pairs, removed, added } = pairHolders(oldHolders, now?.holders ?? []);
    const changed: HolderChange[] = [];
    for (const [a, b] of pairs) {
      const fields = COMPARED.filter((f) => a[f] !== b[f]);
      if (fields.length > 0) changed.push({ before: a, after: b, fields });
    }
    out.currentFacts += oldHolders.length;
    out.removedFacts += removed.length;
    const last = now ? recordEnd(now) : null;
    const endsEarly = now && last !== null && last < currentTo && !(now.abolished && now.abolished <= last) ? last : undefined;
    const d: OfficeDiff = { office: id, title: now?.title ?? old?.title ?? id, isNew: old === undefined, added, removed, changed };
    if (endsEarly) d.endsEarly = endsEarly;
    if (added.length || removed.length || changed.length || endsEarly || d.isNew) out.offices.push(d);
    else out.unchanged.push(id);
  }
  return out;
}

// ---------------------------------------------------------------------------

function term(h: Holder): string {
  const acting = h.acting ? ', acting' : '';
  const elected = h.elected ? `, elected ${h.elected}` : '';
  return `from ${h.from} to ${h.to ?? 'open'}${acting}${elected}`;
}

const show = (v: unknown) => (v === undefined ? '(none)' : v === null ? 'open' : String(v));

/** The diff as the command prints it; `names` gives a person's display name. */
export function formatDiff(d: KbDiff, names: (id: string) => string, maxDrop: number): string {
  const lines: string[] = [];
  const who = (id: string) => (names(id) === id ? id : `${id} (${names(id)})`);
  for (const o of d.offices) {
    lines.push(`${o.office}  ${o.title}${o.isNew ? '  [new office]' : ''}`);
    for (const h of o.removed) lines.push(`  - ${who(h.person)} ${term(h)}`);
    for (const c of o.changed) {
      const what = c.fields.map((f) => `${f} ${show(c.before[f])} -> ${show(c.after[f])}`).join(', ');
      lines.push(`  ~ ${who(c.after.person)} ${term(c.before)}: ${what}`);
    }
    for (const h of o.added) lines.push(`  + ${who(h.person)} ${term(h)}  [${h.source}]`);
    if (o.endsEarly) lines.push(`  ! the record now ends on ${o.endsEarly}, before currentTo ${d.currentTo}`);
  }
  for (const p of d.newPeople) {
    lines.push(`new person ${p.id}: "${p.name}"${p.aliases.length ? `, also ${p.aliases.map((a) => `"${a}"`).join(', ')}` : ''}`);
  }
  if (d.unchanged.length) lines.push(`unchanged: ${d.unchanged.join(', ')}`);
  const share = d.currentFacts === 0 ? 0 : d.removedFacts / d.currentFacts;
  lines.push(
    `dropped ${d.removedFacts} of ${d.currentFacts} current terms of the covered offices (${(share * 100).toFixed(1)}%; refused above ${(maxDrop * 100).toFixed(0)}%)`,
  );
  return lines.join('\n');
}
