/**
 * Synthetic corpora for scale tests of the story index: deterministic
 * articles recombined from the sentences of real pages and the seeds.
 *
 * Articles come in small "stories" (1–15 reports each, like a real news
 * corpus: a few big stories, many told once). A story draws its sentences
 * from one or two source texts and renames the capitalised words with
 * invented names of its own, so that stories differ by who and where as real
 * ones do and the vocabulary keeps growing with the corpus.
 *
 *   npx tsx scripts/gen-corpus.ts 1000 [seed] > /tmp/c.json
 *   npx tsx scripts/gen-corpus.ts --time 1000,10000,100000
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import type { Article } from '../lib/schema';

export interface CorpusSources {
  seeds: Article[];
  /** Paragraphs of each real page. */
  pageTexts: string[][];
}

/** mulberry32: small, fast, good enough for sampling. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraph texts of a saved HTML page: the text of its <p> elements, crudely. */
export function pageParagraphs(html: string): { title: string | null; paragraphs: string[] } {
  const { document } = parseHTML(html);
  const paragraphs = [...document.querySelectorAll('p')]
    .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((t) => t.length > 0);
  const title = (document.querySelector('h1')?.textContent ?? document.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { title: title || null, paragraphs };
}

/** The real pages in `dir` (../shared/pages), by file name; empty when the folder is missing. */
export function readPages(dir: string): { name: string; title: string | null; paragraphs: string[] }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((name) => ({ name, ...pageParagraphs(readFileSync(join(dir, name), 'utf8')) }));
}

const SENTENCE_END = /(?<=[.!?…]["'”’)]?)\s+(?=["“‘(]?\p{Lu})/u;

function sentences(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((p) => p.split(SENTENCE_END)).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 4);
}

