#!/usr/bin/env node
/**
 * `web-ext lint` as a gate: fails on any error and on any warning except the
 * one Preact carries by design, which is recognised by the code at the spot
 * the linter points to, not by its message (every innerHTML warning has the
 * same message, and a new one from another dependency must not slip through).
 *
 *   node tests/lint-extension.mjs --browser firefox|chrome DIR
 *
 * The Firefox build is the one Firefox users get, so it is held to everything.
 * The Chrome build is linted too, to catch code-level warnings in its bundles;
 * only the manifest findings that come from it not being a Firefox manifest are
 * set aside (CHROME_ONLY_MANIFEST below).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A Chrome MV3 manifest is not a Firefox one: it has no gecko id, and its
 * background is a service worker only. Adding Firefox's keys to it would make
 * Chrome warn about unknown keys instead. Each is accepted only on manifest.json.
 */
const CHROME_ONLY_MANIFEST = {
  ADDON_ID_REQUIRED: 'Firefox needs browser_specific_settings.gecko.id; Chrome has no such key',
  BACKGROUND_SERVICE_WORKER_NOFALLBACK: 'Firefox runs background.scripts; the Chrome build declares only the service worker',
  MISSING_DATA_COLLECTION_PERMISSIONS: 'data_collection_permissions is a gecko key, declared in the Firefox build',
};

/** The bundle text the linter points at, for the report. */
function snippet(dir, m, before = 80, after = 80) {
  if (!m.file || !m.line) return '';
  try {
    const line = readFileSync(join(dir, m.file), 'utf8').split('\n')[m.line - 1] ?? '';
    const col = m.column ?? 0;
    return line.slice(Math.max(0, col - before), col + after);
  } catch {
    return '';
  }
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Preact's diff writes `dom.innerHTML = html.__html` where `html` is the
 * element's dangerouslySetInnerHTML prop, a few statements earlier. The
 * warning is Preact's when the flagged assignment has exactly that shape and
 * its right-hand side was taken from dangerouslySetInnerHTML. crosscheck never
 * passes that prop (page text is rendered as text), so the code never runs.
 */
export function isPreactDangerousHtml(dir, m) {
  if (m.code !== 'UNSAFE_VAR_ASSIGNMENT' || !m.file?.endsWith('.js') || !m.line) return false;
  let line;
  try {
    line = readFileSync(join(dir, m.file), 'utf8').split('\n')[m.line - 1] ?? '';
  } catch {
    return false;
  }
  const col = m.column ?? 0;
  for (const a of line.matchAll(/([\w$]+)\.innerHTML\s*=\s*([\w$]+)\.__html\b/g)) {
    if (Math.abs(a.index - col) > 2) continue;
    const before = line.slice(Math.max(0, a.index - 800), a.index);
    const fromProp = new RegExp(`dangerouslySetInnerHTML.{0,40}?(?<![\\w$])${escapeRe(a[2])}\\s*=[^=]`);
    if (fromProp.test(before)) return true;
  }
  return false;
}

export function lint(dir, browser) {
  const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  let report;
  try {
    report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  } catch {
    console.error(`web-ext lint gave no JSON report for ${dir} (exit ${r.status})\n${r.stdout}\n${r.stderr}`);
    return false;
  }

  const allowed = [];
  const offending = [];
  for (const [kind, list] of [['error', report.errors ?? []], ['warning', report.warnings ?? []]]) {
    for (const m of list) {
      if (kind === 'warning' && isPreactDangerousHtml(dir, m)) allowed.push({ m, why: "Preact's dangerouslySetInnerHTML (never used)" });
      else if (browser === 'chrome' && m.file === 'manifest.json' && CHROME_ONLY_MANIFEST[m.code]) {
        allowed.push({ m, why: `not a Firefox manifest: ${CHROME_ONLY_MANIFEST[m.code]}` });
      } else offending.push({ kind, m });
    }
  }

  for (const { m, why } of allowed) console.log(`  allowed ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}:${m.column}` : ''}: ${why}`);
  for (const m of report.notices ?? []) console.log(`  notice ${m.code} ${m.file ?? ''}: ${m.message}`);
  for (const { kind, m } of offending) {
    console.log(`  ${kind.toUpperCase()} ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}:${m.column}` : ''}: ${m.message}`);
    const code = snippet(dir, m);
    if (code) console.log(`    ${code}`);
  }
  const counts = `${report.summary?.errors ?? '?'} error(s), ${report.summary?.warnings ?? '?'} warning(s) reported`;
  if (offending.length) {
    console.log(`web-ext lint (${browser}, ${dir}): ${counts}; ${offending.length} not allowed (listed above)`);
    return false;
  }
  console.log(`web-ext lint (${browser}, ${dir}): ${counts}; all of them allowed`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const b = args.indexOf('--browser');
  const browser = b >= 0 ? args.splice(b, 2)[1] : undefined;
  const [dir] = args;
  if (!dir || (browser !== 'firefox' && browser !== 'chrome')) {
    console.error('usage: node tests/lint-extension.mjs --browser firefox|chrome DIR');
    process.exit(2);
  }
  process.exit(lint(dir, browser) ? 0 : 1);
}
