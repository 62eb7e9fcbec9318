/**
 * What both benchmark scripts share: paths, the page list, statistics,
 * tables, the machine description and the results file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// From the path, not `new URL(...)`: under vitest's happy-dom, URL is not Node's.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PAGES_DIR = resolve(ROOT, '..', 'shared', 'pages');
export const SEEDS_DIR = join(ROOT, 'seeds');
export const RESULTS_DIR = join(ROOT, '.bench-results');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Flags {
  smoke: boolean;
  /** Only the named sections run (`--only pages,match`); all when empty. */
  only: Set<string>;
}

export function parseFlags(argv: string[], sections: readonly string[]): Flags {
  const only = new Set<string>();
  let smoke = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--smoke') smoke = true;
    else if (a === '--only') for (const s of (argv[++i] ?? '').split(',')) only.add(s);
    else if (a.startsWith('--only=')) for (const s of a.slice(7).split(',')) only.add(s);
    else throw new Error(`unknown argument ${a} (use --smoke, --only ${sections.join(',')})`);
  }
  for (const s of only) if (!sections.includes(s)) throw new Error(`unknown section ${s} (sections: ${sections.join(', ')})`);
  return { smoke, only };
}

export const wants = (flags: Flags, section: string) => flags.only.size === 0 || flags.only.has(section);

