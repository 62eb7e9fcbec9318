/** Builds a Finding with the context a highlighter needs to anchor it on a live page. */
import type { Claim, Evidence, Finding, FindingKind } from '../schema';
import type { Source } from './source';

const CONTEXT = 32;
/** As the Web Annotation export joins blocks (lib/annotation.ts); a page's index folds it to one space. */
const BLOCK_JOIN = '\n\n';

/**
 * The text before and after a sentence, reaching into the neighbouring
 * blocks when the sentence opens or closes its own. A one-sentence paragraph
 * would otherwise carry no context at all, and a copy of it in a sidebar
 * would look as good a match as the article's own.
 */
export function sentenceContext(blocks: readonly { text: string }[], block: number, start: number, end: number, chars = CONTEXT): { prefix: string; suffix: string } {
  let prefix = blocks[block]?.text.slice(Math.max(0, start - chars), start) ?? '';
  for (let b = block - 1; b >= 0 && prefix.length < chars && start - prefix.length <= 0; b--) {
    prefix = `${blocks[b]?.text ?? ''}${BLOCK_JOIN}${prefix}`.slice(-chars);
    if ((blocks[b]?.text.length ?? 0) >= chars) break;
  }
  const own = blocks[block]?.text ?? '';
  let suffix = own.slice(end, end + chars);
  for (let b = block + 1; b < blocks.length && suffix.length < chars && end + suffix.length >= own.length; b++) {
    suffix = `${suffix}${BLOCK_JOIN}${blocks[b]?.text ?? ''}`.slice(0, chars);
    if ((blocks[b]?.text.length ?? 0) >= chars) break;
  }
  return { prefix, suffix };
}

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
  return {
    id: `${kind}-${stableHash(`${kind}|${s.block}|${s.start}|${claim.fact}|${claim.value}`)}`,
    kind,
    severity,
    confidence: Math.round(confidence * 100) / 100,
    sentence: {
      ...s,
      ...sentenceContext(page.article.blocks, s.block, s.start, s.end),
    },
    claim,
    evidence,
    explanation,
  };
}

/** Paragraphs shorter than this are bylines, labels and captions: a page repeats them anywhere. */
const LANDMARK_MIN_CHARS = 60;
const LANDMARK_CHARS = 150;
const MAX_LANDMARKS = 8;

/**
 * A few of the article's paragraphs, cut short, spread over its length: the
 * content script looks them up on the page to tell where the article is, so
 * a finding lands on the article's copy of its sentence (lib/anchor/region.ts).
 */
export function articleLandmarks(blocks: readonly { kind: string; text: string }[]): string[] {
  const seen = new Map<string, number>();
  for (const b of blocks) seen.set(b.text, (seen.get(b.text) ?? 0) + 1);
  const usable = blocks.filter((b) => b.kind !== 'heading' && b.kind !== 'caption' && b.text.length >= LANDMARK_MIN_CHARS && seen.get(b.text) === 1);
  const step = Math.max(1, usable.length / MAX_LANDMARKS);
  const out: string[] = [];
  for (let i = 0; i < usable.length && out.length < MAX_LANDMARKS; i += step) {
    const text = usable[Math.floor(i)]!.text;
    const cut = text.length <= LANDMARK_CHARS ? text : text.slice(0, text.lastIndexOf(' ', LANDMARK_CHARS) > 40 ? text.lastIndexOf(' ', LANDMARK_CHARS) : LANDMARK_CHARS);
    out.push(cut);
  }
  return out;
}

/**
 * Where a claim's words sit in its sentence, or null when they are the whole
 * sentence (no second mark to make) or not in it.
 */
export function claimWordsIn(sentence: string, surface: string | null | undefined): { start: number; end: number } | null {
  const words = surface?.trim() ?? '';
  if (!words || words.length >= sentence.trim().length) return null;
  const at = sentence.indexOf(words);
  return at < 0 ? null : { start: at, end: at + words.length };
}
