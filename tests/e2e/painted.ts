/**
 * What the extension shows on a page: the painted ranges by kind, where they
 * start (article, shadow root), the navigator's count, and the toolbar badge;
 * and the wait until a page paints exactly the engine's findings, which the
 * highlight suite runs with its own, fuller reading of the page.
 */
import assert from 'node:assert/strict';
import type { Finding } from '../../lib/schema';
import { sleep, type ConsoleEntry, type Driver, type DriverPage, type PageError } from './harness/index';

/** What every reading of a painted range has. */
export interface PaintedText {
  kind: string;
  text: string;
  collapsed: boolean;
}

/** What every reading of a page has: the painted ranges, the overlay hosts, the navigator's count. */
export interface PaintSnapshot<R extends PaintedText = PaintedText> {
  ranges: R[];
  overlays: number;
  /** The navigator's count button ("3 findings"), null without an overlay. */
  count: string | null;
}

export interface PaintedRange extends PaintedText {
  /** The range starts inside a shadow root rather than in the document. */
  inShadow: boolean;
  inArticle: boolean;
}

export type PaintState = PaintSnapshot<PaintedRange>;

/** Runs in the page. */
export function readPaint(): PaintState {
  const PREFIX = 'crosscheck-';
  const ranges: PaintedRange[] = [];
  for (const [name, highlight] of CSS.highlights) {
    // The open finding's mark and the claims' words (read by readWords) are not findings of their own.
    if (!name.startsWith(PREFIX) || name === `${PREFIX}active` || name.startsWith(`${PREFIX}words-`)) continue;
    for (const r of highlight as unknown as Iterable<Range>) {
      const start = r.startContainer;
      const el = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
      ranges.push({
        kind: name.slice(PREFIX.length),
        text: r.toString(),
        collapsed: r.collapsed,
        inShadow: start.getRootNode() !== document,
        inArticle: !!el?.closest('article'),
      });
    }
  }
  const host = document.querySelector('crosscheck-overlay');
  return {
    ranges,
    overlays: document.querySelectorAll('crosscheck-overlay').length,
    count: host?.shadowRoot?.querySelector('.nav-count')?.textContent ?? null,
  };
}

export const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
export const countText = (n: number) => `${n} ${n === 1 ? 'finding' : 'findings'}`;
export const show = (kind: string, text: string) => `  ${kind}: ${JSON.stringify(text)}`;

/** How a painted text is matched to a finding's sentence. */
export type SameSentence = (painted: string, sentence: string) => boolean;

const sameFolded: SameSentence = (painted, sentence) => fold(painted) === fold(sentence);

/**
 * The stricter match, for readings that keep each <br> as "\n": the painted
 * text must be the sentence itself. Only where the DOM breaks the sentence
 * (a <br>, source-formatting newlines between inline elements) may the two
 * differ, and then only in whitespace.
 */
export const sameSentence: SameSentence = (painted, sentence) => {
  if (painted === sentence) return true;
  return /\n|\s{2}/.test(painted) && fold(painted) === fold(sentence);
};

/** Kind and sentence of each painted range, sorted: what two loads of a page are compared by. */
export function paintedSentences(state: PaintState): string[] {
  return state.ranges.map((r) => `${r.kind}: ${fold(r.text)}`).sort();
}

/**
 * null when the page paints exactly `expected` (kind and sentence, no more,
 * no fewer); else what differs. Sentences match by `same`: whitespace folded
 * unless told otherwise.
 */
export function paintDiff(state: PaintSnapshot, expected: readonly Finding[], same: SameSentence = sameFolded): string | null {
  const problems: string[] = [];
  const unmatched = [...expected];
  const extra: PaintedText[] = [];
  for (const r of state.ranges) {
    if (r.collapsed) {
      problems.push(`a collapsed ${r.kind} range is still painted`);
      continue;
    }
    const i = unmatched.findIndex((f) => f.kind === r.kind && same(r.text, f.sentence.text));
    if (i === -1) extra.push(r);
    else unmatched.splice(i, 1);
  }
  if (extra.length) problems.push(`painted, but no such finding:\n${extra.map((r) => show(r.kind, r.text)).join('\n')}`);
  if (unmatched.length) problems.push(`findings not painted:\n${unmatched.map((f) => show(f.kind, f.sentence.text)).join('\n')}`);
  return problems.length ? problems.join('\n') : null;
}

/** How waitForPaint reads the page: by default readPaint, matched with whitespace folded. */
export interface PaintReading<S extends PaintSnapshot> {
  /** Runs in the page, so it must be self-contained. */
  read: () => S;
  same?: SameSentence;
  timeoutMs?: number;
}

/**
 * Waits until the page paints exactly `expected`, then checks it still does
 * a moment later (a stray highlight painted after the right ones fails too),
 * with one overlay whose navigator counts them.
 */
