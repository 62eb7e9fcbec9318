/**
 * The corpus manager (options page): importing a large bundle with progress,
 * all-or-nothing imports that name the file and field of a mistake, export →
 * import round trips, loose .txt/.html files, the article view with its
 * claims, findings and Web Annotation export, the knowledge base and settings.
 * (tests/e2e/options-page.ts says how files reach the page and downloads are caught.)
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import { generateCorpus } from '../../../scripts/gen-corpus';
import { articleText } from '../../../lib/annotation';
import { makeBundle, serializeBundle } from '../../../lib/corpus/bundle';
import { readSeedArticles } from '../../../lib/corpus/seeds-node';
import { loadKnowledgeBase } from '../../../lib/kb/index';
import type { AnnotationCollection, Article, CorpusBundle } from '../../../lib/schema';
import { poll, type DriverPage } from '../harness/index';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';
import { giveFiles, go, openOptions, savedText, type ImportOutcome, type PickedFile } from '../options-page';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const EXPORTED_AT = new Date('2025-10-21T12:00:00Z');

function bundleOf(n: number, seed: number): CorpusBundle {
  const seeds = readSeedArticles(join(ROOT, 'seeds'));
  return makeBundle(generateCorpus(n, seed, { seeds, pageTexts: [] }), EXPORTED_AT);
}

async function exportCorpus(page: DriverPage): Promise<CorpusBundle> {
  await go(page, '#import', 'button.export-corpus');
  return JSON.parse(await savedText(page, 'button.export-corpus')) as CorpusBundle;
}

/** Gives files to the import input, as the picker would (or drops them), and waits for the outcome, recording the progress bar. */
async function importFiles(page: DriverPage, files: PickedFile[], timeoutMs = 60_000, via: 'picker' | 'drop' = 'picker'): Promise<ImportOutcome> {
  await go(page, '#import', 'input.import-input');
  return giveFiles(page, files, { timeoutMs, via, recordProgress: true });
}

async function corpusCount(page: DriverPage): Promise<number> {
  await go(page, '#corpus', '.corpus-count');
  return Number(await page.evaluate(() => document.querySelector('.corpus-count')?.getAttribute('data-count')));
}

const byId = (a: Article, b: Article) => (a.id < b.id ? -1 : 1);

