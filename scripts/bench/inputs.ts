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
  kind: 'real' | 'seed';
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
