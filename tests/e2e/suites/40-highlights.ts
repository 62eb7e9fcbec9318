/**
 * Highlights and the tooltip on pages built from the seeds (tests/e2e/fixtures-gen.ts):
 * every finding the engine reports for a page is painted, on exactly its
 * sentence, under its kind, and nothing else is; the tooltip opens by hover
 * and from the keyboard. Expectations come from the same engine run in Node
 * on the same markup, so they follow the engine; a few known sentences are
 * also asserted literally, so an engine that stopped flagging them fails too.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND_LABEL } from '../../../components/kinds';
import type { Finding, FindingKind } from '../../../lib/schema';
import { startNewsServer, type NewsServer } from '../../../scripts/news-site';
import { expectedFindings } from '../fixtures-common';
import { writeHighlightFixtures, type Fixture, type SeedKey, type Shape } from '../fixtures-gen';
import { sleep, type BrowserName, type DriverPage } from '../harness/index';
import { ROOT } from '../harness/paths';
import { suite, type TestContext } from '../harness/suite';
import { expectedSeeds } from '../helpers';
import { badgeFor, countText, fold, paintDiff, sameSentence, show, waitForPaint as waitForFindings, type PaintSnapshot, type PaintedText } from '../painted';

const ARTIFACTS_DIR = join(ROOT, '.test-results', 'e2e-artifacts');
const HANDSHAKE = /^crosscheck: connected \(/;

/** Sentences the seeds are known to get, whatever the engine's details: the CLI's output for them. */
const KNOWN: Record<SeedKey, { kind: FindingKind; text: string }[]> = {
  '003': [
    {
      kind: 'knowledge-conflict',
      text: 'Witkoff, a seasoned diplomat with extensive Middle East experience, is expected to engage in intensive discussions with Egyptian intelligence chief Abbas Kamel and other key regional players.',
    },
    {
      kind: 'knowledge-conflict',
      text: "Diplomatic sources indicate that Witkoff's mission carries significant weight from the White House, with President Harris monitoring developments closely.",
    },
  ],
  '002': [
    {
      kind: 'knowledge-conflict',
      text: 'The Biden administration is dispatching additional negotiators to Cairo to intensify diplomacy aimed at securing a cease-fire, hostage releases and widened humanitarian access in Gaza.',
    },
    { kind: 'provenance', text: 'Listen to Article' },
  ],
};

// ---------------------------------------------------------------------------
// Fixtures and their server

let generated: { dir: string; fixtures: Fixture[] } | null = null;

/** Written once per run, to a temp dir removed when the runner exits: nothing generated lands in the repository. */
function fixtures(): { dir: string; fixtures: Fixture[] } {
  if (!generated) {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-highlights-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    generated = { dir, fixtures: writeHighlightFixtures(dir) };
  }
  return generated;
}

function fixture(shape: Shape, seed?: SeedKey): Fixture {
  const found = fixtures().fixtures.find((f) => f.shape === shape && (seed === undefined || f.seeds[0] === seed));
  if (!found) throw new Error(`no ${shape} fixture${seed ? ` for seed ${seed}` : ''}`);
  return found;
}

