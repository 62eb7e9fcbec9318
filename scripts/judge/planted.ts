/**
 * Our own planted changes (scripts/judge/planted.json): one fact changed in
 * one report of a ../shared/clusters event or in one seed, of every slot kind
 * (sums, shares, counts, scores, ranks, minutes, magnitudes, ages, dates,
 * places, people in a role, quotes, polarity, outcomes). Each changed report
 * is analysed against the unchanged others; the changed words should be
 * flagged, citing at least two of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadSeedArticles } from '../../lib/corpus/seeds';
import type { Article, Finding } from '../../lib/schema';
import { plant, type ClusterSet } from './clusters';

const Change = z.object({ phrase: z.string().min(1), replacement: z.string().min(1), fact: z.string(), kind: z.string() });
const PlantedFile = z.object({
  clusters: z.array(Change.extend({ cluster: z.string(), report: z.string() })),
  seeds: z.array(Change.extend({ seed: z.string().regex(/^\d{3}$/) })),
});

export const PLANTED_FILE = join(import.meta.dirname, 'planted.json');

export interface OwnPlanted {
  id: string;
  kind: string;
  fact: string;
  phrase: string;
  replacement: string;
  /** The changed article and the stored original it stands in for; null with `error` when it could not be planted. */
  article: Article | null;
  excludeId: string;
  /** Whether a finding points at the changed words. */
  hits: (f: Finding) => boolean;
  /** Whether an article is one of the others it should cite. */
  mate: (articleId: string) => boolean;
  error: string | null;
}

/** A finding in the changed sentence whose claim shares a word with the changed words: about the change, not only beside it. */
function onChange(replacement: string): (f: Finding) => boolean {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const r = words(replacement);
  return (f) => f.sentence.text.includes(replacement) && !!f.claim && [...words(f.claim.surface)].some((w) => r.has(w));
}

/** A change that could not be planted, and why. */
const unplanted = (base: Omit<OwnPlanted, 'article' | 'hits' | 'mate' | 'error'>, error: string): OwnPlanted => ({ ...base, article: null, hits: () => false, mate: () => false, error });

export function readOwnPlanted(clusters: ClusterSet[], seedsDir: string, seeds: Article[]): OwnPlanted[] {
  const file = PlantedFile.parse(JSON.parse(readFileSync(PLANTED_FILE, 'utf8')));
  const out: OwnPlanted[] = [];
  for (const m of file.clusters) {
    const base = { id: `${m.cluster}/${m.report}`, kind: m.kind, fact: m.fact, phrase: m.phrase, replacement: m.replacement, excludeId: `${m.cluster}/${m.report}` };
    const c = clusters.find((x) => x.cluster === m.cluster);
    const report = c?.reports.find((r) => r.name === m.report);
    if (!c || !report) {
      if (clusters.length) out.push(unplanted(base, `no report ${m.cluster}/${m.report} in ../shared/clusters`));
      continue;
    }
    const p = plant(report, { report: m.report, phrase: m.phrase, replacement: m.replacement, fact: m.fact });
    if (typeof p === 'string') {
      out.push(unplanted(base, p));
      continue;
    }
    out.push({
      ...base,
      article: p.article,
      hits: onChange(m.replacement),
      mate: (id) => id.startsWith(`${m.cluster}/`) && id !== base.excludeId,
      error: null,
    });
  }
  const seedFiles = Object.fromEntries(readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).map((n) => [n, readFileSync(join(seedsDir, n), 'utf8')]));
  const sources: unknown = JSON.parse(readFileSync(join(seedsDir, 'sources.json'), 'utf8'));
  const seedIds = new Set(seeds.map((s) => s.id));
  for (const m of file.seeds) {
    const name = Object.keys(seedFiles).find((n) => n.startsWith(`${m.seed}_`));
    const base = { id: `seeds/${m.seed}`, kind: m.kind, fact: m.fact, phrase: m.phrase, replacement: m.replacement, excludeId: name?.replace(/\.txt$/, '') ?? m.seed };
    const text = name ? seedFiles[name]! : '';
    if (!name || !text.includes(m.phrase)) {
      out.push(unplanted(base, `seeds/${m.seed}: the phrase ${JSON.stringify(m.phrase)} is not in the seed`));
      continue;
    }
    const changed = loadSeedArticles({ ...seedFiles, [name]: text.replace(m.phrase, m.replacement) }, sources).find((a) => a.id === base.excludeId)!;
    out.push({
      ...base,
      article: { ...changed, id: `${changed.id}-planted`, url: `${changed.url}#planted` },
      hits: onChange(m.replacement),
      mate: (id) => seedIds.has(id) && id !== base.excludeId,
      error: null,
    });
  }
  return out;
}