/** The real pages, sorted by name; empty (and said so) when ../shared/pages is absent. */
export function realPageNames(): string[] {
  if (!existsSync(PAGES_DIR)) {
    console.log(`note: ${PAGES_DIR} is absent: real pages are skipped, only the seed pages are measured`);
    return [];
  }
  return readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

// ---------------------------------------------------------------------------
// Statistics

/** Nearest-rank percentile: an observed value, never an interpolation. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}
export const median = (xs: readonly number[]) => percentile(xs, 0.5);
export const p95 = (xs: readonly number[]) => percentile(xs, 0.95);
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export interface Summary {
  median: number;
  p95: number;
  n: number;
}
export const summarise = (xs: readonly number[]): Summary => ({ median: round(median(xs)), p95: round(p95(xs)), n: xs.length });

export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Short numbers for tables: 3 significant figures, no exponent. */
export function fmt(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return '∞';
  const a = Math.abs(x);
  const s = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
  return s + unit;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------------------
// Output

/** A Markdown table with padded columns: readable in a terminal, pasteable into BENCHMARKS.md. */
export function table(headers: string[], rows: (string | number)[][], align: ('l' | 'r')[] = []): string {
  const cells = rows.map((r) => r.map(String));
  const width = headers.map((h, i) => Math.max(h.length, 3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => ((align[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? c.padEnd(width[i] ?? 0) : c.padStart(width[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${width.map((w, i) => ((align[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? `:${'-'.repeat(w - 1)}` : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

export function section(title: string, body: string): void {
  console.log(`\n### ${title}\n\n${body}`);
}

export interface Target {
  name: string;
  limit: string;
  measured: string;
  met: boolean;
}

/** A page's engine / Readability ratios, as both benchmarks measure them. */
export interface RatioRow {
  name: string;
  kind: 'real' | 'seed' | 'large';
  ratioAnalysis: { wall: number; cpu: number };
  ratioInclExtraction: { wall: number };
}

/**
 * The engine / Readability summary over all pages, printed, with its target row:
 * the same numbers whether the pages ran in Node or in Chromium.
 */
export function ratioSummary(pages: readonly RatioRow[], where: string, started: number) {
  const ratios = pages.map((p) => p.ratioAnalysis.wall);
  const over = pages.filter((p) => p.ratioAnalysis.wall > 0.5).map((p) => p.name);
  const summary = {
    medianRatio: round(median(ratios)),
    medianRatioCpu: round(median(pages.map((p) => p.ratioAnalysis.cpu))),
    p95Ratio: round(p95(ratios)),
    maxRatio: round(Math.max(...ratios)),
    over,
    medianRatioInclExtraction: round(median(pages.map((p) => p.ratioInclExtraction.wall))),
    realOnlyMedianRatio: round(median(pages.filter((p) => p.kind === 'real').map((p) => p.ratioAnalysis.wall))),
  };
  console.log(
    `\nanalysis only / Readability over ${pages.length} pages: median ${fmt(summary.medianRatio)} (CPU ${fmt(summary.medianRatioCpu)}), ` +
      `p95 ${fmt(summary.p95Ratio)}, max ${fmt(summary.maxRatio)}; pages over 0.5: ${over.length ? over.join(', ') : 'none'}; ` +
      `incl. extraction median ${fmt(summary.medianRatioInclExtraction)}; section took ${elapsed(started)}`,
  );
  const target: Target = {
    name: `engine (analysis only) / Readability, per page, ${where}`,
    limit: '≤ 0.5',
    measured: `median over pages ${fmt(summary.medianRatio)}, worst ${fmt(summary.maxRatio)} (${over.length} of ${pages.length} pages over)`,
    met: summary.medianRatio <= 0.5,
  };
  return { summary, target };
}

export function targetsTable(targets: Target[]): string {
  return table(
    ['target', 'limit', 'measured', 'met'],
    targets.map((t) => [t.name, t.limit, t.measured, t.met ? 'yes' : 'NO']),
    ['l', 'l', 'l', 'l'],
  );
}

export function writeResults(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------
// The machine

export interface Machine {
  cpuModel: string;
  nproc: number;
  memoryGb: number;
  loadAverage: string;
  node: string;
  chromium: string | null;
  /** The commit measured, with "+changes" when the tree differs from it. */
  commit: string;
  date: string;
}

export function machine(): Machine {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: os.cpus() said it
  }
  let chromium: string | null = null;
  try {
    // Debian's wrapper script prints a shell warning on stderr; the version is on stdout.
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    chromium = null;
  }
  let loadAverage = '';
  try {
    loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    loadAverage = 'n/a';
  }
  let commit = 'unknown';
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    commit = git(['rev-parse', '--short', 'HEAD']) + (git(['status', '--porcelain', '--untracked-files=no']) ? '+changes' : '');
  } catch {
    commit = 'unknown';
  }
  return {
    cpuModel,
    nproc: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage,
    node: process.version,
    chromium,
    commit,
    date: new Date().toISOString(),
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpuModel}, ${m.nproc} cores, ${m.memoryGb} GB; node ${m.node}; ${m.chromium ?? 'no Chromium'}; commit ${m.commit}; load average at start ${m.loadAverage}`;
}

/** CPU time of this process in ms (all threads: on a loaded machine wall time also counts other processes' turns). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Exit status of a run that finished: 0, or 2 when a full run missed a
 * target (1 stays for errors). A smoke run only checks that everything runs.
 */
export function exitCode(smoke: boolean, targets: Target[]): number {
  const missed = targets.filter((t) => !t.met);
  if (missed.length) console.log(`\ntargets missed: ${missed.map((t) => t.name).join('; ')}${smoke ? ' (smoke run: not an error)' : ''}`);
  return !smoke && missed.length ? 2 : 0;
}

/**
 * The end of a run, the same for both scripts: the targets table, the JSON
 * file (`name`, or `name-smoke`) with the targets and the run's length, and
 * the exit status.
 */
export function finishRun(name: string, smoke: boolean, results: Record<string, unknown>, targets: Target[], started: number): void {
  if (targets.length) section('Targets', targetsTable(targets));
  results.targets = targets;
  results.seconds = round((performance.now() - started) / 1000, 1);
  const file = writeResults(smoke ? `${name}-smoke` : name, results);
  console.log(`\nresults: ${file}; total ${elapsed(started)}`);
  process.exitCode = exitCode(smoke, targets);
}

/** Runs a script's main(); an error is printed with its stack and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}

export function elapsed(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}