/** A news server of the test's own, serving the generated pages under /fixtures/. */
async function withServer(run: (server: NewsServer) => Promise<void>): Promise<void> {
  const server = await startNewsServer({ fixturesDir: fixtures().dir });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------
// What the page shows, read from its main world

interface PaintedRange extends PaintedText {
  /** The range's text with each <br> as "\n": what a reader sees, before whitespace folding. */
  text: string;
  /** Text nodes the range touches: more than one where markup cuts the sentence. */
  nodes: number;
  /** Where the range starts: inside <article>, inside <aside>, or elsewhere. */
  region: 'article' | 'aside' | 'other';
}

interface TooltipState {
  label: string | null;
  sentence: string | null;
  explanation: string | null;
  confidence: string | null;
  evidence: { outlet: string | null; value: string | null; quote: string | null }[];
  rect: { left: number; top: number; right: number; bottom: number };
  /** document.activeElement is the overlay host and its shadowRoot.activeElement is the tooltip. */
  focused: boolean;
}

interface PageState extends PaintSnapshot<PaintedRange> {
  /** Texts of the crosscheck-active highlight (the open finding). */
  active: string[];
  /** Text of the first painted range in document order. */
  first: string | null;
  tooltip: TooltipState | null;
  /** Class of the focused element inside the overlay's shadow root, when the host has focus. */
  focusInOverlay: string | null;
  viewport: { width: number; height: number };
}

function readState(): PageState {
  const PREFIX = 'crosscheck-';
  // Range.toString() drops <br>; a reader sees a line break there, so it counts as whitespace.
  const rangeText = (r: Range): { text: string; nodes: number } => {
    const root = r.commonAncestorContainer;
    if (root.nodeType === Node.TEXT_NODE) return { text: r.toString(), nodes: 1 };
    let text = '';
    let nodes = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n: Node | null = walker.nextNode(); n; n = walker.nextNode()) {
      if (!r.intersectsNode(n)) continue;
      if (n.nodeType === Node.TEXT_NODE) {
        const t = n as Text;
        const piece = t.data.slice(t === r.startContainer ? r.startOffset : 0, t === r.endContainer ? r.endOffset : t.data.length);
        text += piece;
        if (piece) nodes++;
      } else if ((n as Element).localName === 'br') text += '\n';
    }
    return { text, nodes };
  };
  const ranges: PaintedRange[] = [];
  const active: string[] = [];
  const ordered: [Range, string][] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith(PREFIX) || name.startsWith(`${PREFIX}words-`)) continue;
    for (const r of highlight as unknown as Iterable<Range>) {
      const { text, nodes } = rangeText(r);
      if (name === `${PREFIX}active`) {
        active.push(text);
        continue;
      }
      const start = r.startContainer;
      const el = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
      const region = el?.closest('article') ? 'article' : el?.closest('aside') ? 'aside' : 'other';
      ranges.push({ kind: name.slice(PREFIX.length), text, collapsed: r.collapsed, nodes, region });
      ordered.push([r, text]);
    }
  }
  ordered.sort((a, b) => a[0].compareBoundaryPoints(Range.START_TO_START, b[0]));
  const host = document.querySelector('crosscheck-overlay');
  const root = host?.shadowRoot ?? null;
  const tip = root?.querySelector<HTMLElement>('.tooltip') ?? null;
  const text = (e: Element | null | undefined) => e?.textContent ?? null;
  const r = tip?.getBoundingClientRect();
  return {
    ranges,
    active,
    first: ordered[0]?.[1] ?? null,
    overlays: document.querySelectorAll('crosscheck-overlay').length,
    count: text(root?.querySelector('.nav-count')),
    tooltip:
      tip && r
        ? {
            label: text(tip.querySelector('.kind-label')),
            sentence: text(tip.querySelector('.sentence')),
            explanation: text(tip.querySelector('.explanation')),
            confidence: text(tip.querySelector('.confidence')),
            evidence: [...tip.querySelectorAll('.evidence li')].map((li) => ({
              outlet: text(li.querySelector('.outlet')),
              value: text(li.querySelector('.value')),
              quote: text(li.querySelector('blockquote.quote')),
            })),
            rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
            focused: document.activeElement === host && root?.activeElement === tip,
          }
        : null,
    focusInOverlay: host && document.activeElement === host ? (root?.activeElement?.className ?? '') : null,
    viewport: { width: innerWidth, height: innerHeight },
  };
}

/**
 * Waits until the page paints exactly `expected` and stays so (painted.ts's
 * waitForPaint, with this suite's reading: <br> kept as "\n", whitespace may
 * differ only where the DOM breaks the sentence), and that nothing is open yet.
 */
async function waitForPaint(page: DriverPage, expected: readonly Finding[], label: string, timeoutMs = 10_000): Promise<PageState> {
  const state = await waitForFindings(page, expected, label, { read: readState, same: sameSentence, timeoutMs });
  assert.deepEqual(state.active, [], `${label}: no finding is active before one is opened`);
  return state;
}

/** The engine's findings for one state of a fixture, checked against what the seed is known to get. */
function expectFor(server: NewsServer, fx: Fixture, stateIndex: number, seed: SeedKey, label: string): { url: string; findings: Finding[] } {
  const state = fx.states[stateIndex]!;
  const url = server.fixtureUrl(state.path);
  const findings = expectedFindings(state.html, url);
  for (const k of KNOWN[seed]) {
    const hit = findings.some((f) => f.kind === k.kind && f.sentence.text === k.text);
    assert.ok(hit, `${label}: the engine no longer reports ${k.kind} on ${JSON.stringify(k.text)}; it reports:\n${findings.map((f) => show(f.kind, f.sentence.text)).join('\n')}`);
  }
  return { url, findings };
}

// ---------------------------------------------------------------------------
// Tooltip

