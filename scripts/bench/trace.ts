/**
 * Main-thread tasks of one page load, from a Chromium trace.
 *
 * Why a trace and not PerformanceObserver('longtask'): the content script's
 * work after an `await` on runtime.sendMessage runs in the microtask
 * checkpoint that follows a tiny "Receive mojo message" task. Chromium's
 * long-task (and long-animation-frame) accounting leaves that checkpoint
 * out, so a 100 ms extraction there is reported as no long task at all. In
 * the trace each task is a `ThreadControllerImpl::RunTask` followed by its
 * `BlinkScheduler_PerformMicrotaskCheckpoint`; the two together are what
 * blocks input, and that is the task measured here.
 */
import type { CDPSession } from 'playwright-core';

export const TRACE_CATEGORIES = 'toplevel,blink.user_timing,devtools.timeline';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of an X event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; documentLoaderURL?: string; stackTrace?: { url?: string }[] }; beginData?: { url?: string } };
}

export interface Task {
  /** ms from the page's navigationStart. */
  start: number;
  /** Wall time, ms: what the browser calls a long task (> 50 ms). */
  duration: number;
  /** The main thread's CPU time in it, ms: the same task on an idle machine; wall time also counts other processes' turns. */
  cpu: number;
  /** The extension's: runs its script, or holds one of its crosscheck:* marks. */
  extension: boolean;
  /** What of the extension: 'inject' (its script evaluated), a stage name, or 'script'. */
  what?: string;
}

export interface TraceSummary {
  tasks: Task[];
  /** All main-thread time in the extension's tasks (wall, and CPU). */
  extensionMs: number;
  extensionCpuMs: number;
  /** Evaluating the content script at injection (compile + top-level code), wall and CPU. */
  injectMs: number;
  injectCpuMs: number;
}

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const complete = new Promise<{ stream?: string }>((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReturnAsStream' });
  return async () => {
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    if (!stream) throw new Error('the trace came back without a stream');
    const parts: string[] = [];
    for (;;) {
      const r = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
      parts.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
      if (r.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const parsed = JSON.parse(parts.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
    return Array.isArray(parsed) ? parsed : parsed.traceEvents;
  };
}

const isExtensionUrl = (u: string | undefined) => !!u && u.startsWith('chrome-extension://');

export function summariseTrace(events: TraceEvent[], pageUrl: string): TraceSummary | null {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (!parse) return null;
  const { pid, tid } = parse;
  const main = events.filter((e) => e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  const nav = main.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === pageUrl) ?? parse;

  // Tasks: each RunTask with the checkpoint that ends it.
  const spans: { from: number; to: number; cpu: number }[] = [];
  for (const e of main) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const cpu = e.tdur ?? e.dur;
    if (e.name === 'ThreadControllerImpl::RunTask') spans.push({ from: e.ts, to: e.ts + e.dur, cpu });
    else if (e.name === 'BlinkScheduler_PerformMicrotaskCheckpoint') {
      const last = spans[spans.length - 1];
      // Within a few µs of its task's end; a lone checkpoint stands as a task of its own.
      if (last && e.ts >= last.to - 1 && e.ts - last.to < 50) {
        last.to = Math.max(last.to, e.ts + e.dur);
        last.cpu += cpu;
      } else spans.push({ from: e.ts, to: e.ts + e.dur, cpu });
    }
  }
  const marks = main.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('crosscheck:') && (e.ph === 'b' || e.ph === 'e'));
  const scripts = main.filter((e) => isExtensionUrl(e.args?.data?.url) || isExtensionUrl(e.args?.data?.stackTrace?.[0]?.url));

  // The anchoring yields between slices: its continuation tasks carry no mark of their own.
  const anchorWindows: [number, number][] = [];
  for (const b of marks) {
    if (b.name !== 'crosscheck:anchor' || b.ph !== 'b') continue;
    const e = marks.find((x) => x.name === b.name && x.ph === 'e' && x.ts >= b.ts);
    if (e) anchorWindows.push([b.ts, e.ts]);
  }

  const tasks: Task[] = [];
  let extensionMs = 0;
  let extensionCpuMs = 0;
  let injectMs = 0;
  let injectCpuMs = 0;
  for (const span of spans) {
    const inside = (e: TraceEvent) => e.ts >= span.from && e.ts <= span.to;
    const stages = [...new Set(marks.filter(inside).map((e) => e.name.slice('crosscheck:'.length)))];
    const script = scripts.find(inside);
    const inAnchor = anchorWindows.some(([from, to]) => span.from >= from && span.to <= to);
    const what =
      script?.name === 'EvaluateScript' ? 'inject' : stages.length ? stages.join('+') : script ? 'script' : inAnchor ? 'anchor' : undefined;
    const duration = (span.to - span.from) / 1000;
    const cpu = span.cpu / 1000;
    if (what) {
      extensionMs += duration;
      extensionCpuMs += cpu;
      if (what === 'inject') {
        injectMs += duration;
        injectCpuMs += cpu;
      }
    }
    tasks.push({ start: (span.from - nav.ts) / 1000, duration, cpu, extension: what !== undefined, ...(what ? { what } : {}) });
  }
  return { tasks, extensionMs, extensionCpuMs, injectMs, injectCpuMs };
}
