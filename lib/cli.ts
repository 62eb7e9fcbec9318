/**
 * `crosscheck check FILES... [--corpus PATH] [--json] [--date YYYY-MM-DD] [--jobs N]`:
 * runs the engine on .html and .txt files against a corpus (the seeds unless
 * --corpus names a bundle or a folder) and prints each finding.
 * With --json it writes one document whose shape other tools rely on:
 * { files: [ { file, publishedAt, matched: [{ articleId, outlet, score }], findings: [Finding] } ],
 *   notChecked: [ { file, reason, message, chars?, limit? } ] }
 * (notChecked was added with --corpus; files keeps its shape.)
 *
 * `crosscheck stories [PATH] [--json]`: the corpus's reports grouped into stories.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAll, type FileOutcome, type FileReport } from './cli-check';
import { listPageFiles, readCorpus, UsageError, type NotChecked } from './cli-input';
import { groupStories, type Story } from './corpus/stories';
import { loadKnowledgeBase } from './kb/index';

export { UsageError } from './cli-input';
export type { FileReport } from './cli-check';

const USAGE = `usage: crosscheck check FILE|DIR... [--corpus PATH] [--json] [--date YYYY-MM-DD] [--jobs N]
       crosscheck stories [PATH] [--json]

check: checks .html and .txt news articles against a corpus and the knowledge
base, and prints the sentences that contradict them.
  --corpus PATH       a corpus bundle (.json) exported by the extension, or a
                      folder of .txt and .html reports; the seeds by default
  --json              one JSON document on stdout instead of text
  --date YYYY-MM-DD   take this as the articles' publication date
  --jobs N            threads to check with (default: one per core, the
                      others started only when the batch is long enough)
stories: prints the stories of a corpus (PATH as for --corpus) with their reports.

Exit status: 0 when every file was checked, 1 when a file was not (too long,
not UTF-8) or the corpus could not be read, 2 on bad arguments.`;

export type CliOptions =
  | { command: 'check'; paths: string[]; json: boolean; date?: string; corpus?: string; jobs?: number }
  | { command: 'stories'; corpus?: string; json: boolean };

export function parseArgs(argv: string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'stories') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const paths: string[] = [];
  let json = false;
  let date: string | undefined;
  let corpus: string | undefined;
  let jobs: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (name: string) => (a.startsWith(`${name}=`) ? a.slice(name.length + 1) : rest[++i]);
    const is = (name: string) => a === name || a.startsWith(`${name}=`);
    if (a === '--json') json = true;
    else if (command === 'check' && is('--date')) {
      const v = value('--date');
      if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`--date needs a date as YYYY-MM-DD, got "${v ?? ''}"`);
      date = v;
    } else if (command === 'check' && is('--corpus')) {
      const v = value('--corpus');
      if (!v) throw new UsageError('--corpus needs a bundle (.json) or a folder');
      corpus = v;
    } else if (command === 'check' && is('--jobs')) {
      const v = value('--jobs');
      if (!v || !/^[1-9]\d*$/.test(v)) throw new UsageError(`--jobs needs a whole number of threads, 1 or more, got "${v ?? ''}"`);
      jobs = Number(v);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option "${a}"`);
    else paths.push(a);
  }
  if (command === 'stories') {
    if (paths.length > 1) throw new UsageError(`stories takes one corpus, got ${paths.length}: ${paths.join(', ')}`);
    return { command, json, ...(paths[0] ? { corpus: paths[0] } : {}) };
  }
  if (!paths.length) throw new UsageError('no FILE or DIR given');
  return { command, paths, json, ...(date ? { date } : {}), ...(corpus ? { corpus } : {}), ...(jobs ? { jobs } : {}) };
}

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const date = r.publishedAt ? `${r.publishedAt.from === r.publishedAt.to ? r.publishedAt.from : `${r.publishedAt.from}…${r.publishedAt.to}`} (${r.publishedAt.source})` : 'unknown';
    lines.push(`${r.file}`, `  date: ${date}`);
    lines.push(`  matched: ${r.matched.length ? r.matched.map((m) => `${m.outlet} ${m.score.toFixed(2)}`).join(', ') : 'no story in the corpus'}`);
    if (!r.findings.length) lines.push('  no findings');
    for (const f of r.findings) {
      lines.push(`  [${f.kind}, ${f.severity}, ${Math.round(f.confidence * 100)}%] “${f.sentence.text}”`);
      lines.push(`    ${f.explanation}`);
      const outlets = [...new Set(f.evidence.map((e) => `${e.outlet} (${e.stance})`))];
      if (outlets.length) lines.push(`    evidence: ${outlets.join(', ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function formatStories(stories: Story[], label: string): string {
  const reports = stories.reduce((n, s) => n + s.reports.length, 0);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const lines = [`${plural(stories.length, 'story', 'stories')} of ${plural(reports, 'report')} in ${label}`, ''];
  stories.forEach((s, i) => {
    const dates = s.dates ? (s.dates.from === s.dates.to ? s.dates.from : `${s.dates.from}…${s.dates.to}`) : 'undated';
    const disputed = s.disputedFacts ? `${plural(s.disputedFacts, 'disputed fact')}: ${s.disputed.map((d) => d.label).join('; ')}` : 'no disputed fact';
    lines.push(`${i + 1}. ${s.title ?? '(no headline)'}`);
    lines.push(`   ${plural(s.reports.length, 'report')}, ${dates}, ${s.reports.length > 1 ? disputed : 'nothing to compare'} [${s.id}]`);
    for (const r of s.reports) lines.push(`   ${(r.date ?? 'undated').padEnd(10)}  ${r.outlet}: ${r.title ?? '(no headline)'}`, `               ${r.url}`);
    lines.push('');
  });
  return lines.join('\n');
}

export function projectRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
}

/** "checked 120/500" on a terminal's stderr, rewritten in place; nothing when stderr is a file or a pipe. */
class Progress {
  private shown = false;
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;
  update(text: string, final: boolean): void {
    if (!this.tty) return;
    const now = Date.now();
    if (!final && now - this.last < 100) return;
    this.last = now;
    process.stderr.write(`\r\x1b[K${text}`);
    this.shown = true;
  }
  /** Clears the line, before a message or at the end. */
  clear(): void {
    if (!this.shown) return;
    process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
  say(message: string): void {
    this.clear();
    process.stderr.write(`${message}\n`);
  }
}

async function runCheck(opts: Extract<CliOptions, { command: 'check' }>): Promise<number> {
  const files = opts.paths.flatMap((p) => listPageFiles(p));
  if (!files.length) throw new UsageError(`no .txt or .html files in ${opts.paths.join(', ')}`);
  const corpus = await readCorpus(opts.corpus, join(projectRoot(), 'seeds'));
  const progress = new Progress();
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let done = 0;
  let printed = 0;
  let wroteText = false;
  const notChecked: NotChecked[] = [];
  // Text goes out as soon as every file before it is done, so a long batch shows its first results early.
  const flush = () => {
    while (printed < files.length && outcomes[printed]) {
      const o = outcomes[printed++]!;
      if ('checked' in o) {
        if (!opts.json) {
          progress.clear();
          // formatText ends each file with a blank line except the last: the same output as for one batch.
          process.stdout.write(`${wroteText ? '\n' : ''}${formatText([o.checked])}`);
          wroteText = true;
        }
      } else {
        notChecked.push(o.notChecked);
        progress.say(`crosscheck: ${o.notChecked.file}: ${o.notChecked.message}`);
      }
    }
  };
  const setup = { articles: corpus.articles, ...(opts.date ? { date: opts.date } : {}) };
  const onResult = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
    done++;
    flush();
    progress.update(`checked ${done}/${files.length}`, done === files.length);
  };
  // Asked for N threads, the user gets them; by default workers start only when the batch is long enough to repay them.
  await checkAll(files, setup, opts.jobs ?? availableParallelism(), onResult, opts.jobs !== undefined);
  progress.clear();
  if (opts.json) {
    const checked = outcomes.flatMap((o) => (o && 'checked' in o ? [o.checked] : []));
    process.stdout.write(`${JSON.stringify({ files: checked, notChecked }, null, 2)}\n`);
  }
  if (notChecked.length) process.stderr.write(`crosscheck: ${notChecked.length} of ${files.length} files not checked\n`);
  return notChecked.length ? 1 : 0;
}

async function runStories(opts: Extract<CliOptions, { command: 'stories' }>): Promise<number> {
  const corpus = await readCorpus(opts.corpus, join(projectRoot(), 'seeds'));
  const progress = new Progress();
  const stories = groupStories(loadKnowledgeBase(), corpus.articles, {
    onProgress: (step, done, total) => progress.update(`${step === 'grouping' ? 'grouped' : 'compared'} ${done}/${total}`, done === total),
  });
  progress.clear();
  process.stdout.write(opts.json ? `${JSON.stringify({ corpus: corpus.label, reports: corpus.articles.length, stories }, null, 2)}\n` : formatStories(stories, corpus.label));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`crosscheck: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return opts.command === 'check' ? await runCheck(opts) : await runStories(opts);
  } catch (e) {
    process.stderr.write(`crosscheck: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}
