/**
 * Reading the Wikidata query service's JSON results for the office-holder
 * queries in scripts/kb/queries/. Every binding is checked here, so the
 * converter can trust each row; a result that is malformed anywhere is refused
 * whole, with messages that name the row and the variable, e.g.
 * `row 12: "start" is not a date: "20x1-01-01"`.
 *
 * Pure TypeScript (no Node APIs), so the options page could read a saved result too.
 */
import { z } from 'zod';

const WD_ENTITY = 'http://www.wikidata.org/entity/';
const WIKIBASE = 'http://wikiba.se/ontology#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** One RDF term of a binding, as the SPARQL 1.1 JSON results format writes it. */
export const SparqlTermSchema = z.object({
  type: z.enum(['uri', 'literal', 'typed-literal', 'bnode']),
  value: z.string(),
  'xml:lang': z.string().optional(),
  datatype: z.string().optional(),
});
export type SparqlTerm = z.infer<typeof SparqlTermSchema>;

/** A Wikidata time value: the day the service gives, and how much of it is meant (9 year, 10 month, 11 day). */
export interface WikidataTime {
  /** YYYY-MM-DD; for year or month precision the service pads with 01. */
  iso: string;
  precision: number;
}

export type StatementRank = 'preferred' | 'normal' | 'deprecated';

/** One binding of an office-holder query, checked. */
export interface HolderRow {
  /** 1-based position in `results.bindings`, for messages. */
  row: number;
  /** The position item, e.g. "Q11696". */
  office: string;
  /** The statement's URI: rows repeat a statement once per alias, reference and qualifier value. */
  statement: string;
  /** The holder's item, e.g. "Q76". */
  person: string;
  /** English label; absent when the item has none (the label service then answers with the Q-id). */
  personLabel?: string;
  personAlt?: string;
  start?: WikidataTime;
  end?: WikidataTime;
  rank: StatementRank;
  /** Value of "nature of statement" (P5102), e.g. "Q4676846" for acting. */
  nature?: string;
  /** Date of the election the term came from (P2715's P585). */
  elected?: string;
  /** A reference URL (P854) of the statement. */
  ref?: string;
  officeLabel?: string;
  officeAlt?: string;
}

/** The variables every office-holder query must select, or the converter could misread a term. */
export const REQUIRED_VARS = ['office', 'statement', 'person', 'personLabel', 'start', 'startPrecision', 'end', 'endPrecision'] as const;

export class SparqlResultError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 8);
    const more = problems.length > shown.length ? `\n  (and ${problems.length - shown.length} more)` : '';
    super(`${source}: refused:\n  ${shown.join('\n  ')}${more}`);
    this.name = 'SparqlResultError';
  }
}

// ---------------------------------------------------------------------------
// Field checks. Each takes the raw binding value (maybe undefined) and either
// returns the parsed value or a message completing `row N: "field" …`.

type Check<T> = (t: SparqlTerm) => T | { problem: string };

const quoted = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const item: Check<string> = (t) => {
  if (t.type !== 'uri') return { problem: `is a ${t.type}, not a Wikidata item` };
  const m = t.value.startsWith(WD_ENTITY) ? /^Q[1-9]\d*$/.exec(t.value.slice(WD_ENTITY.length)) : null;
  return m ? m[0] : { problem: `is not a Wikidata item: ${quoted(t.value)}` };
};

const statementUri: Check<string> = (t) =>
  t.type === 'uri' && t.value.startsWith(`${WD_ENTITY}statement/`) ? t.value : { problem: `is not a Wikidata statement: ${quoted(t.value)}` };

const text: Check<string> = (t) => (t.type === 'literal' && t.value.trim() !== '' ? t.value.trim() : { problem: `is not a non-empty text: ${quoted(t.value)}` });

/** English only: the knowledge base's names are the forms English-language articles use. */
const englishText: Check<string | null> = (t) => {
  const v = text(t);
  if (typeof v !== 'string') return v;
  const lang = t['xml:lang'];
  return lang === undefined || lang === 'en' || lang.startsWith('en-') ? v : null;
};