/** Outlets of the seeds other than `seed`'s own: the "other reports" a tooltip can cite. */
function otherOutlets(seed: SeedKey): Set<string> {
  return new Set(expectedSeeds().filter((s) => !s.id.startsWith(`${seed}_`)).map((s) => s.outlet));
}

/** The finding to hover: a conflict that other reports weigh in on, so the tooltip must name and quote them. */
function hoverTarget(findings: readonly Finding[], seed: SeedKey): Finding {
  const others = otherOutlets(seed);
  const target = findings.find((f) => (f.kind === 'knowledge-conflict' || f.kind === 'contradiction') && f.evidence.some((e) => others.has(e.outlet)));
  assert.ok(target, `seed ${seed}: no conflict finding with evidence from another outlet to hover`);
  return target;
}

function assertTooltipShows(tip: TooltipState | null, finding: Finding, viewport: PageState['viewport'], label: string): asserts tip is TooltipState {
  assert.ok(tip, `${label}: the tooltip is open`);
  assert.equal(tip.label, KIND_LABEL[finding.kind], `${label}: kind label`);
  assert.equal(tip.sentence, `“${finding.sentence.text}”`, `${label}: the sentence it is about`);
  assert.equal(tip.explanation, finding.explanation, `${label}: explanation`);
  assert.equal(tip.confidence, `${Math.round(finding.confidence * 100)}% sure`, `${label}: confidence`);
  assert.deepEqual(
    tip.evidence,
    finding.evidence.map((e) => ({ outlet: e.outlet, value: e.value ? `: ${e.value}` : null, quote: e.quote || null })),
    `${label}: evidence: outlets, values and quotes`,
  );
  const { rect } = tip;
  assert.ok(
    rect.left >= 0 && rect.top >= 0 && rect.right <= viewport.width && rect.bottom <= viewport.height,
    `${label}: the tooltip fits the viewport: ${JSON.stringify(rect)} in ${JSON.stringify(viewport)}`,
  );
}

async function waitForTooltip(page: DriverPage, label: string, check: (s: PageState) => boolean, timeoutMs = 3_000): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate(readState);
    if (check(state)) return state;
    if (Date.now() > deadline) {
      assert.fail(`${label}: timed out after ${timeoutMs} ms; tooltip: ${JSON.stringify(state.tooltip)}, focus: ${state.focusInOverlay}`);
    }
    await sleep(50);
  }
}

/** Scrolls the finding's highlight into view and moves the mouse onto its first line box, as a reader would. */
async function hover(page: DriverPage, finding: Finding, seed: SeedKey, label: string): Promise<PageState> {
  const point = await page.evaluate(
    ([kind, sentence]: [string, string]) => {
      const squash = (s: string) => s.replace(/\s+/g, '');
      const highlight = CSS.highlights.get(`crosscheck-${kind}`) as unknown as Iterable<Range> | undefined;
      for (const r of highlight ?? []) {
        if (squash(r.toString()) !== squash(sentence)) continue;
        const start = r.startContainer;
        (start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement)?.scrollIntoView({ block: 'center' });
        const box = [...r.getClientRects()].find((q) => q.width > 2 && q.height > 2);
        return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
      }
      return null;
    },
    [finding.kind, finding.sentence.text] as [string, string],
  );
  assert.ok(point, `${label}: the hovered finding has a painted range with a line box`);
  await page.mouseMove(point.x, point.y);
  const state = await waitForTooltip(page, `${label}: hover opens the tooltip`, (s) => s.tooltip !== null);
  assertTooltipShows(state.tooltip, finding, state.viewport, `${label} (hover)`);
  const others = otherOutlets(seed);
  assert.ok(
    state.tooltip.evidence.some((e) => e.outlet !== null && others.has(e.outlet) && (e.quote ?? '').length > 20),
    `${label}: the tooltip names and quotes another outlet: ${JSON.stringify(state.tooltip.evidence)}`,
  );
  assert.equal(state.tooltip.focused, false, `${label}: hover leaves focus where it was`);
  assert.equal(state.active.length, 1, `${label}: one active highlight`);
  assert.ok(sameSentence(state.active[0]!, finding.sentence.text), `${label}: the active highlight is the hovered sentence: ${JSON.stringify(state.active)}`);
  return state;
}

/**
 * Keyboard: focus reaches the navigator (by Tab, or given to it), Enter
 * opens the first finding in reading order with focus inside the tooltip,
 * Escape closes it.
 */
