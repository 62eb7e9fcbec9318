/**
 * `npm run demo`: builds the extension, serves the seed articles as local news
 * pages, and opens them in Chromium with crosscheck loaded. Runs until the
 * browser window is closed.
 *
 * `npm run demo -- --screenshot DIR`: the same, headless, and writes
 * DIR/seed-page.png and DIR/popup.png instead (no display needed).
 *
 * `--no-build` skips `wxt build` when .output/chrome-mv3 is already current.
 */
import { openPopup, tabIdFor } from '../tests/e2e/suites/50-popup';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, CHROMIUM_PATH } from '../tests/e2e/harness/chromium';
import type { Driver } from '../tests/e2e/harness/types';
import { startNewsServer, type NewsServer } from './news-site';

const HANDSHAKE = /^crosscheck: connected \(\d+ reports in the corpus\)$/;
/** 003 has no headline and is the one the popup shows as "untitled": a good first page to look at. */
const SCREENSHOT_SEED = '003_';

function readArgs() {
  try {
    return parseArgs({
      options: {
        screenshot: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run demo [-- --screenshot DIR] [--no-build]`);
    process.exit(2);
  }
}
const args = readArgs();

/** A failure the user can act on: printed without a stack trace. */
class DemoError extends Error {}

function fail(message: string): never {
  throw new DemoError(message);
}

function build() {
  if (args['no-build']) return;
  console.log('Building the Chrome extension (npx wxt build)…');
  const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) fail(`The build failed (exit ${r.status ?? r.signal}); see the output above.`);
}

async function launch(headless: boolean): Promise<Driver> {
  try {
    return await launchChromium({ headless, viewport: headless ? undefined : null, handleSignals: headless });
  } catch (error) {
    fail(
      `Could not start Chromium with the extension: ${(error as Error).message}\n` +
        `The demo needs Chromium (${CHROMIUM_PATH}, or set CHROMIUM_PATH). Branded Google Chrome ` +
        `ignores --load-extension since version 137; Chromium or Chrome for Testing do not.`,
    );
  }
}

async function screenshots(dir: string, server: NewsServer) {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const driver = await launch(true);
  try {
    const seed = server.pages.find((p) => p.id.startsWith(SCREENSHOT_SEED)) ?? server.pages[0];
    if (!seed) fail('No seed pages to show.');
    const page = await driver.openPage(seed.url);
    // Shot after the content script has run, so the picture is of the page as crosscheck leaves it.
    const hello = await page.waitForConsole(HANDSHAKE, 10_000).catch(() => null);
    if (!hello) fail(`The content script did not connect on ${seed.url}; no screenshots taken.`);
    console.log(`${seed.url}: ${hello.text}`);
    // The popup describes this tab once its analysis is in; by then the highlights are painted too.
    const popup = await openPopup(driver, await tabIdFor(driver, seed.url));
    const seedShot = resolve(out, 'seed-page.png');
    await page.screenshot(seedShot);
    await popup.setViewport({ width: 400, height: 600 });
    const popupShot = resolve(out, 'popup.png');
    await popup.screenshot(popupShot);
    console.log(`\nWrote\n  ${seedShot}\n  ${popupShot}`);
  } finally {
    await driver.close();
  }
}

async function interactive(server: NewsServer) {
  const driver = await launch(false);
  const stop = () => void driver.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const context = driver.raw as BrowserContext;
    const blank = context.pages().filter((p) => p.url() === 'about:blank');
    for (const p of server.pages) await driver.openPage(p.url);
    for (const p of blank) await p.close().catch(() => {});

    console.log(`\ncrosscheck is loaded in Chromium (extension id ${driver.extensionId}).`);
    console.log(`News pages (served from ${server.url}/):`);
    for (const p of server.pages) console.log(`  ${p.outlet.padEnd(24)} ${p.url}`);
    console.log(`\nPopup: click the puzzle-piece icon in the toolbar, then crosscheck, or open`);
    console.log(`  ${driver.extensionOrigin}/popup.html`);
    console.log('\nClose the browser window (or press Ctrl-C) to stop.');
    await driver.closed;
  } finally {
    await driver.close();
  }
}

async function main() {
  const headed = args.screenshot === undefined;
  const linuxWithoutDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headed && linuxWithoutDisplay) {
    fail(
      'No display (DISPLAY and WAYLAND_DISPLAY are unset), so there is nowhere to show a browser window.\n' +
        'To see crosscheck working without one, take screenshots instead:\n' +
        '  npm run demo -- --screenshot /tmp/crosscheck-shots',
    );
  }
  build();
  const server = await startNewsServer();
  try {
    if (headed) await interactive(server);
    else await screenshots(args.screenshot!, server);
  } finally {
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof DemoError) console.error(`\n${error.message}`);
    else console.error('demo failed:', error);
    process.exit(1);
  },
);
