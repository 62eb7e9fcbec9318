/**
 * A news page as they come: the article among open shadow roots (one holds
 * a copy of a flagged sentence, one slots a paragraph of the article) and 30
 * iframes (srcdoc, same-origin, another origin, nested, written by script),
 * several of them holding the article or a flagged sentence. The content
 * script runs in the top document only (the manifest's content_scripts have
 * no all_frames): the article gets exactly its highlights, in the light
 * DOM; no frame gets a highlight, an overlay or a handshake; the page's own
 * scripts, in shadow roots and in every frame, keep working; and the
 * extension logs no error.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, ConsoleMessage, Worker } from 'playwright-core';
import { startNewsServer } from '../../../scripts/news-site';
import { flaggedOnArticle, framesPage, writeFiles } from '../fixtures-frames';
import { expectedFindings } from '../fixtures-common';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, type BrowserName } from '../harness/index';
import { suite } from '../harness/suite';
import { extensionProblems, fold, waitForPaint } from '../painted';

const SEED = '003';
const HANDSHAKE = /^crosscheck: connected \(/;

interface ContentScriptEntry {
  all_frames?: boolean;
  match_about_blank?: boolean;
  match_origin_as_fallback?: boolean;
  matches?: string[];
}

function builtContentScripts(browser: BrowserName): ContentScriptEntry[] {
  const dir = browser === 'chromium' ? CHROME_EXTENSION_DIR : FIREFOX_EXTENSION_DIR;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: ContentScriptEntry[] };
  return manifest.content_scripts ?? [];
}

const sorted = (names: readonly string[]) => [...names].sort();

/** Inside every frame: what the extension could have left there, and whether the frame's own script ran. */
function frameReport(flagged: string[]) {
  const text = (document.body?.textContent ?? '').replace(/\s+/g, ' ');
  return {
    highlights: [...CSS.highlights.keys()].filter((k) => k.startsWith('crosscheck-')),
    injected: [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('crosscheck')).map((e) => e.localName),
    pings: document.documentElement.dataset.pings ?? null,
    holdsFlagged: flagged.some((s) => text.includes(s)),
  };
}

interface FixtureState {
  ready: string[];
  pongs: string[];
  clicks: number;
  shadowBefore: Record<string, string>;
}