async function keyboard(
  page: DriverPage,
  expected: readonly Finding[],
  before: PageState,
  byTab: boolean,
  label: string,
  whileOpen?: () => Promise<void>,
): Promise<void> {
  // Out of the text column: the scroll that opening a finding causes must not slide a highlight under the pointer.
  await page.mouseMove(1, 1);
  if (byTab) {
    let at: string | null = null;
    for (let i = 0; i < 40 && !at?.includes('nav-count'); i++) {
      await page.press('Tab');
      at = (await page.evaluate(readState)).focusInOverlay;
    }
    assert.ok(at?.includes('nav-count'), `${label}: Tab reaches the navigator's count button (focus ended in ${at})`);
  } else {
    await page.evaluate(() => {
      const button = document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector<HTMLElement>('.nav-count');
      button?.focus();
    });
    const at = (await page.evaluate(readState)).focusInOverlay;
    assert.ok(at?.includes('nav-count'), `${label}: the navigator's count button takes focus (focus is in ${at})`);
  }
  await page.press('Enter');
  const open = await waitForTooltip(page, `${label}: Enter opens the tooltip with focus in it`, (s) => s.tooltip?.focused === true);
  const first = expected.find((f) => before.first !== null && sameSentence(before.first, f.sentence.text));
  assert.ok(first, `${label}: the first highlight in reading order is a finding (${JSON.stringify(before.first)})`);
  assertTooltipShows(open.tooltip, first, open.viewport, `${label} (keyboard)`);
  assert.equal(open.count, `1 of ${expected.length}`, `${label}: the navigator says which finding is open`);
  await whileOpen?.();

  await page.press('Escape');
  const closed = await waitForTooltip(page, `${label}: Escape closes the tooltip`, (s) => s.tooltip === null);
  assert.deepEqual(closed.active, [], `${label}: no active highlight once closed`);
  assert.equal(closed.count, countText(expected.length), `${label}: the navigator's count is back`);
}

async function screenshot(page: DriverPage, browser: BrowserName, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot(join(ARTIFACTS_DIR, `highlights-${browser}-${name}.png`));
}

/**
 * Everything a page must get once painted: the keyboard path, then the hover
 * tooltip, captured while open.
 */
async function checkPage(
  ctx: TestContext,
  page: DriverPage,
  expected: readonly Finding[],
  seed: SeedKey,
  name: string,
  opts: { byTab?: boolean; painted?: PageState } = {},
): Promise<PageState> {
  const label = `${ctx.browser} ${name}`;
  const state = opts.painted ?? (await waitForPaint(page, expected, label));
  await keyboard(page, expected, state, opts.byTab ?? false, label);
  await hover(page, hoverTarget(expected, seed), seed, label);
  await screenshot(page, ctx.browser, name);
  return state;
}

async function open(ctx: TestContext, url: string): Promise<DriverPage> {
  const driver = await ctx.driver();
  return driver.openPage(url);
}

// ---------------------------------------------------------------------------