const SYLLABLES = [
  'ka', 'lo', 'ri', 'ma', 'ten', 'sa', 'vo', 'nel', 'dor', 'bi', 'qua', 'zen', 'mir', 'tal', 'ros', 'ek', 'an', 'ul', 'fen',
  'gar', 'hel', 'ix', 'jo', 'pra', 'shi', 'tor', 'vek', 'wyn', 'yu', 'del', 'mon', 'tar', 'lis', 'ber', 'cas', 'dra',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function inventName(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rand, SYLLABLES);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * `n` synthetic Articles, the same for the same `seed` and sources.
 */
export function generateCorpus(n: number, seed: number, sources: CorpusSources): Article[] {
  const rand = prng(seed);
  const texts: string[][] = [
    ...sources.seeds.map((a) => sentences(a.blocks.map((b) => b.text))),
    ...sources.pageTexts.map((p) => sentences(p)),
  ].filter((s) => s.length >= 3);
  if (texts.length === 0) throw new Error('generateCorpus: no source text');
  const outlets = Array.from({ length: 200 }, () => `${inventName(rand).toLowerCase()}${pick(rand, ['news', 'times', 'post', 'daily', 'herald', 'wire'])}.${pick(rand, ['com', 'net', 'org', 'co.uk', 'info'])}`);

  const out: Article[] = [];
  let storyNo = 0;
  while (out.length < n) {
    storyNo++;
    // Story sizes: mostly singletons and pairs, a few large ones.
    const size = Math.min(n - out.length, 1 + Math.floor(Math.pow(rand(), 3) * 15));
    const pool = [...pick(rand, texts)];
    if (rand() < 0.5) {
      const other = pick(rand, texts);
      for (let i = 0; i < Math.min(6, other.length); i++) pool.push(pick(rand, other));
    }
    const names = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => inventName(rand));
    const renamed = new Map<string, string>();
    const rename = (sentence: string): string =>
      sentence.replace(/(?<=\s)\p{Lu}[\p{L}’']+/gu, (word) => {
        let to = renamed.get(word);
        if (to === undefined) {
          to = rand() < 0.6 ? pick(rand, names) : word;
          renamed.set(word, to);
        }
        return to;
      });
    for (let k = 0; k < size; k++) {
      const count = Math.min(pool.length, 6 + Math.floor(rand() * 20));
      const start = Math.floor(rand() * Math.max(1, pool.length - count));
      const chosen: string[] = [];
      for (let i = start; i < pool.length && chosen.length < count; i++) if (rand() < 0.8) chosen.push(rename(pool[i] ?? ''));
      if (chosen.length === 0) chosen.push(rename(pick(rand, pool)));
      const paragraphs: string[] = [];
      for (let i = 0; i < chosen.length; i += 3) paragraphs.push(chosen.slice(i, i + 3).join(' '));
      const title = `${pick(rand, names)}: ${(chosen[0] ?? '').split(/\s+/).slice(0, 10).join(' ')}`;
      const outlet = pick(rand, outlets);
      const no = out.length;
      const month = String(1 + (no % 12)).padStart(2, '0');
      out.push({
        id: `syn-${seed}-${no}`,
        url: `https://www.${outlet}/${2020 + (storyNo % 6)}/${month}/${slug(title)}-${no}`,
        outlet,
        title,
        byline: null,
        siteName: outlet,
        language: 'en',
        blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
        furniture: [],
        publishedAt: null,
        citedSources: [],
        origin: 'imported',
        addedAt: no,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// CLI

async function loadSources(root: string): Promise<CorpusSources & { pages: ReturnType<typeof readPages> }> {
  const { readSeedArticles } = await import('../lib/corpus/seeds-node');
  const seeds = readSeedArticles(join(root, 'seeds'));
  const pages = readPages(resolve(root, '..', 'shared', 'pages'));
  return { seeds, pageTexts: pages.map((p) => p.paragraphs), pages };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Build and query timings (not a benchmark suite: a quick check of the
 * targets). Run with `node --expose-gc --import tsx` for a heap figure.
 */
async function timing(sizes: number[], root: string): Promise<void> {
  const { createStoryIndex } = await import('../lib/corpus/match-index');
  const sources = await loadSources(root);
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const n of sizes) {
    const corpus = generateCorpus(n, 1, sources);
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const index = createStoryIndex();
    const b0 = process.cpuUsage();
    let t0 = performance.now();
    for (const a of corpus) index.add(a);
    for (const a of sources.seeds) index.add(a);
    const build = performance.now() - t0;
    const bc = process.cpuUsage(b0);
    const buildCpu = (bc.user + bc.system) / 1000;
    gc?.();
    const heap = gc ? `${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6)}MB` : '(run with --expose-gc)';
    const queries = [
      ...sources.seeds,
      ...sources.pages.map((p) => ({ url: `https://pages.example/${p.name}`, title: p.title, blocks: p.paragraphs.map((text) => ({ text })) })),
      ...corpus.filter((_, i) => i % Math.max(1, Math.floor(n / 40)) === 0),
    ];
    for (let rep = 0; rep < 2; rep++) for (const q of queries) index.query(q); // warm-up
    // CPU time as well as wall time: on a shared machine the wall clock
    // also counts the time other processes held the CPU.
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      for (const q of queries) {
        const c0 = process.cpuUsage();
        t0 = performance.now();
        index.query(q);
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
    }
    const pct = (xs: number[], p: number) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
    };
    const line = (xs: number[]) => `p50 ${pct(xs, 0.5)} ms, p95 ${pct(xs, 0.95)} ms, p99 ${pct(xs, 0.99)} ms, max ${pct(xs, 1)} ms`;
    t0 = performance.now();
    const json = JSON.stringify(index.toJSON());
    const ser = performance.now() - t0;
    process.stdout.write(
      `n=${n}: build ${Math.round(build)} ms wall, ${Math.round(buildCpu)} ms cpu (${round((buildCpu / n) * 1000) / 1000} ms/article), index heap ${heap}, ` +
        `JSON ${round(json.length / 1e6)} MB in ${Math.round(ser)} ms\n` +
        `  query over ${wall.length}: wall ${line(wall)}\n  query cpu: ${line(cpu)}\n`,
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const root = resolve(new URL('..', import.meta.url).pathname);
  if (argv[0] === '--time') {
    await timing((argv[1] ?? '1000,10000').split(',').map(Number), root);
    return;
  }
  const n = Number(argv[0] ?? '1000');
  const seed = Number(argv[1] ?? '1');
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(seed)) {
    process.stderr.write('usage: npx tsx scripts/gen-corpus.ts N [SEED] > corpus.json\n       npx tsx scripts/gen-corpus.ts --time 1000,10000,100000\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(generateCorpus(n, seed, await loadSources(root))));
  process.stdout.write('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
