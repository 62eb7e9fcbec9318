/**
 * CLI throughput: `crosscheck check DIR --corpus BUNDLE --json` as a user runs
 * it, a whole process each time, on one core (`taskset -c 0`, `--jobs 1`) and
 * on two (`taskset -c 0,1`, `--jobs 2`), the two taking turns. The batch: the
 * real pages of ../shared/pages as saved, and the texts of ../shared/judgment
 * and ../shared/clusters as saved pages dated by their metadata, twice over
 * (under two names each, so every file is read and analysed); the corpus: a
 * bundle of the seeds and the cluster reports made by the extension's export
 * code. Without ../shared, the seeds alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBundle, serializeBundle } from '../../lib/corpus/bundle';
import { readClusters } from '../judge/clusters';
import { JUDGMENT_DIR } from '../judge/dataset';
import { PAGES_DIR, realPageNames, ROOT, round, SEEDS_DIR, summarise, type Summary } from './common';
import { seedArticles } from './inputs';

export interface CliConfig {
  cores: number;
  jobs: number;
  wall: Summary;
  /** User + system CPU of the process and its children, from /usr/bin/time; null without it. */
  cpu: Summary | null;
  /** Files over the median wall time. */
  pagesPerSecond: number;
}

export interface CliResult {
  files: number;
  corpusArticles: number;
  rounds: number;
  /** One small file, one core: what every run pays before its first page. */
  startup: Summary;
  configs: CliConfig[];
  /** --jobs 2 wrote exactly what --jobs 1 wrote. */
  sameOutput: boolean;
  command: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const savedPage = (text: string, date: string) =>
  `<html><head><meta property="article:published_time" content="${date}"></head><body><article>${text
    .split('\n')
    .filter(Boolean)
    .map((l) => `<p>${escape(l)}</p>`)
    .join('')}</article></body></html>`;

function has(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function writeBatch(dir: string, copies: number): number {
  const pages: Array<{ name: string; html: string }> = [];
  for (const name of realPageNames()) pages.push({ name, html: readFileSync(join(PAGES_DIR, name), 'utf8') });
  if (existsSync(JUDGMENT_DIR)) {
    for (const set of readdirSync(JUDGMENT_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      const folder = join(JUDGMENT_DIR, set);
      for (const f of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
        const page = JSON.parse(readFileSync(join(folder, f), 'utf8')) as { text: string; date: string };
        pages.push({ name: `judgment-${set}-${f.replace(/\.json$/, '.html')}`, html: savedPage(page.text, page.date) });
      }
    }
  }
  for (const c of readClusters()) for (const r of c.reports) pages.push({ name: `cluster-${c.cluster}-${r.name}.html`, html: savedPage(r.raw.text, r.raw.date) });
  if (!pages.length) {
    for (const f of readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt'))) copyFileSync(join(SEEDS_DIR, f), join(dir, f));
    return readdirSync(dir).length;
  }
  for (let c = 0; c < copies; c++) for (const p of pages) writeFileSync(join(dir, `${c}-${p.name}`), p.html);
  return pages.length * copies;
}

export function benchCli(smoke: boolean): CliResult | null {
  const twoCores = cpus().length >= 2;
  const taskset = has('taskset', ['-c', '0', 'true']);
  const time = existsSync('/usr/bin/time');
  const work = mkdtempSync(join(tmpdir(), 'cc-bench-cli-'));
  try {
    const batch = join(work, 'pages');
    mkdirSync(batch);
    const files = smoke ? (() => {
      for (const f of readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).slice(0, 3)) copyFileSync(join(SEEDS_DIR, f), join(batch, f));
      return 3;
    })() : writeBatch(batch, 2);
    const articles = [...seedArticles(), ...readClusters().flatMap((c) => c.reports.map((r) => r.article))];
    const bundle = join(work, 'crosscheck-corpus.json');
    writeFileSync(bundle, serializeBundle(makeBundle(articles)));
    const timeFile = join(work, 'time');

    const runOnce = (cores: number, jobs: number, target: string) => {
      const cli = [join(ROOT, 'bin/crosscheck.mjs'), 'check', target, '--corpus', bundle, '--json', '--jobs', String(jobs)];
      const pin = taskset ? ['taskset', '-c', cores === 1 ? '0' : '0,1'] : [];
      const timed = time ? ['/usr/bin/time', '-f', '%U %S', '-o', timeFile] : [];
      const [cmd, ...args] = [...pin, ...timed, process.execPath, ...cli];
      const t0 = performance.now();
      const r = spawnSync(cmd!, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
      const wall = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`crosscheck check exited ${r.status}: ${r.stderr.slice(-2000)}`);
      const cpu = time ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0) : null;
      return { wall, cpu, stdout: r.stdout };
    };

    const configs = twoCores ? [[1, 1], [2, 2]] : [[1, 1]];
    const rounds = smoke ? 1 : 5;
    const samples = configs.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
    const outputs: string[] = [];
    const startup: number[] = [];
    const one = join(work, 'one');
    mkdirSync(one);
    copyFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((n) => n.endsWith('.txt'))!), join(one, 'one.txt'));
    // A warm-up run of each first: the page cache, tsx's compile cache.
    for (const [cores, jobs] of configs) runOnce(cores!, jobs!, batch);
    for (let r = 0; r < rounds; r++) {
      startup.push(runOnce(1, 1, one).wall);
      // Alternating which goes first, so a burst of load elsewhere falls on both alike.
      const order = r % 2 ? [...configs.keys()].reverse() : [...configs.keys()];
      for (const i of order) {
        const [cores, jobs] = configs[i]!;
        const s = runOnce(cores!, jobs!, batch);
        samples[i]!.wall.push(s.wall);
        if (s.cpu !== null) samples[i]!.cpu.push(s.cpu);
        if (r === 0) outputs[i] = s.stdout;
      }
      process.stdout.write('.');
    }
    process.stdout.write('\n');
    return {
      files,
      corpusArticles: articles.length,
      rounds,
      startup: summarise(startup),
      configs: configs.map(([cores, jobs], i) => {
        const wall = summarise(samples[i]!.wall);
        return { cores: cores!, jobs: jobs!, wall, cpu: time ? summarise(samples[i]!.cpu) : null, pagesPerSecond: round(files / wall.median, 1) };
      }),
      sameOutput: outputs.every((o) => o === outputs[0]),
      command: `${taskset ? 'taskset -c 0 | 0,1 ' : ''}node bin/crosscheck.mjs check PAGES --corpus BUNDLE --json --jobs 1 | 2`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
