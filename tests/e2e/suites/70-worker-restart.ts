/**
 * The background stopped while a page waits on it, as Chromium does to an
 * idle MV3 service worker, on a crash, or from DevTools' "Stop": the content
 * script must ask again, and the page must end up exactly as an undisturbed
 * load of it, with the user's corpus and settings untouched.
 *
 * The stop is made deterministic. A listener of the test's own in the
 * worker (the extension's listener is untouched) keeps the worker's thread
 * busy once the page's request has arrived, so the request can get no
 * answer; the test sees that, and stops the worker through the DevTools
 * protocol (ServiceWorker.stopWorker, DevTools' own "Stop" button). Once at
 * the handshake, once with the analysis in flight.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from 'playwright-core';
import { startNewsServer } from '../../../scripts/news-site';
import type { CorpusBundle } from '../../../lib/schema';
import { articlePage, writeFiles } from '../fixtures-frames';
import { expectedFindings } from '../fixtures-common';
import { poll, type Driver, type DriverPage } from '../harness/index';
import { suite } from '../harness/suite';
import { badgeFor, extensionProblems, paintedSentences, readPaint, waitForPaint } from '../painted';

const SEED = '003';
const HOLD_LOG = 'crosscheck-e2e: holding ';
/** Settings a user changed, which a restart must not lose. */
const USER_SETTINGS = { pausedSites: ['paused.example'], highlightStyle: 'background' };

interface StatusEntry {
  at: number;
  status: string;
}

/**
 * DevTools' service-worker controls, from a tab of the test's own: every
 * running-status change of the extension's worker, and a stop.
 */
async function workerControl(driver: Driver) {
  const context = driver.raw as BrowserContext;
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  const log: StatusEntry[] = [];
  let versionId: string | null = null;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (v.scriptURL !== driver.backgroundUrl) continue;
      versionId = v.versionId;
      if (log[log.length - 1]?.status !== v.runningStatus) log.push({ at: Date.now(), status: v.runningStatus });
    }
  });
  await cdp.send('ServiceWorker.enable');
  await poll('DevTools to report the extension service worker', async () => versionId !== null, 5_000);
  return {
    log,
    status: () => log[log.length - 1]?.status ?? 'unknown',
    /** Stops the worker and waits until it has stopped (a busy one is terminated after a grace period). */
    async stop(): Promise<number> {
      const from = log.length;
      await cdp.send('ServiceWorker.stopWorker', { versionId: versionId! });
      await poll('the service worker to stop', async () => log.slice(from).some((e) => e.status === 'stopped'), 15_000);
      return from;
    },
  };
}

function extensionWorker(driver: Driver): Worker {
  const worker = (driver.raw as BrowserContext).serviceWorkers().find((w) => w.url() === driver.backgroundUrl);
  assert.ok(worker, `the extension's service worker (${driver.backgroundUrl})`);
  return worker;
}

/**
 * Marks the worker's current life (a global that dies with it) and arms the
 * hold: the first `type` request from `pageUrl` keeps the thread busy (15 s
 * at most, should the stop never come).
 */
async function armHold(worker: Worker, type: 'hello' | 'analyse', pageUrl: string): Promise<string> {
  return worker.evaluate(
    ([kind, url, log]) => {
      const g = globalThis as unknown as { __e2eLife?: string; chrome: typeof browser };
      g.__e2eLife ??= Math.random().toString(36).slice(2);
      let held = false;
      g.chrome.runtime.onMessage.addListener((message: unknown, sender: { url?: string }) => {
        if (held || (message as { type?: string })?.type !== kind || sender.url !== url) return false;
        held = true;
        console.log(log + kind);
        const until = Date.now() + 15_000;
        while (Date.now() < until) {
          // busy: the request is in, and no answer can leave until the worker is stopped
        }
        return false;
      });
      return g.__e2eLife;
    },
    [type, pageUrl, HOLD_LOG] as const,
  );
}

