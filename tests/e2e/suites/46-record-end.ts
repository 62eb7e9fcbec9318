/**
 * A page dated after the knowledge base's last day, in both browsers: the
 * popup says the record runs to that day, and so does a finding's tooltip. Screenshots of the popup go to
 * docs/screenshots/ for both browsers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIsoDate } from '../../../components/dates';
import { loadKnowledgeBase } from '../../../lib/kb/index';
import { startNewsServer } from '../../../scripts/news-site';
import { articleBody, expectedFindings, htmlDocument, seedHeadline, seedPage } from '../fixtures-common';
import { ROOT } from '../harness/paths';
import { suite } from '../harness/suite';
import { hoverOpen, waitForPaint } from '../painted';
import { openPopup, tabIdFor } from './50-popup';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

export default suite("the record's end", [
  {
    name: "a page dated after the knowledge base's last day: the popup and a finding's tooltip say the record runs to that day",
    timeoutMs: 60_000,
    async run(ctx) {
      const kb = loadKnowledgeBase();
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-record-end-'));
      const server = await startNewsServer({ fixturesDir: dir });
      try {
        const driver = await ctx.driver();
        const page = seedPage('001');
        // A year and more past the record: the date in the page's metadata, as a news site gives it.
        const head = '<meta property="article:published_time" content="2026-11-20T09:00:00Z">\n';
        const html = htmlDocument(seedHeadline(page), `<article>\n${articleBody(page)}\n</article>`, { head });
        writeFileSync(join(dir, 'after-record.html'), html);
        const url = server.fixtureUrl('after-record.html');
        const expected = expectedFindings(html, url);
        const said = `The record runs to ${formatIsoDate(kb.currentTo)}`;

        const tab = await driver.openPage(url);
        await waitForPaint(tab, expected, `${ctx.browser} after-record`, 15_000);
        const first = expected.find((f) => f.kind === 'knowledge-conflict');
        assert.ok(first, `${ctx.browser}: the page has a finding on the record`);
        {
          assert.ok(await hoverOpen(tab, first), `${ctx.browser}: the finding's tooltip opens`);
          const note = await tab.evaluate(() => document.querySelector('crosscheck-overlay')?.shadowRoot?.querySelector('.tooltip .record-end')?.textContent ?? null);
          assert.ok(note?.startsWith(said), `${ctx.browser}: the tooltip says ${JSON.stringify(said)}: ${JSON.stringify(note)}`);
        }

        const popup = await openPopup(driver, await tabIdFor(driver, url));
        await popup.waitForSelector('.record-end');
        const text = (await popup.texts('.record-end'))[0] ?? '';
        assert.ok(text.startsWith(said), `${ctx.browser}: the popup says ${JSON.stringify(said)}: ${JSON.stringify(text)}`);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await popup.screenshot(join(SCREENSHOTS, `popup-record-end-${ctx.browser}.png`), { fullPage: false });
        await popup.close();
        await tab.close();
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
]);
