/**
 * The knowledge base as the files it is kept in (lib/kb/data/*.json): merged
 * the way the loader merges them, updated office by office, and written back
 * in the files' own layout so a refresh shows in review as the lines that
 * changed rather than as a reformatted file.
 */
import type { Office, Person } from '../schema';

/** File name (e.g. "americas.json") to parsed contents. */
export type KbFiles = Map<string, Record<string, unknown>>;

const SPECIAL = new Set(['meta.json', 'jurisdictions.json', 'people.json', 'events.json']);

interface RegionFile {
  offices: Office[];
  people?: Person[];
  jurisdictions?: unknown[];
}

function region(files: KbFiles, name: string): RegionFile {
  return files.get(name) as unknown as RegionFile;
}

/** Region files: every file but the four shared ones. Each must hold an `offices` array. */
export function regionFiles(files: KbFiles): string[] {
  const names = [...files.keys()].filter((n) => !SPECIAL.has(n)).sort();
  for (const n of names) {
    if (!Array.isArray(files.get(n)?.offices)) throw new Error(`${n}: expected an "offices" array (every data file but ${[...SPECIAL].join(', ')} is a region file)`);
  }
  return names;
}

/** The knowledge base these files make, unvalidated (the caller runs parseKnowledgeBase). */
export function mergeKbFiles(files: KbFiles): Record<string, unknown> {
  for (const n of SPECIAL) if (!files.has(n)) throw new Error(`the data directory has no ${n}`);
  const regions = regionFiles(files).map((n) => region(files, n));
  const list = (name: string, key: string) => (files.get(name)?.[key] as unknown[] | undefined) ?? [];
  return {
    ...files.get('meta.json'),
    jurisdictions: [...list('jurisdictions.json', 'jurisdictions'), ...regions.flatMap((r) => r.jurisdictions ?? [])],
    people: [...list('people.json', 'people'), ...regions.flatMap((r) => r.people ?? [])],
    offices: regions.flatMap((r) => r.offices),
    events: list('events.json', 'events'),
  };
}

/** Which file holds each office. */
export function officeFiles(files: KbFiles): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of regionFiles(files)) for (const o of region(files, n).offices) out.set(o.id, n);
  return out;
}

export interface FileUpdate {
  /** Offices to replace (by id), or to append to `file` when no data file holds them yet. */
  offices: Array<{ office: Office; file?: string }>;
  /** New people, appended to people.json. */
  people: Person[];
  currentTo?: string;
}

/** A copy of the files with the update applied; the input is not touched. */
export function applyUpdate(files: KbFiles, update: FileUpdate): KbFiles {
  const out: KbFiles = new Map([...files].map(([k, v]) => [k, structuredClone(v)]));
  const where = officeFiles(out);
  for (const { office, file } of update.offices) {
    const name = where.get(office.id) ?? file;
    if (name === undefined) throw new Error(`${office.id} is new to the knowledge base; give its "file" in the office mapping`);
    if (!out.has(name)) throw new Error(`${office.id}: no data file ${name}`);
    const list = region(out, name).offices;
    const i = list.findIndex((o) => o.id === office.id);
    if (i >= 0) list[i] = keepLayout(list[i]!, office);
    else list.push(office);
  }
  if (update.people.length > 0) (out.get('people.json')!.people as Person[]).push(...update.people);
  if (update.currentTo !== undefined) out.get('meta.json')!.currentTo = update.currentTo;
  return out;
}

/** The same JSON value, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/**
 * The updated office in the file's own key order, with the file's own object
 * for every term that did not change: validated data comes back in the
 * schema's key order, which would otherwise show as a change to every line.
 */
function keepLayout(old: Office, updated: Office): Office {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(old)) if (k in updated) out[k] = (updated as Record<string, unknown>)[k];
  for (const k of Object.keys(updated)) if (!(k in out)) out[k] = (updated as Record<string, unknown>)[k];
  for (const k of Object.keys(out)) if (sameJson(out[k], (old as Record<string, unknown>)[k])) out[k] = (old as Record<string, unknown>)[k];
  out.holders = updated.holders.map((h) => old.holders.find((o) => sameJson(o, h)) ?? h);
  return out as unknown as Office;
}

// ---------------------------------------------------------------------------
// The files' layout: two-space indents, and any object or array holding only
// scalars (a holder, a person, a list of titles) on one line.

const scalar = (v: unknown) => v === null || typeof v !== 'object';
const flat = (v: unknown) => scalar(v) || (Array.isArray(v) && v.every(scalar));

function layout(v: unknown, indent: number, root: boolean): string {
  if (scalar(v)) return JSON.stringify(v);
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (v.every(scalar)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    return `[\n${v.map((x) => pad + layout(x, indent + 2, false)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (!root && entries.every(([, x]) => flat(x))) {
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${layout(x, 0, false)}`).join(', ')}}`;
  }
  return `{\n${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${layout(x, indent + 2, false)}`).join(',\n')}\n${close}}`;
}

export function formatKbFile(json: unknown): string {
  return `${layout(json, 0, true)}\n`;
}