export function waitForPaint(page: DriverPage, expected: readonly Finding[], label: string, timeoutMs?: number): Promise<PaintState>;
export function waitForPaint<S extends PaintSnapshot>(page: DriverPage, expected: readonly Finding[], label: string, how: PaintReading<S>): Promise<S>;
export async function waitForPaint(
  page: DriverPage,
  expected: readonly Finding[],
  label: string,
  how: number | PaintReading<PaintSnapshot> = 10_000,
): Promise<PaintSnapshot> {
  const { read, same = sameFolded, timeoutMs = 10_000 }: PaintReading<PaintSnapshot> = typeof how === 'number' ? { read: readPaint, timeoutMs: how } : how;
  const deadline = Date.now() + timeoutMs;
  let last = 'nothing read yet';
  for (;;) {
    const state = await page.evaluate(read).catch((e: unknown) => {
      last = `reading the page failed: ${(e as Error).message}`;
      return null;
    });
    if (state) {
      const diff = paintDiff(state, expected, same);
      if (diff === null) break;
      last = diff;
    }
    if (Date.now() > deadline) assert.fail(`${label}: the highlights did not become the engine's findings within ${timeoutMs} ms:\n${last}`);
    await sleep(150);
  }
  await sleep(400);
  const state = await page.evaluate(read);
  const diff = paintDiff(state, expected, same);
  assert.equal(diff, null, `${label}: the highlights changed after settling:\n${diff}`);
  assert.equal(state.overlays, 1, `${label}: one <crosscheck-overlay>`);
  assert.equal(state.count, countText(expected.length), `${label}: the navigator's count`);
  return state;
}

/** The toolbar badge of the tab showing `url`, as the background set it. */
export async function badgeFor(driver: Driver, url: string): Promise<string> {
  return driver.evalInExtension(async (pageUrl: string) => {
    const ext = (globalThis as unknown as { chrome: typeof browser }).chrome;
    const reply = (await ext.runtime.sendMessage({ type: 'tabState' })) as { tabs?: { tabId: number; url: string }[] };
    const tab = reply.tabs?.find((t) => t.url === pageUrl);
    return tab ? ext.action.getBadgeText({ tabId: tab.tabId }) : `no tab for ${pageUrl}`;
  }, url);
}

/** Our errors name us or come from our scripts; the page's own do neither. */
function fromExtension(text: string, url?: string): boolean {
  return /crosscheck|chrome-extension:\/\/|moz-extension:\/\//i.test(`${text} ${url ?? ''}`);
}

/** Errors and warnings the extension left in a page's console, and exceptions it threw there. */
export function extensionProblems(page: DriverPage): string[] {
  const logged = page.console.filter((e: ConsoleEntry) => (e.type === 'error' || e.type === 'warn') && fromExtension(e.text, e.url));
  const thrown = page.errors.filter((e: PageError) => fromExtension(`${e.message}\n${e.stack ?? ''}`));
  return [...logged.map((e) => `console.${e.type}: ${e.text} (${e.url ?? 'no location'})`), ...thrown.map((e) => `uncaught: ${e.message}`)];
}

/** Opens the tooltip of `finding` by hovering its first line box; true when it opened. */
export async function hoverOpen(page: DriverPage, finding: Finding): Promise<boolean> {
  const point = await page.evaluate(
    ([kind, sentence]: [string, string]) => {
      const fold = (s: string) => s.replace(/\s+/g, '');
      for (const r of (CSS.highlights.get(`crosscheck-${kind}`) as unknown as Iterable<Range> | undefined) ?? []) {
        if (fold(r.toString()) !== fold(sentence)) continue;
        const start = r.startContainer;
        (start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement)?.scrollIntoView({ block: 'center' });
        const box = [...r.getClientRects()].find((q) => q.width > 2 && q.height > 2);
        return box ? { x: box.left + Math.min(box.width / 2, 40), y: box.top + box.height / 2 } : null;
      }
      return null;
    },
    [finding.kind, finding.sentence.text] as [string, string],
  );
  if (!point) return false;
  await page.mouseMove(point.x, point.y);
  for (let i = 0; i < 40; i++) {
    const open = await page.evaluate(() => !!document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.tooltip'));
    if (open) return true;
    await sleep(75);
  }
  return false;
}

/** A claim's words as painted: their kind, text, and whether they lie inside a painted sentence of that kind. */
export interface PaintedWords {
  kind: string;
  text: string;
  insideSentence: boolean;
}

/** Runs in the page: the crosscheck-words-* highlights. */
export function readWords(): PaintedWords[] {
  const out: PaintedWords[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('crosscheck-words-')) continue;
    const kind = name.slice('crosscheck-words-'.length);
    const sentences = [...((CSS.highlights.get(`crosscheck-${kind}`) as unknown as Iterable<Range> | undefined) ?? [])];
    for (const r of highlight as unknown as Iterable<Range>) {
      const inside = sentences.some((s) => s.compareBoundaryPoints(Range.START_TO_START, r) <= 0 && s.compareBoundaryPoints(Range.END_TO_END, r) >= 0);
      out.push({ kind, text: r.toString(), insideSentence: inside });
    }
  }
  return out;
}
