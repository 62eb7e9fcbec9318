/**
 * The popup's source comparison, as a reader meets it: for a seed page it
 * lines up what this page, each matched report and the knowledge base say;
 * choosing a finding takes the page to its highlight; "Add this page" puts a
 * new report in the corpus and the comparison of another page then includes
 * it; pausing and an analysis error show as such.
 *
 * The popup is opened as a page with `popup.html?tab=ID`, ID being the tab of
 * the news page (found through the background's tabState).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import { readSeedArticles } from '../../../lib/corpus/seeds-node';
import { Engine } from '../../../lib/engine';
import { loadKnowledgeBase } from '../../../lib/kb/index';
import type { Analysis } from '../../../lib/schema';
import { poll, type Driver, type DriverPage } from '../harness/index';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const PRESIDENT = 'President of the United States';
const FIXTURE = 'harbour-gazette-ceasefire.html';

type Ext = { runtime: typeof browser.runtime };

/** The tab showing `url`, as the background knows it from the content script's hello. */
export async function tabIdFor(driver: Driver, url: string): Promise<number> {
  const id = await poll(
    `a tab for ${url}`,
    () =>
      driver.evalInExtension(async (u: string) => {
        const reply = (await (globalThis as unknown as { chrome: Ext }).chrome.runtime.sendMessage({ type: 'tabState' })) as {
          tabs?: { tabId: number; url: string; connectedAt: number }[];
        };
        const tabs = (reply.tabs ?? []).filter((t) => t.url === u).sort((a, b) => b.connectedAt - a.connectedAt);
        return tabs[0]?.tabId ?? null;
      }, url),
    15_000,
    250,
  );
  return id!;
}

/** Opens the popup for a tab and waits until it shows a settled state (not loading, not analysing). */
export async function openPopup(driver: Driver, tabId: number, settled: (state: string) => boolean = (s) => s !== 'analysing'): Promise<DriverPage> {
  const page = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await poll(
    'the popup to settle',
    async () => {
      const state = await page.evaluate(() => document.querySelector('.tab-view')?.getAttribute('data-state') ?? null);
      if (state && settled(state)) return true;
      // The popup polls by itself while the page is analysed; reload it when a state it will not leave was reached early.
      if (state && state !== 'analysing') await page.evaluate(() => location.reload());
      return false;
    },
    20_000,
    300,
  );
  return page;
}

interface ColumnRead {
  id: string;
  label: string;
  signals: { label: string | null; text: string }[];
}
interface TableRead {
  columns: ColumnRead[];
  rows: { label: string; cells: Record<string, { value: string; stance: string; focusable: boolean }> }[];
}

function readTable(page: DriverPage): Promise<TableRead> {
  return page.evaluate(() => {
    const columns = [...document.querySelectorAll('table.comparison thead th[data-column]')].map((th) => ({
      id: th.getAttribute('data-column') ?? '',
      label: th.querySelector('.col-label')?.textContent?.trim() ?? '',
      signals: [...th.querySelectorAll('.signal')].map((s) => ({ label: s.getAttribute('aria-label'), text: s.textContent ?? '' })),
    }));
    const rows = [...document.querySelectorAll('table.comparison tbody tr')].map((tr) => ({
      label: tr.querySelector('th')?.textContent?.trim() ?? '',
      cells: Object.fromEntries(
        [...tr.querySelectorAll('td[data-column]')].map((td) => [
          td.getAttribute('data-column') ?? '',
          {
            value: td.querySelector('.value')?.textContent?.trim() ?? '',
            stance: td.querySelector('.stance')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
            focusable: td.getAttribute('tabindex') === '0',
          },
        ]),
      ),
    }));
    return { columns, rows };
  });
}

/** The analysis the engine makes in Node of seed 003 served at `url`: what the popup must show. */
function expectedFor003(url: string): Analysis {
  const seeds = readSeedArticles(join(ROOT, 'seeds'));
  const seed = seeds.find((s) => s.id.startsWith('003_'))!;
  return new Engine(loadKnowledgeBase(), seeds).analyse({ ...seed, url }, { canonicalUrl: seed.url });
}

async function screenshotBoth(page: DriverPage, name: string): Promise<void> {
  const raw = page.raw as PlaywrightPage;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await raw.emulateMedia({ colorScheme: scheme });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot(join(SCREENSHOTS, `${name}-${scheme}.png`), { fullPage: false });
  }
  await raw.emulateMedia({ colorScheme: null });
}

