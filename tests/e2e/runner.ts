/**
 * Runs every suite in tests/e2e/suites/ in Chromium, then Firefox, against the
 * built extension in .output/. One line per test; .test-results/e2e.json for
 * tests/run-all.mjs; screenshots and console logs of the open pages of a
 * failed test in .test-results/e2e-artifacts/. Every browser goes through
 * the network audit's proxy (harness/network-audit.ts); after each browser's
 * tests one more line says whether anything left for another host.
 * Started by tests/e2e/run.mjs.
 *
 *   node tests/e2e/run.mjs [--browser chromium|firefox] [--grep TEXT]
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startNewsServer } from '../../scripts/news-site';
import { BROWSERS, launch, type BrowserName, type Driver, type DriverPage, type LaunchOptions } from './harness/index';
import { describeStrays, NetworkAudit, setActiveAudit } from './harness/network-audit';
import { ROOT } from './harness/paths';
import type { E2ETest, Suite, TestContext } from './harness/suite';

const DEFAULT_TIMEOUT_MS = 30_000;
const CLEANUP_TIMEOUT_MS = 15_000;
const RESULTS_DIR = join(ROOT, '.test-results');
const ARTIFACTS_DIR = join(RESULTS_DIR, 'e2e-artifacts');
const NETWORK_TEST = 'network: no request left the browser except to the test server';
/**
 * Suites whose pages may ask for other hosts: the real pages reference
 * their sites' scripts, fonts, ads and trackers (which the suite refuses).
 * There only the extension's own contexts, its service worker and pages,
 * are held to the rule; what they did not ask for is listed, not failed.
 */
const PAGE_TRAFFIC_EXEMPT = ['real pages'];

