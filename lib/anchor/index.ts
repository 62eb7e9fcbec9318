/**
 * Anchoring stored quotes onto the live page: index the rendered text once,
 * match every quote against it, and turn matches into DOM Ranges. Quotes
 * that cannot be found with confidence come back with a null range
 * (orphans) so the caller can list them instead of highlighting guesses.
 */

import { matchQuote, prepareText, type PreparedText, type QuoteMatchOptions, type QuoteSelector } from './quote-match';
import { rangeFromOffsets } from './range';
import { buildTextIndex, buildTextIndexSync, yieldToMain, type TextIndex, type TextIndexOptions } from './text-index';

export type { QuoteSelector, QuoteMatch, QuoteMatchOptions, PreparedText } from './quote-match';
export type { TextIndex, TextIndexOptions, DomPoint, TextSegment } from './text-index';
export type { RangeDescription } from './range';
export { matchQuote, prepareText, keyTokens } from './quote-match';
export { buildTextIndex, buildTextIndexSync, indexIsCurrent, yieldToMain, pointAt, offsetAt, textSegments } from './text-index';
export { rangeFromOffsets, offsetsFromRange, describeRange, describeOffsets, CONTEXT_LENGTH } from './range';
export { foldForMatch, foldQuote, foldWhitespace } from './fold';
export type { CopyPlaces, Span } from './copies';
export { placeOf, bestCopy, Place } from './copies';
export { copyPlaces, FURNITURE_SELECTOR } from './region';

export interface AnchorSelector extends QuoteSelector {
  id: string;
}

export interface AnchorResult {
  id: string;
  /** null: orphan, the quote is not on the page with enough confidence. */
  range: Range | null;
  /** 0 for orphans; otherwise the match score (1 = exact quote in matching context). */
  score: number;
  exactMatch: boolean;
  /** Where the match lies in the index's text; null for orphans. */
  offsets: { start: number; end: number } | null;
}

export interface AnchorOptions extends TextIndexOptions, QuoteMatchOptions {
  /** Reuse an index built earlier (the page must not have changed since). */
  index?: TextIndex;
  /** That index's text folded for matching (prepareText), when the caller has it. */
  prepared?: PreparedText;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function anchorOne(index: TextIndex, prepared: ReturnType<typeof prepareText>, sel: AnchorSelector, opts: AnchorOptions): AnchorResult {
  let match = null;
  try {
    match = matchQuote(prepared, sel, opts);
  } catch {
    // One malformed selector must not cost the others their highlights.
    match = null;
  }
  if (match === null) return { id: sel.id, range: null, score: 0, exactMatch: false, offsets: null };
  return {
    id: sel.id,
    range: rangeFromOffsets(index, match.start, match.end),
    score: match.score,
    exactMatch: match.exactMatch,
    offsets: { start: match.start, end: match.end },
  };
}

export async function anchorQuotes(
  root: Element,
  selectors: readonly AnchorSelector[],
  opts: AnchorOptions = {},
): Promise<AnchorResult[]> {
  // Most pages have nothing to anchor: indexing their text would be main-thread time for nothing.
  if (!selectors.length) return [];
  const index = opts.index ?? (await buildTextIndex(root, opts));
  const prepared = opts.index && opts.prepared ? opts.prepared : prepareText(index.text);
  const results: AnchorResult[] = [];
  const sliceMs = Math.max(0, opts.sliceMs ?? 8);
  let sliceStart = now();
  for (const sel of selectors) {
    if (now() - sliceStart >= sliceMs) {
      // A fuzzy search can take a frame's worth of time on a big page; let input and paint in between.
      await yieldToMain();
      sliceStart = now();
    }
    if (opts.signal?.aborted) throw opts.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
    results.push(anchorOne(index, prepared, sel, opts));
  }
  return results;
}

export function anchorQuotesSync(
  root: Element,
  selectors: readonly AnchorSelector[],
  opts: Omit<AnchorOptions, 'signal' | 'yieldEvery' | 'sliceMs'> = {},
): AnchorResult[] {
  const index = opts.index ?? buildTextIndexSync(root, opts);
  const prepared = opts.index && opts.prepared ? opts.prepared : prepareText(index.text);
  return selectors.map((sel) => anchorOne(index, prepared, sel, opts));
}
