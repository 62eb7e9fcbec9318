/**
 * The CLI as a user runs it: a real process, its output and exit code. The
 * corpora are a bundle made by the extension's own export code from
 * ../shared/clusters (skipped when absent) and folders of invented reports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPageFile } from '../../lib/cli-input';
import { makeBundle, serializeBundle } from '../../lib/corpus/bundle';
import { MAX_PAGE_HTML_CHARS, MAX_PAGE_TEXT_CHARS } from '../../lib/limits';
import { CLUSTERS_DIR, readClusters } from '../../scripts/judge/clusters';

const root = resolve(__dirname, '../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/crosscheck.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
const tmp = () => mkdtempSync(join(tmpdir(), 'cc-cli-'));

interface CheckJson {
  files: Array<{ file: string; publishedAt: unknown; matched: Array<{ articleId: string; outlet: string; score: number }>; findings: Array<{ kind: string; sentence: { text: string } }> }>;
  notChecked: Array<{ file: string; reason: string; message: string; chars?: number; limit?: number }>;
}
interface StoriesJson {
  corpus: string;
  reports: number;
  stories: Array<{ id: string; title: string | null; reports: Array<{ id: string; outlet: string; url: string; title: string | null; date: string | null }>; dates: unknown; disputedFacts: number }>;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A report as a saved page: its lines as paragraphs, its date in the page's metadata. */
const savedPage = (text: string, date: string, site?: string) =>
  `<html><head><meta property="article:published_time" content="${date}">${site ? `<meta property="og:site_name" content="${site}">` : ''}</head><body><article>${text
    .split('\n')
    .filter(Boolean)
    .map((l) => `<p>${escape(l)}</p>`)
    .join('')}</article></body></html>`;

describe('crosscheck check', () => {
  it('writes one JSON document in the documented shape for a directory', () => {
    const r = run('check', 'seeds', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { files: Array<{ file: string; publishedAt: unknown; matched: Array<{ articleId: string; outlet: string; score: number }>; findings: Array<{ kind: string; sentence: { text: string } }> }> };
    expect(doc.files.map((f) => f.file.replace(/^.*\//, ''))).toEqual([
      '000_4d564bcf4bf934f6.txt', '001_52732f7128b9e545.txt', '002_0f26191b90240b58.txt', '003_1aac7037e5d61389.txt', '004_3bfe84d13ea586ce.txt',
    ]);
    const f003 = doc.files[3]!;
    expect(f003.matched.length).toBe(4);
    expect(f003.matched.every((m) => typeof m.articleId === 'string' && typeof m.outlet === 'string' && m.score > 0 && m.score <= 1)).toBe(true);
    expect(f003.findings.some((f) => f.kind === 'knowledge-conflict' && f.sentence.text.includes('President Harris'))).toBe(true);
  }, 60_000);

  it('prints findings as text, and --date overrides the page date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-cli-'));
    const file = join(dir, 'page.html');
    writeFileSync(file, '<html><head><title>x</title></head><body><article><h1>Talks</h1><p>Prime Minister Boris Johnson opened the summit in London on Monday with a long speech.</p><p>He spoke for an hour about trade, energy and the economy.</p></article></body></html>');
    const flagged = run('check', file, '--date', '2024-01-10');
    expect(flagged.status).toBe(0);
    expect(flagged.stdout).toMatch(/date: 2024-01-10 \(override\)/);
    expect(flagged.stdout).toMatch(/\[knowledge-conflict, high, \d+%\] “Prime Minister Boris Johnson/);
    expect(flagged.stdout).toMatch(/Rishi Sunak/);
    const fine = run('check', file, '--date', '2020-01-10');
    expect(fine.stdout).toMatch(/no findings/);
  }, 60_000);

  it('names what was wrong with bad arguments and exits 2', () => {
    for (const [args, message] of [
      [['check'], 'no FILE or DIR given'],
      [['check', 'seeds', '--date', '10/07/2025'], '--date needs a date as YYYY-MM-DD'],
      [['frobnicate'], 'unknown command "frobnicate"'],
      [['check', 'no/such/file.txt'], 'cannot read "no/such/file.txt"'],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  }, 60_000);

  it('rejects a file that is not UTF-8, naming it, and checks the others', () => {
    const dir = tmp();
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    const r = run('check', file, 'seeds/000_4d564bcf4bf934f6.txt', '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('latin1.txt: not UTF-8 text');
    const doc = JSON.parse(r.stdout) as CheckJson;
    expect(doc.files.map((f) => f.file)).toEqual(['seeds/000_4d564bcf4bf934f6.txt']);
    expect(doc.notChecked).toEqual([{ file, reason: 'unreadable', message: 'not UTF-8 text; save it as UTF-8 and try again' }]);
  }, 60_000);

  it('names what is wrong with the new arguments and corpora', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.md'), 'x');
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ format: 'crosscheck-corpus', version: 1, exportedAt: '2026-01-01T00:00:00Z', articles: [{}] }));
    for (const [args, status, message] of [
      [['check', 'seeds', '--jobs', '0'], 2, '--jobs needs a whole number of threads'],
      [['check', 'seeds', '--corpus', 'no/such/corpus'], 2, 'cannot read corpus "no/such/corpus"'],
      [['check', 'seeds', '--corpus', join(dir, 'notes.md')], 2, 'expected a corpus bundle (.json)'],
      [['check', join(dir, 'notes.md')], 2, 'not a .txt or .html file'],
      [['check', 'seeds', '--corpus', join(dir, 'broken.json')], 1, `${join(dir, 'broken.json')}: articles.0.`],
      [['stories', 'seeds', 'tests'], 2, 'stories takes one corpus'],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(status);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  }, 120_000);

  it('a folder with a sources.json is read like the seeds: --corpus seeds gives what the default gives', () => {
    const file = 'seeds/003_1aac7037e5d61389.txt';
    expect(run('check', file, '--corpus', 'seeds', '--json').stdout).toBe(run('check', file, '--json').stdout);
  }, 60_000);

  it('shows progress only on a terminal', () => {
    expect(run('check', 'seeds', '--jobs', '1').stderr).toBe('');
  }, 60_000);
});

