/**
 * npm run kb:update -- --from FILE|DIR|URL [--from …] [--write] [--data DIR]
 *                      [--max-drop 0.1] [--current-to YYYY-MM-DD]
 *                      [--kind KIND …] [--contact EMAIL|URL] [--save DIR]
 *
 * Refreshes the knowledge base's office holders from Wikidata query results:
 * saved results (a file, or a directory of *.json), or, given the query
 * service's URL, the queries in scripts/kb/queries/ run against it. Prints what
 * would change; writes only with --write, only if the whole converted
 * knowledge base passes the extension's own validation, and never when it
 * would drop more than --max-drop of the covered offices' current terms.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseKnowledgeBase, type KnowledgeBase, type Office } from '../../lib/kb/index';
import { KbDate } from '../../lib/kb/schema';
import { convertHolders } from '../../lib/kb/wikidata/convert';
import { diffOffices, formatDiff } from '../../lib/kb/wikidata/diff';
import { applyUpdate, formatKbFile, mergeKbFiles, sameJson, type KbFiles } from '../../lib/kb/wikidata/files';
import { OfficeKindSchema, parseOfficeMapping, type OfficeKind, type OfficeMapping } from '../../lib/kb/wikidata/mapping';
import { parseSparqlResults, SparqlResultError, type HolderRow } from '../../lib/kb/wikidata/sparql';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const USAGE = `usage: npm run kb:update -- --from FILE|DIR|URL [--from ...] [--write] [--data DIR] [--max-drop SHARE]
       [--current-to YYYY-MM-DD] [--kind KIND ...] [--contact EMAIL|URL] [--save DIR] [--bundle FILE]

  --bundle FILE   also write the whole updated knowledge base as one file, the form the
                  corpus manager's knowledge-base import takes (a reader's update without a release)`;

export interface UpdateIo {
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
}

class Refusal extends Error {}

interface Options {
  from: string[];
  data: string;
  mapping: string;
  write: boolean;
  maxDrop: number;
  currentTo?: string;
  kinds: OfficeKind[];
  contact?: string;
  save?: string;
  bundle?: string;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string', multiple: true },
      data: { type: 'string' },
      mapping: { type: 'string' },
      write: { type: 'boolean' },
      'max-drop': { type: 'string' },
      'current-to': { type: 'string' },
      kind: { type: 'string', multiple: true },
      contact: { type: 'string' },
      save: { type: 'string' },
      bundle: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  if (!values.from?.length) throw new UsageError('no --from given');
  const maxDrop = values['max-drop'] === undefined ? 0.1 : Number(values['max-drop']);
  if (!Number.isFinite(maxDrop) || maxDrop < 0 || maxDrop > 1) throw new UsageError(`--max-drop must be a share between 0 and 1, not "${values['max-drop']}"`);
  if (values['current-to'] !== undefined && !KbDate.safeParse(values['current-to']).success) throw new UsageError(`--current-to must be a date as YYYY-MM-DD`);
  const kinds = (values.kind ?? []).map((k) => {
    const r = OfficeKindSchema.safeParse(k);
    if (!r.success) throw new UsageError(`unknown --kind "${k}" (one of ${OfficeKindSchema.options.join(', ')})`);
    return r.data;
  });
  return {
    from: values.from,
    data: resolve(values.data ?? join(ROOT, 'lib/kb/data')),
    mapping: resolve(values.mapping ?? join(ROOT, 'scripts/kb/offices.json')),
    write: values.write === true,
    maxDrop,
    ...(values['current-to'] !== undefined ? { currentTo: values['current-to'] } : {}),
    kinds,
    ...(values.contact !== undefined ? { contact: values.contact } : {}),
    ...(values.save !== undefined ? { save: resolve(values.save) } : {}),
    ...(values.bundle !== undefined ? { bundle: resolve(values.bundle) } : {}),
  };
}

class UsageError extends Error {}

// ---------------------------------------------------------------------------
// Inputs

function readData(dir: string): { files: KbFiles } {
  const files: KbFiles = new Map();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (err) {
    throw new Refusal(`cannot read the data directory ${dir}: ${(err as Error).message}`);
  }
  for (const n of names) {
    const t = readFileSync(join(dir, n), 'utf8');
    try {
      files.set(n, JSON.parse(t) as Record<string, unknown>);
    } catch (err) {
      throw new Refusal(`${join(dir, n)}: not valid JSON: ${(err as Error).message}`);
    }
  }
  return { files };
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

function readResultFiles(from: string): Array<{ name: string; text: string }> {
  let st;
  try {
    st = statSync(from);
  } catch {
    throw new Refusal(`${from}: no such file or directory`);
  }
  const paths = st.isDirectory()
    ? readdirSync(from)
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map((n) => join(from, n))
    : [from];
  if (paths.length === 0) throw new Refusal(`${from}: no *.json results in this directory`);
  return paths.map((p) => ({ name: p, text: readFileSync(p, 'utf8') }));
}

/** The query for one kind of office, with the mapped items in place of {{offices}}. */
export function queryFor(kind: OfficeKind, mapping: OfficeMapping): string | null {
  const items = mapping.offices.filter((o) => o.kind === kind).map((o) => `wd:${o.item}`);
  if (items.length === 0) return null;
  const q = readFileSync(join(ROOT, 'scripts/kb/queries', `${kind}.rq`), 'utf8');
  if (!q.includes('{{offices}}')) throw new Error(`scripts/kb/queries/${kind}.rq has no {{offices}} placeholder`);
  return q.replaceAll('{{offices}}', items.join(' '));
}

