/**
 * Page and corpus text as an attack. The flagged sentence of a news page, and
 * the title, outlet, byline and text of a corpus report, hold markup
 * (`<img onerror>`, `<script>`), an unclosed right-to-left override and other
 * bidi controls; another page's flagged sentence is 10,000 characters long.
 * (tests/e2e/fixtures-hostile.ts builds them and checks the engine flags them.)
 *
 * In the tooltip, the popup and the options page the payloads must read as
 * the characters they are: no element made from them, nothing run in the
 * page or the extension, every link http(s), every run of untrusted text
 * bidi-isolated from the interface words around it, and long text kept
 * inside the viewport. Addresses that would run code (javascript:, data:,
 * vbscript:) are refused at import, naming the field.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeBundle } from '../../../lib/corpus/bundle';
import { extractFromHtml } from '../../../lib/extract/html-node';
import type { Finding } from '../../../lib/schema';
import { startNewsServer, type NewsServer } from '../../../scripts/news-site';
import {
  HOSTILE_OUTLET,
  HOSTILE_QUOTE,
  HOSTILE_TITLE,
  HOSTILE_URL,
  IMG,
  LONG_SENTENCE,
  PAGE_SITE,
  PAGE_TITLE,
  SCRIPT,
  hostileArticle,
  hostileBundle,
  refusedBundles,
  writeHostilePages,
  type HostilePage,
} from '../fixtures-hostile';
import { expectedFindings } from '../fixtures-common';
import { poll, type Driver, type DriverPage } from '../harness/index';
import { suite } from '../harness/suite';
import { giveFiles, go, openOptions, type ImportOutcome } from '../options-page';
import { countText } from '../painted';
import { openPopup, tabIdFor } from './50-popup';

/** How long an options view may take to show its content here (the options suites allow 15 s). */
const VIEW_TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------------------
// Fixtures and their server

let generated: { dir: string; pages: { payload: HostilePage; long: HostilePage } } | null = null;

/** Written once per run to a temp dir removed when the runner exits. */
function pages() {
  if (!generated) {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-hostile-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    generated = { dir, pages: writeHostilePages(dir) };
  }
  return generated.pages;
}