interface Result {
  browser: BrowserName;
  suite: string;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
  /** Why a test was skipped, when it said. */
  reason?: string;
  /** What a passing check measured, printed under its line. */
  note?: string;
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        browser: { type: 'string', multiple: true },
        grep: { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: node tests/e2e/run.mjs [--browser chromium|firefox] [--grep TEXT]`);
    process.exit(2);
  }
}
const args = readArgs();
const browsers = (args.browser?.flatMap((b) => b.split(',')) ?? [...BROWSERS]) as BrowserName[];
for (const b of browsers) {
  if (!BROWSERS.includes(b)) {
    console.error(`unknown browser "${b}": expected ${BROWSERS.join(' or ')}`);
    process.exit(2);
  }
}
const grep = args.grep ? new RegExp(args.grep, 'i') : null;

function withTimeout<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${(ms / 1000).toFixed(0)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

async function loadSuites(): Promise<Suite[]> {
  const dir = join(ROOT, 'tests', 'e2e', 'suites');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const suites: Suite[] = [];
  for (const file of files) {
    const mod = (await import(join(dir, file))) as { default?: Suite };
    if (!mod.default?.tests) throw new Error(`tests/e2e/suites/${file} has no default export made with suite()`);
    suites.push(mod.default);
  }
  return suites;
}

/** Best effort: what the pages looked like and logged when the test failed. */
async function saveArtifacts(browser: BrowserName, test: string, pages: DriverPage[]): Promise<string[]> {
  const saved: string[] = [];
  for (const [i, page] of pages.entries()) {
    const base = join(ARTIFACTS_DIR, `${browser}--${slug(test)}--${i + 1}`);
    try {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      writeFileSync(`${base}.console.txt`, `${page.url()}\n\n${page.console.map((e) => `[${e.type}] ${e.text}`).join('\n')}\n`);
      await withTimeout('screenshot', page.screenshot(`${base}.png`), 5_000);
      saved.push(`${base}.png`);
    } catch {
      // A page that cannot be captured is not worth failing the run over.
    }
  }
  return saved;
}

async function runTest(browser: BrowserName, test: E2ETest, shared: SharedBrowser, server: TestContext['server']): Promise<Omit<Result, 'suite'>> {
  const started = Date.now();
  const own: Driver[] = [];
  let finished = false;
  let usedShared = false;
  // Tabs the test opens in the shared browser are its own: captured if it fails, closed after it.
  const preexisting = new Set(shared.current()?.openPages() ?? []);
  const testPages = () => [
    ...own.flatMap((d) => d.openPages()),
    ...(usedShared ? (shared.current()?.openPages() ?? []).filter((p) => !preexisting.has(p)) : []),
  ];
  const ctx: TestContext = {
    browser,
    server,
    driver: () => {
      usedShared = true;
      return shared.get();
    },
    async launch(options?: LaunchOptions) {
      const driver = await launch(browser, options);
      // A launch that completes after the test timed out must not outlive it.
      if (finished) {
        await driver.close();
        throw new Error('test already finished');
      }
      own.push(driver);
      return driver;
    },
  };

  let error: unknown = null;
  const running = Promise.resolve().then(() => test.run(ctx));
  running.catch(() => {}); // a test abandoned on timeout may still reject later
  try {
    await withTimeout('test', running, test.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  } catch (e) {
    error = e;
  }
  finished = true;

  const artifacts = error ? await saveArtifacts(browser, test.name, testPages()) : [];
  for (const driver of own) await withTimeout('closing the browser', driver.close(), CLEANUP_TIMEOUT_MS).catch(() => {});
  if (error && usedShared) await shared.reset();
  else if (usedShared) {
    for (const page of testPages()) await withTimeout('closing a tab', page.close(), 5_000).catch(() => {});
  }

  const durationMs = Date.now() - started;
  if (!error) return { browser, name: test.name, status: 'passed', durationMs };
  const message = describe(error) + (artifacts.length ? `\n(page captures: ${artifacts.join(', ')})` : '');
  return { browser, name: test.name, status: 'failed', durationMs, error: message };
}

/** The shared browser: launched on first use, replaced after a failure, closed when its browser's tests are done. */
class SharedBrowser {
  private launching: Promise<Driver> | null = null;
  private driver: Driver | null = null;
  constructor(private readonly browser: BrowserName) {}
  get(): Promise<Driver> {
    this.launching ??= launch(this.browser).then((d) => (this.driver = d));
    return this.launching;
  }
  current(): Driver | null {
    return this.driver;
  }
  async reset(): Promise<void> {
    const pending = this.launching;
    this.launching = null;
    this.driver = null;
    if (pending) {
      await withTimeout(
        'closing the browser',
        pending.then((d) => d.close()),
        CLEANUP_TIMEOUT_MS,
      ).catch(() => {});
    }
  }
}

function printResult(r: Result) {
  const secs = `${(r.durationMs / 1000).toFixed(1)} s`;
  if (r.status === 'passed') console.log(`✓ ${r.browser}: ${r.name} (${secs})${r.note ? `\n    ${r.note.split('\n').join('\n    ')}` : ''}`);
  else if (r.status === 'skipped') console.log(`- ${r.browser}: ${r.name} (skipped${r.reason ? `: ${r.reason}` : ''})`);
  else {
    console.log(`✗ ${r.browser}: ${r.name} (${secs})`);
    const lines = (r.error ?? '').split('\n');
    const shown = lines.slice(0, 25).map((l) => `    ${l}`);
    if (lines.length > 25) shown.push(`    … ${lines.length - 25} more lines`);
    console.log(shown.join('\n'));
  }
}

function skipReason(test: E2ETest, browser: BrowserName): string | undefined {
  return typeof test.skip === 'string' ? test.skip : test.skip?.[browser];
}

function during(browser: BrowserName, suite: string, test: string): string {
  return `${browser}: ${suite} › ${test}`;
}

/** The audit's verdict on everything this browser sent during its tests, as one test line. */
function networkResult(audit: NetworkAudit, browser: BrowserName): Result {
  const exempt = PAGE_TRAFFIC_EXEMPT.map((suite) => `${browser}: ${suite} › `);
  const { strays, noise, pageLevel, toTestServers } = audit.verdict(browser, (label) => exempt.some((p) => label.startsWith(p)));
  const notes = [`${toTestServers} request(s) to the test servers on 127.0.0.1`];
  for (const [what, n] of noise) notes.push(`refused, browser's own and not switchable, no extension context asked: ${n}× ${what}`);
  if (pageLevel.length) {
    const hosts = [...new Set(pageLevel.map((s) => s.host))].sort();
    notes.push(`refused, not asked for by the extension (page-level rule off in ${PAGE_TRAFFIC_EXEMPT.join(', ')}): ${pageLevel.length} to ${hosts.join(', ')}`);
  }
  const base = { browser, suite: 'network audit', name: NETWORK_TEST, durationMs: 0, note: notes.join('\n') };
  if (!strays.length) return { ...base, status: 'passed' };
  return {
    ...base,
    status: 'failed',
    error: `${strays.length} request(s) went elsewhere (refused by the audit proxy, so none reached the network):\n${describeStrays(strays)}`,
  };
}

async function main(): Promise<number> {
  const started = Date.now();
  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const suites = await loadSuites();
  const server = await startNewsServer();
  // Every browser launched from here on goes through the audit's proxy.
  const audit = new NetworkAudit();
  setActiveAudit(audit);
  console.log(`E2E in ${browsers.join(', ')}; news pages at ${server.url}/`);
  const results: Result[] = [];
  try {
    for (const browser of browsers) {
      // One shared browser per browser kind: launching Firefox costs seconds, and
      // tests leave it as they found it (their tabs are closed after them).
      const shared = new SharedBrowser(browser);
      let ran = 0;
      try {
        for (const s of suites) {
          for (const test of s.tests) {
            if (grep && !grep.test(`${s.name} ${test.name}`)) continue;
            let result: Result;
            if (test.browsers && !test.browsers.includes(browser)) {
              result = { browser, suite: s.name, name: test.name, status: 'skipped', durationMs: 0 };
            } else if (skipReason(test, browser)) {
              result = { browser, suite: s.name, name: test.name, status: 'skipped', durationMs: 0, reason: skipReason(test, browser) };
            } else {
              ran++;
              audit.setDuring(during(browser, s.name, test.name));
              result = { suite: s.name, ...(await runTest(browser, test, shared, server)) };
            }
            results.push(result);
            printResult(result);
          }
        }
      } finally {
        await shared.reset();
        audit.setDuring(`${browser}: after its tests`);
      }
      if (ran) {
        const result = networkResult(audit, browser);
        results.push(result);
        printResult(result);
      }
    }
  } finally {
    setActiveAudit(null);
    await audit.close();
    await server.close();
    const count = (status: Result['status']) => results.filter((r) => r.status === status).length;
    const report = {
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      durationMs: Date.now() - started,
      tests: results.map(({ browser, suite, name, status, durationMs, error, reason, note }) => ({
        browser,
        suite,
        name,
        status,
        durationMs,
        ...(error ? { error } : {}),
        ...(reason ? { reason } : {}),
        ...(note ? { note } : {}),
      })),
    };
    writeFileSync(join(RESULTS_DIR, 'e2e.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `\nE2E: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
  }
  if (results.length === 0) {
    console.error(grep ? `no test matches --grep ${args.grep}` : 'no tests found');
    return 1;
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('E2E runner crashed:', error);
    process.exit(1);
  },
);
