/**
 * Hostile imports in the options page, one browser session for the whole
 * matrix: files written to a temp dir and handed to the page's real file
 * input, as the picker does (Playwright's setInputFiles, puppeteer's
 * uploadFile). For each refused import the visible error names the file and
 * the field, and the corpus exported with the page's own export button is
 * byte for byte what it was before (the export time aside, which the page
 * writes from the clock). Then a saved page full of scripts imports as text
 * without any of them running.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, Page as PuppeteerPage } from 'puppeteer-core';
import { generateCorpus } from '../../../scripts/gen-corpus';
import { makeBundle, serializeBundle } from '../../../lib/corpus/bundle';
import { readSeedArticles } from '../../../lib/corpus/seeds-node';
import { MAX_IMPORT_BYTES, type CorpusBundle } from '../../../lib/schema';
import type { Driver, DriverPage } from '../harness/index';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';
import { clearImportOutcome, importOutcome, openOptions, savedText, type ImportOutcome } from '../options-page';

const seeds = readSeedArticles(join(ROOT, 'seeds'));
const bundleOf = (n: number, seed: number): CorpusBundle => makeBundle(generateCorpus(n, seed, { seeds, pageTexts: [] }), new Date('2025-10-21T12:00:00Z'));
const MARKER = '__crosscheckImportedScriptRan';

/** Line and column (1-based) of an offset, from the text the test wrote. */
function place(text: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n');
  return `line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openImport(driver: Driver): Promise<DriverPage> {
  const page = await openOptions(driver, 'import', { ready: 'input.import-input', keepExports: true });
  await page.evaluate(() => {
    const w = window as unknown as { __reads: string[] };
    // Every picked file the page reads, by name: a file refused for its size must not be among them.
    w.__reads = [];
    for (const method of ['arrayBuffer', 'text', 'stream', 'slice', 'bytes'] as const) {
      const original = Blob.prototype[method] as ((...args: unknown[]) => unknown) | undefined;
      if (!original) continue;
      Object.defineProperty(Blob.prototype, method, {
        configurable: true,
        value(this: Blob, ...args: unknown[]) {
          if (this instanceof File) w.__reads.push(this.name);
          return original.apply(this, args);
        },
      });
    }
  });
  return page;
}

/** The export button's file, with its export time (from the clock) masked; everything else compares byte for byte. */
async function exportText(page: DriverPage): Promise<string> {
  const text = await savedText(page, 'button.export-corpus', 30_000);
  const masked = text.replace(/^ "exportedAt": "[^"]*",$/m, ' "exportedAt": "(masked)",');
  assert.notEqual(masked, text, 'the export has its time on a line of its own');
  return masked;
}

/** Hands files on disk to the page's file input, as the picker would, and waits for the outcome shown. */
async function pick(driver: Driver, page: DriverPage, paths: string[]): Promise<ImportOutcome> {
  await clearImportOutcome(page);
  if (driver.name === 'chromium') {
    await (page.raw as PlaywrightPage).setInputFiles('input.import-input', paths);
  } else {
    const input = (await (page.raw as PuppeteerPage).$('input.import-input')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(...paths);
  }
  return importOutcome(page, 60_000);
}

export default suite('options: hostile imports', [
  {
    name: 'bad JSON, versions, fields, types, duplicate ids, a 50 MB file, non-UTF-8 text and script-only pages are refused by name and leave the corpus as it was; a page with scripts imports as text without running them',
    timeoutMs: 180_000,
    async run({ launch }) {
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-hostile-imports-'));
      try {
        const write = (name: string, content: string | Buffer) => {
          writeFileSync(join(dir, name), content);
          return join(dir, name);
        };
        const bundle = bundleOf(4, 21);
        const text = serializeBundle(bundle);
        const comma = text.indexOf(',', text.indexOf('"title"', text.indexOf(`"id": "${bundle.articles[1]!.id}"`)));
        const broken = text.slice(0, comma) + text.slice(comma + 1);
        const { version: _version, ...noVersion } = bundle;
        const { outlet: _outlet, ...noOutlet } = bundle.articles[1]!;
        const latin1 = Buffer.from('Talks resume\nMediators met in the caf\u00e9 on Thursday, officials said.', 'latin1');
        const latin1Json = Buffer.from(text.replace('"title": "', '"title": "Caf\u00e9 '), 'latin1');
        // 50 MB of a plausible bundle: only its size gives it away.
        const big = Buffer.alloc(50_000_000, 0x20);
        big.write('{"format": "crosscheck-corpus", "version": 1, "exportedAt": "2025-10-21T12:00:00.000Z", "articles": [', 0);
        big.write(']}', big.length - 2);
        const onlyScript = `<html><head><style>p { color: red }</style></head><body><script>window.${MARKER} = 'only'; document.title = 'pwned'; const words = 'Mediators met the negotiators again on Thursday, officials said.';</script></body></html>`;

        const cases: Array<{ files: string[]; expected: RegExp }> = [
          {
            files: [write('broken.json', broken)],
            expected: new RegExp(`^Nothing was imported\\. broken\\.json: \\(file\\): not valid JSON at ${place(broken, broken.indexOf('"', comma))}: expected "," or "\\}" after a property value`),
          },
          { files: [write('version-2.json', JSON.stringify({ ...bundle, version: 2 }))], expected: /^Nothing was imported\. version-2\.json: version: expected 1, found 2 \(this version of crosscheck reads version 1 bundles/ },
          { files: [write('no-version.json', JSON.stringify(noVersion))], expected: /^Nothing was imported\. no-version\.json: version: missing: expected 1 \(this version of crosscheck reads version 1 bundles\)$/ },
          {
            files: [write('missing-field.json', JSON.stringify({ ...bundle, articles: [bundle.articles[0], noOutlet] }))],
            expected: /^Nothing was imported\. missing-field\.json: articles\.1\.outlet: missing \(expected string\)$/,
          },
          {
            files: [write('wrong-type.json', JSON.stringify({ ...bundle, articles: [bundle.articles[0], bundle.articles[1], { ...bundle.articles[2], addedAt: 'yesterday' }] }))],
            expected: /^Nothing was imported\. wrong-type\.json: articles\.2\.addedAt: expected number, found the text "yesterday"$/,
          },
          {
            files: [write('dupes.json', JSON.stringify({ ...bundle, articles: [...bundle.articles, { ...bundle.articles[1], title: 'Another title' }] }))],
            expected: new RegExp(`^Nothing was imported\\. dupes\\.json: articles\\.4\\.id: duplicate id "${escape(bundle.articles[1]!.id)}" \\(also articles\\.1\\.id\\)$`),
          },
          { files: [write('big.json', big)], expected: /^Nothing was imported\. big\.json: \(file\): 50\.0 MB is too large to import \(at most [\d.]+ MB\)/ },
          {
            files: [write('latin1.txt', latin1)],
            expected: new RegExp(`^Nothing was imported\\. latin1\\.txt: \\(file\\): not UTF-8 text: the bytes at offset ${latin1.indexOf(0xe9)} \\(0xE9 `),
          },
          {
            files: [write('latin1.json', latin1Json)],
            expected: new RegExp(`^Nothing was imported\\. latin1\\.json: \\(file\\): not UTF-8 text: the bytes at offset ${latin1Json.indexOf(0xe9)} \\(0xE9 `),
          },
          { files: [write('only-script.html', onlyScript)], expected: /^Nothing was imported\. only-script\.html: \(file\): no article text found/ },
          {
            // Two good files and a bad one: nothing from any of them.
            files: [
              write('good.json', serializeBundle(bundleOf(3, 22))),
              write('good.txt', 'URL: https://example.org/talks\nMediators met again on Thursday, officials said.'),
              join(dir, 'only-script.html'),
            ],
            expected: /^Nothing was imported\. only-script\.html: \(file\): no article text found/,
          },
        ];

        const driver = await launch();
        const page = await openImport(driver);
        const title = await page.evaluate(() => document.title);
        // A corpus with the reader's own articles in it, not only the seeds.
        const start = await pick(driver, page, [write('mine.json', serializeBundle(bundleOf(6, 20)))]);
        assert.equal(start.ok, true, start.text);
        const before = await exportText(page);
        assert.equal((JSON.parse(before) as CorpusBundle).articles.length, seeds.length + 6);

        for (const { files, expected } of cases) {
          const result = await pick(driver, page, files);
          assert.equal(result.ok, false, `${files.join(', ')} is refused: ${result.text}`);
          assert.match(result.text, expected);
          assert.equal(await exportText(page), before, `the corpus is byte for byte as it was after ${result.text}`);
        }
        const reads = await page.evaluate(() => (window as unknown as { __reads: string[] }).__reads);
        assert.ok(reads.includes('broken.json'), `the spy sees files being read (${reads.join(', ')})`);
        assert.ok(!reads.includes('big.json'), 'the 50 MB file was refused without being read');
        assert.ok(MAX_IMPORT_BYTES < big.length, 'the limit is below the 50 MB of the test file');

        // A saved news page with scripts everywhere imports as its text.
        const saved = [
          '<!doctype html><html lang="en"><head><title>Ceasefire talks resume</title>',
          `<script>window.${MARKER} = 'head'; document.title = 'pwned'; var SCRIPT_CANARY_HEAD = 1;</script>`,
          '<style>.STYLE_CANARY { color: red }</style>',
          '<link rel="canonical" href="https://example.org/2025/10/09/hostile-talks">',
          '</head>',
          `<body onload="window.${MARKER} = 'onload'">`,
          '<article id="imported-page-article"><h1>Ceasefire talks resume</h1>',
          '<p>Mediators met the negotiators again on Thursday, officials said, and the talks are expected to continue next week.</p>',
          `<script>window.${MARKER} = 'body'; document.title = 'pwned'; /* SCRIPT_CANARY_BODY */</script>`,
          `<p>A second round is planned for Sunday, when envoys are due to arrive. <img src="x" onerror="window.${MARKER} = 'img'"></p>`,
          `<iframe srcdoc="<script>parent.${MARKER} = 'frame'</script>"></iframe>`,
          '<p>The text &lt;script&gt;alert(1)&lt;/script&gt; is quoted in this sentence as words, and stays words.</p>',
          '</article></body></html>',
        ].join('\n');
        const ok = await pick(driver, page, [write('saved-page.html', saved)]);
        assert.equal(ok.ok, true, ok.text);
        assert.match(ok.text, new RegExp(`^Imported 1 article from saved-page\\.html\\. The corpus now has ${seeds.length + 7} articles\\.$`));
        const after = await page.evaluate((marker: string) => ({
          marker: (window as unknown as Record<string, unknown>)[marker] ?? null,
          title: document.title,
          inserted: document.getElementById('imported-page-article') !== null || document.querySelectorAll('iframe').length > 0,
        }), MARKER);
        assert.deepEqual(after, { marker: null, title, inserted: false }, 'no script of the page ran, and nothing of it entered the options page');
        const exported = await exportText(page);
        const article = (JSON.parse(exported) as CorpusBundle).articles.find((a) => a.url === 'https://example.org/2025/10/09/hostile-talks');
        assert.ok(article, 'the page is in the corpus under its canonical address');
        assert.ok(article.blocks.some((b) => b.text.startsWith('Mediators met the negotiators again on Thursday')));
        assert.ok(article.blocks.some((b) => b.text === 'The text <script>alert(1)</script> is quoted in this sentence as words, and stays words.'), 'escaped markup stays text');
        for (const canary of ['SCRIPT_CANARY', 'STYLE_CANARY', MARKER, 'pwned']) assert.ok(!exported.includes(canary), `${canary} is not in the export`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
]);
