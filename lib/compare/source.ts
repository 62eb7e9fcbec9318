/**
 * A report prepared for comparison: its claims, its date and how much weight
 * its word carries. Weight starts at 1 and is lowered by provenance signals;
 * it never reaches zero, because even a weak source can be right.
 */
import { extractClaims, SIGNAL_LABELS, type ArticleClaims, type SignalName } from '../claims/index';
import type { KnowledgeBase } from '../kb/schema';
import type { ArticleText, DatedAs } from '../schema';
import { dateFromText } from './dating';

export interface Source {
  id: string;
  outlet: string;
  url: string;
  title: string | null;
  article: ArticleText;
  claims: ArticleClaims;
  /** Dated by its own evidence (metadata or text), or null. */
  ownDate: DatedAs | null;
}

const SIGNAL_WEIGHT: Record<SignalName, number> = {
  'ai-author': 0.35,
  'llm-prompt': 0.35,
  'tts-widget': 0.9,
  'comment-furniture': 0.95,
  'no-byline': 0.9,
  'anonymous-sourcing': 0.85,
};

export function prepareSource(
  kb: KnowledgeBase,
  id: string,
  outlet: string,
  article: ArticleText,
  override?: DatedAs | null,
): Source {
  const claims = extractClaims(article, kb);
  const ownDate = override ?? article.publishedAt ?? dateFromText(article, kb);
  return { id, outlet, url: article.url, title: article.title, article, claims, ownDate };
}

export interface Weighing {
  weight: number;
  reasons: string[];
}

/** Below this weight a source is said, beside its evidence, to have counted for little. */
export const LITTLE_WEIGHT = 0.5;

export interface RecordErrors {
  /** Claims that conflict with the knowledge base on the source's own date. */
  kbConflicts: number;
  /** Claims that conflict with it only on a date borrowed from its story. */
  kbConflictsBorrowed?: number;
  internal: number;
}

/**
 * Provenance lowers weight; so do the source's own errors found by the
 * comparison, counted by the caller and passed in. A report wrong about the
 * record on its own date is (almost) no witness: one such claim leaves it a
 * tenth of its weight. On a borrowed date it may be an older report, so each
 * such claim costs less.
 */
export function weighSource(source: Source, errors: RecordErrors = { kbConflicts: 0, internal: 0 }): Weighing {
  let weight = 1;
  const reasons: string[] = [];
  for (const s of source.claims.signals) {
    weight *= SIGNAL_WEIGHT[s];
    reasons.push(SIGNAL_LABELS[s]);
  }
  const own = errors.kbConflicts;
  const borrowed = errors.kbConflictsBorrowed ?? 0;
  if (own) weight *= 0.1 * Math.pow(0.5, Math.min(own - 1, 2));
  if (borrowed) weight *= Math.pow(0.6, Math.min(borrowed, 2));
  if (own + borrowed) reasons.push(`${own + borrowed} of its claims conflict${own + borrowed === 1 ? 's' : ''} with the record`);
  if (errors.internal) {
    weight *= 0.7;
    reasons.push('contradicts itself');
  }
  return { weight: Math.max(0.05, Math.round(weight * 100) / 100), reasons };
}

/** What the reader is told beside a source's evidence when its word counted for little. */
export function weightNote(w: Weighing | undefined): string | null {
  if (!w || w.weight >= LITTLE_WEIGHT || !w.reasons.length) return null;
  return `Counted for little: ${w.reasons.join('; ')}.`;
}
