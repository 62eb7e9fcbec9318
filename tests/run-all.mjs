#!/usr/bin/env node
/**
 * `npm test`: type-check, unit tests, both builds, web-ext lint and the built
 * manifests' permissions against README.md, then E2E in
 * Chromium and Firefox. Every step runs even when an earlier one failed, so one
 * run reports everything; the last line adds up unit and E2E results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
mkdirSync('.test-results', { recursive: true });

function step(name, cmd, args, { count } = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (count) count(ok);
  else if (!ok) results.failed++;
  if (!ok) failedSteps.push(name);
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

step('typecheck', 'npx', ['tsc', '--noEmit']);

/** Adds a vitest run's results (its JSON report) to the totals. */
const countVitest = (reportPath) => (ok) => {
  const report = readJson(reportPath);
  if (!report) {
    results.failed++;
    return;
  }
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests + (ok || report.numFailedTests ? 0 : 1);
  results.skipped += report.numPendingTests + report.numTodoTests;
};

rmSync('.test-results/unit.json', { force: true });
// The manifest check needs the builds, which come next; it runs after them instead.
step('unit', 'npx', ['vitest', 'run', '--exclude', 'tests/unit/manifest-permissions.test.ts'], { count: countVitest('.test-results/unit.json') });

// The judgment figures on ../shared (skips, saying so, where it is absent): worse than JUDGMENT.md's baseline fails.
/** A step that is one check: it passed or it failed. */
const countOne = (ok) => (ok ? results.passed++ : results.failed++);
step('judge', 'npx', ['tsx', 'scripts/judge/main.ts', '--check'], { count: countOne });

const builtChrome = step('build chrome', 'npx', ['wxt', 'build']);
const builtFirefox = step('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
// Builds go where wxt.config.ts puts them: CROSSCHECK_OUT_DIR when set, else .output.
const outDir = process.env.CROSSCHECK_OUT_DIR || '.output';
// Any lint error or warning fails, except Preact's known innerHTML warning (and, for the
// Chrome build, the manifest findings that only a Firefox manifest could satisfy):
// tests/lint-extension.mjs names what it let through and prints what it did not.
if (builtFirefox) step('web-ext lint (firefox)', 'node', ['tests/lint-extension.mjs', '--browser', 'firefox', `${outDir}/firefox-mv3`]);
if (builtChrome) step('web-ext lint (chrome)', 'node', ['tests/lint-extension.mjs', '--browser', 'chrome', `${outDir}/chrome-mv3`]);
// The manifests just built, against README.md's permissions table.
if (builtChrome && builtFirefox) {
  const report = '.test-results/manifest-permissions.json';
  rmSync(report, { force: true });
  step('manifest permissions', 'npx', ['vitest', 'run', 'tests/unit/manifest-permissions.test.ts', `--outputFile.json=${report}`], {
    count: countVitest(report),
  });
}

if (builtChrome && builtFirefox) {
  rmSync('.test-results/e2e.json', { force: true });
  step('e2e', 'node', ['tests/e2e/run.mjs'], {
    count(ok) {
      const report = readJson('.test-results/e2e.json');
      if (!report) {
        results.failed++;
        return;
      }
      results.passed += report.passed;
      results.failed += report.failed + (ok || report.failed ? 0 : 1);
      results.skipped += report.skipped;
    },
  });
}

// The benchmarks at tiny sizes, so they never rot; the full runs (npm run bench, bench:browser) stay out of CI.
step('bench smoke (node)', 'npx', ['tsx', 'scripts/bench/node.ts', '--smoke'], { count: countOne });
if (builtChrome) step('bench smoke (browser)', 'npx', ['tsx', 'scripts/bench/browser.ts', '--smoke'], { count: countOne });

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed || failedSteps.length ? 1 : 0);
