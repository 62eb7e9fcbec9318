/** The built extension loads, and its content script reaches the background from a real page. */
import assert from 'node:assert/strict';
import { suite } from '../harness/suite';
import { FIREFOX_EXTENSION_UUID } from '../harness/index';
import { builtManifest, expectedSeeds, packageVersion } from '../helpers';

const HANDSHAKE = /^crosscheck: connected \((\d+) reports in the corpus\)$/;

export default suite('extension', [
  {
    name: 'the extension loads',
    async run(ctx) {
      const driver = await ctx.driver();
      if (ctx.browser === 'chromium') {
        assert.match(driver.extensionId, /^[a-p]{32}$/, 'a Chromium extension id');
        assert.equal(driver.backgroundUrl, `chrome-extension://${driver.extensionId}/background.js`, 'the service worker');
      } else {
        assert.equal(driver.extensionId, builtManifest('firefox').browser_specific_settings?.gecko?.id, 'the gecko id');
        assert.equal(driver.extensionOrigin, `moz-extension://${FIREFOX_EXTENSION_UUID}`, 'the pinned UUID');
      }
      const page = await driver.openExtensionPage('popup.html');
      const seen = await page.evaluate(async () => {
        const ext = (globalThis as unknown as { chrome: typeof browser }).chrome;
        const manifest = ext.runtime.getManifest();
        // The background answering proves it started, not just that the files are there.
        const reply = (await ext.runtime.sendMessage({ type: 'listSources' })) as { ok: boolean; type?: string; error?: string };
        return {
          origin: location.origin,
          id: ext.runtime.id,
          name: manifest.name,
          version: manifest.version,
          manifestVersion: manifest.manifest_version,
          reply: { ok: reply.ok, type: reply.type, error: reply.error },
        };
      });
      assert.deepEqual(seen, {
        origin: driver.extensionOrigin,
        id: driver.extensionId,
        name: 'crosscheck',
        version: packageVersion(),
        manifestVersion: 3,
        reply: { ok: true, type: 'listSources', error: undefined },
      });
    },
  },
  {
    name: 'the content script connects on a local news page',
    async run({ driver: getDriver, server }) {
      const driver = await getDriver();
      const seed = server.pages.find((p) => p.id.startsWith('003_'));
      assert.ok(seed, 'seed 003 is served');
      const page = await driver.openPage(seed.url);
      const message = await page.waitForConsole(HANDSHAKE);
      assert.equal(message.type, 'info');
      assert.equal(Number(HANDSHAKE.exec(message.text)?.[1]), expectedSeeds().length, 'reports in the corpus');
      assert.equal(page.url(), seed.url, 'the page that logged it');
      assert.equal(await page.texts('h1').then((h) => h.length), 0, 'seed 003 has no headline, so its page has no h1');

      // Any http page, not only articles.
      const other = await driver.openPage(server.fixtureUrl('not-an-article.html'));
      await other.waitForConsole(HANDSHAKE);
      assert.equal(other.url(), server.fixtureUrl('not-an-article.html'));
    },
  },
  {
    name: 'the background lists the connected tab to an extension page (tabState)',
    async run({ driver: getDriver, server }) {
      const driver = await getDriver();
      const seed = server.pages.find((p) => p.id.startsWith('001_'));
      assert.ok(seed, 'seed 001 is served');
      const page = await driver.openPage(seed.url);
      await page.waitForConsole(HANDSHAKE);
      const reply = await driver.evalInExtension(async () => {
        const ext = (globalThis as unknown as { chrome: typeof browser }).chrome;
        return (await ext.runtime.sendMessage({ type: 'tabState' })) as {
          ok: boolean;
          error?: string;
          tabs?: { tabId: number; url: string; connectedAt: number }[];
        };
      });
      assert.equal(reply.error, undefined, 'tabState answered without an error');
      assert.equal(reply.ok, true);
      const urls = (reply.tabs ?? []).map((t) => t.url);
      assert.ok(urls.includes(seed.url), `tabState lists ${seed.url}; it lists ${JSON.stringify(urls)}`);
    },
  },
]);
