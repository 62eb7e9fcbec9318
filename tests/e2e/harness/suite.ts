/**
 * How an E2E suite is written: a default export of `suite(name, tests)` in
 * tests/e2e/suites/*.ts. Each test runs once per browser, against the
 * browser-neutral Driver, and must fail on its own assertions (node:assert).
 */
import type { NewsServer } from '../../../scripts/news-site';
import type { BrowserName, Driver, LaunchOptions } from './types';

export interface TestContext {
  browser: BrowserName;
  /**
   * A browser shared by all tests of this browser kind, launched on first use.
   * Tabs the test opens are closed after it; the corpus is not reset, so a
   * test that changes it must use launch() instead. Replaced with a fresh one
   * after a test fails, so one failure does not leave state behind.
   */
  driver(): Promise<Driver>;
  /** A browser of this test's own (fresh profile unless one is given); closed when the test ends. */
  launch(options?: LaunchOptions): Promise<Driver>;
  /** The local news site: seed pages and tests/fixtures/. */
  server: NewsServer;
}

export interface E2ETest {
  name: string;
  /** Default 30 s. Covers launching the browser when the test launches its own. */
  timeoutMs?: number;
  /** Restrict to some browsers; the others report it as skipped. */
  browsers?: BrowserName[];
  /**
   * Set when the test cannot run on this machine (missing data): reported as
   * skipped, with this reason. Per browser: skipped in those browsers only.
   */
  skip?: string | Partial<Record<BrowserName, string>>;
  run(ctx: TestContext): Promise<void>;
}

export interface Suite {
  name: string;
  tests: E2ETest[];
}

export function suite(name: string, tests: E2ETest[]): Suite {
  return { name, tests };
}
