/**
 * The page's rendered text, as one whitespace-folded string, with a way back
 * from any offset in that string to a (Text node, offset) point.
 *
 * Why not `root.textContent`: it includes script/style bodies and hidden
 * elements, and runs paragraphs together ("end.Start"). Quotes are taken
 * from what a reader saw, so the index models rendering closely enough that
 * the same sentence is found in the same shape.
 *
 * The offset map is a piece table rather than one entry per character: in
 * prose almost every character maps linearly onto its node, so a piece only
 * starts at a node change, a collapsed whitespace run, or an invented space
 * (block boundary, <br>). That keeps a megabyte page at a few thousand
 * pieces instead of four megabytes of offsets.
 */

import { isWhitespaceCode } from './fold';

export interface TextIndexOptions {
  /** Aborts an async build between chunks; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Nodes visited between checks of the clock (async build only). */
  yieldEvery?: number;
  /**
   * Longest stretch of work, in ms, before yielding to the main thread.
   * 0 yields at every check, i.e. strictly every `yieldEvery` nodes.
   */
  sliceMs?: number;
  /**
   * 'computed' (default) also asks the browser whether an element is
   * rendered (checkVisibility, else getComputedStyle) when the root is in a
   * live document; 'inline' only trusts markup and inline styles, which is
   * what detached or server-parsed trees can offer anyway.
   */
  visibility?: 'computed' | 'inline';
}

export interface DomPoint {
  node: Text;
  offset: number;
}

/** Piece kinds. Linear: folded chars map 1:1 onto node chars from `raw`. */
const LINEAR = 0;
/** One folded space standing for a whitespace run [raw, rawEnd). */
const COLLAPSE = 1;
/** A space the layout implies but no text node holds (block edge, <br>). */
const SYNTHETIC = 2;

export interface TextIndex {
  readonly root: Node;
  /** Rendered text: whitespace folded to single spaces, no leading/trailing space. */
  readonly text: string;
  /** Every text node visited, in document order (including whitespace-only ones). */
  readonly nodes: readonly Text[];
  /** @internal piece table, parallel arrays ordered by folded offset. */
  readonly pieceFold: readonly number[];
  /** @internal node index, or -1 for synthetic spaces. */
  readonly pieceNode: readonly number[];
  /** @internal */
  readonly pieceRaw: readonly number[];
  /** @internal */
  readonly pieceRawEnd: readonly number[];
  /** @internal */
  readonly pieceKind: readonly number[];
  /** @internal first/last piece per node, -1 when the node contributed nothing. */
  readonly nodeFirstPiece: readonly number[];
  /** @internal */
  readonly nodeLastPiece: readonly number[];
  /** @internal folded offset at which the node's content would begin. */
  readonly nodeFold: readonly number[];
  /** @internal */
  readonly nodeIndex: ReadonlyMap<Text, number>;
  /** @internal each node's data when indexed, to tell whether the page changed since. */
  readonly nodeData: readonly string[];
}

/** Never rendered as text, or rendered as widgets whose text is not prose. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'TEXTAREA', 'INPUT', 'SELECT', 'IFRAME', 'OBJECT',
  'CANVAS', 'HEAD', 'TITLE', 'META', 'LINK', 'BASE', 'NOEMBED', 'NOFRAMES', 'VIDEO', 'AUDIO', 'MAP',
  'DATALIST', 'EMBED',
]);

/** Elements whose edges break a line, so adjacent words never run together. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG',
  'DIR', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4',
  'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'OPTION', 'OPTGROUP',
  'LISTING', 'PLAINTEXT', 'XMP', 'OUTPUT', 'SEARCH',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** What entering a node found (see Builder.enter). */
const SKIP = 0;
const INLINE = 1;
const BLOCK = 2;

interface PendingSpace {
  /** -1 for synthetic */
  node: number;
  raw: number;
  rawEnd: number;
}

/** Resumable depth-first walk, so the async build can stop and continue between chunks. */
class Builder {
  readonly chunks: string[] = [];
  outLen = 0;
  pending: PendingSpace | null = null;
  readonly nodes: Text[] = [];
  readonly nodeIndex = new Map<Text, number>();
  readonly nodeData: string[] = [];
  readonly nodeFirstPiece: number[] = [];
  readonly nodeLastPiece: number[] = [];
  readonly nodeFold: number[] = [];
  readonly pieceFold: number[] = [];
  readonly pieceNode: number[] = [];
  readonly pieceRaw: number[] = [];
  readonly pieceRawEnd: number[] = [];
  readonly pieceKind: number[] = [];
  /** One entry per element on the path from the root to the cursor: does leaving it break the line? */
  private readonly closesBlock: boolean[] = [];
  cursor: Node | null;
  private readonly useComputed: boolean;