export default suite('highlights', [
  {
    name: 'plain page: every finding painted on its exact sentence, by kind; badge; tooltip by Tab+Enter and by hover',
    timeoutMs: 45_000,
    async run(ctx) {
      await withServer(async (server) => {
        for (const seed of ['003', '002'] as const) {
          const name = `plain-${seed}`;
          const { url, findings } = expectFor(server, fixture('plain', seed), 0, seed, name);
          const page = await open(ctx, url);
          await checkPage(ctx, page, findings, seed, name, { byTab: true });
          // A tooltip opened by hovering goes away when the pointer does.
          await page.mouseMove(1, 1);
          const away = await waitForTooltip(page, `${ctx.browser} ${name}: moving the pointer away closes the tooltip`, (s) => s.tooltip === null);
          assert.deepEqual(away.active, [], `${ctx.browser} ${name}: no active highlight once the pointer left`);
          const badge = await badgeFor(await ctx.driver(), url);
          assert.equal(badge, String(findings.length), `${ctx.browser} ${name}: the toolbar badge counts the painted findings`);
        }
      });
    },
  },
  {
    name: 'news-site template: sentences cut by <a>/<em>/<span>, a <br> and source newlines are painted whole',
    timeoutMs: 45_000,
    async run(ctx) {
      await withServer(async (server) => {
        for (const seed of ['003', '002'] as const) {
          const name = `news-${seed}`;
          const { url, findings } = expectFor(server, fixture('news', seed), 0, seed, name);
          const page = await open(ctx, url);
          const state = await waitForPaint(page, findings, `${ctx.browser} ${name}`);
          // Proof the markup really cuts the sentences (fixtures-gen's newsSentence); the text was checked whole above.
          const uncut = state.ranges.filter((r) => r.text.split(/\s+/).length >= 4 && r.nodes < 2);
          assert.deepEqual(uncut, [], `${ctx.browser} ${name}: every flagged sentence of 4+ words spans several text nodes`);
          assert.ok(
            state.ranges.some((r) => r.text.includes('\n') && !r.text.includes('  ')),
            `${ctx.browser} ${name}: a painted range spans the <br>: ${JSON.stringify(state.ranges.map((r) => r.text))}`,
          );
          assert.ok(
            state.ranges.every((r) => r.region === 'article'),
            `${ctx.browser} ${name}: nothing painted outside the article (nav, ads, related, comments)`,
          );
          await checkPage(ctx, page, findings, seed, name, { painted: state });
        }
      });
    },
  },
  {
    name: 'late article: inserted 1 s after load, painted within 5 s of arriving',
    timeoutMs: 45_000,
    async run(ctx) {
      await withServer(async (server) => {
        for (const seed of ['003', '002'] as const) {
          const name = `late-${seed}`;
          const label = `${ctx.browser} ${name}`;
          const { url, findings } = expectFor(server, fixture('late', seed), 0, seed, name);
          const page = await open(ctx, url);
          await page.waitForConsole(HANDSHAKE);
          const early = await page.evaluate(() => 'crosscheckFixture' in window);
          assert.equal(early, false, `${label}: the content script was running before the article arrived`);
          const arrival = await page.waitFor(
            () => (window as unknown as { crosscheckFixture?: { insertedAt: number; paintedBefore: number } }).crosscheckFixture,
            undefined,
            5_000,
          );
          assert.ok(arrival, `${label}: the article was inserted`);
          assert.equal(arrival.paintedBefore, 0, `${label}: nothing was painted on the empty page`);
          const painted = await waitForPaint(page, findings, label, Math.max(0, arrival.insertedAt + 5_000 - Date.now()));
          await checkPage(ctx, page, findings, seed, name, { painted });
        }
      });
    },
  },
  {
    name: 'single-page app: pushState to the other story repaints it, and nothing of the first remains',
    timeoutMs: 45_000,
    async run(ctx) {
      await withServer(async (server) => {
        const fx = fixture('spa');
        const [first, second] = fx.seeds as [SeedKey, SeedKey];
        const a = expectFor(server, fx, 0, first, `spa-${first}`);
        const b = expectFor(server, fx, 1, second, `spa-${second}`);
        const page = await open(ctx, a.url);
        await waitForPaint(page, a.findings, `${ctx.browser} spa, ${first} as loaded`);

        const link = await page.evaluate((key: string) => {
          // The first line box: a link that wraps has its bounding box's middle between its lines.
          const r = document.querySelector(`a[data-story="${key}"]`)?.getClientRects()[0];
          return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
        }, second);
        assert.ok(link, `the SPA has a link to story ${second}`);
        await page.click(link.x, link.y);
        assert.equal(await page.evaluate(() => location.href), b.url, 'the click pushed the story URL without a reload');
        const swapped = await waitForPaint(page, b.findings, `${ctx.browser} spa, after switching to ${second}`);
        const stale = swapped.ranges.filter((r) => a.findings.some((f) => sameSentence(r.text, f.sentence.text)));
        assert.deepEqual(stale, [], `no highlight of story ${first} remains`);
        await checkPage(ctx, page, b.findings, second, `spa-${second}`, { painted: swapped });

        // And back: the browser's Back button is a popstate, not a click.
        await page.evaluate(() => history.back());
        await waitForPaint(page, a.findings, `${ctx.browser} spa, back to ${first}`);
      });
    },
  },
  {
    name: 'a flagged sentence quoted again outside the article: the highlight lands on the article',
    timeoutMs: 45_000,
    async run(ctx) {
      await withServer(async (server) => {
        for (const seed of ['003', '002'] as const) {
          const name = `duplicate-${seed}`;
          const label = `${ctx.browser} ${name}`;
          const fx = fixture('duplicate', seed);
          const decoy = fx.decoy!;
          const { url, findings } = expectFor(server, fx, 0, seed, name);
          const page = await open(ctx, url);
          const state = await waitForPaint(page, findings, label);
          // The page really does hold the sentence twice, the decoy first, with other words around it.
          const places = await page.evaluate((s: string) => {
            const out: string[] = [];
            for (const el of document.querySelectorAll('aside p, article p')) {
              const text = (el.textContent ?? '').replace(/\s+/g, ' ');
              if (text.includes(s)) out.push(el.closest('aside') ? 'aside' : 'article');
            }
            return out;
          }, decoy);
          assert.deepEqual(places, ['aside', 'article'], `${label}: the sentence is on the page twice, the related box first`);
          const hits = state.ranges.filter((r) => sameSentence(r.text, decoy));
          assert.deepEqual(
            hits.map((r) => r.region),
            findings.filter((f) => f.sentence.text === decoy).map(() => 'article'),
            `${label}: the duplicated sentence is painted in the article, where its prefix and suffix are, not in the related box`,
          );
          // What follows the highlight in its paragraph is what followed the sentence when it was analysed.
          const finding = findings.find((f) => f.sentence.text === decoy)!;
          const after = await page.evaluate((sentence: string) => {
            const squash = (t: string) => t.replace(/\s+/g, '');
            for (const [name, h] of CSS.highlights) {
              if (!name.startsWith('crosscheck-')) continue;
              for (const r of h as unknown as Iterable<Range>) {
                if (squash(r.toString()) !== squash(sentence)) continue;
                const block = r.endContainer.parentElement?.closest('p');
                if (!block) return null;
                const rest = document.createRange();
                rest.setStart(r.endContainer, r.endOffset);
                rest.setEnd(block, block.childNodes.length);
                return rest.toString();
              }
            }
            return null;
          }, decoy);
          const suffix = fold(finding.sentence.suffix).slice(0, 20);
          assert.ok(suffix.length > 5, `${label}: the finding stores a suffix (${JSON.stringify(finding.sentence.suffix)})`);
          assert.ok(
            after !== null && fold(after).startsWith(suffix),
            `${label}: the highlight is followed by the finding's suffix ${JSON.stringify(suffix)}, not by ${JSON.stringify(after?.slice(0, 40))}`,
          );
          await checkPage(ctx, page, findings, seed, name, { painted: state });
        }
      });
    },
  },
  {
    name: 'a flagged sentence rewritten after painting: orphaned, never moved onto the lookalike',
    timeoutMs: 45_000,
    async run(ctx) {
      await withServer(async (server) => {
        for (const seed of ['003', '002'] as const) {
          const name = `edited-${seed}`;
          const label = `${ctx.browser} ${name}`;
          const fx = fixture('edited', seed);
          const edit = fx.edit!;
          const { url, findings } = expectFor(server, fx, 0, seed, name);
          const page = await open(ctx, url);
          await waitForPaint(page, findings, `${label}, before the edit`);
          const target = hoverTarget(findings, seed);
          assert.equal(target.sentence.text, edit.from, `${label}: the sentence the page rewrites is the hovered conflict`);
          await hover(page, target, seed, label);

          const rewrote = await page.evaluate(() => (window as unknown as { crosscheckFixture: { rewrite(): boolean } }).crosscheckFixture.rewrite());
          assert.equal(rewrote, true, `${label}: the page rewrote the sentence`);
          const remaining = findings.filter((f) => f.sentence.text !== edit.from);
          assert.equal(remaining.length, findings.length - 1, `${label}: exactly one finding is on the rewritten sentence`);
          const after = await waitForPaint(page, remaining, `${label}, after the edit`);
          assert.equal(after.tooltip, null, `${label}: the tooltip of the orphaned finding closed with it`);
          const onLookalike = await page.evaluate((to: string) => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let node: Text | null = null;
            for (let n = walker.nextNode(); n && !node; n = walker.nextNode()) if ((n as Text).data.includes(to)) node = n as Text;
            if (!node) return ['the rewritten sentence is not on the page'];
            const block = node.parentElement!;
            const hits: string[] = [];
            for (const [name, h] of CSS.highlights) {
              if (!name.startsWith('crosscheck-')) continue;
              for (const r of h as unknown as Iterable<Range>) if (r.intersectsNode(block)) hits.push(`${name}: ${r.toString()}`);
            }
            return hits;
          }, edit.to);
          assert.deepEqual(onLookalike, [], `${label}: nothing painted in the rewritten paragraph`);
          // Re-anchoring is debounced; a wrong late match would show up after it.
          await sleep(800);
          assert.equal(paintDiff(await page.evaluate(readState), remaining, sameSentence), null, `${label}: still orphaned a moment later`);
          // The navigator now walks the findings that are left; captured with the first one open.
          await keyboard(page, remaining, after, false, label, () => screenshot(page, ctx.browser, name));
        }
      });
    },
  },
]);
