/**
 * Paints anchored findings with the CSS Custom Highlight API: one named
 * highlight per finding kind, the page's DOM and layout untouched. Only where
 * the API is missing are the ranges wrapped in <mark> elements.
 */
import type { Finding, FindingKind } from '../../lib/schema';

export interface Painted {
  finding: Finding;
  range: Range;
}

const KINDS: FindingKind[] = ['knowledge-conflict', 'contradiction', 'internal-inconsistency', 'disputed', 'provenance'];
export const highlightName = (kind: FindingKind | 'active') => `crosscheck-${kind}`;

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

const wrapped: HTMLElement[] = [];

export function clearPaint(): void {
  if (supportsHighlights()) {
    for (const k of KINDS) CSS.highlights.delete(highlightName(k));
    CSS.highlights.delete(highlightName('active'));
  }
  for (const mark of wrapped.splice(0)) mark.replaceWith(...mark.childNodes);
}

export function paint(items: Painted[]): void {
  clearPaint();
  if (supportsHighlights()) {
    for (const kind of KINDS) {
      const ranges = items.filter((i) => i.finding.kind === kind).map((i) => i.range);
      if (ranges.length) CSS.highlights.set(highlightName(kind), new Highlight(...ranges));
    }
    return;
  }
  for (const item of items) wrapRange(item.range);
}

export function setActive(range: Range | null): void {
  if (!supportsHighlights()) return;
  if (range) CSS.highlights.set(highlightName('active'), new Highlight(range));
  else CSS.highlights.delete(highlightName('active'));
}

/** Fallback only: wraps each text node piece of the range in a <mark>. */
function wrapRange(range: Range): void {
  const root = range.commonAncestorContainer;
  const nodes: Text[] = [];
  if (root.nodeType === Node.TEXT_NODE) nodes.push(root as Text);
  else {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) nodes.push(n as Text);
  }
  for (const node of nodes) {
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.length;
    if (end <= start) continue;
    const piece = node.splitText(start);
    piece.splitText(end - start);
    const mark = document.createElement('mark');
    mark.dataset.crosscheck = '';
    piece.replaceWith(mark);
    mark.append(piece);
    wrapped.push(mark);
  }
}

type HitResult = { highlight?: Highlight; ranges?: AbstractRange[] };
type WithHitTest = HighlightRegistry & { highlightsFromPoint?: (x: number, y: number) => Array<HitResult | Highlight> };

/** The painted finding under a point: highlightsFromPoint where present, else the caret position. */
export function findingAtPoint(items: Painted[], x: number, y: number): Painted | null {
  const registry = supportsHighlights() ? (CSS.highlights as WithHitTest) : null;
  if (registry?.highlightsFromPoint) {
    const hits = registry.highlightsFromPoint(x, y);
    for (const hit of hits) {
      const ranges = 'ranges' in hit && Array.isArray(hit.ranges) ? hit.ranges : null;
      const found = ranges ? items.find((i) => ranges.includes(i.range)) : undefined;
      if (found) return found;
    }
    // Older shapes return bare Highlight objects: narrow down with the caret below.
    if (!hits.length) return null;
  }
  const caret = caretAt(x, y);
  if (!caret) return null;
  for (const item of items) {
    try {
      if (item.range.collapsed || !item.range.isPointInRange(caret.node, caret.offset)) continue;
      // The caret snaps to the nearest character even beside the text: check the point is on the range's boxes.
      if ([...item.range.getClientRects()].some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) return item;
    } catch {
      // A range whose nodes left the document: skipped until re-anchored.
    }
  }
  return null;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