async function withServer(run: (server: NewsServer) => Promise<void>): Promise<void> {
  pages();
  const server = await startNewsServer({ fixturesDir: generated!.dir });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Every untrusted string the views may show, folded: the pages' article text
 * and title and site name, and every field of the hostile report. A bidi
 * isolate whose text lies inside one of these holds nothing of the interface.
 */
function untrustedTexts(): string[] {
  const { payload, long } = pages();
  const article = hostileArticle();
  const pageText = (p: HostilePage) => extractFromHtml(p.html, 'http://127.0.0.1/').blocks.map((b) => b.text).join(' ');
  return [pageText(payload), pageText(long), PAGE_TITLE, PAGE_SITE, article.title ?? '', article.outlet, article.byline ?? '', ...article.blocks.map((b) => b.text)].map(fold);
}

// ---------------------------------------------------------------------------
// Reading a view

interface Audit {
  text: string;
  /** Elements that only the payloads' markup could have made. */
  markup: string[];
  links: { attr: string; protocol: string }[];
  /** Each text node holding a bidi control, with the nearest box that isolates it and that box's text. */
  bidi: { text: string; isolate: string; isolateText: string }[];
  width: { scroll: number; client: number };
  page: { scroll: number; client: number };
  /** The outermost elements reaching past the root's right edge, for the message when it scrolls sideways. */
  wide: string[];
  /** typeof window.__crosscheckPwned in this document's main world. */
  pwned: string;
}

/**
 * Runs in the page: `root` inside the document, or inside `host`'s shadow
 * root. A box isolates bidi text when it is a <bdi>, has unicode-bidi
 * isolate or plaintext, or is not inline (a block is a bidi paragraph of its
 * own; an inline-block is one neutral character to the line around it).
 */
function audit(arg: { host: string | null; root: string }): Audit | null {
  const scope = arg.host ? document.querySelector(arg.host)?.shadowRoot : document;
  const root = scope?.querySelector<HTMLElement>(arg.root);
  if (!root) return null;
  const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;
  const isolating = (el: Element) => {
    if (el.localName === 'bdi') return true;
    const cs = getComputedStyle(el);
    return /isolate|plaintext/.test(cs.unicodeBidi) || !/^(inline|contents)$/.test(cs.display);
  };
  const bidi: Audit['bidi'] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (!BIDI.test(t.data)) continue;
    let el: Element | null = t.parentElement;
    while (el && el !== root && !isolating(el)) el = el.parentElement;
    const ok = el && el !== root ? el : null;
    bidi.push({ text: t.data, isolate: ok ? `${ok.localName}.${ok.getAttribute('class') ?? ''}` : '(none)', isolateText: ok?.textContent ?? '' });
  }
  const page = document.scrollingElement ?? document.documentElement;
  const edge = root.getBoundingClientRect().right + 0.5;
  const wide = [...root.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > edge && !(e.parentElement && e.parentElement !== root && e.parentElement.getBoundingClientRect().right > edge))
    .map((e) => `${e.localName}.${e.getAttribute('class') ?? ''} (right ${Math.round(e.getBoundingClientRect().right)})`);
  // Text running out of its box does not widen the box: found through the text itself.
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = texts.nextNode(); n && wide.length < 8; n = texts.nextNode()) {
    // Text inside a box that scrolls sideways by design (the comparison table) is that box's business.
    let clipped = false;
    for (let e = n.parentElement; e && e !== root && !clipped; e = e.parentElement) clipped = getComputedStyle(e).overflowX !== 'visible';
    if (clipped) continue;
    range.selectNodeContents(n);
    const right = range.getBoundingClientRect().right;
    if (right > edge) wide.push(`text in ${n.parentElement?.localName}.${n.parentElement?.getAttribute('class') ?? ''} (right ${Math.round(right)})`);
  }
  return {
    text: root.textContent ?? '',
    markup: [...root.querySelectorAll('img, script, iframe, object, embed, svg, style')].map((e) => e.outerHTML.slice(0, 120)),
    links: [...root.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => ({ attr: a.getAttribute('href') ?? '', protocol: a.protocol })),
    bidi,
    width: { scroll: root.scrollWidth, client: root.clientWidth },
    page: { scroll: page.scrollWidth, client: page.clientWidth },
    pwned: typeof (window as unknown as { __crosscheckPwned?: unknown }).__crosscheckPwned,
    wide,
  };
}

interface Expect {
  /** Literal strings the view must show as text. */
  shows: string[];
  /** A link the view must have (http(s)), so the link check has something to check. */
  linksTo?: string;
  /** The view must show some bidi control, so the isolation check has something to check. */
  bidi?: boolean;
  /** The view must not scroll sideways (its own box and the document). */
  noSidewaysScroll?: boolean;
}

