/**
 * ../shared/clusters: real events told by 5–6 outlets within days, with
 * planted contradictions. The judge puts every report of every cluster in
 * one corpus beside the seeds and asks, for each report: which reports does
 * it match (its cluster-mates, and no others), and what does it flag.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parsePlainText } from '../../lib/extract/plain-text';
import type { Article, ArticleText } from '../../lib/schema';
import { SHARED } from './dataset';

export const CLUSTERS_DIR = join(SHARED, 'clusters');

const Report = z.object({ url: z.string(), outlet: z.string().optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), text: z.string() });
const Cluster = z.object({
  event: z.string(),
  dates: z.string().optional(),
  facts: z.array(z.unknown()).optional(),
  mutations: z.array(z.object({ report: z.string(), phrase: z.string(), replacement: z.string(), fact: z.string().optional() })).default([]),
});
export type Mutation = z.infer<typeof Cluster>['mutations'][number];

export interface ClusterReport {
  cluster: string;
  raw: z.infer<typeof Report>;
  /** File name without .json: the id `mutations` use. */
  name: string;
  article: Article;
  blockStarts: number[];
  text: string;
}

export interface ClusterSet {
  cluster: string;
  event: string;
  reports: ClusterReport[];
  mutations: Mutation[];
}

function httpUrl(url: string, cluster: string, name: string): string {
  return /^https?:\/\//.test(url) ? url : `https://${cluster}.example/${name}`;
}

/** A report as the corpus would hold it, its date as page metadata gives it. */
export function reportArticle(cluster: string, name: string, raw: z.infer<typeof Report>, text = raw.text): { article: Article; blockStarts: number[] } {
  const body = parsePlainText(text, { url: httpUrl(raw.url, cluster, name) });
  const page: ArticleText = {
    url: body.url,
    title: body.title,
    byline: body.byline,
    siteName: raw.outlet ?? null,
    language: 'en',
    blocks: body.blocks,
    furniture: body.furniture,
    publishedAt: { from: raw.date, to: raw.date, source: 'meta', evidence: `published ${raw.date}` },
  };
  return {
    article: { ...page, id: `${cluster}/${name}`, outlet: raw.outlet ?? name, citedSources: [], origin: 'imported', addedAt: 0 },
    blockStarts: body.blockStarts,
  };
}

export function readClusters(): ClusterSet[] {
  if (!existsSync(CLUSTERS_DIR)) return [];
  const out: ClusterSet[] = [];
  for (const cluster of readdirSync(CLUSTERS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(CLUSTERS_DIR, cluster);
    const meta = Cluster.parse(JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')));
    const reports: ClusterReport[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'cluster.json').sort()) {
      const name = file.replace(/\.json$/, '');
      const raw = Report.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      reports.push({ cluster, name, raw, text: raw.text, ...reportArticle(cluster, name, raw) });
    }
    out.push({ cluster, event: meta.event, reports, mutations: meta.mutations });
  }
  return out;
}

export interface Planted {
  mutation: Mutation;
  /** The changed report, under another address so that it is not taken for the stored original. */
  article: Article;
  blockStarts: number[];
  text: string;
  /** Where the replacement stands in the changed text. */
  at: { start: number; end: number };
}

/** A report with one planted change, or why it could not be planted. */
export function plant(report: ClusterReport, mutation: Mutation): Planted | string {
  const i = report.text.indexOf(mutation.phrase);
  if (i < 0) return `${report.cluster}/${report.name}: the phrase ${JSON.stringify(mutation.phrase)} is not in the text`;
  const text = report.text.slice(0, i) + mutation.replacement + report.text.slice(i + mutation.phrase.length);
  const { article, blockStarts } = reportArticle(report.cluster, report.name, report.raw, text);
  return { mutation, article: { ...article, url: `${article.url}#planted` }, blockStarts, text, at: { start: i, end: i + mutation.replacement.length } };
}
