/**
 * Chromium driver: playwright-core on the system Chromium, the unpacked build
 * loaded with --load-extension into a persistent profile.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserLifecycle } from './lifecycle';
import { activeAudit, type NetworkAudit } from './network-audit';
import { ROOT } from './paths';
import { consoleRecorder, evaluateInSubframes, poll, toExpression, type Driver, type DriverPage, type LaunchOptions, type PageError } from './types';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** E2E_CHROME_EXTENSION_DIR tests another build (an unzipped release, a deliberately broken copy). */
export const CHROME_EXTENSION_DIR = process.env.E2E_CHROME_EXTENSION_DIR ?? join(ROOT, '.output', 'chrome-mv3');
const DEFAULT_VIEWPORT = { width: 1280, height: 900 };
const WORKER_TIMEOUT_MS = 15_000;

function wrapPage(page: Page, onClose: () => void): DriverPage {
  const recorder = consoleRecorder();
  // playwright says "warning" where puppeteer and the console API say "warn".
  page.on('console', (m) =>
    recorder.push({ type: m.type() === 'warning' ? 'warn' : m.type(), text: m.text(), url: m.location().url || undefined }),
  );
  const errors: PageError[] = [];
  page.on('pageerror', (e) => errors.push({ message: e.message, stack: e.stack }));
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
      await page.waitForSelector(selector, { state: 'attached', timeout: timeoutMs });
    },
    evaluateInFrames: (fn, arg) => evaluateInSubframes(page.frames(), page.mainFrame(), fn, arg),
    texts: (selector) =>
      evaluate((s: string) => [...document.querySelectorAll(s)].map((e) => (e.textContent ?? '').trim()), selector),
    attributes: (selector, name) =>
      evaluate(([s, n]: [string, string]) => [...document.querySelectorAll(s)].map((e) => e.getAttribute(n)), [selector, name]),
    count: (selector) => evaluate((s: string) => document.querySelectorAll(s).length, selector),
    setViewport: (size) => page.setViewportSize(size),
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    screenshot: async (path, options) => {
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
    },
    close: () => page.close(),
    raw: page,
  };
}

function backgroundScript(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
  };
  const script = manifest.background?.service_worker;
  if (!script) throw new Error(`${extensionDir}/manifest.json has no background.service_worker: is this the Chrome build?`);
  return script;
}

/**
 * Chromium honours only the last --disable-features, so the list Playwright
 * passes (playwright-core 1.65, chromiumSwitches) is repeated whole, with
 * what this project switches off added at the end. A network feature dropped
 * from here shows up in the network audit as traffic to Google.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  // Autofill asks content-autofill.googleapis.com about every form it sees (the news pages have a comment form).
  'AutofillServerCommunication',
];

/** Tells the audit which page, frame or worker asked for each URL (service workers' requests included). */
function watchRequests(context: BrowserContext, audit: NetworkAudit): void {
  context.on('request', (request) => {
    const worker = request.serviceWorker();
    if (worker) {
      audit.saw('chromium', request.url(), `service worker ${worker.url()}`, worker.url().startsWith('chrome-extension://'));
      return;
    }
    let frameUrl = '';
    let pageUrl = '';
    try {
      const frame = request.frame();
      frameUrl = frame.url();
      pageUrl = frame.page().mainFrame().url();
    } catch {
      // a request of no frame the driver knows (yet)
    }
    const top = pageUrl === frameUrl || !pageUrl;
    const where = top ? `page ${frameUrl || '(unknown)'}` : `frame ${frameUrl} in page ${pageUrl}`;
    audit.saw('chromium', request.url(), where, (pageUrl || frameUrl).startsWith('chrome-extension://'));
  });
  // WebSockets raise no request event, and no route stops them.
  const watchSockets = (page: Page) =>
    page.on('websocket', (ws) => audit.saw('chromium', ws.url(), `page ${page.url()} (WebSocket)`, page.url().startsWith('chrome-extension://')));
  context.pages().forEach(watchSockets);
  context.on('page', watchSockets);
}

/**
 * The audit vouches only for a browser that really goes through it: the
 * start-up tab loads the canary URL (a 204, so nothing commits and no
 * content script runs), which the proxy sees only if it was asked for it.
 */