export default suite('options: corpus manager', [
  {
    name: 'a 1,000-article bundle imports with progress to 1,005 articles; malformed bundles change nothing and name file and field',
    timeoutMs: 240_000,
    async run({ launch }) {
      const driver = await launch();
      const page = await openOptions(driver, 'import', { keepExports: true });
      const bundle = bundleOf(1000, 42);
      const text = serializeBundle(bundle);

      const result = await importFiles(page, [{ name: 'corpus-1000.json', text }], 180_000);
      assert.equal(result.ok, true, result.text);
      assert.match(result.text, /Imported 1,000 articles from corpus-1000\.json\. The corpus now has 1,005 articles\./);
      const progress = await page.evaluate(() => (window as unknown as { __progress: { done: string | null; total: string | null; label: string }[] }).__progress);
      const counted = progress.filter((p) => p.total === '1000').map((p) => Number(p.done));
      assert.ok(counted.some((d) => d > 0 && d < 1000), `the bar showed intermediate progress; saw ${[...new Set(counted)].join(', ')}`);
      assert.ok(counted.includes(1000), 'and reached the end');
      assert.ok(progress.some((p) => /^Checking corpus-1000\.json: [\d,]+ of 1,000 articles$/.test(p.label)), 'with a label saying what it counts');
      assert.ok(progress.some((p) => /^Saving 1,000 articles/.test(p.label)), 'then saving');
      assert.equal(await corpusCount(page), 1005);

      const before = await exportCorpus(page);
      assert.equal(before.articles.length, 1005);

      const broken = structuredClone(bundle);
      broken.articles[999]!.url = 'ftp://example.com/last';
      const cases: Array<[string, unknown, RegExp]> = [
        ['broken.json', broken, /^Nothing was imported\. broken\.json: articles\.999\.url: expected an http\(s\) URL/],
        ['dupes.json', { ...bundle, articles: [bundle.articles[0], bundle.articles[0]] }, /dupes\.json: articles\.1\.id: duplicate id "syn-42-0"/],
        ['version2.json', { ...bundle, version: 2 }, /version2\.json: version: expected 1/],
        ['missing.json', { ...bundle, articles: [{ ...bundle.articles[0], outlet: undefined }] }, /missing\.json: articles\.0\.outlet: /],
        ['types.json', { ...bundle, articles: [{ ...bundle.articles[0], blocks: 'text' }] }, /types\.json: articles\.0\.blocks: /],
      ];
      for (const [name, json, expected] of cases) {
        const bad = await importFiles(page, [{ name, text: JSON.stringify(json) }]);
        assert.equal(bad.ok, false, `${name} is refused`);
        assert.match(bad.text, expected);
        assert.equal(await page.evaluate(() => document.querySelector('.import-alert')?.getAttribute('role')), 'alert');
      }
      // One good file and one bad in the same import: neither is written.
      const mixed = await importFiles(page, [
        { name: 'good.json', text: serializeBundle(bundleOf(3, 9)) },
        { name: 'notes.pdf', text: '%PDF', type: 'application/pdf' },
      ]);
      assert.match(mixed.text, /notes\.pdf: \(file\): not a corpus bundle/);

      const after = await exportCorpus(page);
      assert.deepEqual(after.articles, before.articles, 'the corpus is exactly as it was');
    },
  },
  {
    name: 'export, reset to seeds, import: the corpus round-trips; dropped .txt and .html files import; the article view and its annotations',
    timeoutMs: 180_000,
    async run({ launch }) {
      const driver = await launch();
      const page = await openOptions(driver, 'import', { keepExports: true });
      const html = readFileSync(join(ROOT, 'tests', 'fixtures', 'harbour-gazette-ceasefire.html'), 'utf8');
      const txt = [
        'Mediators press on with Gaza talks in Cairo',
        'URL: https://example.org/2025/10/09/gaza-talks',
        'Egyptian and Qatari mediators met Hamas negotiators in Cairo on Thursday, officials said.',
        'US special envoy Steve Witkoff was expected to join the talks later in the week.',
      ].join('\n');
      const loose = await importFiles(
        page,
        [
          { name: 'gazette.html', text: html, type: 'text/html' },
          { name: 'talks.txt', text: txt, type: 'text/plain' },
        ],
        60_000,
        'drop',
      );
      assert.equal(loose.ok, true, loose.text);
      assert.match(loose.text, /Imported 2 articles from 2 files\. The corpus now has 7 articles\./);
      const small = await importFiles(page, [{ name: 'small.json', text: serializeBundle(bundleOf(20, 3)) }]);
      assert.match(small.text, /The corpus now has 27 articles\./);

      const first = await exportCorpus(page);
      assert.equal(first.format, 'crosscheck-corpus');
      assert.equal(first.version, 1);
      assert.equal(first.articles.length, 27);
      const txtArticle = first.articles.find((a) => a.url === 'https://example.org/2025/10/09/gaza-talks');
      assert.equal(txtArticle?.title, 'Mediators press on with Gaza talks in Cairo', 'the .txt file, its URL line taken as its address');
      const htmlArticle = first.articles.find((a) => a.outlet === 'Harbour Gazette');
      assert.ok(htmlArticle, 'the .html file, its outlet from og:site_name');
      assert.equal(htmlArticle.origin, 'imported');

      // Reset to seeds through its confirmation dialog.
      await go(page, '#corpus', 'button.reset-seeds');
      await page.evaluate(() => document.querySelector<HTMLButtonElement>('button.reset-seeds')!.click());
      await page.waitForSelector('dialog[open] button.confirm-reset');
      await page.evaluate(() => document.querySelector<HTMLButtonElement>('dialog[open] button.confirm-reset')!.click());
      await page.waitFor(() => document.querySelector('.corpus-count')?.getAttribute('data-count') === '5', undefined, 20_000);

      const restored = await importFiles(page, [{ name: 'export.json', text: JSON.stringify(first) }]);
      assert.match(restored.text, /Imported 22 articles from export\.json \(5 articles already in the corpus, left unchanged\)\. The corpus now has 27 articles\./);
      const second = await exportCorpus(page);
      assert.deepEqual([...second.articles].sort(byId), [...first.articles].sort(byId), 'export → import gives the same corpus');

      // Importing the same export again changes nothing.
      const again = await importFiles(page, [{ name: 'export.json', text: JSON.stringify(first) }]);
      assert.match(again.text, /Imported 0 articles from export\.json \(27 articles already in the corpus/);

      // The imported page in the article view: claims, findings against the seeds, and its annotations.
      await go(page, `#article/${encodeURIComponent(htmlArticle.id)}`, '.claims-table');
      assert.ok((await page.count('.claims-table tbody tr')) > 3, 'its claims');
      assert.ok((await page.count('table.comparison tbody tr')) > 0, 'its comparison with the matched reports');
      const annotations = JSON.parse(await savedText(page, 'button.export-annotations')) as AnnotationCollection;
      assert.equal(annotations['@context'], 'http://www.w3.org/ns/anno.jsonld');
      assert.equal(annotations.type, 'AnnotationCollection');
      const text = articleText(htmlArticle);
      for (const item of annotations.first.items) {
        assert.equal(item.type, 'Annotation');
        assert.equal(item.target.source, htmlArticle.url);
        const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
        const position = item.target.selector.find((s) => s.type === 'TextPositionSelector');
        assert.ok(quote && position && quote.type === 'TextQuoteSelector' && position.type === 'TextPositionSelector');
        assert.equal(text.slice(position.start, position.end), quote.exact);
      }
      assert.equal(annotations.total, annotations.first.items.length);
    },
  },
  {
    name: 'the knowledge base: browse offices, an update with a wrong fact is refused by name, a good one is used',
    timeoutMs: 90_000,
    async run({ launch }) {
      const driver = await launch();
      const page = await openOptions(driver, 'kb', { keepExports: true });
      await page.waitForSelector('.office[data-office="US.head-of-state"]');
      const us = await page.evaluate(() => {
        const office = document.querySelector('.office[data-office="US.head-of-state"]')!;
        return {
          title: office.querySelector('h4')?.textContent,
          holders: [...office.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
          links: [...office.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        };
      });
      assert.equal(us.title, 'President of the United States');
      assert.deepEqual(us.holders.at(-1)?.slice(0, 3), ['Donald Trump', '20 January 2025', 'in office']);
      assert.ok(us.links.every((l) => l?.startsWith('https://')), "each fact's source is a link");

      const kb = structuredClone(loadKnowledgeBase()) as unknown as { offices: { id: string; holders: { from: string }[] }[]; currentTo: string };
      const bad = structuredClone(kb);
      const office = bad.offices.findIndex((o) => o.id === 'US.head-of-state');
      bad.offices[office]!.holders[0]!.from = '1993-02-30';
      const setKb = async (name: string, json: unknown) => {
        await page.evaluate(
          ([n, t]: [string, string]) => {
            const input = document.querySelector<HTMLInputElement>('input.kb-input')!;
            const dt = new DataTransfer();
            dt.items.add(new File([t], n, { type: 'application/json' }));
            input.files = dt.files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
          },
          [name, JSON.stringify(json)],
        );
      };
      await setKb('kb-bad.json', bad);
      const error = await page.waitFor(() => document.querySelector('.kb-alert .error')?.textContent ?? null, undefined, 15_000);
      assert.match(error ?? '', new RegExp(`kb-bad\\.json: Invalid knowledge base: offices\\[${office}\\]\\{US\\.head-of-state\\}\\.holders\\[0\\]\\.from: not a real calendar date`));
      assert.match((await page.texts('.kb-source'))[0] ?? '', /came with crosscheck/, 'still the bundled one');

      // An update in which Harris, not Trump, took office in January 2025: the comparison must follow it.
      const update = structuredClone(kb) as unknown as { offices: { id: string; holders: { person: string; from: string }[] }[]; currentTo: string };
      const president = update.offices.find((o) => o.id === 'US.head-of-state')!;
      president.holders.at(-1)!.person = 'kamala-harris';
      await setKb('kb-update.json', { ...update, currentTo: '2025-10-22' });
      await page.waitFor(() => /imported from kb-update\.json/.test(document.querySelector('.kb-source')?.textContent ?? ''), undefined, 15_000);
      assert.match((await page.texts('.kb-source'))[0] ?? '', /current to 22 October 2025/);
      const presidentOnRecord = async () => {
        const reply = (await driver.evalInExtension(
          () => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({ type: 'analyseStored', id: '003_1aac7037e5d61389' }),
        )) as { analysis: { table: { rows: { label: string; cells: Record<string, { value: string | null }> }[] } } };
        return reply.analysis.table.rows.find((r) => r.label === 'President of the United States')?.cells.kb?.value ?? null;
      };
      assert.equal(await presidentOnRecord(), 'Kamala Harris', "the background's engine uses the imported knowledge base");
      await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => /bundled knowledge base/.test(b.textContent ?? ''))!.click());
      await page.waitFor(() => /came with crosscheck/.test(document.querySelector('.kb-source')?.textContent ?? ''), undefined, 15_000);
      assert.equal(await presidentOnRecord(), 'Donald Trump', 'and the bundled one again after going back');
    },
  },
  {
    name: 'settings: kinds shown, minimum confidence and paused sites are saved and read back',
    timeoutMs: 60_000,
    async run({ launch }) {
      const driver = await launch();
      const page = await openOptions(driver, 'settings', { keepExports: true });
      await page.waitForSelector('input[name="kinds"]');
      await page.evaluate(() => {
        document.querySelector<HTMLInputElement>('input[name="kinds"][value="provenance"]')!.click();
        const slider = document.querySelector<HTMLInputElement>('input[type="range"]')!;
        slider.value = '0.75';
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        slider.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await page.waitFor(() => document.querySelector('.confidence-value')?.textContent === '75%');
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('.pause-site-form input')!;
        input.value = 'https://www.Example.com/news';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await page.evaluate(() => document.querySelector<HTMLButtonElement>('.pause-site-form button[type="submit"]')!.click());
      await page.waitFor(() => document.querySelector('.paused-sites')?.textContent?.includes('example.com'));
      const settings = await poll(
        'the settings to be saved',
        async () => {
          const s = (await driver.evalInExtension(async () => {
            const reply = (await (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({ type: 'hello', url: 'https://news.example.com/a' })) as {
              paused: boolean;
              settings: { kindsShown: string[]; minConfidence: number; pausedSites: string[] };
            };
            return reply;
          })) as { paused: boolean; settings: { kindsShown: string[]; minConfidence: number; pausedSites: string[] } };
          return s.settings.minConfidence === 0.75 && s.settings.pausedSites.length ? s : null;
        },
        10_000,
      );
      assert.ok(settings);
      assert.equal(settings.paused, true, 'a subdomain of a paused site is paused');
      assert.deepEqual(settings.settings.pausedSites, ['example.com']);
      assert.ok(!settings.settings.kindsShown.includes('provenance'));
      // A fresh page reads them back from the database.
      const again = await openOptions(driver, 'settings', { keepExports: true });
      await again.waitFor(
        () =>
          document.querySelector('.confidence-value')?.textContent === '75%' &&
          document.querySelector<HTMLInputElement>('input[name="kinds"][value="provenance"]')?.checked === false &&
          document.querySelector<HTMLInputElement>('input[name="kinds"][value="contradiction"]')?.checked === true,
        undefined,
        15_000,
      );
    },
  },
  {
    name: 'screenshots of the corpus manager, light and dark',
    browsers: ['chromium'],
    timeoutMs: 60_000,
    async run({ driver: getDriver }) {
      const driver = await getDriver();
      const page = await openOptions(driver, 'corpus', { keepExports: true });
      await page.waitForSelector('.corpus-table tbody tr');
      await page.setViewport({ width: 1100, height: 700 });
      const raw = page.raw as PlaywrightPage;
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const scheme of ['light', 'dark'] as const) {
        await raw.emulateMedia({ colorScheme: scheme });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.screenshot(join(SCREENSHOTS, `options-${scheme}.png`));
      }
      await raw.emulateMedia({ colorScheme: null });
    },
  },
]);
