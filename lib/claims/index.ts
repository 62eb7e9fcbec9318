/**
 * Claims stage: every sentence of an article → typed claims with their
 * sentence span. People are resolved to knowledge-base ids where known, so
 * "Quell", "President Quell" and "Mara Quell" are one person across sources.
 */
import type { KnowledgeBase } from '../kb/schema';
import type { ArticleText, Claim, SentenceRef } from '../schema';
import { splitSentences } from '../text/index';
import { participantClaims, quantityClaims, venueClaims } from './events';
import { NameBook } from './names';
import { officeClaims, type OfficeContext } from './office/index';
import { articleSignals, attributionClaims, provenanceClaims, type SignalName } from './provenance';

export interface ArticleClaims {
  sentences: SentenceRef[];
  claims: Claim[];
  signals: SignalName[];
}

export function sentencesOf(article: Pick<ArticleText, 'blocks'>): SentenceRef[] {
  const out: SentenceRef[] = [];
  article.blocks.forEach((block, index) => {
    for (const s of splitSentences(block.text)) out.push({ block: index, start: s.start, end: s.end, text: s.text });
  });
  return out;
}

export function extractClaims(article: Pick<ArticleText, 'blocks' | 'byline' | 'furniture'>, kb: KnowledgeBase): ArticleClaims {
  const sentences = sentencesOf(article);
  const names = new NameBook();
  const ctx: OfficeContext = { kb, names, lastPerson: null };
  const claims: Claim[] = [];
  for (const sentence of sentences) {
    claims.push(
      ...provenanceClaims(sentence),
      ...officeClaims(sentence, ctx),
      ...venueClaims(sentence, kb),
      ...participantClaims(sentence, kb, names),
      ...quantityClaims(sentence),
      ...attributionClaims(sentence),
    );
  }
  return { sentences, claims, signals: articleSignals(article, claims) };
}

export { SIGNAL_LABELS, type SignalName } from './provenance';
export { quantityInterval } from './events';
export { placesAgree } from './places';