export default suite('frames and shadow roots', [
  {
    name: 'article among 30 iframes (srcdoc, same-origin, other origin, nested) and open shadow roots: highlights in the top document only, frames and shadow roots untouched and working',
    timeoutMs: 60_000,
    async run(ctx) {
      const label = `${ctx.browser} frames`;
      // What the README says: the content script is declared for the top frame only.
      const scripts = builtContentScripts(ctx.browser);
      assert.ok(scripts.length > 0, 'the built manifest declares a content script');
      for (const cs of scripts) {
        assert.notEqual(cs.all_frames, true, `content script ${JSON.stringify(cs.matches)}: all_frames would inject it into every iframe`);
        assert.notEqual(cs.match_about_blank, true, 'content script: match_about_blank would inject it into about:blank and srcdoc frames');
        assert.notEqual(cs.match_origin_as_fallback, true, 'content script: match_origin_as_fallback would inject it into about:/blob:/data: frames');
      }

      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-frames-'));
      const server = await startNewsServer({ fixturesDir: dir });
      // The same pages on another port: another origin.
      const other = await startNewsServer({ fixturesDir: dir });
      try {
        const flagged = flaggedOnArticle(SEED).map((f) => f.sentence.text);
        const fx = framesPage(SEED, other.url, flagged);
        writeFiles(dir, fx.files);
        const url = server.fixtureUrl(fx.path);
        const expected = expectedFindings(fx.html, url);
        for (const [what, sentence] of [
          ['copied into a shadow root', fx.shadowCopy],
          ['in the slotted paragraph', fx.slotted],
        ] as const) {
          assert.ok(
            expected.some((f) => f.sentence.text === sentence),
            `${label}: the sentence ${what} is one the engine flags on this page: ${JSON.stringify(sentence)}`,
          );
        }

        const driver = await ctx.driver();
        // Chromium: every handshake the worker gets, with the frame it came from.
        let worker: Worker | null = null;
        const workerErrors: string[] = [];
        const onWorkerConsole = (m: ConsoleMessage) => {
          if (m.type() === 'error') workerErrors.push(m.text());
        };
        if (ctx.browser === 'chromium') {
          worker = (driver.raw as BrowserContext).serviceWorkers().find((w) => w.url() === driver.backgroundUrl) ?? null;
          assert.ok(worker, `${label}: the extension's service worker is running`);
          worker.on('console', onWorkerConsole);
          await worker.evaluate(() => {
            const g = globalThis as unknown as { __e2eHellos?: { frameId?: number; url?: string }[]; chrome: typeof browser };
            if (g.__e2eHellos) return;
            const hellos: { frameId?: number; url?: string }[] = (g.__e2eHellos = []);
            g.chrome.runtime.onMessage.addListener((message: unknown, sender: { frameId?: number; url?: string }) => {
              if ((message as { type?: string })?.type === 'hello') hellos.push({ frameId: sender.frameId, url: sender.url });
              return false;
            });
          });
        }

        try {
          const page = await driver.openPage(url);
          const framesReady = await page.waitFor(
            (n: number) => {
              const state = (window as unknown as { crosscheckFixture?: FixtureState }).crosscheckFixture;
              return state && state.ready.length >= n ? state.ready : null;
            },
            fx.frameNames.length,
            20_000,
          );
          assert.deepEqual(sorted(framesReady ?? []), sorted(fx.frameNames), `${label}: every frame's own script ran`);

          // The article: exactly its findings, painted in the light DOM of the article.
          const state = await waitForPaint(page, expected, label, 15_000);
          const stray = state.ranges.filter((r) => r.inShadow || !r.inArticle);
          assert.deepEqual(stray, [], `${label}: every highlight is in the article's own text, none in a shadow root`);
          const copies = state.ranges.filter((r) => fold(r.text) === fold(fx.shadowCopy));
          assert.equal(copies.length, 1, `${label}: the sentence with a copy in a shadow root is painted once, in the article`);
          assert.ok(
            state.ranges.some((r) => fold(r.text) === fold(fx.slotted)),
            `${label}: the sentence in the paragraph a web component slots is painted`,
          );

          // Shadow roots: as the page built them, and its script there still answers a real click.
          const shadows = await page.evaluate(() => {
            const fixture = (window as unknown as { crosscheckFixture: FixtureState }).crosscheckFixture;
            const now: Record<string, string> = {};
            for (const host of document.querySelectorAll<HTMLElement>('[data-shadow], news-paragraph')) {
              now[host.dataset.shadow || host.localName] = host.shadowRoot?.innerHTML ?? '(no shadow root)';
            }
            const button = document.querySelector('[data-shadow="newsletter"]')?.shadowRoot?.querySelector('button');
            button?.scrollIntoView({ block: 'center' });
            const r = button?.getBoundingClientRect();
            return { before: fixture.shadowBefore, now, button: r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null };
          });
          assert.equal(Object.keys(shadows.before).length, 4, `${label}: four shadow roots in the page (${Object.keys(shadows.before).join(', ')})`);
          assert.deepEqual(shadows.now, shadows.before, `${label}: the shadow roots' content is what the page put there`);
          assert.ok(shadows.button, `${label}: the newsletter button inside its shadow root`);
          await page.click(shadows.button.x, shadows.button.y);
          const clicks = await page.evaluate(() => (window as unknown as { crosscheckFixture: FixtureState }).crosscheckFixture.clicks);
          assert.equal(clicks, 1, `${label}: the page's script in the shadow root got the click`);

          // Frames: nothing painted, nothing injected, and every frame's script answers.
          await page.evaluate(() => (window as unknown as { crosscheckFixture: { ping(): void } }).crosscheckFixture.ping());
          const pongs = await page.waitFor(
            (n: number) => {
              const s = (window as unknown as { crosscheckFixture: FixtureState }).crosscheckFixture;
              return s.pongs.length >= n ? s.pongs : null;
            },
            fx.frameNames.length,
            10_000,
          );
          assert.deepEqual(sorted(pongs ?? []), sorted(fx.frameNames), `${label}: every frame's script answers after the extension has been through`);
          const frames = await page.evaluateInFrames(frameReport, expected.map((f) => fold(f.sentence.text)));
          const unreachable = frames.filter((f) => f.error !== undefined);
          assert.deepEqual(unreachable, [], `${label}: every frame can be read`);
          assert.deepEqual(sorted(frames.map((f) => f.name)), sorted(fx.frameNames), `${label}: the driver sees the ${fx.frameNames.length} frames`);
          const touched = frames.filter((f) => f.value!.highlights.length || f.value!.injected.length);
          assert.deepEqual(
            touched.map((f) => ({ frame: f.name, url: f.url, highlights: f.value!.highlights, injected: f.value!.injected })),
            [],
            `${label}: no frame has a crosscheck highlight or element`,
          );
          const withFlagged = frames.filter((f) => f.value!.holdsFlagged).map((f) => f.name);
          assert.ok(withFlagged.length >= 8, `${label}: frames hold flagged sentences, so the check above has something to find (${withFlagged.join(', ')})`);
          assert.deepEqual(
            frames.filter((f) => f.value!.pings !== '1').map((f) => `${f.name}: ${f.value!.pings}`),
            [],
            `${label}: each frame got the ping once`,
          );

          const handshakes = page.console.filter((e) => HANDSHAKE.test(e.text));
          assert.equal(handshakes.length, 1, `${label}: one content script connected (the top document's), not one per frame: ${JSON.stringify(handshakes)}`);
          assert.deepEqual(extensionProblems(page), [], `${label}: no extension error or warning in the page or its frames`);
          if (worker) {
            const hellos = await worker.evaluate(() => (globalThis as unknown as { __e2eHellos: { frameId?: number; url?: string }[] }).__e2eHellos);
            const fromHere = hellos.filter((h) => h.url === url || h.frameId !== 0);
            assert.deepEqual(fromHere, [{ frameId: 0, url }], `${label}: the worker got one handshake, from the top frame`);
            assert.deepEqual(workerErrors, [], `${label}: no error in the service worker's console`);
          }
        } finally {
          worker?.off('console', onWorkerConsole);
        }
      } finally {
        await Promise.all([server.close(), other.close()]);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
]);
