/**
 * A flagged sentence the page repeats outside the article's text (a teaser
 * placed first in DOM order, a pull quote, a related card, a caption, a
 * plain teaser beside an article copy split by <a>, <em> and <br>, an
 * article arriving two seconds late): in both browsers the highlight is on
 * the article's copy and only there, the navigator opens that copy, and the
 * claim's words inside it carry the stronger mark. Screenshots of the
 * teaser-first page with its tooltip open go to docs/screenshots/ (both
 * browsers), with one of its unmarked teaser (Chromium); the other shapes'
 * go to the artifacts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNewsServer } from '../../../scripts/news-site';
import { expectedFindings } from '../fixtures-common';
import { COPY_SELECTOR, repeatedShapes } from '../fixtures-repeated';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';
import { fold, hoverOpen, readWords, waitForPaint } from '../painted';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const ARTIFACTS = join(ROOT, '.test-results', 'e2e-artifacts');
const DOCUMENTED = 'repeated-teaser-first.html';

/** Runs in the page: painted sentences that start inside a copy outside the article's text. */
function wrongCopies(selector: string): { inCopies: string[] } {
  const inCopies: string[] = [];
  const elementOf = (r: Range) => (r.startContainer.nodeType === 1 ? (r.startContainer as Element) : r.startContainer.parentElement);
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('crosscheck-') || name === 'crosscheck-active') continue;
    for (const r of h as unknown as Iterable<Range>) if (elementOf(r)?.closest(selector)) inCopies.push(`${name}: ${r.toString().slice(0, 60)}`);
  }
  return { inCopies };
}

export default suite('repeated sentences', [
  {
    name: 'a sentence repeated in a teaser, pull quote, card or caption, split by inline markup, or arriving late: painted on the article copy only, its claim words marked',
    timeoutMs: 120_000,
    async run(ctx) {
      const { shapes, flagged } = repeatedShapes();
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-repeated-'));
      const server = await startNewsServer({ fixturesDir: dir });
      const results: string[] = [];
      try {
        const driver = await ctx.driver();
        for (const shape of shapes) {
          writeFileSync(join(dir, shape.file), shape.html);
          const url = server.fixtureUrl(shape.file);
          const where = `${ctx.browser} ${shape.file} (${shape.name})`;
          const expected = expectedFindings(shape.settled, url);
          assert.ok(
            expected.some((f) => f.sentence.text === flagged.sentence.text),
            `${where}: the engine flags the repeated sentence: ${expected.map((f) => f.sentence.text.slice(0, 60)).join(' | ')}`,
          );
          const page = await driver.openPage(url);
          await waitForPaint(page, expected, where, 15_000);
          const placed = await page.evaluate(wrongCopies, COPY_SELECTOR);
          results.push(`${shape.file}: ${placed.inCopies.length ? `on a copy outside the article (${placed.inCopies.join('; ')})` : 'on the article copy'}`);
          assert.deepEqual(placed.inCopies, [], `${where}: nothing is painted on a copy outside the article's text`);

          // The claim's words: one strong mark per finding that has words of its own, inside its sentence's mark.
          const words = await page.evaluate(readWords);
          const withWords = expected.filter((f) => f.claim && fold(f.claim.surface).length < fold(f.sentence.text).length && f.sentence.text.includes(f.claim.surface.trim()));
          assert.equal(words.length, withWords.length, `${where}: a words mark for each finding with words of its own: ${JSON.stringify(words)}`);
          for (const f of withWords) {
            assert.ok(
              words.some((w) => w.kind === f.kind && fold(w.text) === fold(f.claim!.surface) && w.insideSentence),
              `${where}: the ${f.kind} finding's words ${JSON.stringify(f.claim!.surface)} are marked inside its sentence: ${JSON.stringify(words)}`,
            );
          }

          // The navigator opens the article's copy, scrolled into view.
          await page.evaluate(() => (document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.nav-count') as HTMLElement | null)?.click());
          const opened = await page.waitFor(
            (selector: string) => {
              const active = CSS.highlights.get('crosscheck-active') as unknown as Iterable<Range> | undefined;
              const r = active ? [...active][0] : undefined;
              if (!r) return null;
              const el = r.startContainer.nodeType === 1 ? (r.startContainer as Element) : r.startContainer.parentElement;
              const box = r.getBoundingClientRect();
              return { inCopy: !!el?.closest(selector), inView: box.bottom > 0 && box.top < innerHeight };
            },
            COPY_SELECTOR,
            5_000,
          );
          assert.deepEqual(opened, { inCopy: false, inView: true }, `${where}: the navigator opens the article's copy, in view`);
          const tooltipWords = await page.evaluate(() => document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.tooltip .sentence .claim-words')?.textContent ?? null);
          const first = expected[0]!;
          if (withWords.includes(first)) assert.equal(tooltipWords, first.claim!.surface.trim(), `${where}: the tooltip quotes the sentence with the claim's words marked`);

          if (shape.file === DOCUMENTED) {
            await page.press('Escape');
            assert.ok(await hoverOpen(page, flagged), `${where}: hovering the article's copy opens its tooltip`);
            mkdirSync(SCREENSHOTS, { recursive: true });
            await page.screenshot(join(SCREENSHOTS, `repeated-teaser-${ctx.browser}.png`));
            // And the teaser itself, shown after the article: the same sentence, unmarked.
            await page.press('Escape');
            await page.evaluate(() => document.querySelector('.teaser-rail')?.scrollIntoView({ block: 'center' }));
            await page.screenshot(join(ctx.browser === 'chromium' ? SCREENSHOTS : ARTIFACTS, `repeated-teaser-rail-${ctx.browser}.png`));
          } else {
            mkdirSync(ARTIFACTS, { recursive: true });
            await page.screenshot(join(ARTIFACTS, `repeated-${ctx.browser}-${shape.file.replace(/\.html$/, '')}.png`));
          }
          await page.close();
        }
      } finally {
        console.log(`  ${ctx.browser}: ${results.join('\n    ')}`);
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
]);
