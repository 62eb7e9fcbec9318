/**
 * Anchoring a page's findings: each finding's sentence on the article's copy
 * of it (./region.ts tells where the article is), and inside that sentence
 * the words its claim was read from, so the page can mark them apart.
 */

import { anchorQuotes, type AnchorOptions, type AnchorResult } from './index';
import { matchQuote, prepareText } from './quote-match';
import { rangeFromOffsets } from './range';
import { copyPlaces } from './region';
import { buildTextIndex, type TextIndex } from './text-index';

/** What anchoring needs of a finding (lib/schema's Finding has it). */
export interface AnchorableFinding {
  id: string;
  sentence: { text: string; prefix: string; suffix: string };
  claim: { surface: string } | null;
}

export interface FindingAnchor extends AnchorResult {
  /** The claim's words inside the sentence's range; null when there are none to tell apart or they were not found. */
  words: Range | null;
}

/**
 * The claim's words inside the anchored sentence [start, end), or null:
 * words that are the whole sentence are no second mark.
 */
function wordsIn(index: TextIndex, start: number, end: number, surface: string): Range | null {
  const words = surface.trim();
  const sentence = index.text.slice(start, end);
  // The same rule as the tooltip's quote (claimWordsIn): words that are the whole sentence are no second mark.
  if (!words || words.length >= sentence.trim().length) return null;
  const m = matchQuote(sentence, { exact: words });
  return m ? rangeFromOffsets(index, start + m.start, start + m.end) : null;
}

export async function anchorFindings(
  root: Element,
  findings: readonly AnchorableFinding[],
  landmarks: readonly string[],
  opts: Omit<AnchorOptions, 'index' | 'prepared' | 'places'> = {},
): Promise<FindingAnchor[]> {
  if (!findings.length) return [];
  const index = await buildTextIndex(root, opts);
  const prepared = prepareText(index.text);
  const places = copyPlaces(index, landmarks, prepared);
  const selectors = findings.map((f) => ({ id: f.id, exact: f.sentence.text, prefix: f.sentence.prefix, suffix: f.sentence.suffix }));
  const anchored = await anchorQuotes(root, selectors, { ...opts, index, prepared, places });
  return anchored.map((a, i) => {
    const surface = findings[i]?.claim?.surface ?? '';
    const words = a.offsets && surface ? wordsIn(index, a.offsets.start, a.offsets.end, surface) : null;
    return { ...a, words };
  });
}
