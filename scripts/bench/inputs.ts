/**
 * The inputs every measurement uses, built the same way in both scripts:
 * the pages (real ones and the seeds rendered as news pages), the 25 story
 * queries and the synthetic corpora.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { extractFromHtml } from '../../lib/extract/html-node';
import type { Article, ArticleText } from '../../lib/schema';
import { generateCorpus, readPages, type CorpusSources } from '../gen-corpus';
import { pagePath, readSeedPages, renderSeedPage } from '../news-site';
import { PAGES_DIR, realPageNames, SEEDS_DIR } from './common';

export interface BenchPage {
  name: string;
  /** large: generated pages at and past the size limits (content section only). */
  kind: 'real' | 'seed' | 'large';
  html: string;
  /** Where the browser benches find it on the news server (path only). */
  path: string;
  /** The URL the Node bench gives the extractor: the same path on a fixed origin. */
  url: string;
}

const NODE_ORIGIN = 'http://127.0.0.1:8080';

export function benchPages(limitReal = Infinity, limitSeeds = Infinity): BenchPage[] {
  const real = realPageNames()
    .slice(0, limitReal)
    .map((name): BenchPage => ({
      name: name.replace(/\.html$/, ''),
      kind: 'real',
      html: readFileSync(join(PAGES_DIR, name), 'utf8'),
      path: `/fixtures/${name}`,
      url: `${NODE_ORIGIN}/fixtures/${name}`,
    }));
  const seedPages = readSeedPages(SEEDS_DIR);
  const seeds = seedPages.slice(0, limitSeeds).map(
    (p): BenchPage => ({
      name: `seed ${p.id.slice(0, 3)} (${p.outlet})`,
      kind: 'seed',
      html: renderSeedPage(p, seedPages),
      path: pagePath(p.id),
      url: NODE_ORIGIN + pagePath(p.id),
    }),
  );
  return [...real, ...seeds];
}

export function canonicalOf(document: Document): string | null {
  return document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
}

export interface StoryQuery {
  name: string;
  page: ArticleText;
  canonicalUrl: string | null;
}

/**
 * The 25 story queries: the 5 seed pages (each finds itself by its canonical
 * URL, then its story) and the first 20 real pages (unrelated stories).
 */
export function storyQueries(realCount = 20): StoryQuery[] {
  return benchPages(realCount).map((p) => {
    const { document } = parseHTML(p.html);
    return { name: p.name, page: extractFromHtml(p.html, p.url), canonicalUrl: canonicalOf(document as unknown as Document) };
  });
}

let sources: CorpusSources | null = null;

/** Seeds and real pages' paragraphs: what generateCorpus recombines. */
export function corpusSources(): CorpusSources {
  sources ??= { seeds: readSeedArticles(SEEDS_DIR), pageTexts: readPages(PAGES_DIR).map((p) => p.paragraphs) };
  return sources;
}

export const seedArticles = (): Article[] => corpusSources().seeds;

/** Seed 1 for the story index (as gen-corpus --time), seed 2 for the import: not the same articles. */
export function corpus(n: number, seed = 1): Article[] {
  return generateCorpus(n, seed, corpusSources());
}

/**
 * Pages sized around the limits in lib/limits.ts, for the content section: one
 * whose article is just under MAX_ARTICLE_CHARS (the largest page that is
 * analysed in full) and one with 5 MB of article text (past MAX_PAGE_TEXT_CHARS:
 * "too long to check" without being copied). Paragraphs of the seeds, repeated
 * in order, so the pages are the same on every run. `path` is a file name for
 * the bench's asset server.
 */
export function largePages(): BenchPage[] {
  const paragraphs = corpusSources().seeds.flatMap((a) => a.blocks.map((b) => b.text).filter((t) => t.length > 80));
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const page = (name: string, file: string, chars: number): BenchPage => {
    const body: string[] = [];
    let n = 0;
    for (let i = 0; n < chars; i++) {
      const text = paragraphs[i % paragraphs.length] ?? '';
      body.push(`<p>${escape(text)}</p>`);
      n += text.length + 1;
    }
    const html =
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head>` +
      `<body><header><a href="/">Home</a></header><main><article><h1>${name}</h1>${body.join('\n')}</article></main></body></html>\n`;
    return { name, kind: 'large', html, path: file, url: `${NODE_ORIGIN}/fixtures/${file}` };
  };
  return [page('large: 390,000 characters (analysed)', 'large-390k.html', 390_000), page('huge: 5 MB of article text (too long)', 'huge-5mb.html', 5_000_000)];
}
