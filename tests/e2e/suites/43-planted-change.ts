/**
 * A planted contradiction in a real story other than the seeds, caught in
 * both browsers: the unchanged reports of one ../shared/clusters event go
 * into the corpus through the options page's import (a bundle file handed to
 * its file input, stored in the real IndexedDB), and the report with its
 * planted change is served as a news page with its date in the page's
 * metadata. The extension paints exactly what the engine finds on that
 * markup in Node, the changed sentence among it as a contradiction whose
 * tooltip quotes the other outlets; the unchanged report paints nothing
 * (the engine flags none of its sentences); the popup's comparison has the
 * fact's row with each source's value. Screenshots of the tooltip and the
 * popup go to docs/screenshots/ (Chromium) or the artifacts (Firefox).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBundle, serializeBundle } from '../../../lib/corpus/bundle';
import type { Analysis, Article, Finding } from '../../../lib/schema';
import { escapeHtml, startNewsServer } from '../../../scripts/news-site';
import { CLUSTERS_DIR, plant, readClusters, type ClusterReport, type Planted } from '../../../scripts/judge/clusters';
import { analysisOf, expectedFindings, htmlDocument } from '../fixtures-common';
import { sleep, type DriverPage } from '../harness/index';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';
import { giveFiles, openOptions } from '../options-page';
import { hoverOpen, show, waitForPaint } from '../painted';
import { openPopup, tabIdFor } from './50-popup';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const ARTIFACTS = join(ROOT, '.test-results', 'e2e-artifacts');
/** The event, the report changed in it and the fact its planted change (cluster.json's mutations) is about. */
const CLUSTER = 'ucl-final-liverpool-2019';
const REPORT = 'channelnewsasia';
const FACT = 'final score';
/** The popup's row for that fact. */
const ROW_LABEL = /^Score\b/;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The URL's last path segment in words ("champions-league-final-liverpool-salah-11588610" → "Champions league final liverpool salah"). */
function slugHeadline(url: string): string {
  const slug = new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'a report';
  const words = slug.replace(/\.\w+$/, '').replace(/[-_]\d+$/, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The report as a news page, as 42-judged-pages serves its reports: paragraphs on blank lines,
 * a single line break inside one a <br>, the date as article:published_time. Its headline is the
 * one the corpus reads from the text (parsePlainText's title), its first line then left out of the
 * body; a report that starts with its lede (no headline line) keeps every paragraph in the body,
 * and its headline is its URL's slug in words, so that the lede, often where the change is, is
 * read as text rather than as a title.
 */
function pageHtml(text: string, date: string, headline: string | null, url: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const title = headline ?? slugHeadline(url);
  if (headline && paragraphs[0]?.split('\n')[0]?.trim() === headline) {
    const rest = paragraphs[0].split('\n').slice(1).join('\n').trim();
    if (rest) paragraphs[0] = rest;
    else paragraphs.shift();
  }
  const body = paragraphs.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`).join('\n');
  const head = `<meta property="article:published_time" content="${date}T09:00:00Z">\n`;
  return htmlDocument(title, `<article>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</article>`, { head });
}

interface Story {
  report: ClusterReport;
  planted: Planted;
  mates: Article[];
}

function readStory(): Story {
  const cluster = readClusters().find((c) => c.cluster === CLUSTER);
  assert.ok(cluster, `${CLUSTERS_DIR} has no ${CLUSTER}`);
  const report = cluster.reports.find((r) => r.name === REPORT);
  assert.ok(report, `${CLUSTER} has no report ${REPORT}`);
  const mutation = cluster.mutations.find((m) => m.report === REPORT && m.fact === FACT);
  assert.ok(mutation, `${CLUSTER}/cluster.json has no mutation of ${REPORT}'s ${JSON.stringify(FACT)}`);
  const planted = plant(report, mutation);
  if (typeof planted === 'string') assert.fail(planted);
  return { report, planted, mates: cluster.reports.filter((r) => r !== report).map((r) => r.article) };
}

/** The sentence of `finding` holds the planted replacement. */
const holdsChange = (finding: Finding, story: Story) => finding.sentence.text.includes(story.planted.mutation.replacement);

/** `value` is the planted one: in the replacement, not in the phrase it replaced ("3-1" of "beat Tottenham Hotspur 3-1"). */
const isChanged = (value: string, story: Story) => story.planted.mutation.replacement.includes(value) && !story.planted.mutation.phrase.includes(value);


interface TooltipRead {
  sentence: string;
  kind: string;
  explanation: string;
  evidence: { stance: string; outlet: string; value: string; quote: string }[];
}

function readTooltip(page: DriverPage): Promise<TooltipRead | null> {
  return page.evaluate(() => {
    const tip = document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.tooltip');
    if (!tip) return null;
    const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return {
      sentence: text(tip.querySelector('.sentence')),
      kind: text(tip.querySelector('.kind-label')),
      explanation: text(tip.querySelector('.explanation')),
      evidence: [...tip.querySelectorAll('.evidence li')].map((li) => ({
        stance: [...li.classList].find((c) => c.startsWith('stance-'))?.slice('stance-'.length) ?? '',
        outlet: text(li.querySelector('.outlet')),
        value: text(li.querySelector('.value')).replace(/^:\s*/, ''),
        quote: text(li.querySelector('.quote')),
      })),
    };
  });
}

interface RowRead {
  label: string;
  cells: Record<string, { value: string; stance: string; className: string }>;
}

function readRows(page: DriverPage): Promise<{ columns: Record<string, string>; rows: RowRead[] }> {
  return page.evaluate(() => ({
    columns: Object.fromEntries(
      [...document.querySelectorAll('table.comparison thead th[data-column]')].map((th) => [th.getAttribute('data-column') ?? '', th.querySelector('.col-label')?.textContent?.trim() ?? '']),
    ),
    rows: [...document.querySelectorAll('table.comparison tbody tr')].map((tr) => ({
      label: tr.querySelector('th')?.textContent?.trim() ?? '',
      cells: Object.fromEntries(
        [...tr.querySelectorAll('td[data-column]')].map((td) => [
          td.getAttribute('data-column') ?? '',
          {
            value: td.querySelector('.value')?.textContent?.trim() ?? '',
            stance: td.querySelector('.stance')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
            className: td.className,
          },
        ]),
      ),
    })),
  }));
}

export default suite('planted change', [
  {
    name: `a planted change in a real report (${CLUSTER}/${REPORT}, ${FACT}) against its imported cluster-mates: the changed sentence painted as a contradiction citing them, nothing else, the score row in the popup`,
    skip: existsSync(CLUSTERS_DIR) ? undefined : `${CLUSTERS_DIR} is absent`,
    timeoutMs: 120_000,
    async run(ctx) {
      const story = readStory();
      const { planted, report, mates } = story;
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-planted-'));
      const server = await startNewsServer({ fixturesDir: dir });
      const where = `${ctx.browser} ${CLUSTER}/${REPORT}`;
      try {
        // The pages, and what the engine finds on them in Node with the cluster-mates in the corpus beside the seeds.
        const plantedHtml = pageHtml(planted.text, report.raw.date, planted.article.title, report.raw.url);
        const originalHtml = pageHtml(report.text, report.raw.date, report.article.title, report.raw.url);
        writeFileSync(join(dir, 'planted.html'), plantedHtml);
        writeFileSync(join(dir, 'original.html'), originalHtml);
        const plantedUrl = server.fixtureUrl('planted.html');
        const originalUrl = server.fixtureUrl('original.html');
        const expected = expectedFindings(plantedHtml, plantedUrl, mates);
        const analysis: Analysis = analysisOf(plantedHtml, plantedUrl, mates);
        const expectedOriginal = expectedFindings(originalHtml, originalUrl, mates);
        const listed = (fs: readonly Finding[]) => fs.map((f) => show(f.kind, f.sentence.text)).join('\n') || '  (none)';

        const mateIds = new Set(mates.map((m) => m.id));
        const caught = expected.find((f) => f.kind === 'contradiction' && holdsChange(f, story));
        assert.ok(caught, `${where}: in Node the engine flags the changed sentence (${JSON.stringify(planted.mutation.replacement)}) as a contradiction; it finds:\n${listed(expected)}`);
        assert.ok(caught.claim && isChanged(caught.claim.surface, story), `${where}: in Node the finding is about the changed words: ${JSON.stringify(caught.claim?.surface)}`);
        const citing = new Set(caught.evidence.filter((e) => e.stance === 'conflict' && mateIds.has(e.article)).map((e) => e.article));
        assert.ok(citing.size >= 2, `${where}: in Node the finding cites at least two other reports; it cites ${[...citing].join(', ') || 'none'}`);
        assert.deepEqual(
          expectedOriginal.filter((f) => f.kind !== 'provenance').map((f) => f.sentence.text),
          [],
          `${where}: in Node the engine flags nothing in the unchanged report, so what it flags in the planted one is the change`,
        );

        // The cluster-mates into a fresh profile's corpus, through the options page's import.
        const driver = await ctx.launch();
        const options = await openOptions(driver, 'import', { ready: 'input.import-input' });
        const imported = await giveFiles(options, [{ name: `${CLUSTER}.json`, text: serializeBundle(makeBundle(mates, new Date('2025-10-21T12:00:00Z'))) }], { timeoutMs: 60_000 });
        assert.equal(imported.ok, true, `${where}: the import: ${imported.text}`);
        assert.match(imported.text, new RegExp(`Imported ${mates.length} articles from ${CLUSTER}\\.json\\.`), `${where}: every cluster-mate is imported`);
        await options.close();

        // The planted page: exactly the engine's findings painted, the change among them.
        const page = await driver.openPage(plantedUrl);
        const state = await waitForPaint(page, expected, `${where} (planted)`, 20_000);
        assert.ok(state.ranges.every((r) => r.inArticle), `${where}: every highlight is in the article`);
        const painted = state.ranges.find((r) => r.kind === 'contradiction' && squash(r.text) === squash(caught.sentence.text));
        assert.ok(painted, `${where}: the changed sentence is painted as a contradiction`);

        // Its tooltip: the sentence, the contradiction, and at least two other outlets with their own sentences.
        assert.ok(await hoverOpen(page, caught), `${where}: hovering the changed sentence opens its tooltip`);
        const tip = await readTooltip(page);
        assert.ok(tip, `${where}: the tooltip is open`);
        assert.ok(tip.sentence.includes(planted.mutation.replacement), `${where}: the tooltip quotes the changed sentence: ${tip.sentence}`);
        assert.match(tip.kind, /contradict/i, `${where}: the tooltip names a contradiction: ${tip.kind}`);
        const byOutlet = new Map(mates.map((m) => [m.outlet, m]));
        const cited = tip.evidence.filter((e) => e.stance === 'conflict' && byOutlet.has(e.outlet));
        assert.ok(new Set(cited.map((e) => e.outlet)).size >= 2, `${where}: the tooltip cites at least two other outlets as conflicting: ${JSON.stringify(tip.evidence)}`);
        for (const e of cited) {
          const mate = byOutlet.get(e.outlet)!;
          const text = squash(mate.blocks.map((b) => b.text).join(' '));
          assert.ok(e.quote && text.includes(squash(e.quote)), `${where}: ${e.outlet}'s quote is its own sentence: ${JSON.stringify(e.quote)}`);
          assert.ok(e.value && squash(e.quote).includes(e.value), `${where}: ${e.outlet}'s value ${JSON.stringify(e.value)} is in its quote`);
          assert.ok(!isChanged(e.value, story), `${where}: ${e.outlet} gives another value than the page's: ${e.value}`);
        }
        for (const e of cited) assert.ok(tip.explanation.includes(e.outlet), `${where}: the explanation names ${e.outlet}: ${tip.explanation}`);

        const documented = ctx.browser === 'chromium';
        mkdirSync(documented ? SCREENSHOTS : ARTIFACTS, { recursive: true });
        await page.screenshot(documented ? join(SCREENSHOTS, 'planted-tooltip.png') : join(ARTIFACTS, `planted-${ctx.browser}-tooltip.png`));

        // The popup: compared with the cluster-mates, the fact's row with each source's value, the page's marked as this page's.
        const popup = await openPopup(driver, await tabIdFor(driver, plantedUrl));
        await popup.waitForSelector('table.comparison tbody tr');
        assert.equal(await popup.evaluate(() => document.querySelector('.tab-view')?.getAttribute('data-state')), 'matched', `${where}: the popup compares the page`);
        const matched = Number((await popup.attributes('.match-line', 'data-matched'))[0]);
        assert.equal(matched, analysis.matched.length, `${where}: compared with as many reports as in Node`);
        assert.ok(analysis.matched.every((m) => mateIds.has(m.articleId)), `${where}: in Node the page matches only its cluster-mates`);
        const { columns, rows } = await readRows(popup);
        const want = analysis.table.rows.find((r) => ROW_LABEL.test(r.label) && r.cells.page?.value && isChanged(r.cells.page.value, story));
        assert.ok(want, `${where}: in Node the table has a score row with the page's changed value: ${analysis.table.rows.map((r) => `${r.label} (${r.cells.page?.value})`).join(', ')}`);
        const row = rows.find((r) => r.label === want.label);
        assert.ok(row, `${where}: a ${JSON.stringify(want.label)} row; rows: ${rows.map((r) => r.label).join(', ')}`);
        assert.equal(row.cells.page?.value, want.cells.page?.value, `${where}: this page's value`);
        assert.match(row.cells.page?.stance ?? '', /this page/, `${where}: the page's value is marked as this page's`);
        assert.match(row.cells.page?.className ?? '', /\bstance-/, `${where}: the page's cell carries its stance`);
        const others = Object.entries(want.cells).filter(([id, cell]) => mateIds.has(id) && cell.value);
        assert.ok(others.filter(([, cell]) => cell.stance === 'conflict').length >= 2, `${where}: in Node at least two other reports conflict in the row`);
        for (const [id, cell] of others) {
          assert.equal(row.cells[id]?.value, cell.value, `${where}: ${columns[id]}'s value`);
          if (cell.stance === 'conflict') assert.match(row.cells[id]?.stance ?? '', /conflicts/, `${where}: ${columns[id]} is shown conflicting, in words`);
          assert.equal(columns[id], mates.find((m) => m.id === id)?.outlet, `${where}: the column is labelled with the outlet`);
        }
        assert.match((await popup.texts('.date-line'))[0] ?? '', new RegExp(`^Published .*${report.raw.date.slice(0, 4)}`), `${where}: the page's date, from its metadata`);

        // The row in view for the screenshot, every column shown.
        await popup.setViewport({ width: 1000, height: 820 });
        await popup.evaluate((label: string) => {
          const tr = [...document.querySelectorAll('table.comparison tbody tr')].find((r) => r.querySelector('th')?.textContent?.trim() === label);
          tr?.scrollIntoView({ block: 'nearest' });
        }, want.label);
        await popup.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await popup.screenshot(documented ? join(SCREENSHOTS, 'planted-popup.png') : join(ARTIFACTS, `planted-${ctx.browser}-popup.png`), { fullPage: false });
        await popup.close();
        await page.close();

        // The unchanged report: the engine flags none of its sentences, so nothing of it is painted.
        const original = await driver.openPage(originalUrl);
        if (!expectedOriginal.length) {
          await sleep(2_500);
          const count = await original.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('crosscheck-')).length);
          assert.equal(count, 0, `${where}: nothing is painted on the unchanged report`);
        } else await waitForPaint(original, expectedOriginal, `${where} (unchanged)`, 20_000);
        await original.close();
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
]);
