/**
 * @vitest-environment-options {"settings":{"enableJavaScriptEvaluation":true}}
 *
 * (happy-dom runs no scripts by default; here it does, so that a page's
 * script that reached a live document would run and be seen to.)
 *
 * Hostile imports, through the functions the options page runs
 * (importPickedFiles with the page's inert HTML parser and its export) and
 * the background's write (the importArticles request, parsed as the
 * background parses it, then lib/db's importArticles), on fake-indexeddb.
 *
 * For every refused import: the error names the file and the field (or the
 * place in the file), and an export of the corpus after the attempt is the
 * same string as one made before it.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusExport, importPickedFiles, parseHtmlInert, type ImportRun } from '../../entrypoints/options/importer';
import { findJsonSyntaxError, firstInvalidUtf8, ImportError, makeBundle, serializeBundle } from '../../lib/corpus/bundle';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { importArticles, openDatabase, seedDatabase, type CrosscheckDb } from '../../lib/db';
import { parseRequest } from '../../lib/messaging/protocol';
import { BUNDLE_VERSION, MAX_IMPORT_BYTES, type Article, type CorpusBundle } from '../../lib/schema';
import { generateCorpus } from '../../scripts/gen-corpus';

const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
const EXPORTED_AT = new Date('2025-10-21T12:00:00Z');
const NOW = 1_760_000_000_000;
const noPause = () => Promise.resolve();

let dbCount = 0;
const open: CrosscheckDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A corpus as a reader would have it: the seeds and a few imported reports. */
async function seededDb(): Promise<CrosscheckDb> {
  const db = openDatabase(`import-hostile-${dbCount++}`);
  open.push(db);
  await seedDatabase(db, seeds);
  await importArticles(db, generateCorpus(12, 5, { seeds, pageTexts: [] }));
  return db;
}

/** The export button's text, at a fixed time so two exports of one corpus compare as strings. */
async function exported(db: CrosscheckDb): Promise<string> {
  return corpusExport(await db.articles.toArray(), EXPORTED_AT).text;
}

function run(db: CrosscheckDb, writes: Article[][] = []): ImportRun {
  return {
    now: NOW,
    parseHtml: parseHtmlInert,
    pause: noPause,
    stored: (ids) => db.articles.bulkGet(ids),
    // What the background does with the message: parse it, then write in one transaction.
    write: async (articles) => {
      const parsed = parseRequest({ type: 'importArticles', articles });
      if (!parsed.ok || parsed.request.type !== 'importArticles') throw new Error(parsed.ok ? 'wrong request' : parsed.error);
      writes.push(parsed.request.articles);
      const result = await importArticles(db, parsed.request.articles);
      return { changed: result.written.length, unchanged: result.unchanged, total: result.total };
    },
  };
}

const file = (name: string, content: string | Uint8Array<ArrayBuffer>, type = 'application/json'): File => new File([content], name, { type });

/** A small bundle of new reports, different from the seeded ones. */
function goodBundle(seed = 9, n = 3): CorpusBundle {
  return makeBundle(generateCorpus(n, seed, { seeds, pageTexts: [] }), EXPORTED_AT);
}

