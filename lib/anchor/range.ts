/**
 * Conversions between folded-text offsets and DOM Ranges, and the selector
 * values (W3C TextQuote + TextPosition) that describe a Range durably.
 */

import { offsetAt, pointAt, type TextIndex } from './text-index';

/** How much surrounding text a quote selector keeps: enough to tell repeats apart, little enough to survive edits nearby. */
export const CONTEXT_LENGTH = 32;

export interface RangeDescription {
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPosition: offsets in the index's folded text. */
  position: { start: number; end: number };
}

function ownerDocument(index: TextIndex): Document {
  const root = index.root;
  return root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
}

/**
 * A Range covering folded text [start, end). Offsets are clamped to the
 * text; a node that has shrunk since indexing is clamped too, so a stale
 * index yields a wrong-but-valid Range rather than an exception.
 */
export function rangeFromOffsets(index: TextIndex, start: number, end: number): Range {
  const range = ownerDocument(index).createRange();
  const len = index.text.length;
  let s = Math.max(0, Math.min(len, Math.floor(start)));
  let e = Math.max(0, Math.min(len, Math.floor(end)));
  if (e < s) [s, e] = [e, s];
  const a = pointAt(index, s, 'start');
  const b = s === e ? a : pointAt(index, e, 'end');
  if (a === null || b === null) {
    range.selectNodeContents(index.root);
    range.collapse(true);
    return range;
  }
  range.setStart(a.node, Math.min(a.offset, a.node.length));
  range.setEnd(b.node, Math.min(b.offset, b.node.length));
  // Empty selections at an invented space can map to an end point before the start point.
  if (range.collapsed && s !== e) range.setEnd(a.node, Math.min(a.offset, a.node.length));
  return range;
}

/** Folded-text offsets of a Range, clipped to the root; null if it lies wholly outside. */
export function offsetsFromRange(index: TextIndex, range: Range): { start: number; end: number } | null {
  const start = offsetAt(index, range.startContainer, range.startOffset);
  const end = offsetAt(index, range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  return start <= end ? { start, end } : { start: end, end: start };
}

/**
 * Selector values for a Range. Leading and trailing spaces are moved out of
 * `exact` into the context: a selection dragged across a word gap should
 * not make the quote depend on that gap.
 */
export function describeRange(index: TextIndex, range: Range): RangeDescription | null {
  const offsets = offsetsFromRange(index, range);
  if (offsets === null) return null;
  return describeOffsets(index, offsets.start, offsets.end);
}

export function describeOffsets(index: TextIndex, start: number, end: number): RangeDescription {
  const text = index.text;
  let s = Math.max(0, Math.min(text.length, start));
  let e = Math.max(s, Math.min(text.length, end));
  while (s < e && text.charCodeAt(s) === 32) s++;
  while (e > s && text.charCodeAt(e - 1) === 32) e--;
  return {
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - CONTEXT_LENGTH), s),
    suffix: text.slice(e, e + CONTEXT_LENGTH),
    position: { start: s, end: e },
  };
}