describe('size limits', () => {
  const paragraph = (chars: number) => {
    const words = 'Mara Quell told the council of Halvern that the river would be dredged before the spring floods. ';
    return words.repeat(Math.ceil(chars / words.length)).slice(0, chars);
  };

  it('a 16 MB saved page of one paragraph is refused within a second, naming the limit', () => {
    const dir = tmp();
    const over = join(dir, 'huge.html');
    writeFileSync(over, `<html><body><p>${paragraph(16 * 1024 * 1024)}</p></body></html>`);
    // Under the markup limit, but its text is far over the page-text limit: refused from the parsed page, before Readability.
    const under = join(dir, 'long.html');
    writeFileSync(under, `<html><body><p>${paragraph(MAX_PAGE_HTML_CHARS - 1000)}</p></body></html>`);
    const text = join(dir, 'huge.txt');
    writeFileSync(text, `Headline\n\n${paragraph(16 * 1024 * 1024)}\n`);
    for (const [file, limit, what] of [
      [over, MAX_PAGE_HTML_CHARS, 'markup'],
      [under, MAX_PAGE_TEXT_CHARS, 'page text'],
      [text, MAX_PAGE_TEXT_CHARS, 'text'],
    ] as const) {
      const t0 = performance.now();
      const r = readPageFile(file);
      expect(performance.now() - t0, file).toBeLessThan(1000);
      expect('reason' in r && r.reason).toBe('too-long');
      if (!('reason' in r)) continue;
      expect(r.limit).toBe(limit);
      expect(r.message).toMatch(new RegExp(`^too long to check \\([\\d,]+ characters of ${what}; the limit is ${limit.toLocaleString('en-US')}\\)$`));
    }
  }, 60_000);

  it('the CLI reports the file, goes on with the others, and exits 1', () => {
    const dir = tmp();
    const huge = join(dir, 'huge.html');
    writeFileSync(huge, `<html><body><p>${paragraph(16 * 1024 * 1024)}</p></body></html>`);
    const r = run('check', huge, 'seeds/003_1aac7037e5d61389.txt', '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${huge}: too long to check (16,777,`);
    expect(r.stderr).toContain('the limit is 16,000,000)');
    const doc = JSON.parse(r.stdout) as CheckJson;
    expect(doc.files.map((f) => f.file)).toEqual(['seeds/003_1aac7037e5d61389.txt']);
    expect(doc.files[0]!.findings.length).toBeGreaterThan(0);
    expect(doc.notChecked).toMatchObject([{ file: huge, reason: 'too-long', limit: MAX_PAGE_HTML_CHARS }]);
  }, 60_000);
});

const flood = (deaths: string, source = 'regional officials said') =>
  [
    `Floodwaters swept through the river town of Halvern on Tuesday, killing ${deaths} people and forcing 3,400 residents from their homes, ${source}.`,
    'Mayor Mara Quell said the Ostrava Dam spillway had opened at dawn after three days of rain over the Brennick Hills.',
    'Rescue teams from the Halvern Fire Brigade pulled 212 people from flooded houses along the Tessel River, according to Quell.',
    'The Norland Weather Service said 180 millimetres of rain had fallen in 48 hours, the most since records began in 1911.',
  ].join('\n');

describe('a folder of reports as the corpus', () => {
  const corpus = tmp();
  mkdirSync(join(corpus, 'april'));
  writeFileSync(join(corpus, 'april', 'courier.txt'), `Floods kill 14 in Halvern as dam spillway opens\n\n${flood('14')}\n\nURL: https://halvern-courier.example/2024/04/16/floods\n`);
  writeFileSync(join(corpus, 'river.html'), savedPage(`Deadly flood hits Halvern\n${flood('14', 'the river authority said')}`, '2024-04-17', 'River Times'));
  writeFileSync(
    join(corpus, 'budget.txt'),
    "Parliament passes the Norland budget\n\nNorland's parliament passed the 2025 budget on Tuesday by 88 votes to 61 after a debate of eleven hours.\nFinance Minister Teodor Brask said spending on schools would rise by 4 percent while defence would stay flat.\n",
  );
  writeFileSync(join(corpus, 'notes.md'), 'not a report: passed over');

  it('checks a page against the folder: the flood reports matched, the budget not', () => {
    const page = join(tmp(), 'wire.html');
    // Told in other words: a page with most of a stored report's words would be taken for that report itself.
    const wire = [
      'At least 41 people died when floodwaters tore through Halvern on Tuesday, officials told the Norland Wire, and 3,400 residents had to leave their homes.',
      'The spillway of the Ostrava Dam opened at dawn, Mayor Mara Quell said, after rain had fallen for three days on the Brennick Hills.',
      'Firefighters of the Halvern Fire Brigade rescued 212 people along the Tessel River, Quell said.',
    ].join('\n');
    writeFileSync(page, savedPage(wire, '2024-04-16', 'Norland Wire'));
    const r = run('check', page, '--corpus', corpus, '--json');
    expect(r.status, r.stderr).toBe(0);
    const [file] = (JSON.parse(r.stdout) as CheckJson).files;
    expect(file!.matched.map((m) => m.outlet).sort()).toEqual(['River Times', 'halvern-courier.example']);
  }, 60_000);

  it('stories groups the folder', () => {
    const r = run('stories', corpus, '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as StoriesJson;
    expect(doc.reports).toBe(3);
    // Dated reports first: the .txt file is undated, as the extension imports it.
    expect(doc.stories.map((s) => s.reports.map((x) => x.outlet))).toEqual([['River Times', 'halvern-courier.example'], ['local file']]);
    // Loose files are named by their path in the folder, so the ids do not depend on where the folder is.
    expect(doc.stories[1]!.reports[0]!.url).toBe('https://local-file.invalid/budget.txt');
    const text = run('stories', corpus);
    expect(text.stdout).toMatch(/^2 stories of 3 reports in /);
    expect(text.stdout).toContain('1. Floods kill 14 in Halvern as dam spillway opens\n   2 reports');
  }, 60_000);
});

describe.skipIf(!existsSync(CLUSTERS_DIR))(`a bundle exported by the extension, of ${CLUSTERS_DIR} (skipped when it is absent)`, () => {
  const sets = existsSync(CLUSTERS_DIR) ? readClusters() : [];
  const dir = tmp();
  const bundle = join(dir, 'crosscheck-corpus.json');
  writeFileSync(bundle, serializeBundle(makeBundle(sets.flatMap((c) => c.reports.map((r) => r.article)))));
  // Two events' reports as saved pages, to check against the bundle that holds them and the other events.
  const pages = join(dir, 'pages');
  mkdirSync(pages);
  const picked = sets.slice(0, 2);
  for (const c of picked) for (const r of c.reports) writeFileSync(join(pages, `${c.cluster}--${r.name}.html`), savedPage(r.raw.text, r.raw.date));

  it('checks the folder against the bundle: each page matched with reports of its own event only', () => {
    const r = run('check', pages, '--corpus', bundle, '--json', '--jobs', '1');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as CheckJson;
    expect(doc.files.length).toBe(picked.reduce((n, c) => n + c.reports.length, 0));
    expect(doc.notChecked).toEqual([]);
    for (const f of doc.files) {
      const cluster = f.file.replace(/^.*\//, '').split('--')[0]!;
      expect(f.matched.length, f.file).toBeGreaterThanOrEqual(2);
      expect(f.matched.every((m) => m.articleId.startsWith(`${cluster}/`)), f.file).toBe(true);
    }
  }, 120_000);

  it('--jobs 2 writes exactly what --jobs 1 writes', () => {
    const one = run('check', pages, '--corpus', bundle, '--json', '--jobs', '1');
    const two = run('check', pages, '--corpus', bundle, '--json', '--jobs', '2');
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(run('check', pages, '--corpus', bundle, '--jobs', '2').stdout).toBe(run('check', pages, '--corpus', bundle, '--jobs', '1').stdout);
  }, 180_000);

  it('stories groups the bundle: one story per event', () => {
    const r = run('stories', bundle, '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as StoriesJson;
    expect(doc.reports).toBe(sets.reduce((n, c) => n + c.reports.length, 0));
    expect(doc.stories.length).toBe(sets.length);
    for (const s of doc.stories) expect(new Set(s.reports.map((x) => x.id.split('/')[0])).size, s.id).toBe(1);
  }, 120_000);
});