/** Attempts an import that must be refused; returns its error, after checking the corpus did not change. */
async function refused(files: File[]): Promise<ImportError> {
  const db = await seededDb();
  const before = await exported(db);
  const writes: Article[][] = [];
  const error = await importPickedFiles(files, run(db, writes)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the import is refused').toBeInstanceOf(ImportError);
  expect(writes, 'nothing was sent to be written').toEqual([]);
  expect(await exported(db), 'the corpus is byte for byte what it was').toBe(before);
  return error as ImportError;
}

/** Line and column (1-based) of an offset, worked out from the text the test wrote. */
function place(text: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n');
  return `line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
}

describe('hostile imports leave the corpus as it was and name the file and field', () => {
  it('invalid JSON: says the line and column, whatever the engine would say', async () => {
    const text = serializeBundle(goodBundle());
    // Drop the comma after the second article's title.
    const at = text.indexOf('"title"', text.indexOf('"id": "syn-9-1"'));
    const comma = text.indexOf(',', at);
    const broken = text.slice(0, comma) + text.slice(comma + 1);
    const error = await refused([file('broken.json', broken)]);
    expect(error.message).toBe(`broken.json: (file): not valid JSON at ${place(broken, broken.indexOf('"', comma))}: expected "," or "}" after a property value, found """`);

    // Cut off after the first article (indented two spaces), as an interrupted download would leave it.
    const cut = text.slice(0, text.indexOf('\n  },') + 5);
    const truncated = await refused([file('cut.json', cut)]);
    expect(truncated.file).toBe('cut.json');
    expect(truncated.reason).toBe(
      `not valid JSON at ${place(cut, cut.length)}: expected a value (an object, list, string in double quotes, number, true, false or null), ` +
        `found the end of the file (the list opened at ${place(cut, cut.indexOf('[', cut.indexOf('"articles"')))} is never closed)`,
    );
    const open = await refused([file('open-string.json', '{"format": "crosscheck-corpus", "version": 1, "exportedAt": "2025-')]);
    expect(open.message).toBe('open-string.json: (file): not valid JSON at line 1, column 61: this string is never closed (no matching ")');

    const quoted = await refused([file('quotes.json', "{'format': 'crosscheck-corpus'}")]);
    expect(quoted.message).toBe('quotes.json: (file): not valid JSON at line 1, column 2: expected a property name in double quotes, found "\'"');

    const trailing = '{\n "format": "crosscheck-corpus",\n "articles": [1, 2,]\n}';
    expect((await refused([file('trailing.json', trailing)])).reason).toBe(
      `not valid JSON at ${place(trailing, trailing.indexOf(']'))}: expected a value (an object, list, string in double quotes, number, true, false or null), found "]"`,
    );
  });

  it('a wrong or missing version: names the version field and the version this build reads', async () => {
    const bundle = goodBundle();
    const newer = await refused([file('newer.json', JSON.stringify({ ...bundle, version: BUNDLE_VERSION + 1 }))]);
    expect(newer.message).toBe(
      `newer.json: version: expected ${BUNDLE_VERSION}, found ${BUNDLE_VERSION + 1} (this version of crosscheck reads version ${BUNDLE_VERSION} bundles; the file comes from a newer crosscheck)`,
    );
    const asText = await refused([file('text-version.json', JSON.stringify({ ...bundle, version: String(BUNDLE_VERSION) }))]);
    expect(asText.message).toBe(
      `text-version.json: version: expected ${BUNDLE_VERSION}, found the text "${BUNDLE_VERSION}" (this version of crosscheck reads version ${BUNDLE_VERSION} bundles)`,
    );
    const { version: _version, ...noVersion } = bundle;
    const missing = await refused([file('no-version.json', JSON.stringify(noVersion))]);
    expect(missing.message).toBe(`no-version.json: version: missing: expected ${BUNDLE_VERSION} (this version of crosscheck reads version ${BUNDLE_VERSION} bundles)`);
  });

  it('missing required fields: names the article and the field', async () => {
    const bundle = goodBundle();
    const { outlet: _outlet, ...noOutlet } = bundle.articles[2]!;
    const error = await refused([file('no-outlet.json', JSON.stringify({ ...bundle, articles: [bundle.articles[0], bundle.articles[1], noOutlet] }))]);
    expect(error.message).toBe('no-outlet.json: articles.2.outlet: missing (expected string)');
    const { articles: _articles, ...noArticles } = bundle;
    expect((await refused([file('no-articles.json', JSON.stringify(noArticles))])).message).toBe('no-articles.json: articles: missing (expected array)');
    const { format: _format, ...noFormat } = bundle;
    expect((await refused([file('no-format.json', JSON.stringify(noFormat))])).message).toBe('no-format.json: format: missing: expected "crosscheck-corpus"');
  });

  it('wrong types: names the field, what it should be and what it is', async () => {
    const bundle = goodBundle();
    const cases: Array<[string, unknown, string]> = [
      ['added-at.json', { ...bundle, articles: [bundle.articles[0], { ...bundle.articles[1], addedAt: 'yesterday' }] }, 'articles.1.addedAt: expected number, found the text "yesterday"'],
      ['blocks.json', { ...bundle, articles: [{ ...bundle.articles[0], blocks: 'one long text' }] }, 'articles.0.blocks: expected array, found the text "one long text"'],
      ['title.json', { ...bundle, articles: [{ ...bundle.articles[0], title: 42 }] }, 'articles.0.title: expected string, found 42'],
      ['articles.json', { ...bundle, articles: { first: bundle.articles[0] } }, 'articles: expected array, found an object'],
      ['list.json', [bundle], '(root): expected a crosscheck corpus bundle (a JSON object with format, version, exportedAt and articles)'],
      ['url.json', { ...bundle, articles: [{ ...bundle.articles[0], url: 'javascript:alert(1)' }] }, 'articles.0.url: expected an http(s) URL'],
    ];
    for (const [name, json, expected] of cases) {
      expect((await refused([file(name, JSON.stringify(json))])).message).toBe(`${name}: ${expected}`);
    }
  });

  it('duplicate ids in one file: names both places', async () => {
    const bundle = goodBundle(9, 5);
    const twice = { ...bundle, articles: [...bundle.articles, { ...bundle.articles[1]!, title: 'Another title' }] };
    const error = await refused([file('dupes.json', JSON.stringify(twice))]);
    expect(error.message).toBe(`dupes.json: articles.5.id: duplicate id "${bundle.articles[1]!.id}" (also articles.1.id)`);
  });

  it('an id already stored for another page is refused; for the same page the file replaces it, and says so', async () => {
    const db = await seededDb();
    const stored = (await db.articles.toArray()).find((a) => a.origin === 'imported')!;
    const before = await exported(db);
    const clash = { ...goodBundle(), articles: [{ ...goodBundle().articles[0]!, id: stored.id }] };
    const error = await importPickedFiles([file('clash.json', JSON.stringify(clash))], run(db)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toBe(
      `clash.json: articles.0.id: id "${stored.id}" is already in the corpus for another page (${stored.url}, not ${clash.articles[0]!.url}); change the id or delete the stored article first`,
    );
    expect(await exported(db)).toBe(before);

    // The same page with a corrected title: an update, reported as one.
    const update = makeBundle([{ ...stored, title: 'A corrected headline' }], EXPORTED_AT);
    const outcome = await importPickedFiles([file('update.json', serializeBundle(update))], run(db));
    expect(outcome.message).toBe(`Imported 1 article from update.json, replacing the stored copy of 1 page. The corpus now has ${seeds.length + 12} articles.`);
    expect((await db.articles.get(stored.id))?.title).toBe('A corrected headline');
  });

  it(`a file over the size limit (${MAX_IMPORT_BYTES.toLocaleString('en-US')} bytes) is refused from its size, without being read`, async () => {
    const big = file('big.json', new Uint8Array(50_000_000));
    const reads: string[] = [];
    for (const method of ['arrayBuffer', 'text', 'stream', 'slice', 'bytes'] as const) {
      Object.defineProperty(big, method, { value: () => reads.push(method) && Promise.reject(new Error('read')) });
    }
    const error = await refused([file('small.json', serializeBundle(goodBundle())), big]);
    expect(error.message).toBe('big.json: (file): 50.0 MB is too large to import (at most 40.0 MB); split it into smaller bundles');
    expect(reads, 'the big file was never read').toEqual([]);

    // Files under the limit each, over it together: one import is one write, so the limit is on the whole.
    const half = Math.floor(MAX_IMPORT_BYTES / 2) + 1;
    const together = await refused([file('part-1.json', new Uint8Array(half)), file('part-2.json', new Uint8Array(half))]);
    expect(together.message).toBe('part-2.json: (file): the 2 files of this import come to over 40.0 MB together (at most 40.0 MB in one import); import them in smaller groups');
  });

  it('text that is not UTF-8, in a bundle, a text file and a page: names the file and the byte offset', async () => {
    const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
    const bundleText = serializeBundle(goodBundle()).replace('"title": "', '"title": "Caf\u00e9 ');
    const bundleBytes = latin1(bundleText);
    const json = await refused([file('latin1.json', bundleBytes)]);
    const at = bundleBytes.indexOf(0xe9);
    const hex = [...bundleBytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).toUpperCase()}`).join(' ');
    expect(json.message).toBe(`latin1.json: (file): not UTF-8 text: the bytes at offset ${at.toLocaleString('en-US')} (${hex}) are not a UTF-8 character; save it as UTF-8 and import it again`);

    const txt = latin1('Talks resume\nMediators met in the caf\u00e9 on Thursday, officials said.');
    expect((await refused([file('notes.txt', txt, 'text/plain')])).message).toMatch(
      new RegExp(`^notes\\.txt: \\(file\\): not UTF-8 text: the bytes at offset ${txt.indexOf(0xe9)} \\(0xE9 `),
    );
    // A page saved as windows-1252: its curly quote is one byte, 0x93.
    const page = latin1('<html><body><article><p>The minister said \u0093no deal\u0094 on Thursday, according to officials.</p></article></body></html>');
    expect((await refused([file('page.html', page, 'text/html')])).message).toMatch(new RegExp(`^page\\.html: \\(file\\): not UTF-8 text: the bytes at offset ${page.indexOf(0x93)} \\(0x93 `));
    // A truncated character at the very end counts too.
    const cut = new TextEncoder().encode('Talks resume in the caf\u00e9').slice(0, -1);
    expect((await refused([file('cut.txt', cut, 'text/plain')])).reason).toMatch(new RegExp(`offset ${cut.length - 1} \\(0xC3\\)`));
    const utf16 = new Uint8Array([0xff, 0xfe, 0x7b, 0x00]);
    expect((await refused([file('utf16.json', utf16)])).reason).toContain('the file looks like UTF-16');
  });

  it('one bad file among good ones: nothing from any file is imported', async () => {
    const error = await refused([
      file('good.json', serializeBundle(goodBundle())),
      file('good.txt', 'URL: https://example.org/talks\nMediators met again on Thursday, officials said.', 'text/plain'),
      file('bad.json', JSON.stringify({ ...goodBundle(11), articles: [{ ...goodBundle(11).articles[0], url: 'ftp://example.org/a' }] })),
    ]);
    expect(error.message).toBe('bad.json: articles.0.url: expected an http(s) URL');
  });
});

describe('saved pages with scripts are read inertly', () => {
  const MARKER = '__crosscheckImportedScriptRan';
  const page = [
    '<!doctype html><html lang="en"><head><title>Ceasefire talks resume</title>',
    `<script>(top || window).${MARKER} = 'head'; (top || window).document.title = 'pwned'; var SCRIPT_CANARY_HEAD = 1;</script>`,
    '<style>.STYLE_CANARY { color: red }</style>',
    '<link rel="canonical" href="https://example.org/2025/10/09/talks">',
    '</head>',
    `<body onload="window.${MARKER} = 'onload'">`,
    '<article><h1>Ceasefire talks resume</h1>',
    '<p>Mediators met the negotiators again on Thursday, officials said, and the talks are expected to continue next week.</p>',
    `<script>(top || window).${MARKER} = 'body'; /* SCRIPT_CANARY_BODY */</script>`,
    `<p>A second round is planned for Sunday, when envoys are due to arrive. <img src="x" onerror="window.${MARKER} = 'img'"></p>`,
    '<p>The text &lt;script&gt;alert(1)&lt;/script&gt; is quoted in this sentence as words, and stays words.</p>',
    '<noscript>NOSCRIPT_CANARY enable JavaScript</noscript><template><p>TEMPLATE_CANARY hidden paragraph</p></template>',
    '</article></body></html>',
  ].join('\n');

  beforeEach(() => {
    delete (window as unknown as Record<string, unknown>)[MARKER];
  });

  it('imports the article text without running its scripts or keeping their text', async () => {
    const db = await seededDb();
    const title = document.title;
    const outcome = await importPickedFiles([file('saved-page.html', page, 'text/html')], run(db));
    expect(outcome.message).toMatch(/^Imported 1 article from saved-page\.html\./);
    expect((window as unknown as Record<string, unknown>)[MARKER], 'no script or handler of the page ran').toBeUndefined();
    expect(document.title).toBe(title);
    expect(document.documentElement.innerHTML).not.toContain(MARKER);

    const stored = (await db.articles.toArray()).find((a) => a.url === 'https://example.org/2025/10/09/talks')!;
    expect(stored.blocks.map((b) => b.text)).toContain('Mediators met the negotiators again on Thursday, officials said, and the talks are expected to continue next week.');
    expect(stored.blocks.map((b) => b.text)).toContain('The text <script>alert(1)</script> is quoted in this sentence as words, and stays words.');
    const text = await exported(db);
    for (const canary of ['SCRIPT_CANARY', 'STYLE_CANARY', 'NOSCRIPT_CANARY', 'TEMPLATE_CANARY', MARKER, 'pwned']) {
      expect(text, `${canary} is not in the export`).not.toContain(canary);
    }
  });

  it('refuses a page with no article text, only scripts and styles, naming the file', async () => {
    const only = `<html><head><style>p { color: red }</style></head><body><script>(top || window).${MARKER} = 'only'; (top || window).document.title = 'pwned'; const words = 'Mediators met the negotiators again on Thursday, officials said.';</script></body></html>`;
    const error = await refused([file('only-script.html', only, 'text/html')]);
    expect(error.message).toBe('only-script.html: (file): no article text found (scripts, styles and page furniture are not article text)');
    expect((window as unknown as Record<string, unknown>)[MARKER]).toBeUndefined();
  });
});

describe('the JSON error locator', () => {
  const parses = (t: string) => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };

  it('agrees with JSON.parse on which texts are JSON, for damaged JSON of every shape', () => {
    const damaged = fc
      .tuple(fc.jsonValue(), fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(...'{}[],:"\\ \n0-1e.tfnul\u0001x\''.split('')))
      .map(([value, at, how, char]) => {
        const t = JSON.stringify(value, null, at % 3);
        const i = t.length ? at % t.length : 0;
        return how === 'delete' ? t.slice(0, i) + t.slice(i + 1) : how === 'insert' ? t.slice(0, i) + char + t.slice(i) : t.slice(0, i) + char + t.slice(i + 1);
      });
    fc.assert(
      fc.property(damaged, (t) => {
        const found = findJsonSyntaxError(t);
        expect(found === null).toBe(parses(t));
        if (found) expect(found.offset).toBeLessThanOrEqual(t.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives nesting deeper than any call stack', () => {
    expect(findJsonSyntaxError('['.repeat(1_000_000))?.reason).toMatch(/^expected a value .* found the end of the file \(the list opened at line 1, column 1,000,000 is never closed\)$/);
  });
});

describe('the UTF-8 checker', () => {
  it('finds a bad byte exactly when the browser decoder refuses the bytes, and never past it', () => {
    const decodes = (b: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return true;
      } catch {
        return false;
      }
    };
    // Mostly valid text with a few bytes spliced in, so that both answers come up often: single
    // high bytes, and the near misses (overlong forms, surrogates, past U+10FFFF, cut short).
    const nearMisses = [[0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98]];
    const splice = fc.oneof(fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]), fc.constantFrom(...nearMisses));
    const bytes = fc
      .tuple(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.array(fc.tuple(fc.nat(), splice), { maxLength: 2 }))
      .map(([s, splices]) => {
        const out = [...new TextEncoder().encode(s)];
        for (const [at, seq] of splices) out.splice(out.length ? at % (out.length + 1) : 0, 0, ...seq);
        return Uint8Array.from(out);
      });
    fc.assert(
      fc.property(bytes, (b) => {
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(decodes(b));
        if (at >= 0) expect(decodes(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