  constructor(
    readonly root: Node,
    visibility: 'computed' | 'inline',
  ) {
    this.cursor = root;
    const view = root.ownerDocument?.defaultView;
    // Detached trees have no boxes, so the browser would call every element invisible.
    this.useComputed = visibility === 'computed' && root.isConnected && view != null;
  }

  get done(): boolean {
    return this.cursor === null;
  }

  /** True when the cursor was removed from under us between chunks. */
  lostCursor(): boolean {
    const c = this.cursor;
    return c !== null && c !== this.root && !this.root.contains(c);
  }

  /** Visits up to `budget` nodes. */
  step(budget: number): void {
    let node = this.cursor;
    let visited = 0;
    while (node !== null && visited < budget) {
      visited++;
      const visit = this.enter(node);
      if (visit !== SKIP && node.firstChild !== null) {
        // Remember on the way down what closing this element means, so the way up needs no DOM reads.
        this.closesBlock.push(visit === BLOCK);
        node = node.firstChild;
        continue;
      }
      if (visit === BLOCK) this.boundary();
      // Climb until a next sibling exists, closing the elements we leave.
      for (;;) {
        if (node === this.root) {
          node = null;
          break;
        }
        const next: Node | null = node.nextSibling;
        if (next !== null) {
          node = next;
          break;
        }
        node = node.parentNode;
        if (node === null) break;
        if (this.closesBlock.pop() === true) this.boundary();
      }
    }
    this.cursor = node;
  }

