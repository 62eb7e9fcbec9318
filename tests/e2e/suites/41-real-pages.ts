/**
 * Real news pages (Mozilla Readability's test pages, in ../shared/pages), none
 * of them about the seeded story: the extension must leave them alone. No
 * conflict highlights (provenance marks are allowed: a page can carry a
 * text-to-speech widget), no overlay unless something is painted, and nothing
 * the extension logs as an error. Chromium only: the point is the pages, not
 * the browser, and one browser keeps this inside its time budget.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Worker } from 'playwright-core';
import { startNewsServer } from '../../../scripts/news-site';
import { sleep, type ConsoleEntry, type DriverPage, type PageError } from '../harness/index';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';

/** E2E_REAL_PAGES_DIR points the test at other pages (e.g. a seed page, to see it fail). */
const PAGES_DIR = process.env.E2E_REAL_PAGES_DIR ?? join(ROOT, '..', 'shared', 'pages');
const PAGES = existsSync(PAGES_DIR) ? readdirSync(PAGES_DIR).filter((f) => f.endsWith('.html')).sort() : [];
const HANDSHAKE = /^crosscheck: connected \(\d+ reports in the corpus\)$/;
/**
 * Quiet time after the content script reports what it painted: longer than its
 * 500 ms mutation debounce, so a re-analysis set off by the page's own scripts
 * is waited for too.
 */
const QUIET_MS = 600;
/** Longest the content script may take from the handshake to its report; measured at 0.05–0.5 s here. */
const REPORT_TIMEOUT_MS = 8_000;

interface PaintedReport {
  url: string;
  painted: number;
  orphaned: number;
  at: number;
}

/**
 * Listens, inside the extension's service worker, to the "painted" message
 * each content script sends when it is done with a page (also for 0
 * findings): a completion signal, instead of guessing how long the analysis
 * takes. A listener of the test's own; the extension's listener is untouched.
 */
async function listenForReports(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __e2ePainted?: PaintedReport[] };
    if (g.__e2ePainted) return;
    const reports: PaintedReport[] = (g.__e2ePainted = []);
    const ext = (globalThis as unknown as { chrome: typeof browser }).chrome;
    ext.runtime.onMessage.addListener((message: unknown, sender: { url?: string }) => {
      const m = message as { type?: string; painted?: number; orphaned?: number };
      if (m?.type === 'painted') reports.push({ url: sender.url ?? '', painted: m.painted ?? -1, orphaned: m.orphaned ?? -1, at: Date.now() });
      return false;
    });
  });
}

/** The content script's last report for `url`, once it has been quiet for QUIET_MS; null if it never reports. */
async function settledReport(worker: Worker, url: string): Promise<PaintedReport | null> {
  const deadline = Date.now() + REPORT_TIMEOUT_MS;
  for (;;) {
    const reports = await worker.evaluate(
      (u) => ((globalThis as unknown as { __e2ePainted?: PaintedReport[] }).__e2ePainted ?? []).filter((r) => r.url === u),
      url,
    );
    const last = reports[reports.length - 1];
    if (last && Date.now() - last.at >= QUIET_MS) return last;
    if (Date.now() > deadline) return last ?? null;
    await sleep(last ? QUIET_MS - (Date.now() - last.at) : 50);
  }
}

/** Our errors name us or come from our scripts; the page's own (its scripts, its blocked resources) do neither. */
function fromExtension(text: string, url?: string): boolean {
  return /crosscheck|chrome-extension:\/\//i.test(text) || (url ?? '').startsWith('chrome-extension://');
}

function extensionErrors(page: DriverPage): string[] {
  const logged = page.console.filter((e: ConsoleEntry) => e.type === 'error' && fromExtension(e.text, e.url));
  const thrown = page.errors.filter((e: PageError) => fromExtension(`${e.message}\n${e.stack ?? ''}`));
  return [...logged.map((e) => `console.error: ${e.text} (${e.url ?? 'no location'})`), ...thrown.map((e) => `uncaught: ${e.message}`)];
}

