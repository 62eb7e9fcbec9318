/**
 * Paints anchored findings with the CSS Custom Highlight API: one named
 * highlight per finding kind, the page's DOM and layout untouched. Only where
 * the API is missing are the ranges wrapped in <mark> elements.
 */
import type { Finding, FindingKind } from '../../lib/schema';

export interface Painted {
  finding: Finding;
  range: Range;
  /** The claim's words inside the sentence, marked more strongly; null when the claim has none to tell apart. */
  words: Range | null;
}

const KINDS: FindingKind[] = ['knowledge-conflict', 'contradiction', 'internal-inconsistency', 'disputed', 'provenance'];
export const highlightName = (kind: FindingKind | 'active') => `crosscheck-${kind}`;
/** The claim's words of each kind: a highlight of its own, painted over its sentence's. */
export const wordsHighlightName = (kind: FindingKind) => `crosscheck-words-${kind}`;

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

const wrapped: HTMLElement[] = [];

export function clearPaint(): void {
  if (supportsHighlights()) {
    for (const k of KINDS) {
      CSS.highlights.delete(highlightName(k));
      CSS.highlights.delete(wordsHighlightName(k));
    }
    CSS.highlights.delete(highlightName('active'));
  }
  for (const mark of wrapped.splice(0)) mark.replaceWith(...mark.childNodes);
}

export function paint(items: Painted[]): void {
  clearPaint();
  if (supportsHighlights()) {
    for (const kind of KINDS) {
      const ofKind = items.filter((i) => i.finding.kind === kind);
      if (ofKind.length) CSS.highlights.set(highlightName(kind), new Highlight(...ofKind.map((i) => i.range)));
      const words = ofKind.flatMap((i) => (i.words ? [i.words] : []));
      if (!words.length) continue;
      const strong = new Highlight(...words);
      // Above its sentence's mark and the open finding's, which cover the same characters.
      strong.priority = 2;
      CSS.highlights.set(wordsHighlightName(kind), strong);
    }
    return;
  }
  // The sentence first: wrapping splits its text nodes, and the words' live range follows the split.
  for (const item of items) {
    wrapRange(item.range, 'crosscheck');
    if (item.words) wrapRange(item.words, 'crosscheckWords');
  }
}

export function setActive(range: Range | null): void {
  if (!supportsHighlights()) return;
  if (range) {
    const active = new Highlight(range);
    active.priority = 1;
    CSS.highlights.set(highlightName('active'), active);
  } else CSS.highlights.delete(highlightName('active'));
}

/** Fallback only: wraps each text node piece of the range in a <mark>. */
function wrapRange(range: Range, mark: 'crosscheck' | 'crosscheckWords'): void {
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
    const el = document.createElement('mark');
    el.dataset[mark] = '';
    piece.replaceWith(el);
    el.append(piece);
    wrapped.push(el);
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