  /** SKIP: not rendered; INLINE: no line break around it; BLOCK: line breaks before and after. */
  private enter(node: Node): number {
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      const parent = node.parentNode;
      if (parent !== null && parent.nodeName === 'DETAILS' && !(parent as Element).hasAttribute('open')) {
        return SKIP;
      }
      this.addText(node as Text);
      return INLINE;
    }
    if (type !== ELEMENT_NODE) {
      // Documents and fragments are transparent containers; comments and the like show nothing.
      return type === 9 || type === 11 ? INLINE : SKIP;
    }
    const el = node as Element;
    const tag = el.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return SKIP;
    const style = el.hasAttribute('style') ? ((el as HTMLElement).style as CSSStyleDeclaration | undefined) : undefined;
    if (this.isHidden(el, tag, style)) return SKIP;
    if (tag === 'BR') {
      this.boundary();
      return INLINE;
    }
    if (!this.isBlock(tag, style)) return INLINE;
    this.boundary();
    return BLOCK;
  }

  private isHidden(el: Element, tag: string, style: CSSStyleDeclaration | undefined): boolean {
    if (el.hasAttribute('hidden')) return true;
    const parent = el.parentNode;
    // A closed <details> only renders its summary.
    if (parent !== null && parent.nodeName === 'DETAILS' && tag !== 'SUMMARY' && !(parent as Element).hasAttribute('open')) {
      return true;
    }
    if (tag === 'DIALOG' && !el.hasAttribute('open')) return true;
    if (style !== undefined) {
      if (style.display === 'none') return true;
      if (style.visibility === 'hidden' || style.visibility === 'collapse') return true;
    }
    if (this.useComputed) return this.computedHidden(el);
    return false;
  }

  private computedHidden(el: Element): boolean {
    const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
    if (typeof check === 'function') {
      if (check.call(el, { visibilityProperty: true, checkVisibilityCSS: true })) return false;
      // display:contents has no box of its own, yet its children render.
      return this.computedDisplay(el) !== 'contents';
    }
    const view = el.ownerDocument.defaultView;
    if (view === null || typeof view.getComputedStyle !== 'function') return false;
    const cs = view.getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse';
  }

  private computedDisplay(el: Element): string {
    const view = el.ownerDocument.defaultView;
    if (view === null || typeof view.getComputedStyle !== 'function') return '';
    return view.getComputedStyle(el).display;
  }

  private isBlock(tag: string, style: CSSStyleDeclaration | undefined): boolean {
    const display = style?.display ?? '';
    if (display !== '') return !(display.startsWith('inline') || display === 'contents' || display === 'ruby');
    return BLOCK_TAGS.has(tag);
  }

  /** A rendered line break: needs a space only between two pieces of text. */
  private boundary(): void {
    if (this.outLen > 0 && this.pending === null) this.pending = { node: -1, raw: 0, rawEnd: 0 };
  }

  private addText(node: Text): void {
    const n = this.nodes.length;
    this.nodes.push(node);
    this.nodeData.push(node.data);
    this.nodeIndex.set(node, n);
    this.nodeFirstPiece.push(-1);
    this.nodeLastPiece.push(-1);
    this.nodeFold.push(this.outLen + (this.pending !== null ? 1 : 0));
    const data = node.data;
    const len = data.length;
    let i = 0;
    while (i < len) {
      let j = i;
      while (j < len && isWhitespaceCode(data.charCodeAt(j))) j++;
      if (j > i) {
        // A real whitespace char beats a synthetic space: it gives the space a place in the DOM.
        if (this.outLen > 0 && (this.pending === null || this.pending.node === -1)) {
          this.pending = { node: n, raw: i, rawEnd: j };
        }
        i = j;
        continue;
      }
      while (j < len && !isWhitespaceCode(data.charCodeAt(j))) j++;
      this.flushPending();
      this.emitLinear(n, i, j, data);
      i = j;
    }
  }

  private flushPending(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    if (p.node === -1) {
      this.pushPiece(SYNTHETIC, -1, 0, 0);
    } else if (p.rawEnd - p.raw === 1) {
      // A lone whitespace char is still 1:1, so it can extend its neighbours' linear piece.
      this.emitLinear(p.node, p.raw, p.rawEnd, null);
      return;
    } else {
      this.pushPiece(COLLAPSE, p.node, p.raw, p.rawEnd);
    }
    this.chunks.push(' ');
    this.outLen += 1;
  }

  /** `data` null means the span is a single whitespace char, written as ' '. */
  private emitLinear(n: number, raw: number, rawEnd: number, data: string | null): void {
    const last = this.pieceKind.length - 1;
    if (
      last >= 0 &&
      this.pieceKind[last] === LINEAR &&
      this.pieceNode[last] === n &&
      this.pieceRawEnd[last] === raw
    ) {
      this.pieceRawEnd[last] = rawEnd;
    } else {
      this.pushPiece(LINEAR, n, raw, rawEnd);
    }
    this.chunks.push(data === null ? ' ' : data.slice(raw, rawEnd));
    this.outLen += rawEnd - raw;
  }

  private pushPiece(kind: number, n: number, raw: number, rawEnd: number): void {
    const k = this.pieceKind.length;
    this.pieceKind.push(kind);
    this.pieceNode.push(n);
    this.pieceRaw.push(raw);
    this.pieceRawEnd.push(rawEnd);
    this.pieceFold.push(this.outLen);
    if (n >= 0) {
      if (this.nodeFirstPiece[n] === -1) this.nodeFirstPiece[n] = k;
      this.nodeLastPiece[n] = k;
    }
  }

  finish(): TextIndex {
    const text = this.chunks.join('');
    const nodeFold = this.nodeFold.map((f) => Math.min(f, text.length));
    return {
      root: this.root,
      text,
      nodes: this.nodes,
      pieceFold: this.pieceFold,
      pieceNode: this.pieceNode,
      pieceRaw: this.pieceRaw,
      pieceRawEnd: this.pieceRawEnd,
      pieceKind: this.pieceKind,
      nodeFirstPiece: this.nodeFirstPiece,
      nodeLastPiece: this.nodeLastPiece,
      nodeFold,
      nodeIndex: this.nodeIndex,
      nodeData: this.nodeData,
    };
  }
}

/** Whole tree in one go: for tests, small roots, and callers already off the main thread. */
export function buildTextIndexSync(root: Node, options: Pick<TextIndexOptions, 'visibility'> = {}): TextIndex {
  const b = new Builder(root, options.visibility ?? 'computed');
  b.step(Number.POSITIVE_INFINITY);
  return b.finish();
}

/**
 * Gives the browser a chance to paint and handle input. scheduler.yield()
 * keeps our continuation at the front of the queue where it exists; a
 * timeout is the portable fallback.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler !== undefined && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
  }
}

/**
 * Whether every text node the index read is still under the root with the
 * same text. Content added since is not detected: it makes quotes harder
 * to find, but never makes a Range point at the wrong characters.
 */
