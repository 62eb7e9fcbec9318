/**
 * Firefox driver: puppeteer-core over WebDriver BiDi on Firefox ESR, the build
 * installed as a temporary add-on. Playwright cannot drive a stock Firefox.
 */
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserLifecycle } from './lifecycle';
import { activeAudit, type NetworkAudit } from './network-audit';
import { ROOT } from './paths';
import { consoleRecorder, evaluateInSubframes, poll, toExpression, type Driver, type DriverPage, type LaunchOptions, type PageError } from './types';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** E2E_FIREFOX_EXTENSION_DIR tests another build (an unzipped release, a deliberately broken copy). */
export const FIREFOX_EXTENSION_DIR = process.env.E2E_FIREFOX_EXTENSION_DIR ?? join(ROOT, '.output', 'firefox-mv3');
/**
 * Firefox gives each install a random moz-extension:// UUID. Pinning it makes
 * extension pages addressable, and makes a re-install (after a restart or an
 * update) land on the same origin, hence the same IndexedDB, as a permanent
 * install would.
 */
export const FIREFOX_EXTENSION_UUID = '6f1c2b9e-4a7d-4c2e-9b1a-3d5e7f9a0c21';
const DEFAULT_VIEWPORT = { width: 1280, height: 900 };

function geckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id: is this the Firefox build?`);
  return id;
}

function wrapPage(page: Page, onClose: () => void): DriverPage {
  const recorder = consoleRecorder();
  page.on('console', (m) => recorder.push({ type: m.type(), text: m.text(), url: m.location().url || undefined }));
  const errors: PageError[] = [];
  page.on('pageerror', (e) => errors.push(e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) }));
  page.on('close', onClose);
  const evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
    page.evaluate(toExpression(fn, arg)) as Promise<Awaited<R>>;
  return {
    url: () => page.url(),
    console: recorder.entries,
    errors,
    waitForConsole: (match, timeoutMs = 10_000) => recorder.wait(match, timeoutMs),
    evaluate,
    waitFor: (fn, arg, timeoutMs = 10_000) => poll(`page condition ${fn.toString().slice(0, 80)}`, () => evaluate(fn, arg), timeoutMs),
    waitForSelector: async (selector, timeoutMs = 10_000) => {
      await page.waitForSelector(selector, { timeout: timeoutMs });
    },
    evaluateInFrames: (fn, arg) => evaluateInSubframes(page.frames(), page.mainFrame(), fn, arg),
    texts: (selector) =>
      evaluate((s: string) => [...document.querySelectorAll(s)].map((e) => (e.textContent ?? '').trim()), selector),
    attributes: (selector, name) =>
      evaluate(([s, n]: [string, string]) => [...document.querySelectorAll(s)].map((e) => e.getAttribute(n)), [selector, name]),
    count: (selector) => evaluate((s: string) => document.querySelectorAll(s).length, selector),
    setViewport: (size) => page.setViewport(size),
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key as KeyInput),
    screenshot: async (path, options) => {
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
    },
    close: () => page.close(),
    raw: page,
  };
}

/** Everything through the audit's proxy; 127.0.0.1 too, which Firefox would otherwise always send direct. */
function auditPrefs({ hostname, port }: URL): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': hostname,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': hostname,
    'network.proxy.ssl_port': Number(port),
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
}

/** Tells the audit which page or frame asked for each URL (BiDi sees tabs, not the background page). */
function watchRequests(page: Page, audit: NetworkAudit, extensionOrigin: string): void {
  page.on('request', (request) => {
    const frameUrl = request.frame()?.url() ?? '';
    const pageUrl = page.url();
    const where = !frameUrl || frameUrl === pageUrl ? `page ${pageUrl}` : `frame ${frameUrl} in page ${pageUrl}`;
    audit.saw('firefox', request.url(), where, pageUrl.startsWith(extensionOrigin));
  });
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<Driver> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no Firefox build at ${extensionDir}: run \`npx wxt build -b firefox\` first`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox not found at ${FIREFOX_PATH} (set FIREFOX_PATH, or run \`bash .ci/run\` to install it)`);
  }
  const id = geckoId(extensionDir);
  const ownsProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'crosscheck-firefox-'));
  const origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

  const audit = activeAudit();
  let firefox!: Browser;
  const pages = new Set<DriverPage>();
  const life = browserLifecycle({ profileDir, ownsProfile, start, closeBrowser: () => firefox.close(), forget: () => pages.clear() });

  async function start() {
    firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: options.headless ?? true,
      userDataDir: profileDir,
      defaultViewport: options.viewport === undefined ? DEFAULT_VIEWPORT : options.viewport,
      timeout: 30_000,
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [id]: FIREFOX_EXTENSION_UUID }),
        // Remote settings (blocklists, certificate revocation, Normandy…) would sync from
        // firefox.settings.services.mozilla.com. A data: server makes every sync fail at
        // once, without a request; release builds take the override only with the variable below.
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        ...(audit ? auditPrefs(new URL(await audit.proxyUrl('firefox'))) : {}),
      },
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      // Lets BiDi reach privileged (moz-extension:) documents.
      args: ['--remote-allow-system-access'],
    });
    firefox.on('disconnected', () => life.browserGone());
    if (audit) await proveProxied(audit);
    await install();
  }

  /** As in Chromium: the canary URL reaches the proxy only if Firefox really goes through it. */
  async function proveProxied(audit: NetworkAudit) {
    const url = await audit.canaryUrl('firefox');
    const [page] = await firefox.pages();
    // From the start-up tab, before the add-on is installed: no content script sees it.
    await (page ?? (await firefox.newPage())).evaluate((u) => fetch(u, { mode: 'no-cors' }).then(() => true, () => false), url).catch(() => false);
    if (!audit.canarySeen(url)) {
      await firefox.close().catch(() => {});
      throw new Error('Firefox did not send its requests through the network audit proxy');
    }
  }

  async function install() {
    try {
      const installed = await firefox.installExtension(extensionDir);
      if (installed !== id) throw new Error(`installed add-on id ${installed}, expected ${id}`);
    } catch (error) {
      await firefox.close().catch(() => {});
      throw new Error(`Firefox did not install ${extensionDir}: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  const track = (page: Page) => {
    if (audit) watchRequests(page, audit, origin);
    const wrapped = wrapPage(page, () => pages.delete(wrapped));
    pages.add(wrapped);
    return wrapped;
  };

  await life.begin();

  const driver: Driver = {
    name: 'firefox',
    extensionId: id,
    extensionOrigin: origin,
    profileDir,
    backgroundUrl: null,
    async openPage(url) {
      const page = await firefox.newPage();
      const wrapped = track(page);
      await page.goto(url, { waitUntil: 'load' });
      return wrapped;
    },
    async openExtensionPage(path) {
      const url = `${origin}/${path.replace(/^\/+/, '')}`;
      const page = await firefox.newPage();
      const wrapped = track(page);
      // BiDi never reports moz-extension: navigations as finished, so goto() would
      // hang until its timeout: start it, and watch the document instead.
      page.goto(url).catch(() => {});
      await poll(
        `${url} to load`,
        () => wrapped.evaluate((u: string) => location.href === u && document.readyState === 'complete', url),
        15_000,
      );
      return wrapped;
    },
    async evalInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>> {
      const page = await driver.openExtensionPage('popup.html');
      try {
        return await page.evaluate(fn, arg);
      } finally {
        await page.close().catch(() => {});
      }
    },
    openPages: () => [...pages],
    async reloadExtension() {
      // What Firefox does for an update: the same id installed over the running add-on.
      await install();
      await poll(
        'the re-installed extension to answer',
        () => driver.evalInExtension(() => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.id),
        10_000,
      );
    },
    restart: life.restart,
    closed: life.closed,
    get raw() {
      return firefox;
    },
    close: life.close,
  };
  return driver;
}
