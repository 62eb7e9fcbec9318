/**
 * The benchmark scripts' own arithmetic: percentiles, the trace reading that
 * decides which main-thread tasks are the extension's, the sizes walk and the
 * chart. The benchmarks themselves run from `tsx scripts/bench/*.ts --smoke`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median, p95, percentile, table } from '../../scripts/bench/common';
import { buildSizes } from '../../scripts/bench/sizes';
import { latencyChart } from '../../scripts/bench/svg';
import { summariseTrace } from '../../scripts/bench/trace';

describe('percentiles', () => {
  it('are nearest-rank: always an observed value', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(median(xs)).toBe(3);
    expect(p95(xs)).toBe(5);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe('tables', () => {
  it('pad every column to one width', () => {
    const lines = table(['page', 'ms'], [['a', '1'], ['longer name', '12.5']]).split('\n');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[1]).toMatch(/^\| :-+ \| -+: \|$/);
  });
});

describe('trace tasks', () => {
  const url = 'http://127.0.0.1:1/fixtures/a.html';
  const pid = 1;
  const tid = 1;
  const ev = (name: string, ts: number, extra: Record<string, unknown> = {}) => ({ name, ph: 'X', ts, pid, tid, cat: 'toplevel', ...extra });
  const mark = (name: string, ph: 'b' | 'e', ts: number) => ({ name, ph, ts, pid, tid, cat: 'blink.user_timing' });
  const events = [
    { name: 'ParseHTML', ph: 'X', ts: 1000, dur: 10, pid, tid, args: { beginData: { url } } },
    { name: 'navigationStart', ph: 'R', ts: 0, pid, tid, cat: 'blink.user_timing', args: { data: { documentLoaderURL: url } } },
    // The page's own 60 ms task.
    ev('ThreadControllerImpl::RunTask', 10_000, { dur: 60_000 }),
    ev('BlinkScheduler_PerformMicrotaskCheckpoint', 70_001, { dur: 2 }),
    // Injection: the content script evaluated, 45 ms.
    ev('ThreadControllerImpl::RunTask', 100_000, { dur: 45_000, tdur: 30_000 }),
    ev('EvaluateScript', 100_010, { dur: 44_000, args: { data: { url: 'chrome-extension://id/content-scripts/article.js' } } }),
    // A message reply: a tiny task, then 80 ms of serialising in its microtask checkpoint.
    ev('ThreadControllerImpl::RunTask', 200_000, { dur: 100 }),
    ev('BlinkScheduler_PerformMicrotaskCheckpoint', 200_101, { dur: 80_000, tdur: 40_000 }),
    mark('crosscheck:serialize', 'b', 200_200),
    mark('crosscheck:serialize', 'e', 280_000),
    mark('crosscheck:analyse', 'b', 280_010),
    mark('crosscheck:analyse', 'e', 400_000),
    ev('ThreadControllerImpl::RunTask', 399_000, { dur: 50 }),
    ev('BlinkScheduler_PerformMicrotaskCheckpoint', 399_051, { dur: 2_000 }),
    mark('crosscheck:anchor', 'b', 400_100),
    // A yield continuation inside the anchoring: no mark of its own.
    ev('ThreadControllerImpl::RunTask', 420_000, { dur: 55_000 }),
    mark('crosscheck:anchor', 'e', 480_000),
    ev('ThreadControllerImpl::RunTask', 479_990, { dur: 20 }),
  ];

  it('count the microtask checkpoint in its task and attribute by script URL, mark or anchor window', () => {
    const s = summariseTrace(events as never, url);
    expect(s).not.toBeNull();
    const long = s!.tasks.filter((t) => t.duration > 50);
    expect(long.map((t) => [Math.round(t.start), Math.round(t.duration), Math.round(t.cpu), t.extension, t.what ?? null])).toEqual([
      [10, 60, 60, false, null],
      [200, 80, 40, true, 'serialize+analyse'],
      [420, 55, 55, true, 'anchor'],
    ]);
    expect(Math.round(s!.injectMs)).toBe(45);
    expect(Math.round(s!.injectCpuMs)).toBe(30);
  });

  it('give up on a trace without the page', () => {
    expect(summariseTrace(events as never, 'http://127.0.0.1:1/other.html')).toBeNull();
  });
});

describe('bundle sizes', () => {
  it('follow the manifest, the HTML pages and the chunks they import', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-sizes-'));
    try {
      mkdirSync(join(dir, 'chunks'));
      mkdirSync(join(dir, 'content-scripts'));
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({ background: { service_worker: 'background.js' }, action: { default_popup: 'popup.html' }, content_scripts: [{ js: ['content-scripts/article.js'], css: ['content-scripts/article.css'] }] }),
      );
      writeFileSync(join(dir, 'background.js'), 'x'.repeat(1000));
      writeFileSync(join(dir, 'content-scripts', 'article.js'), 'y'.repeat(500));
      writeFileSync(join(dir, 'content-scripts', 'article.css'), 'z{}');
      writeFileSync(join(dir, 'popup.html'), '<script type="module" src="/chunks/popup.js"></script>');
      writeFileSync(join(dir, 'chunks', 'popup.js'), 'import{a}from"./shared.js";a()');
      writeFileSync(join(dir, 'chunks', 'shared.js'), 'export const a=()=>1');
      const sizes = buildSizes(dir, 'test')!;
      const byName = Object.fromEntries(sizes.entries.map((e) => [e.entry, e]));
      expect(byName['content script (article): JS + CSS']?.raw).toBe(503);
      expect(byName['background']?.raw).toBe(1000);
      expect(byName['popup (popup.html + its chunks)']?.files.sort()).toEqual(['chunks/popup.js', 'chunks/shared.js', 'popup.html']);
      expect(byName['background']!.gzip).toBeLessThan(100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the latency chart', () => {
  it('is one SVG with a point per size and series, and the targets', () => {
    const s = (m: number) => ({ median: m, p95: m * 2, n: 10 });
    const svg = latencyChart([
      { size: 1000, wall: s(1), cpu: s(0.8) },
      { size: 10000, wall: s(2), cpu: s(1.5) },
      { size: 100000, wall: s(8), cpu: s(6) },
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle/g)).toHaveLength(12);
    expect(svg).toContain('target ≤ 10 ms');
    expect(svg).toContain('target ≤ 50 ms');
  });
});