export function indexIsCurrent(index: TextIndex): boolean {
  const { nodes, nodeData, root } = index;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Text;
    if (node.data !== nodeData[i] || !root.contains(node)) return false;
  }
  return true;
}

/** Chunked attempts allowed while the page keeps rewriting text we already read. */
const MAX_RESTARTS = 3;

/**
 * Same result as buildTextIndexSync, but never holds the main thread for
 * much longer than `sliceMs`, so indexing a huge page does not freeze it.
 *
 * Between chunks the page may change. A walk that lost its place, or whose
 * already-read text changed, starts over; if that keeps happening (a live
 * ticker in the already-read part), one last synchronous walk gives a
 * consistent index at the price of one long task.
 */
export async function buildTextIndex(root: Node, options: TextIndexOptions = {}): Promise<TextIndex> {
  const { signal } = options;
  const every = Math.max(1, Math.floor(options.yieldEvery ?? 256));
  const sliceMs = Math.max(0, options.sliceMs ?? 8);
  const visibility = options.visibility ?? 'computed';
  throwIfAborted(signal);
  for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
    const b = new Builder(root, visibility);
    let sliceStart = now();
    let yielded = false;
    let lost = false;
    for (;;) {
      b.step(every);
      if (b.done) break;
      if (now() - sliceStart < sliceMs) continue;
      await yieldToMain();
      throwIfAborted(signal);
      yielded = true;
      sliceStart = now();
      if (b.lostCursor()) {
        lost = true;
        break;
      }
    }
    if (lost) continue;
    const index = b.finish();
    // Finished within one task: nothing could have changed in between.
    if (!yielded || indexIsCurrent(index)) return index;
  }
  return buildTextIndexSync(root, { visibility });
}

function lastAtOrBefore(arr: readonly number[], value: number, lo: number, hi: number): number {
  // Largest k in [lo, hi] with arr[k] <= value, or lo - 1.
  let ans = lo - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) <= value) {
      ans = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return ans;
}

function pieceFoldLength(index: TextIndex, k: number): number {
  const kind = index.pieceKind[k];
  if (kind === LINEAR) return (index.pieceRawEnd[k] as number) - (index.pieceRaw[k] as number);
  return 1;
}

/**
 * DOM point for a folded offset. A 'start' point sits before the character
 * at `offset`; an 'end' point sits after the character at `offset - 1`.
 * The distinction matters at invented spaces, which have no place in the
 * DOM: a range starting on one begins at the next real character, a range
 * ending on one stops after the previous one. Null only for an empty index.
 */
export function pointAt(index: TextIndex, offset: number, edge: 'start' | 'end'): DomPoint | null {
  const count = index.pieceKind.length;
  if (count === 0) return null;
  const len = index.text.length;
  const f = Math.max(0, Math.min(len, Math.floor(offset)));
  if (edge === 'start') {
    if (f >= len) return pointAt(index, len, 'end');
    const k = lastAtOrBefore(index.pieceFold, f, 0, count - 1);
    const kind = index.pieceKind[k];
    if (kind === SYNTHETIC) return pointAt(index, f + 1, 'start');
    const node = index.nodes[index.pieceNode[k] as number] as Text;
    const raw = index.pieceRaw[k] as number;
    return { node, offset: kind === LINEAR ? raw + f - (index.pieceFold[k] as number) : raw };
  }
  if (f <= 0) return pointAt(index, 0, 'start');
  const c = f - 1;
  const k = lastAtOrBefore(index.pieceFold, c, 0, count - 1);
  const kind = index.pieceKind[k];
  if (kind === SYNTHETIC) return pointAt(index, c, 'end');
  const node = index.nodes[index.pieceNode[k] as number] as Text;
  const raw = index.pieceRaw[k] as number;
  return { node, offset: kind === LINEAR ? raw + c - (index.pieceFold[k] as number) + 1 : raw + 1 };
}

/** Folded offset of a position inside an indexed text node. */
function offsetInIndexedNode(index: TextIndex, n: number, raw: number): number {
  const first = index.nodeFirstPiece[n] as number;
  if (first < 0) return index.nodeFold[n] as number;
  const last = index.nodeLastPiece[n] as number;
  const k = lastAtOrBefore(index.pieceRaw, raw, first, last);
  if (k < first) return index.pieceFold[first] as number;
  const start = index.pieceRaw[k] as number;
  const end = index.pieceRawEnd[k] as number;
  const fold = index.pieceFold[k] as number;
  if (raw < end) {
    if (index.pieceKind[k] === LINEAR) return fold + raw - start;
    return raw === start ? fold : fold + 1;
  }
  return fold + pieceFoldLength(index, k);
}

