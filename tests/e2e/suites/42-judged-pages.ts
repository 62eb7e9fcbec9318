/**
 * Real labelled reports (../shared/judgment) served as news pages with their
 * publication date in the page's metadata, in both browsers: the extension
 * paints exactly what the engine finds on that markup, every wrong office
 * mention's sentence is among them, and no sentence that holds only right
 * mentions is. A screenshot of each page with the tooltip of its first
 * finding open goes to docs/screenshots/ (Chromium) or the artifacts.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml, startNewsServer } from '../../../scripts/news-site';
import { expectedFindings, htmlDocument } from '../fixtures-common';
import { sleep } from '../harness/index';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';
import { openPopup, tabIdFor } from './50-popup';
import { hoverOpen, show, waitForPaint } from '../painted';

const JUDGMENT = join(ROOT, '..', 'shared', 'judgment');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const ARTIFACTS = join(ROOT, '.test-results', 'e2e-artifacts');
/** Pages whose screenshots (Chromium) go to docs/screenshots/; the others' go to the artifacts. */
const DOCUMENTED = new Set(['a/africatodayny-ramaphosa-202505.json', 'a/profnews-natohague-202506.json']);
/** Pages with wrong mentions in several shapes, and one with only right ones. */
const PAGES = [
  'a/africatodayny-ramaphosa-202505.json', // "former U.S. President Donald Trump" beside a right "South African President Cyril Ramaphosa"
  'a/devdiscourse-popefuneral-202504.json', // "President Joe Biden of the United States" in a list of leaders
  'a/profnews-natohague-202506.json', // a stale chancellor, "US President Joe Biden’s", "meet with President Biden"
  'a/monacotimes-biden-202505.json', // "U.S. President<br>Joe Biden": a mention broken over a line
  'b/wfxb-blinkenkabul-202104.json', // right throughout, "former President Trump" included
];

interface Labelled {
  url: string;
  date: string;
  text: string;
  mentions: { phrase: string; verdict: 'wrong' | 'correct' | 'honorific' }[];
}

/** Paragraphs on blank lines; a single line break inside one is a <br>, as on the page it was copied from. */
function pageHtml(label: Labelled): { html: string; title: string } {
  const paragraphs = label.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const title = paragraphs.length > 1 ? paragraphs.shift()!.split('\n')[0]! : 'A report';
  const body = paragraphs.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`).join('\n');
  const head = `<meta property="article:published_time" content="${label.date}T09:00:00Z">\n`;
  return { title, html: htmlDocument(title, `<article>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</article>`, { head }) };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export default suite('judged pages', [
  {
    name: `real labelled reports (${PAGES.length} from ../shared/judgment) with their dates: wrong mentions painted, right ones left alone`,
    skip: existsSync(JUDGMENT) ? undefined : `${JUDGMENT} is absent`,
    timeoutMs: 90_000,
    async run(ctx) {
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-judged-'));
      const server = await startNewsServer({ fixturesDir: dir });
      try {
        const driver = await ctx.driver();
        for (const file of PAGES) {
          const label = JSON.parse(readFileSync(join(JUDGMENT, file), 'utf8')) as Labelled;
          const name = file.replace(/\.json$/, '').replace('/', '-');
          const { html } = pageHtml(label);
          writeFileSync(join(dir, `${name}.html`), html);
          const url = server.fixtureUrl(`${name}.html`);
          const expected = expectedFindings(html, url);
          const where = `${ctx.browser} ${file}`;

          // What the engine finds on this markup must itself be right: every wrong mention, no right one.
          const flaggedWords = expected.filter((f) => f.kind !== 'provenance').map((f) => squash(f.claim?.surface ?? ''));
          for (const m of label.mentions) {
            const hit = flaggedWords.some((w) => w && (squash(m.phrase).includes(w) || w.includes(squash(m.phrase))));
            if (m.verdict === 'wrong') assert.ok(hit, `${where}: the wrong mention ${JSON.stringify(m.phrase)} is not among the findings:\n${expected.map((f) => show(f.kind, f.claim?.surface ?? '')).join('\n')}`);
            if (m.verdict === 'correct') assert.ok(!hit, `${where}: the right mention ${JSON.stringify(m.phrase)} is flagged`);
          }

          const page = await driver.openPage(url);
          if (!expected.length) {
            await sleep(2_500);
            const painted = await page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('crosscheck-')).length);
            assert.equal(painted, 0, `${where}: nothing is painted on a page whose mentions are all right`);
            continue;
          }
          const state = await waitForPaint(page, expected, where, 15_000);
          assert.ok(state.ranges.every((r) => r.inArticle), `${where}: every highlight is in the article`);
          assert.ok(await hoverOpen(page, expected.find((f) => f.kind !== 'provenance') ?? expected[0]!), `${where}: hovering the first finding opens its tooltip`);
          const documented = ctx.browser === 'chromium' && DOCUMENTED.has(file);
          const shot = documented ? join(SCREENSHOTS, `judged-${name}.png`) : join(ARTIFACTS, `judged-${ctx.browser}-${name}.png`);
          mkdirSync(documented ? SCREENSHOTS : ARTIFACTS, { recursive: true });
          await page.screenshot(shot);
          await page.close();
        }
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a report of another event of the same conflict: nothing compared, the seeds listed apart as related coverage with why',
    skip: existsSync(JUDGMENT) ? undefined : `${JUDGMENT} is absent`,
    timeoutMs: 60_000,
    async run(ctx) {
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-related-'));
      const server = await startNewsServer({ fixturesDir: dir });
      try {
        const driver = await ctx.driver();
        const file = 'c/jns-blinkenvisit-202406.json';
        const label = JSON.parse(readFileSync(join(JUDGMENT, file), 'utf8')) as Labelled;
        const { html } = pageHtml(label);
        writeFileSync(join(dir, 'related.html'), html);
        const url = server.fixtureUrl('related.html');
        const page = await driver.openPage(url);
        const popup = await openPopup(driver, await tabIdFor(driver, url));
        await popup.waitForSelector('.related-list li');
        const where = `${ctx.browser} ${file}`;
        const related = await popup.texts('.related-list li');
        assert.ok(related.length >= 3, `${where}: the seeds are listed as related coverage: ${JSON.stringify(related)}`);
        for (const r of related) assert.match(r, /dated (\d+ months|\d+ years?) apart: another event/, `${where}: each says why it was left out`);
        assert.equal((await popup.texts('.match-line'))[0], 'No other report of this story in your corpus.', `${where}: nothing is compared`);
        assert.equal(await popup.count('table.comparison'), 0, `${where}: no comparison table`);
        if (ctx.browser === 'chromium') await popup.screenshot(join(SCREENSHOTS, 'popup-related.png'), { fullPage: false });
        await popup.close();
        await page.close();
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
]);
