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

/**
 * Provenance lowers weight; so do the source's own errors found by the
 * comparison (knowledge-base conflicts, internal inconsistencies), counted by
 * the caller and passed in.
 */
export function weighSource(source: Source, errors: { kbConflicts: number; internal: number } = { kbConflicts: 0, internal: 0 }): Weighing {
  let weight = 1;
  const reasons: string[] = [];
  for (const s of source.claims.signals) {
    weight *= SIGNAL_WEIGHT[s];
    reasons.push(SIGNAL_LABELS[s]);
  }
  if (errors.kbConflicts) {
    weight *= Math.pow(0.6, Math.min(errors.kbConflicts, 2));
    const n = Math.ceil(errors.kbConflicts);
    reasons.push(`${n} statement${n > 1 ? 's' : ''} at odds with the record`);
  }
  if (errors.internal) {
    weight *= 0.7;
    reasons.push('contradicts itself');
  }
  return { weight: Math.max(0.05, Math.round(weight * 100) / 100), reasons };
}