/** The first node at or after `node` in document order that holds indexed text, within the root. */
function firstIndexedFrom(index: TextIndex, node: Node | null): number {
  let cur: Node | null = node;
  while (cur !== null) {
    if (cur.nodeType === TEXT_NODE || cur.nodeType === CDATA_SECTION_NODE) {
      const n = index.nodeIndex.get(cur as Text);
      if (n !== undefined) return offsetInIndexedNode(index, n, 0);
    }
    cur = nextInOrder(index.root, cur, true);
  }
  return index.text.length;
}

function nextInOrder(root: Node, node: Node, descend: boolean): Node | null {
  if (descend && node.firstChild !== null) return node.firstChild;
  let cur: Node | null = node;
  while (cur !== null && cur !== root) {
    if (cur.nextSibling !== null) return cur.nextSibling;
    cur = cur.parentNode;
  }
  return null;
}

/**
 * Folded offset for a DOM boundary point (container, offset) as a Range
 * stores it. Points in skipped content (hidden, script) snap forward to the
 * next indexed text. Null when the point lies outside the root.
 */
export function offsetAt(index: TextIndex, container: Node, offset: number): number | null {
  const root = index.root;
  if (container !== root && !root.contains(container)) {
    // A point before or after the whole root still has a sensible answer.
    const pos = root.compareDocumentPosition(container);
    if (pos & 8 /* CONTAINS: an ancestor of the root */) {
      let child: Node = root;
      while (child.parentNode !== null && child.parentNode !== container) child = child.parentNode;
      const at = Array.prototype.indexOf.call(container.childNodes, child) as number;
      return offset <= at ? 0 : index.text.length;
    }
    if (pos & 2 /* PRECEDING */) return 0;
    if (pos & 4 /* FOLLOWING */) return index.text.length;
    return null;
  }
  const type = container.nodeType;
  if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
    const n = index.nodeIndex.get(container as Text);
    if (n !== undefined) return offsetInIndexedNode(index, n, offset);
    return firstIndexedFrom(index, nextInOrder(root, container, false));
  }
  if (type !== ELEMENT_NODE && type !== 9 && type !== 11) {
    // Comments and processing instructions: their offsets count characters, not children.
    return firstIndexedFrom(index, nextInOrder(root, container, false));
  }
  const child = container.childNodes[offset];
  if (child !== undefined) return firstIndexedFrom(index, child);
  return container === root ? index.text.length : firstIndexedFrom(index, nextInOrder(root, container, false));
}

export interface TextSegment {
  node: Text;
  start: number;
  end: number;
}

/**
 * The visible pieces of text nodes that make up folded text [start, end).
 * A Range over the same span would also cover hidden or script text lying
 * between them; a highlighter that wraps these segments instead only ever
 * touches text the reader can see.
 */
export function textSegments(index: TextIndex, start: number, end: number): TextSegment[] {
  const out: TextSegment[] = [];
  const count = index.pieceKind.length;
  const len = index.text.length;
  const s = Math.max(0, Math.min(len, start));
  const e = Math.max(s, Math.min(len, end));
  if (count === 0 || s === e) return out;
  for (let k = Math.max(0, lastAtOrBefore(index.pieceFold, s, 0, count - 1)); k < count; k++) {
    const fold = index.pieceFold[k] as number;
    if (fold >= e) break;
    const kind = index.pieceKind[k];
    if (kind === SYNTHETIC) continue;
    const node = index.nodes[index.pieceNode[k] as number] as Text;
    const raw = index.pieceRaw[k] as number;
    let a: number;
    let b: number;
    if (kind === LINEAR) {
      const foldEnd = fold + (index.pieceRawEnd[k] as number) - raw;
      a = raw + Math.max(s, fold) - fold;
      b = raw + Math.min(e, foldEnd) - fold;
    } else {
      a = raw;
      b = raw + 1;
    }
    if (b <= a) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.node === node && prev.end === a) prev.end = b;
    else out.push({ node, start: a, end: b });
  }
  return out;
}