async function check(page: DriverPage, where: { host: string | null; root: string }, label: string, expect: Expect): Promise<Audit> {
  const a = await page.evaluate(audit, where);
  assert.ok(a, `${label}: ${where.root} is on the page`);
  assert.deepEqual(a.markup, [], `${label}: no element was made from the text`);
  assert.equal(a.pwned, 'undefined', `${label}: nothing in the text ran (window.__crosscheckPwned is ${a.pwned})`);
  for (const s of expect.shows) assert.ok(a.text.includes(s), `${label}: shows ${JSON.stringify(s)} as text; it shows ${JSON.stringify(a.text.slice(0, 400))}…`);
  const bad = a.links.filter((l) => !l.attr.startsWith('#') && l.protocol !== 'http:' && l.protocol !== 'https:');
  assert.deepEqual(bad, [], `${label}: every link opens an http(s) page (or a place in this view)`);
  if (expect.linksTo) assert.ok(a.links.some((l) => l.attr === expect.linksTo), `${label}: links to ${expect.linksTo}; links: ${a.links.map((l) => l.attr).join(' ')}`);
  if (expect.bidi) {
    assert.ok(a.bidi.length > 0, `${label}: the bidi controls are in the text`);
    const texts = untrustedTexts();
    for (const b of a.bidi) {
      const inside = fold(b.isolateText).replace(/…$/, '');
      assert.ok(
        b.isolate !== '(none)' && inside.length > 0 && texts.some((t) => t.includes(inside)),
        `${label}: bidi controls in ${JSON.stringify(b.text.slice(0, 60))} are not isolated from the interface text around them: ` +
          `the nearest isolating box is ${b.isolate}, holding ${JSON.stringify(b.isolateText.slice(0, 160))}`,
      );
    }
  }
  if (expect.noSidewaysScroll) {
    assert.ok(a.width.scroll <= a.width.client, `${label}: ${where.root} does not scroll sideways (scrollWidth ${a.width.scroll} > clientWidth ${a.width.client}; past its edge: ${a.wide.join(', ')})`);
    assert.ok(a.page.scroll <= a.page.client, `${label}: the page does not scroll sideways (scrollWidth ${a.page.scroll} > clientWidth ${a.page.client}; past the view's edge: ${a.wide.join(', ')})`);
  }
  return a;
}

/**
 * An <img onerror> added from the content script would run in the page's
 * main world once its image fails. A failing image of the test's own,
 * requested after, is the wait: the payload's error has been delivered by then.
 */
async function assertNothingRan(page: DriverPage, label: string): Promise<void> {
  const pwned = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const probe = new Image();
        probe.onerror = probe.onload = () => setTimeout(() => resolve(typeof (window as unknown as { __crosscheckPwned?: unknown }).__crosscheckPwned), 50);
        probe.src = `x-probe-${Date.now()}`;
      }),
  );
  assert.equal(pwned, 'undefined', `${label}: nothing in the text ran in the page's main world`);
}

// ---------------------------------------------------------------------------
// Steps

/** Gives one file to the import input, as the file picker would, and waits for the outcome. */
async function importFile(page: DriverPage, name: string, text: string): Promise<ImportOutcome> {
  await go(page, '#import', 'input.import-input', VIEW_TIMEOUT_MS);
  return giveFiles(page, [{ name, text }], { timeoutMs: 30_000 });
}

async function importHostileReport(driver: Driver): Promise<DriverPage> {
  const options = await openOptions(driver, 'import');
  const done = await importFile(options, 'hostile.json', serializeBundle(hostileBundle()));
  assert.equal(done.ok, true, done.text);
  assert.match(done.text, /Imported 1 article from hostile\.json/);
  return options;
}


/** Waits until the content script has painted `expected` findings and one highlight covers `sentence` exactly. */
async function waitForPaint(page: DriverPage, expected: readonly Finding[], sentence: string, label: string): Promise<void> {
  const want = countText(expected.length);
  const state = await poll(
    `${label}: ${want} painted, one on the payload sentence`,
    () =>
      page.evaluate(
        ([count, s]: [string, string]) => {
          const shown = document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.nav-count')?.textContent;
          const texts: string[] = [];
          for (const [name, h] of CSS.highlights) if (name.startsWith('crosscheck-')) for (const r of h as unknown as Iterable<Range>) texts.push(r.toString());
          return shown === count && texts.includes(s) ? { shown, texts } : null;
        },
        [want, sentence] as [string, string],
      ),
    20_000,
    200,
  );
  assert.ok(state);
}

interface Tip {
  sentence: string;
  rect: { left: number; top: number; right: number; bottom: number };
  viewport: { width: number; height: number };
  scroll: { height: number; client: number; overflowY: string };
  sentenceBox: { height: number; scrollHeight: number };
  /** The control that unfolds a cut sentence, when there is one: aria-expanded. */
  toggle: string | null;
}