interface Seen {
  highlights: { name: string; texts: string[] }[];
  overlays: number;
  count: string | null;
}

function readPage(): Seen {
  const highlights: Seen['highlights'] = [];
  for (const [name, h] of CSS.highlights) {
    if (name.startsWith('crosscheck-') && !name.startsWith('crosscheck-words-')) highlights.push({ name, texts: [...(h as unknown as Iterable<Range>)].map((r) => r.toString().slice(0, 80)) });
  }
  const host = document.querySelector('crosscheck-overlay');
  return {
    highlights,
    overlays: document.querySelectorAll('crosscheck-overlay').length,
    count: host?.shadowRoot?.querySelector('.nav-count')?.textContent ?? null,
  };
}

export default suite('real pages', [
  {
    name: `real news pages (${PAGES.length} from ${relative(ROOT, PAGES_DIR)}): no conflict highlights, no stray overlay, no extension errors`,
    browsers: ['chromium'],
    skip: PAGES.length ? undefined : `no real pages: ${PAGES_DIR} is absent or holds no .html`,
    timeoutMs: 120_000,
    async run(ctx) {
      // A browser of its own: the network block below must not outlive this test.
      const driver = await ctx.launch();
      const context = driver.raw as BrowserContext;
      const worker = context.serviceWorkers().find((w) => w.url() === driver.backgroundUrl);
      assert.ok(worker, `the extension's service worker (${driver.backgroundUrl}) is running`);
      await listenForReports(worker);
      // The pages' scripts, fonts and ads would go to the internet: refused at once, so no test waits on the network.
      await context.route(
        (url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1',
        (route) => route.abort('blockedbyclient'),
      );
      const server = await startNewsServer({ fixturesDir: PAGES_DIR });
      const problems: string[] = [];
      const provenanceOnly: string[] = [];
      try {
        for (const file of PAGES) {
          const url = server.fixtureUrl(file);
          let page: DriverPage | null = null;
          try {
            page = await driver.openPage(url);
            await page.waitForConsole(HANDSHAKE, 10_000);
            const report = await settledReport(worker, url);
            const seen = await page.evaluate(readPage);
            const painted = seen.highlights.reduce((n, h) => n + h.texts.length, 0);
            if (!report) problems.push(`${file}: the content script never reported what it painted (analysis hung or failed)`);
            else if (report.painted !== painted) problems.push(`${file}: the content script reported ${report.painted} painted, the page shows ${painted}`);
            const wrong = seen.highlights.filter((h) => h.name !== 'crosscheck-provenance');
            if (wrong.length) problems.push(`${file}: painted ${wrong.map((h) => `${h.name} on ${JSON.stringify(h.texts)}`).join('; ')}`);
            if (seen.overlays > 1) problems.push(`${file}: ${seen.overlays} <crosscheck-overlay> elements`);
            if (seen.overlays && !painted) problems.push(`${file}: a <crosscheck-overlay> with nothing painted (count ${JSON.stringify(seen.count)})`);
            if (painted && seen.count !== `${painted} ${painted === 1 ? 'finding' : 'findings'}`) {
              problems.push(`${file}: the navigator says ${JSON.stringify(seen.count)} for ${painted} painted`);
            }
            if (painted && !wrong.length) provenanceOnly.push(`${file}: ${seen.highlights.flatMap((h) => h.texts).join(' | ')}`);
            for (const e of extensionErrors(page)) problems.push(`${file}: ${e}`);
          } catch (error) {
            problems.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
            for (const e of page ? extensionErrors(page) : []) problems.push(`${file}: ${e}`);
          } finally {
            await page?.close().catch(() => {});
          }
        }
      } finally {
        await server.close();
      }
      assert.deepEqual(
        problems,
        [],
        `${problems.length} problem(s) on ${PAGES.length} real pages` + (provenanceOnly.length ? `\n(provenance only, allowed: ${provenanceOnly.join('; ')})` : ''),
      );
    },
  },
]);