export default suite('popup: source comparison', [
  {
    name: 'seed 003: the President row shows Harris here, each report\'s value and the knowledge base\'s',
    timeoutMs: 60_000,
    async run({ driver: getDriver, server }) {
      const driver = await getDriver();
      const seed = server.pages.find((p) => p.id.startsWith('003_'))!;
      await driver.openPage(seed.url);
      const tabId = await tabIdFor(driver, seed.url);
      const popup = await openPopup(driver, tabId);
      assert.equal(await popup.evaluate(() => document.querySelector('.tab-view')?.getAttribute('data-state')), 'matched');

      const expected = expectedFor003(seed.url);
      const table = await readTable(popup);
      const row = table.rows.find((r) => r.label === PRESIDENT);
      assert.ok(row, `a "${PRESIDENT}" row; rows: ${table.rows.map((r) => r.label).join(', ')}`);
      assert.equal(row.cells.page?.value, 'Kamala Harris', 'this page says Harris');
      assert.match(row.cells.page?.stance ?? '', /conflicts/, 'and that is shown as a conflict, in words');
      assert.equal(row.cells.kb?.value, 'Donald Trump', 'the knowledge base');

      // Every matched report is a column, with the value the engine finds in it.
      const want = expected.table.rows.find((r) => r.label === PRESIDENT)!;
      assert.deepEqual(
        table.columns.map((c) => c.id).filter((id) => id !== 'page' && id !== 'kb').sort(),
        expected.matched.map((m) => m.articleId).sort(),
        'one column per matched report',
      );
      for (const m of expected.matched) {
        const cell: { value: string } | undefined = row.cells[m.articleId];
        const wanted = want.cells[m.articleId];
        assert.equal(cell?.value, wanted?.value ?? '—', `${m.outlet}'s value`);
        assert.equal(table.columns.find((c) => c.id === m.articleId)?.label, m.outlet, 'the column is labelled with the outlet');
      }
      assert.deepEqual(
        expected.matched.map((m) => row.cells[m.articleId]?.value).sort(),
        ['Donald Trump', 'Joe Biden', 'Joe Biden', 'Joe Biden'],
        'the reports disagree: three say Biden, one Trump',
      );
      // Stances are text as well as symbols, and every signal icon has a text alternative.
      for (const [id, cell] of Object.entries(row.cells)) assert.match(cell.stance, /[a-z]/, `column ${id} says its stance in words`);
      const signals = table.columns.flatMap((c) => c.signals);
      assert.ok(signals.length > 0, 'credibility signals are shown');
      for (const s of signals) assert.ok(s.label && s.label.length > 3, `signal icon "${s.text}" has a text alternative`);

      // Header: outlet, date and how it was found, counts by kind in words.
      assert.equal((await popup.texts('.page-outlet'))[0], 'britbrief.co.uk');
      assert.match((await popup.texts('.date-line'))[0] ?? '', /^Published .*\d{4}\. .+/);
      assert.match((await popup.texts('.kind-counts'))[0] ?? '', /\d+ Conflicts with the record/);

      // Keyboard focus on a cell shows the source's own sentence.
      const quote = await popup.evaluate((label: string) => {
        const row = [...document.querySelectorAll('table.comparison tbody tr')].find((tr) => tr.querySelector('th')?.textContent?.trim() === label);
        const target: HTMLElement | null | undefined = row?.querySelector<HTMLElement>('td[data-column="page"]');
        target?.focus();
        return new Promise<{ text: string; describedBy: string | null } | null>((resolve) =>
          setTimeout(() => {
            const tip = document.querySelector('[role="tooltip"]');
            resolve(tip ? { text: tip.textContent ?? '', describedBy: target?.getAttribute('aria-describedby') ?? null } : null);
          }, 100),
        );
      }, PRESIDENT);
      assert.ok(quote, 'focusing the cell opens its quote');
      assert.match(quote.text, /President Harris/, 'the quote is this page\'s own sentence');
      assert.equal(quote.describedBy, 'comparison-quote', 'the cell is described by the quote');

      // No text was turned into markup anywhere.
      assert.equal(await popup.count('table.comparison script, table.comparison img'), 0);
      if (driver.name === 'chromium') {
        await popup.setViewport({ width: 400, height: 600 });
        // Blurred so the quote closes (after its short delay) and the screenshot shows the table itself.
        await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await popup.waitFor(() => !document.querySelector('[role="tooltip"]'));
        await screenshotBoth(popup, 'popup');
      }
    },
  },
  {
    name: 'choosing a finding in the popup scrolls the page to it and opens its tooltip',
    timeoutMs: 60_000,
    async run({ driver: getDriver, server }) {
      const driver = await getDriver();
      const seed = server.pages.find((p) => p.id.startsWith('003_'))!;
      const news = await driver.openPage(seed.url);
      await news.setViewport({ width: 800, height: 400 });
      const tabId = await tabIdFor(driver, seed.url);
      const popup = await openPopup(driver, tabId);
      const chosen = await popup.evaluate(() => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('.finding-button')].find((b) => /President Harris/.test(b.textContent ?? ''));
        button?.click();
        return button?.closest('[data-finding]')?.getAttribute('data-finding') ?? null;
      });
      assert.ok(chosen, 'the Harris finding is listed');
      await popup.waitFor(() => document.querySelector('.finding-status')?.textContent?.includes('Shown on the page'), undefined, 10_000);
      const shown = await news.waitFor(
        () => {
          const root = document.querySelector('crosscheck-overlay')?.shadowRoot;
          const tip = root?.querySelector('.tooltip');
          return tip ? { text: tip.textContent ?? '', scrollY: window.scrollY } : null;
        },
        undefined,
        10_000,
      );
      assert.ok(shown);
      assert.match(shown.text, /President Harris/, 'the tooltip of that finding is open');
      assert.ok(shown.scrollY > 0, 'the page scrolled to the sentence');

      // A finding id the page does not have is refused politely, not thrown.
      const unknown = await popup.evaluate(async (id: number) => {
        const c = (globalThis as unknown as { chrome: { tabs: typeof browser.tabs } }).chrome;
        return c.tabs.sendMessage(id, { type: 'showFinding', findingId: 'no-such-finding' });
      }, tabId);
      assert.deepEqual(unknown, { ok: true, type: 'showFinding', shown: false });
    },
  },
  {
    name: 'a page with no article; pages too long to check (article over 400,000 characters, 5 MB of page text) say so and paint nothing',
    timeoutMs: 90_000,
    async run({ driver: getDriver, server }) {
      const driver = await getDriver();
      const url = server.fixtureUrl('not-an-article.html');
      await driver.openPage(url);
      const popup = await openPopup(driver, await tabIdFor(driver, url));
      assert.equal(await popup.evaluate(() => document.querySelector('.tab-view')?.getAttribute('data-state')), 'not-article');
      assert.match((await popup.texts('.tab-message'))[0] ?? '', /No news article/);

      // One limit is checked by the background on the extracted article, the other by the content script before copying the page.
      for (const [file, limit] of [
        ['too-long-article.html', '400,000'],
        ['huge-article.html', '2,000,000'],
      ] as const) {
        const longUrl = server.fixtureUrl(file);
        const page = await driver.openPage(longUrl);
        const state = await openPopup(driver, await tabIdFor(driver, longUrl), (s) => s === 'too-long');
        const text = (await state.texts('.tab-message'))[0] ?? '';
        assert.match(text, new RegExp(`too long to check: [\\d,]+ characters of text, and crosscheck checks up to ${limit}\\.`), file);
        const chars = Number(/([\d,]+) characters/.exec(text)?.[1]?.replace(/,/g, ''));
        assert.ok(chars > Number(limit.replace(/,/g, '')), `${file}: ${chars} characters reported`);
        assert.equal(await state.count('.tab-view button'), 0, `${file}: nothing to retry or add`);
        assert.equal(await page.evaluate(() => document.querySelector('crosscheck-overlay') !== null), false, `${file}: no overlay`);
      }
    },
  },
  {
    name: '"Add this page" adds a report; the comparison of another page then includes it; pause and resume',
    timeoutMs: 120_000,
    async run({ launch, server }) {
      const driver = await launch();
      const url = server.fixtureUrl(FIXTURE);
      await driver.openPage(url);
      const tabId = await tabIdFor(driver, url);
      const popup = await openPopup(driver, tabId);
      assert.equal(await popup.evaluate(() => document.querySelector('.tab-view')?.getAttribute('data-state')), 'matched');
      assert.deepEqual(await popup.texts('.count'), ['5 sources']);
      assert.equal(await popup.count('.badge.in-corpus'), 0, 'not in the corpus yet');
      await popup.evaluate(() => document.querySelector<HTMLButtonElement>('button.add-page')?.click());
      await popup.waitFor(() => document.querySelector('.badge.in-corpus') !== null && document.querySelector('.count')?.textContent === '6 sources', undefined, 15_000);
      assert.equal(await popup.count('button.add-page'), 0, 'no second add');
      assert.match((await popup.texts('.action-status'))[0] ?? '', /Added Harbour Gazette to your corpus; it now has 6 sources/);

      // Reopened: the corpus has one more source, and seed 003's comparison includes the new report.
      const again = await openPopup(driver, tabId);
      assert.deepEqual(await again.texts('.count'), ['6 sources']);
      assert.equal(await again.count('li.source[data-origin="added"]'), 1);
      const seed = server.pages.find((p) => p.id.startsWith('003_'))!;
      await driver.openPage(seed.url);
      const seedPopup = await openPopup(driver, await tabIdFor(driver, seed.url));
      const table = await readTable(seedPopup);
      const column = table.columns.find((c) => c.label === 'Harbour Gazette');
      assert.ok(column, `a Harbour Gazette column; columns: ${table.columns.map((c) => c.label).join(', ')}`);
      assert.equal(table.rows.find((r) => r.label === PRESIDENT)?.cells[column.id]?.value, 'Donald Trump');
      assert.match((await seedPopup.texts('.match-line'))[0] ?? '', /Compared with 5 other reports/);

      // Pause on the fixture's site, then resume: the tab is checked again.
      await again.evaluate(() => document.querySelector<HTMLButtonElement>('button.pause-site')?.click());
      await again.waitFor(() => document.querySelector('.tab-view')?.getAttribute('data-state') === 'paused', undefined, 10_000);
      await again.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Resume on this site')?.click());
      await again.waitFor(() => document.querySelector('.tab-view')?.getAttribute('data-state') === 'matched', undefined, 20_000);
    },
  },
]);