function readTip(): Tip | null {
  const tip = document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector<HTMLElement>('.tooltip');
  if (!tip) return null;
  const r = tip.getBoundingClientRect();
  const sentence = tip.querySelector<HTMLElement>('.sentence');
  return {
    sentence: sentence?.textContent ?? '',
    rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
    viewport: { width: innerWidth, height: innerHeight },
    scroll: { height: tip.scrollHeight, client: tip.clientHeight, overflowY: getComputedStyle(tip).overflowY },
    sentenceBox: { height: sentence?.clientHeight ?? 0, scrollHeight: sentence?.scrollHeight ?? 0 },
    toggle: tip.querySelector('.sentence-toggle')?.getAttribute('aria-expanded') ?? null,
  };
}

/** Steps the on-page navigator until the tooltip shows the sentence holding `marker`. */
async function openTooltipOn(page: DriverPage, marker: string, findings: number, label: string): Promise<Tip> {
  let last = '';
  for (let i = 0; i <= findings; i++) {
    await page.evaluate(() => document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector<HTMLButtonElement>('.nav-next')?.click());
    const tip = (await page.waitFor(readTip, undefined, 5_000))!;
    if (tip.sentence.includes(marker)) return tip;
    last = tip.sentence.slice(0, 80);
  }
  assert.fail(`${label}: no finding's tooltip shows ${JSON.stringify(marker.slice(0, 40))} (last: ${JSON.stringify(last)})`);
}

function assertInViewport(tip: Tip, label: string): void {
  const { rect: r, viewport: v } = tip;
  assert.ok(r.left >= 0 && r.top >= 0 && r.right <= v.width && r.bottom <= v.height, `${label}: the tooltip ${JSON.stringify(r)} is inside the ${v.width}x${v.height} viewport`);
}

/** Focuses the comparison cell of `row` in `column`, then returns the quote it shows. */
async function focusCell(popup: DriverPage, row: string, column: string): Promise<string | null> {
  return popup.evaluate(
    ([label, col]: [string, string]) => {
      const tr = [...document.querySelectorAll('table.comparison tbody tr')].find((t) => t.querySelector('th')?.textContent?.trim() === label);
      const td = tr?.querySelector<HTMLElement>(`td[data-column="${col}"]`);
      if (!td) return Promise.resolve(null);
      td.focus();
      return new Promise<string | null>((resolve) => setTimeout(() => resolve(document.querySelector('[role="tooltip"]')?.textContent ?? null), 150));
    },
    [row, column] as [string, string],
  );
}

const PRESIDENT = 'President of the United States';
const OVERLAY = { host: 'crosscheck-overlay', root: '.tooltip' };
const MAIN = { host: null, root: 'main' };

// ---------------------------------------------------------------------------

