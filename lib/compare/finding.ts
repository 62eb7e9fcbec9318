/** Builds a Finding with the context a highlighter needs to anchor it on a live page. */
import type { Claim, Evidence, Finding, FindingKind } from '../schema';
import type { Source } from './source';

const CONTEXT = 32;

/** Small stable hash (FNV-1a) so a finding keeps its id across runs. */
export function stableHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function findingFor(
  page: Source,
  claim: Claim,
  kind: FindingKind,
  severity: Finding['severity'],
  confidence: number,
  evidence: Evidence[],
  explanation: string,
): Finding {
  const s = claim.sentence;
  const blockText = page.article.blocks[s.block]?.text ?? '';
  return {
    id: `${kind}-${stableHash(`${kind}|${s.block}|${s.start}|${claim.fact}|${claim.value}`)}`,
    kind,
    severity,
    confidence: Math.round(confidence * 100) / 100,
    sentence: {
      ...s,
      prefix: blockText.slice(Math.max(0, s.start - CONTEXT), s.start),
      suffix: blockText.slice(s.end, s.end + CONTEXT),
    },
    claim,
    evidence,
    explanation,
  };
}
