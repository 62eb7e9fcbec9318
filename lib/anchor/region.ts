/**
 * Where on the live page the article is, told by the article itself: a few
 * of its paragraphs (landmarks, sent by the background with the findings)
 * are looked up in the page's text, and the element that holds the ones
 * found once is the article's region. A sentence repeated in a sidebar
 * teaser, before the article in DOM order, then still anchors in the
 * article, whatever the page's markup calls its parts.
 *
 * Inside the region, elements that repeat the article rather than tell it
 * (asides, captions, pull quotes, cards) are furniture: a copy there is
 * second choice. An element holding a landmark is never furniture, so an
 * article whose template wraps it in a "card" keeps its text.
 */

import type { CopyPlaces, Span } from './copies';
import { foldForMatch, type FoldedText } from './fold';
import { offsetAt, pointAt, type TextIndex } from './text-index';

/**
 * Parts of a page that repeat an article's sentences: by element, by ARIA
 * role, and by the class names publishing templates give them.
 */
export const FURNITURE_SELECTOR = [
  'aside',
  'nav',
  'footer',
  'figcaption',
  'figure',
  '[role="complementary"]',
  '[role="navigation"]',
  '[role="contentinfo"]',
  '[class*="pullquote" i]',
  '[class*="pull-quote" i]',
  '[class*="teaser" i]',
  '[class*="related" i]',
  '[class*="promo" i]',
  '[class*="sidebar" i]',
  '[class*="caption" i]',
  '[class*="card" i]',
].join(',');

/** Fewer landmarks found once than this, and the article's place is not told (a page of repeats, or not the article). */
const MIN_LANDMARKS = 2;
/** Share of the found landmarks the region must hold: one landmark matched in a teaser must not widen it to the page. */
const REGION_SHARE = 0.75;

function startsOf(hay: FoldedText, needle: string, limit: number): number[] {
  const out: number[] = [];
  for (let i = hay.text.indexOf(needle); i !== -1 && out.length < limit; i = hay.text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** Folded offsets an element's rendered text covers. */
function spanOf(index: TextIndex, el: Element): Span | null {
  const start = offsetAt(index, el, 0);
  const end = offsetAt(index, el, el.childNodes.length);
  return start === null || end === null || end <= start ? null : { start, end };
}

/**
 * The article's region and the furniture in it, for `landmarks` (texts of
 * the article's paragraphs). `prepared` is the index's text folded for
 * matching, when the caller has it already.
 */
export function copyPlaces(index: TextIndex, landmarks: readonly string[], prepared: FoldedText = foldForMatch(index.text)): CopyPlaces {
  const found: Element[] = [];
  for (const landmark of landmarks) {
    const needle = foldForMatch(landmark).text.trim();
    if (needle.length === 0) continue;
    const starts = startsOf(prepared, needle, 2);
    // A paragraph found twice says nothing about which copy is the article's.
    if (starts.length !== 1) continue;
    const start = prepared.map === null ? (starts[0] as number) : (prepared.map[starts[0] as number] as number);
    const point = pointAt(index, start, 'start');
    const el = point ? elementOf(point.node) : null;
    if (el) found.push(el);
  }
  if (found.length < MIN_LANDMARKS) return { article: null, furniture: furnitureIn(index, index.root, found) };
  const region = regionHolding(found, Math.ceil(found.length * REGION_SHARE));
  const article = region ? spanOf(index, region) : null;
  return { article, furniture: furnitureIn(index, region ?? index.root, found) };
}

/** The deepest element holding at least `need` of `elements`. */
function regionHolding(elements: readonly Element[], need: number): Element | null {
  const counts = new Map<Element, number>();
  const depth = new Map<Element, number>();
  for (const el of elements) {
    const chain: Element[] = [];
    for (let cur: Element | null = el; cur; cur = cur.parentElement) chain.push(cur);
    chain.forEach((a, i) => {
      counts.set(a, (counts.get(a) ?? 0) + 1);
      depth.set(a, chain.length - i);
    });
  }
  let best: Element | null = null;
  for (const [el, n] of counts) {
    if (n < need) continue;
    if (best === null || (depth.get(el) ?? 0) > (depth.get(best) ?? 0)) best = el;
  }
  return best;
}

function furnitureIn(index: TextIndex, scope: Node, landmarks: readonly Element[]): Span[] {
  const root = scope.nodeType === 1 || scope.nodeType === 9 || scope.nodeType === 11 ? (scope as ParentNode) : null;
  if (root === null) return [];
  const out: Span[] = [];
  for (const el of root.querySelectorAll(FURNITURE_SELECTOR)) {
    if (landmarks.some((l) => el.contains(l))) continue;
    const span = spanOf(index, el);
    if (span) out.push(span);
  }
  return out;
}