async function proveProxied(context: BrowserContext, audit: NetworkAudit): Promise<void> {
  const url = await audit.canaryUrl('chromium');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url).catch(() => {}); // a 204 aborts the navigation, as it should
  if (!audit.canarySeen(url)) {
    await context.close().catch(() => {});
    throw new Error('Chromium did not send its requests through the network audit proxy');
  }
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Driver> {
  const extensionDir = options.extensionDir ?? CHROME_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no Chrome build at ${extensionDir}: run \`npx wxt build\` first`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or run \`bash .ci/run\` to install it)`);
  }
  const workerScript = backgroundScript(extensionDir);
  const ownsProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'crosscheck-chromium-'));
  const prefsFile = join(profileDir, 'Default', 'Preferences');
  if (!existsSync(prefsFile)) {
    // Developer mode, as for anyone who loads an unpacked extension by hand.
    // Without it Chromium disables an unpacked extension on runtime.reload()
    // ("unsupportedDeveloperExtension"), so the update test could not run.
    mkdirSync(join(profileDir, 'Default'), { recursive: true });
    writeFileSync(
      prefsFile,
      JSON.stringify({
        extensions: { ui: { developer_mode: true } },
        // 2 = never: no DNS prefetch and no preconnect, the page's <link rel="preconnect"> included,
        // so a page's hints open no connection to hosts it never loads from.
        net: { network_prediction_options: 2 },
      }),
    );
  }
  const viewport = options.viewport === undefined ? DEFAULT_VIEWPORT : options.viewport;

  let context!: BrowserContext;
  let worker!: Worker;
  const pages = new Set<DriverPage>();
  const life = browserLifecycle({ profileDir, ownsProfile, start, closeBrowser: () => context.close(), forget: () => pages.clear() });
  const isOurWorker = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith(`/${workerScript}`);

  const audit = activeAudit();

  async function start() {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      viewport,
      timeout: 30_000,
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        `--disable-features=${DISABLED_FEATURES.join(',')}`,
        ...(audit ? [`--proxy-server=${await audit.proxyUrl('chromium')}`, '--proxy-bypass-list=<-loopback>'] : []),
      ],
    });
    if (audit) watchRequests(context, audit);
    context.on('close', () => life.browserGone());
    try {
      worker =
        context.serviceWorkers().find(isOurWorker) ??
        (await context.waitForEvent('serviceworker', { predicate: isOurWorker, timeout: WORKER_TIMEOUT_MS }));
    } catch (error) {
      await context.close().catch(() => {});
      throw new Error(`the extension's service worker (${workerScript}) did not start: ${(error as Error).message.split('\n')[0]}`);
    }
    if (audit) await proveProxied(context, audit);
  }

  await life.begin();

  const track = (page: Page) => {
    const wrapped = wrapPage(page, () => pages.delete(wrapped));
    pages.add(wrapped);
    return wrapped;
  };

  async function openPage(url: string): Promise<DriverPage> {
    const page = await context.newPage();
    const wrapped = track(page);
    await page.goto(url, { waitUntil: 'load' });
    return wrapped;
  }

  const driver: Driver = {
    name: 'chromium',
    get extensionId() {
      return new URL(worker.url()).host;
    },
    get extensionOrigin() {
      return `chrome-extension://${new URL(worker.url()).host}`;
    },
    profileDir,
    get backgroundUrl() {
      return worker.url();
    },
    openPage,
    openExtensionPage: (path) => openPage(`${driver.extensionOrigin}/${path.replace(/^\/+/, '')}`),
    async evalInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>> {
      const page = await openPage(`${driver.extensionOrigin}/popup.html`);
      try {
        return await page.evaluate(fn, arg);
      } finally {
        await page.close().catch(() => {});
      }
    },
    openPages: () => [...pages],
    async reloadExtension() {
      const next = context.waitForEvent('serviceworker', { predicate: isOurWorker, timeout: WORKER_TIMEOUT_MS });
      next.catch(() => {}); // awaited below, unless opening the page throws first
      const page = await context.newPage();
      await page.goto(`${driver.extensionOrigin}/popup.html`);
      // The page goes away with the old extension, so the call never returns.
      await page.evaluate('chrome.runtime.reload()').catch(() => {});
      worker = await next;
      // The new worker can be up a moment before the extension's pages load again.
      await poll(
        'the reloaded extension to answer',
        () => driver.evalInExtension(() => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.id),
        10_000,
      );
    },
    restart: life.restart,
    closed: life.closed,
    get raw() {
      return context;
    },
    close: life.close,
  };
  return driver;
}