async function readStoredSettings(driver: Driver): Promise<unknown> {
  return driver.evalInExtension(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('crosscheck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('settings');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** The corpus as the options page exports it (Import and export → Export corpus), without its timestamp. */
async function exportCorpus(driver: Driver): Promise<Omit<CorpusBundle, 'exportedAt'>> {
  const page = await driver.openExtensionPage('options.html#import');
  try {
    await page.waitForSelector('button.export-corpus', 15_000);
    const text = await page.evaluate(async () => {
      // The file the button would save: caught at createObjectURL, the download itself cancelled.
      const saved: Blob[] = [];
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) saved.push(blob);
        return create(blob);
      };
      document.addEventListener('click', (e) => e.target instanceof HTMLAnchorElement && e.target.download && e.preventDefault(), true);
      document.querySelector<HTMLButtonElement>('button.export-corpus')!.click();
      const deadline = Date.now() + 20_000;
      while (!saved.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return saved.length ? saved[0]!.text() : null;
    });
    assert.ok(text, 'the options page exported the corpus');
    const { exportedAt: _, ...rest } = JSON.parse(text) as CorpusBundle;
    return rest;
  } finally {
    await page.close().catch(() => {});
  }
}

export default suite('worker restart', [
  {
    name: 'service worker stopped at the handshake and mid-analysis (DevTools protocol): the content script asks again; same highlights and badge as an undisturbed load; corpus and settings intact',
    timeoutMs: 120_000,
    skip: {
      firefox:
        "Firefox runs the background as an event page, not a service worker, and neither WebDriver BiDi nor puppeteer can stop it; the DevTools protocol's ServiceWorker.stopWorker is Chromium's",
    },
    async run(ctx) {
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-restart-'));
      const fixture = articlePage(SEED);
      writeFiles(dir, new Map([[fixture.path, fixture.html]]));
      const server = await startNewsServer({ fixturesDir: dir });
      try {
        const driver = await ctx.launch();
        const control = await workerControl(driver);
        await driver.evalInExtension(
          (patch) => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({ type: 'updateSettings', patch }),
          USER_SETTINGS,
        );
        const settingsBefore = await readStoredSettings(driver);
        assert.deepEqual(
          { pausedSites: (settingsBefore as { value?: { pausedSites?: string[] } })?.value?.pausedSites },
          { pausedSites: USER_SETTINGS.pausedSites },
          'the changed settings are stored',
        );
        const corpusBefore = await exportCorpus(driver);
        assert.ok(corpusBefore.articles.length >= 5, `the exported corpus holds the seeds (${corpusBefore.articles.length} articles)`);

        // An undisturbed load: what the disturbed ones must end up as.
        const calmUrl = `${server.fixtureUrl(fixture.path)}?load=calm`;
        const expected = expectedFindings(fixture.html, calmUrl);
        assert.ok(expected.length >= 2, `seed ${SEED}'s article gets findings (${expected.length})`);
        const calm = await driver.openPage(calmUrl);
        const calmState = await waitForPaint(calm, expected, 'undisturbed load');
        assert.equal(await badgeFor(driver, calmUrl), String(expected.length), 'undisturbed load: the badge counts the findings');
        assert.deepEqual(extensionProblems(calm), [], 'undisturbed load: no extension error or warning in the page');

        const stops: string[] = [];
        for (const stage of ['hello', 'analyse'] as const) {
          const label = stage === 'hello' ? 'stopped at the handshake' : 'stopped mid-analysis';
          const url = `${server.fixtureUrl(fixture.path)}?load=${stage}`;
          const worker = extensionWorker(driver);
          const life = await armHold(worker, stage, url);
          const held = new Promise<void>((resolve) => {
            const onConsole = (m: { text(): string }) => {
              if (m.text() !== HOLD_LOG + stage) return;
              worker.off('console', onConsole);
              resolve();
            };
            worker.on('console', onConsole);
          });
          const opening = driver.openPage(url);
          await Promise.race([
            held,
            opening.then(() => new Promise((_, reject) => setTimeout(() => reject(new Error(`${label}: the page's ${stage} request never reached the worker`)), 10_000))),
          ]);
          const from = await control.stop();
          const page = await opening;
          const atStop = await page.evaluate(readPaint);
          assert.deepEqual(atStop.ranges, [], `${label}: nothing was painted when the worker stopped, so the request was still unanswered`);

          const state = await waitForPaint(page, expectedFindings(fixture.html, url), label, 30_000);
          assert.deepEqual(paintedSentences(state), paintedSentences(calmState), `${label}: the same sentences, by kind, as the undisturbed load`);
          assert.equal(await badgeFor(driver, url), String(expected.length), `${label}: the badge counts the findings`);
          assert.deepEqual(extensionProblems(page), [], `${label}: no extension error or warning in the page (the retry was silent)`);

          // Proof of the restart: DevTools saw the worker stop and start again, and the old life's global is gone.
          const after = control.log.slice(from).map((e) => e.status);
          assert.ok(after.includes('stopped') && after.lastIndexOf('running') > after.indexOf('stopped'), `${label}: the worker stopped, then ran again (${after.join(' → ')})`);
          const lifeNow = await extensionWorker(driver).evaluate(() => (globalThis as unknown as { __e2eLife?: string }).__e2eLife ?? null);
          assert.notEqual(lifeNow, life, `${label}: the page was served by a new worker, not the stopped one`);
          stops.push(`${stage}: ${after.join(' → ')}`);
          await page.close();
        }

        assert.deepEqual(await readStoredSettings(driver), settingsBefore, 'settings after the restarts are the settings before');
        const corpusAfter = await exportCorpus(driver);
        assert.deepEqual(corpusAfter, corpusBefore, 'the exported corpus after the restarts is the corpus before');
        assert.equal(stops.length, 2, 'two stops');
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
]);