async function fetchResults(endpoint: string, opts: Options, mapping: OfficeMapping, io: UpdateIo): Promise<{ results: Array<{ name: string; text: string }>; cover: string[] }> {
  // Wikidata's User-Agent policy asks for a way to reach whoever runs the client.
  const contact = opts.contact ?? process.env.CROSSCHECK_KB_CONTACT;
  if (!contact) throw new UsageError('fetching from the query service needs --contact EMAIL|URL (or CROSSCHECK_KB_CONTACT), for the User-Agent Wikidata asks for');
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const kinds = opts.kinds.length ? opts.kinds : OfficeKindSchema.options;
  const doFetch = io.fetch ?? fetch;
  const results: Array<{ name: string; text: string }> = [];
  const cover: string[] = [];
  for (const kind of kinds) {
    const query = queryFor(kind, mapping);
    if (query === null) {
      io.out(`note  no offices of kind ${kind} in the mapping; its query is not run`);
      continue;
    }
    const url = `${endpoint}${endpoint.includes('?') ? '&' : '?'}query=${encodeURIComponent(query)}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: { Accept: 'application/sparql-results+json', 'User-Agent': `crosscheck-kb-update/${version} (${contact})` },
        signal: AbortSignal.timeout(90_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Refusal(
        `could not reach ${new URL(endpoint).origin} for the ${kind} query (${cause?.code ?? cause?.message ?? (err as Error).message}). ` +
          'kb:update needs network access to fetch; offline, give --from a saved result instead.',
      );
    }
    const text = await res.text();
    if (!res.ok) throw new Refusal(`${endpoint} answered ${res.status} ${res.statusText} to the ${kind} query: ${text.slice(0, 300)}`);
    const name = `${kind} (${new URL(endpoint).host})`;
    if (opts.save) {
      mkdirSync(opts.save, { recursive: true });
      writeFileSync(join(opts.save, `${kind}.json`), text);
    }
    results.push({ name, text });
    // Every mapped office of a kind that was asked about is covered, even if Wikidata returned none of its terms.
    cover.push(...mapping.offices.filter((o) => o.kind === kind).map((o) => o.office));
  }
  return { results, cover };
}

// ---------------------------------------------------------------------------
// Writing: every changed file to a temporary name first, then all renamed, so
// a failure part-way leaves the old files in place rather than a mix.

function writeAtomically(dir: string, changed: Map<string, string>): void {
  const temps: Array<[string, string]> = [];
  try {
    for (const [name, text] of changed) {
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(tmp, text);
      temps.push([tmp, join(dir, name)]);
    }
  } catch (err) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw err;
  }
  for (const [tmp, target] of temps) renameSync(tmp, target);
}

// ---------------------------------------------------------------------------

export async function runUpdate(argv: string[], io: UpdateIo): Promise<number> {
  let opts: Options;
  try {
    opts = options(argv);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      if ((err as Error).message) io.err(`kb:update: ${(err as Error).message}`);
      io.err(USAGE);
      return 2;
    }
    throw err;
  }
  try {
    return await update(opts, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`kb:update: ${err.message}`);
      return 2;
    }
    if (err instanceof Refusal || err instanceof SparqlResultError) {
      io.err(`kb:update: ${err.message}`);
      io.err('kb:update: nothing written.');
      return 1;
    }
    throw err;
  }
}

async function update(opts: Options, io: UpdateIo): Promise<number> {
  const { files } = readData(opts.data);
  let kb: KnowledgeBase;
  try {
    kb = parseKnowledgeBase(mergeKbFiles(files));
  } catch (err) {
    throw new Refusal(`the current knowledge base in ${opts.data} does not validate, so there is nothing safe to compare with: ${(err as Error).message}`);
  }
  const mapping = parseOfficeMapping(JSON.parse(readFileSync(opts.mapping, 'utf8')));

  const results: Array<{ name: string; text: string }> = [];
  const cover: string[] = [];
  for (const from of opts.from) {
    if (isUrl(from)) {
      const fetched = await fetchResults(from, opts, mapping, io);
      results.push(...fetched.results);
      cover.push(...fetched.cover);
    } else {
      results.push(...readResultFiles(from));
    }
  }
  // All results are checked before any is used: one bad file refuses the run.
  const rows: HolderRow[] = [];
  const problems: string[] = [];
  for (const r of results) {
    try {
      rows.push(...parseSparqlResults(r.text, r.name));
    } catch (err) {
      if (!(err instanceof SparqlResultError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length) throw new Refusal(problems.join('\n'));

  const converted = convertHolders(kb, rows, mapping, { cover });
  const next = applyUpdate(files, {
    offices: converted.offices.map((o) => ({ office: o.office, ...(o.file ? { file: o.file } : {}) })),
    people: converted.people,
    ...(opts.currentTo ? { currentTo: opts.currentTo } : {}),
  });
  const merged = mergeKbFiles(next) as unknown as KnowledgeBase;
  const currentTo = opts.currentTo ?? kb.currentTo;

  const names = new Map([...kb.people, ...converted.people].map((p) => [p.id, p.name]));
  const diff = diffOffices(
    new Map(kb.offices.map((o) => [o.id, o])),
    new Map((merged.offices as Office[]).map((o) => [o.id, o])),
    converted.covered,
    converted.people,
    currentTo,
  );
  io.out(`kb:update: ${rows.length} rows from ${results.length} result${results.length === 1 ? '' : 's'}; ${converted.covered.length} offices covered; record current to ${currentTo}`);
  for (const n of converted.notes) io.out(`note  ${n.office ? `${n.office}: ` : ''}${n.message}`);
  io.out(formatDiff(diff, (id) => names.get(id) ?? id, opts.maxDrop));

  const share = diff.currentFacts === 0 ? 0 : diff.removedFacts / diff.currentFacts;
  if (share > opts.maxDrop) {
    throw new Refusal(
      `these results would drop ${diff.removedFacts} of ${diff.currentFacts} current terms (${(share * 100).toFixed(1)}%), more than --max-drop ${opts.maxDrop}; ` +
        'a truncated or partial result looks like this. Check it, or raise --max-drop if the drops are real.',
    );
  }

  try {
    parseKnowledgeBase(merged);
  } catch (err) {
    throw new Refusal(`the converted knowledge base fails validation: ${(err as Error).message}`);
  }
  if (opts.bundle) {
    // Validated above as the extension validates an import, so the corpus manager takes it as it is.
    writeAtomically(dirname(opts.bundle), new Map([[basename(opts.bundle), `${JSON.stringify(merged)}\n`]]));
    io.out(`wrote the whole knowledge base to ${opts.bundle} (import it in the corpus manager: Knowledge base).`);
  }
  const changed = new Map<string, string>();
  // Only files whose data changed are rewritten: a file laid out by hand stays as it is otherwise.
  for (const [name, json] of next) {
    if (!sameJson(json, files.get(name))) changed.set(name, formatKbFile(json));
  }
  if (changed.size === 0) {
    io.out('no changes to write.');
    return 0;
  }
  if (!opts.write) {
    io.out(`dry run: would rewrite ${[...changed.keys()].join(', ')}; run again with --write to write.`);
    return 0;
  }
  writeAtomically(opts.data, changed);
  io.out(`wrote ${[...changed.keys()].map((n) => join(basename(opts.data), n)).join(', ')}.`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runUpdate(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