const dateTime: Check<string> = (t) => {
  if (t.type !== 'literal' && t.type !== 'typed-literal') return { problem: `is a ${t.type}, not a date` };
  if (t.datatype !== undefined && t.datatype !== `${XSD}dateTime`) return { problem: `is not an xsd:dateTime but ${quoted(t.datatype)}` };
  // Four-digit years only: the knowledge base has no use for BCE or far-future dates.
  const m = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.exec(t.value);
  if (!m) return { problem: `is not a date: ${quoted(t.value)}` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Wikidata writes an unknown month or day as 00; the service usually pads it to 01, but not always.
  if (!realDay(y, Math.max(mo, 1), Math.max(d, 1))) return { problem: `is not a real calendar date: ${quoted(t.value)}` };
  return `${m[1]}-${String(Math.max(mo, 1)).padStart(2, '0')}-${String(Math.max(d, 1)).padStart(2, '0')}`;
};

const precision: Check<number> = (t) => {
  const v = t.type === 'literal' || t.type === 'typed-literal' ? t.value : '';
  return /^\d{1,2}$/.test(v) && Number(v) <= 14 ? Number(v) : { problem: `is not a Wikidata time precision (0-14): ${quoted(t.value)}` };
};

const rank: Check<StatementRank> = (t) => {
  const r = t.type === 'uri' && t.value.startsWith(WIKIBASE) ? t.value.slice(WIKIBASE.length) : '';
  if (r === 'PreferredRank') return 'preferred';
  if (r === 'NormalRank') return 'normal';
  if (r === 'DeprecatedRank') return 'deprecated';
  return { problem: `is not a statement rank: ${quoted(t.value)}` };
};

const httpUrl: Check<string> = (t) => {
  try {
    const u = new URL(t.value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return t.value;
  } catch {
    // fall through to the message
  }
  return { problem: `is not an http(s) URL: ${quoted(t.value)}` };
};

function field<T>(check: Check<T>, required: boolean) {
  const schema = z.unknown().transform((raw, ctx): T | undefined => {
    if (raw === undefined) {
      if (!required) return undefined;
      ctx.addIssue({ code: 'custom', message: 'is missing' });
      return z.NEVER;
    }
    const term = SparqlTermSchema.safeParse(raw);
    if (!term.success) {
      ctx.addIssue({ code: 'custom', message: 'is not a SPARQL term ({"type", "value"})' });
      return z.NEVER;
    }
    const v = check(term.data);
    if (v !== null && typeof v === 'object' && 'problem' in v) {
      ctx.addIssue({ code: 'custom', message: v.problem });
      return z.NEVER;
    }
    return v as T;
  });
  return required ? schema : schema.optional();
}

const BindingSchema = z
  .object({
    office: field(item, true),
    statement: field(statementUri, true),
    person: field(item, true),
    personLabel: field(englishText, false),
    personAlt: field(englishText, false),
    start: field(dateTime, false),
    startPrecision: field(precision, false),
    end: field(dateTime, false),
    endPrecision: field(precision, false),
    rank: field(rank, false),
    nature: field(item, false),
    elected: field(dateTime, false),
    ref: field(httpUrl, false),
    officeLabel: field(englishText, false),
    officeAlt: field(englishText, false),
  })
  .superRefine((b, ctx) => {
    // A date without its precision could be a bare year read as 1 January.
    for (const [date, prec] of [['start', 'startPrecision'], ['end', 'endPrecision']] as const) {
      if (b[date] !== undefined && b[prec] === undefined) ctx.addIssue({ code: 'custom', message: `is missing (needed with "${date}")`, path: [prec] });
    }
  });

/** The results document; `bindings` rows are checked one by one above. */
export const SparqlResultsSchema = z.object({
  head: z.object({ vars: z.array(z.string()) }),
  results: z.object({ bindings: z.array(BindingSchema) }),
});

// ---------------------------------------------------------------------------
// Truncated responses. The query service cuts a response off mid-row when a
// query times out (and appends a Java stack trace), and JSON.parse says only
// "at position N"; this finds the row and the variable that position is in.

export function locateInBindings(textIn: string, offset: number): { row: number; field?: string } | null {
  const start = /"bindings"\s*:\s*\[/.exec(textIn);
  if (!start || start.index + start[0].length > offset) return null;
  let depth = 0;
  let row = 0;
  let field: string | undefined;
  let i = start.index + start[0].length;
  while (i < offset && i < textIn.length) {
    const c = textIn[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < textIn.length && textIn[j] !== '"') j += textIn[j] === '\\' ? 2 : 1;
      // A string directly inside a row followed by a colon is a variable name.
      if (depth === 1 && /^\s*:/.test(textIn.slice(j + 1, j + 20))) field = JSON.parse(textIn.slice(i, j + 1)) as string;
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      if (depth === 1 && c === '{') {
        row++;
        field = undefined;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return null;
    }
    i++;
  }
  return depth >= 1 ? { row, ...(field !== undefined ? { field } : {}) } : null;
}

function jsonProblem(textIn: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : textIn.length;
  const where = locateInBindings(textIn, offset);
  const cut = offset >= textIn.trimEnd().length;
  const what = cut ? 'is cut off: the response ends there' : 'is not valid JSON';
  if (where) return `row ${where.row}: ${where.field !== undefined ? `"${where.field}"` : 'the row'} ${what} (${message})`;
  return `${cut ? 'the response is cut off' : 'not valid JSON'}: ${message}`;
}

function issuePath(path: readonly PropertyKey[]): string {
  if (path[0] === 'results' && path[1] === 'bindings' && typeof path[2] === 'number') {
    const rest = path.slice(3).map(String);
    return `row ${path[2] + 1}${rest.length ? `: "${rest[0]}"` : ''}`;
  }
  return path.map(String).join('.') || '(root)';
}

/**
 * Parses one saved or fetched result. Throws a SparqlResultError listing every
 * problem (row and variable) if any binding is malformed, or if the query did
 * not select a variable the converter needs; returns nothing partial.
 */
export function parseSparqlResults(textIn: string, source: string): HolderRow[] {
  let json: unknown;
  try {
    json = JSON.parse(textIn);
  } catch (err) {
    throw new SparqlResultError(source, [jsonProblem(textIn, err)]);
  }
  // The selected variables first: a query missing one fails on every row, and says so once here.
  const head = z.object({ head: z.object({ vars: z.array(z.string()) }) }).safeParse(json);
  if (head.success) {
    const missing = REQUIRED_VARS.filter((v) => !head.data.head.vars.includes(v));
    if (missing.length > 0) {
      throw new SparqlResultError(source, [
        `head.vars: the query did not select ${missing.map((v) => `"${v}"`).join(', ')}; use the queries in scripts/kb/queries/`,
      ]);
    }
  }
  const parsed = SparqlResultsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const where = issuePath(i.path);
      return where.startsWith('row ') && where.includes('"') ? `${where} ${i.message}` : `${where}: ${i.message}`;
    });
    throw new SparqlResultError(source, problems);
  }
  return parsed.data.results.bindings.map((b, i) => {
    const row: HolderRow = { row: i + 1, office: b.office!, statement: b.statement!, person: b.person!, rank: b.rank ?? 'normal' };
    // The label service answers "Q123" for an item with no English label.
    if (b.personLabel && !/^Q\d+$/.test(b.personLabel)) row.personLabel = b.personLabel;
    if (b.personAlt) row.personAlt = b.personAlt;
    if (b.start !== undefined) row.start = { iso: b.start, precision: b.startPrecision! };
    if (b.end !== undefined) row.end = { iso: b.end, precision: b.endPrecision! };
    if (b.nature) row.nature = b.nature;
    if (b.elected) row.elected = b.elected;
    if (b.ref) row.ref = b.ref;
    if (b.officeLabel && !/^Q\d+$/.test(b.officeLabel)) row.officeLabel = b.officeLabel;
    if (b.officeAlt) row.officeAlt = b.officeAlt;
    return row;
  });
}