export default suite('hostile text', [
  {
    name: 'corpus import: javascript:, data: and vbscript: addresses refused by field; a report of markup and bidi controls reads as text in the corpus list and article view',
    timeoutMs: 90_000,
    async run({ launch, browser }) {
      const driver = await launch();
      const options = await openOptions(driver, 'import');
      for (const refused of refusedBundles()) {
        const result = await importFile(options, refused.name, JSON.stringify(refused.json));
        assert.equal(result.ok, false, `${browser}: ${refused.name} (url ${JSON.stringify(refused.url)}) is refused`);
        assert.match(result.text, new RegExp(`${refused.name.replace('.', '\\.')}: articles\\.1\\.url: expected an http\\(s\\) URL`), `${browser}: the error names the file and the field: ${result.text}`);
      }
      await go(options, '#corpus', '.corpus-count', VIEW_TIMEOUT_MS);
      assert.equal(await options.evaluate(() => document.querySelector('.corpus-count')?.getAttribute('data-count')), '5', `${browser}: nothing of a refused file was written`);

      const done = await importFile(options, 'hostile.json', serializeBundle(hostileBundle()));
      assert.equal(done.ok, true, done.text);
      await go(options, '#corpus', '.corpus-table tr[data-id="hostile-report"]', VIEW_TIMEOUT_MS);
      await check(options, MAIN, `${browser} options, corpus list`, { shows: [HOSTILE_TITLE, HOSTILE_OUTLET], bidi: true, noSidewaysScroll: true });

      await go(options, '#article/hostile-report', '.claims-table', VIEW_TIMEOUT_MS);
      const a = hostileArticle();
      await check(options, MAIN, `${browser} options, the report's article view`, {
        shows: [HOSTILE_TITLE, HOSTILE_OUTLET, a.byline!, HOSTILE_QUOTE, SCRIPT],
        linksTo: HOSTILE_URL,
        bidi: true,
        noSidewaysScroll: true,
      });
      await assertNothingRan(options, `${browser} options`);
    },
  },
  {
    name: 'a flagged sentence of markup and bidi controls, with that report as evidence: tooltip, popup, and the page added to the corpus',
    timeoutMs: 150_000,
    async run({ launch, browser }) {
      const driver = await launch();
      const options = await importHostileReport(driver);
      await withServer(async (server) => {
        const { payload } = pages();
        const url = server.fixtureUrl(payload.path);
        const expected = expectedFindings(payload.html, url, [hostileArticle()]);
        const target = expected.find((f) => f.sentence.text === payload.sentence);
        assert.ok(target?.evidence.some((e) => e.article === 'hostile-report' && e.quote === HOSTILE_QUOTE), 'the engine quotes the hostile report against the payload sentence');

        const page = await driver.openPage(url);
        await waitForPaint(page, expected, payload.sentence, `${browser} payload page`);
        // Found by words of the sentence that are not a payload, so a tooltip that turned the payload into markup is still found and checked.
        await openTooltipOn(page, 'mission carries significant weight', expected.length, `${browser} payload page`);
        await check(page, OVERLAY, `${browser} tooltip`, { shows: [payload.sentence, HOSTILE_QUOTE, HOSTILE_OUTLET], linksTo: HOSTILE_URL, bidi: true });
        await assertNothingRan(page, `${browser} payload page, tooltip open`);

        const tabId = await tabIdFor(driver, url);
        const popup = await openPopup(driver, tabId);
        await popup.setViewport({ width: 400, height: 600 });
        assert.equal(await popup.evaluate(() => document.querySelector('.tab-view')?.getAttribute('data-state')), 'matched');
        assert.equal((await popup.texts('.page-outlet'))[0], PAGE_SITE, `${browser} popup: the site name, as text`);
        const hostileColumn = await popup.evaluate(() => document.querySelector('th[data-column="hostile-report"] .col-label')?.textContent ?? null);
        assert.equal(hostileColumn, HOSTILE_OUTLET, `${browser} popup: the report's column is headed by its outlet, as text`);
        const quoteThere = await focusCell(popup, PRESIDENT, 'hostile-report');
        assert.ok(quoteThere?.includes(HOSTILE_QUOTE), `${browser} popup: the report's cell quotes it (${JSON.stringify(quoteThere)})`);
        await check(popup, MAIN, `${browser} popup, the report's quote open`, { shows: [HOSTILE_QUOTE, HOSTILE_OUTLET, PAGE_SITE], linksTo: HOSTILE_URL, bidi: true, noSidewaysScroll: true });
        const quoteHere = await focusCell(popup, PRESIDENT, 'page');
        assert.ok(quoteHere?.includes(payload.sentence), `${browser} popup: this page's cell quotes the payload sentence (${JSON.stringify(quoteHere?.slice(0, 80))})`);
        await check(popup, MAIN, `${browser} popup, this page's quote open`, { shows: [payload.sentence, IMG], bidi: true, noSidewaysScroll: true });

        // Added to the corpus, the page keeps its words as text; its canonical link (javascript:) is not its address.
        await popup.evaluate(() => document.querySelector<HTMLButtonElement>('button.add-page')?.click());
        await popup.waitFor(() => document.querySelector('.badge.in-corpus') !== null, undefined, 15_000);
        await check(popup, MAIN, `${browser} popup, after adding the page`, { shows: [PAGE_SITE], bidi: true, noSidewaysScroll: true });

        await go(options, '#corpus', '.corpus-table tr[data-origin="added"]', VIEW_TIMEOUT_MS);
        await check(options, MAIN, `${browser} options, corpus list with the page`, { shows: [HOSTILE_TITLE, PAGE_SITE], bidi: true, noSidewaysScroll: true });
        const added = await options.evaluate(() => document.querySelector('.corpus-table tr[data-origin="added"] a.title')?.getAttribute('href') ?? null);
        assert.ok(added, 'the added page has a row');
        await go(options, added, '.finding-cards', VIEW_TIMEOUT_MS);
        await check(options, MAIN, `${browser} options, the added page's article view`, {
          shows: [payload.sentence, HOSTILE_QUOTE, HOSTILE_OUTLET, PAGE_SITE],
          linksTo: url,
          bidi: true,
          noSidewaysScroll: true,
        });
        await assertNothingRan(page, `${browser} payload page, at the end`);
      });
    },
  },
  {
    name: 'a 10,000-character flagged sentence: tooltip inside the viewport with the whole sentence on demand; popup and options do not scroll sideways',
    timeoutMs: 150_000,
    async run({ launch, browser }) {
      const driver = await launch();
      await withServer(async (server) => {
        const { long } = pages();
        const url = server.fixtureUrl(long.path);
        const expected = expectedFindings(long.html, url);
        assert.ok(long.sentence.length >= 10_000, 'the flagged sentence is 10,000 characters or more');
        const page = await driver.openPage(url);
        await page.setViewport({ width: 1024, height: 700 });
        await waitForPaint(page, expected, long.sentence, `${browser} long sentence`);

        const tip = await openTooltipOn(page, 'a note filed as ref:', expected.length, `${browser} long sentence`);
        assertInViewport(tip, `${browser} long sentence, from the navigator`);
        assert.equal(fold(tip.sentence), fold(`“${LONG_SENTENCE}”`), `${browser}: the tooltip holds the whole sentence`);
        assert.ok(tip.sentenceBox.height < tip.viewport.height / 3, `${browser}: the sentence is cut short in the tooltip (${tip.sentenceBox.height}px)`);
        assert.ok(tip.sentenceBox.scrollHeight > tip.sentenceBox.height, `${browser}: and the rest of it is there, not lost`);
        assert.equal(tip.toggle, 'false', `${browser}: a folded control offers the whole sentence`);
        await page.evaluate(() => document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector<HTMLButtonElement>('.sentence-toggle')?.click());
        await page.waitFor(() => document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.sentence-toggle')?.getAttribute('aria-expanded') === 'true', undefined, 5_000);
        const unfolded = (await page.evaluate(readTip))!;
        assertInViewport(unfolded, `${browser} long sentence, unfolded`);
        assert.ok(unfolded.sentenceBox.height >= unfolded.sentenceBox.scrollHeight - 1, `${browser}: unfolded, the whole sentence is laid out (${unfolded.sentenceBox.height} of ${unfolded.sentenceBox.scrollHeight}px)`);
        assert.ok(unfolded.scroll.height > unfolded.scroll.client && /auto|scroll/.test(unfolded.scroll.overflowY), `${browser}: the tooltip scrolls through it (${JSON.stringify(unfolded.scroll)})`);
        const scrolled = await page.evaluate(() => {
          const tip = document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector<HTMLElement>('.tooltip');
          if (!tip) return null;
          tip.scrollTop = tip.scrollHeight;
          return { top: tip.scrollTop, end: tip.scrollHeight - tip.clientHeight, wide: tip.scrollWidth - tip.clientWidth };
        });
        assert.ok(scrolled && scrolled.top > 0 && scrolled.top >= scrolled.end - 1, `${browser}: scrolled to its end (${JSON.stringify(scrolled)})`);
        assert.ok(scrolled.wide <= 0, `${browser}: the tooltip does not scroll sideways, even for a 300-letter word (${scrolled.wide}px)`);

        // Hovering the middle of the sentence, which fills the viewport.
        await page.press('Escape');
        await page.waitFor(() => !document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.tooltip'));
        const point = await page.evaluate(() => {
          for (const [name, h] of CSS.highlights) {
            if (!name.startsWith('crosscheck-')) continue;
            for (const r of h as unknown as Iterable<Range>) {
              if (r.toString().length < 10_000) continue;
              const rects = [...r.getClientRects()].filter((c) => c.width > 40 && c.top > innerHeight / 3 && c.bottom < (innerHeight * 2) / 3);
              const c = rects[0];
              if (c) return { x: c.left + 20, y: c.top + c.height / 2 };
            }
          }
          return null;
        });
        assert.ok(point, `${browser}: a line of the long sentence is in the middle of the viewport`);
        await page.mouseMove(point.x, point.y);
        const hovered = (await page.waitFor(readTip, undefined, 5_000))!;
        assertInViewport(hovered, `${browser} long sentence, hovered`);
        assert.ok(hovered.rect.bottom - hovered.rect.top >= 150, `${browser}: the hovered tooltip has room to be read (${hovered.rect.bottom - hovered.rect.top}px high)`);

        const tabId = await tabIdFor(driver, url);
        const popup = await openPopup(driver, tabId);
        await popup.setViewport({ width: 400, height: 600 });
        const quote = await focusCell(popup, PRESIDENT, 'page');
        assert.ok(quote?.includes('a note filed as ref:'), `${browser} popup: this page's cell quotes the long sentence`);
        const box = await popup.evaluate(() => {
          const q = document.querySelector<HTMLElement>('[role="tooltip"]');
          const r = q?.getBoundingClientRect();
          return q && r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right, scroll: q.scrollHeight, client: q.clientHeight, overflowY: getComputedStyle(q).overflowY } : null;
        });
        assert.ok(box, 'the quote is shown');
        assert.ok(box.top >= 0 && box.bottom <= 600 && box.left >= 0 && box.right <= 400, `${browser} popup: the long quote ${JSON.stringify(box)} stays inside the popup`);
        assert.ok(box.scroll <= box.client || /auto|scroll/.test(box.overflowY), `${browser} popup: what does not fit can be scrolled to`);
        await check(popup, MAIN, `${browser} popup, long sentence`, { shows: [], noSidewaysScroll: true });

        await popup.evaluate(() => document.querySelector<HTMLButtonElement>('button.add-page')?.click());
        await popup.waitFor(() => document.querySelector('.badge.in-corpus') !== null, undefined, 15_000);
        const options = await openOptions(driver, 'corpus');
        await options.setViewport({ width: 800, height: 700 });
        await go(options, '#corpus', '.corpus-table tr[data-origin="added"]', VIEW_TIMEOUT_MS);
        const added = await options.evaluate(() => document.querySelector('.corpus-table tr[data-origin="added"] a.title')?.getAttribute('href') ?? null);
        assert.ok(added, 'the added page has a row');
        await go(options, added, '.finding-cards', VIEW_TIMEOUT_MS);
        // The stored text unfolded too: every block is laid out.
        await options.evaluate(() => document.querySelector('details.article-text')?.setAttribute('open', ''));
        const view = await check(options, MAIN, `${browser} options, the long page's article view`, { shows: ['a note filed as ref:'], noSidewaysScroll: true });
        assert.ok(view.text.includes(LONG_SENTENCE), `${browser} options: the whole sentence is shown`);
      });
    },
  },
]);
