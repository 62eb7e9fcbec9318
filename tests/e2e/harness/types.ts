/**
 * The browser-neutral driver every E2E suite is written against. Chromium is
 * driven by playwright-core, Firefox by puppeteer-core over WebDriver BiDi;
 * suites never see either library unless they reach for `raw`.
 */

export type BrowserName = 'chromium' | 'firefox';

export interface ConsoleEntry {
  type: string;
  text: string;
  /** The script that logged it, where the browser says (a content script's is its extension URL). */
  url?: string;
}

/** An uncaught exception in the page, whichever script threw it. */
export interface PageError {
  message: string;
  stack?: string;
}

export interface LaunchOptions {
  /** Reused across launches when given (and then not deleted on close); a fresh temp dir otherwise. */
  profileDir?: string;
  /** The built extension; defaults to .output/chrome-mv3 or .output/firefox-mv3. */
  extensionDir?: string;
  /** Default true. The demo turns it off. */
  headless?: boolean;
  /**
   * Default true: Ctrl-C/SIGTERM kill the browser (playwright's and puppeteer's
   * own handlers, which exit at once). False: the caller handles the signal and
   * calls close(), which also deletes the temporary profile.
   */
  handleSignals?: boolean;
  /** Viewport of every page; default 1280x900. null: pages follow the window size (headed). */
  viewport?: { width: number; height: number } | null;
}

export interface FrameResult<R> {
  url: string;
  /** The frame's window.name (its iframe's name attribute). */
  name: string;
  value?: R;
  error?: string;
}

export interface DriverPage {
  url(): string;
  /** Every console message this page has logged since it was opened, content scripts' included. */
  readonly console: readonly ConsoleEntry[];
  /** Uncaught exceptions since the page was opened. */
  readonly errors: readonly PageError[];
  waitForConsole(match: string | RegExp, timeoutMs?: number): Promise<ConsoleEntry>;
  /**
   * Runs `fn(arg)` in the page and returns its (JSON-serialisable) result.
   * `fn` is sent as source text: it must not close over anything in Node.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>>;
  /** Polls `fn(arg)` in the page until it returns a truthy value, which is returned. */
  waitFor<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A, timeoutMs?: number): Promise<Awaited<R>>;
  waitForSelector(selector: string, timeoutMs?: number): Promise<void>;
  /**
   * Runs `fn(arg)` in every frame of the page but the top one (nested and
   * other-origin frames included). A frame that cannot be reached gives an
   * error instead of a value.
   */
  evaluateInFrames<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<FrameResult<Awaited<R>>[]>;
  /** textContent (trimmed) of every element matching `selector`. */
  texts(selector: string): Promise<string[]>;
  /** An attribute of every element matching `selector` (null where absent). */
  attributes(selector: string, name: string): Promise<(string | null)[]>;
  count(selector: string): Promise<number>;
  setViewport(size: { width: number; height: number }): Promise<void>;
  /** Real input events, at viewport (CSS pixel) coordinates. */
  mouseMove(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** One key press to whatever has focus: "Tab", "Enter", "Escape", ... */
  press(key: string): Promise<void>;
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
  /** The underlying playwright or puppeteer Page, for what this interface lacks. */
  readonly raw: unknown;
}

export interface Driver {
  readonly name: BrowserName;
  /** chrome-extension://ID or moz-extension://UUID, no trailing slash. */
  readonly extensionOrigin: string;
  /** runtime.id as the extension itself sees it. */
  readonly extensionId: string;
  readonly profileDir: string;
  /** Chromium: the service worker's URL. Firefox: null (puppeteer does not expose the background page). */
  readonly backgroundUrl: string | null;
  openPage(url: string): Promise<DriverPage>;
  /** `path` relative to the extension root, e.g. "popup.html". Resolves once the document has loaded. */
  openExtensionPage(path: string): Promise<DriverPage>;
  /** Runs `fn(arg)` in a short-lived extension page (real extension origin, IndexedDB and runtime APIs). */
  evalInExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>>;
  /** Pages opened through this driver and not yet closed. */
  openPages(): DriverPage[];
  /**
   * An extension update as the browser performs it. Chromium: runtime.reload(),
   * then waits for the new service worker. Firefox: installs the same directory
   * again over the running add-on. Open extension pages are closed by it.
   */
  reloadExtension(): Promise<void>;
  /** Quits the browser and starts it again on the same profile, with the extension loaded. */
  restart(): Promise<void>;
  /** Resolves when the browser goes away, whoever closed it. */
  readonly closed: Promise<void>;
  /** Quits the browser; deletes the profile unless it was given. Safe to call twice. */
  close(): Promise<void>;
  /** The underlying playwright BrowserContext or puppeteer Browser (replaced by restart()). */
  readonly raw: unknown;
}

/** Like toExpression, with the frame's window.name alongside the value: `{ name, value }`. */
export function toFrameExpression(fn: (arg: never) => unknown, arg: unknown): string {
  return `(async () => ({ name: window.name, value: await ${toExpression(fn, arg)} }))()`;
}

/** A frame as playwright and puppeteer both have it: its address, and an expression run in it. */
export interface EvaluableFrame {
  url(): string;
  evaluate(expression: string): Promise<unknown>;
}

/**
 * `fn(arg)` in every frame of a page but its main one (nested frames
 * included), with each frame's address and window.name; a frame the
 * expression cannot run in answers with its error instead of failing the rest.
 */
export function evaluateInSubframes<R, A>(frames: readonly EvaluableFrame[], main: EvaluableFrame, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<FrameResult<Awaited<R>>[]> {
  return Promise.all(
    frames.filter((f) => f !== main).map(async (f): Promise<FrameResult<Awaited<R>>> => {
      try {
        const { name, value } = (await f.evaluate(toFrameExpression(fn, arg))) as { name: string; value: Awaited<R> };
        return { url: f.url(), name, value };
      } catch (error) {
        return { url: f.url(), name: '', error: (error as Error).message.split('\n')[0] };
      }
    }),
  );
}

/** Source text of `fn(arg)` as an expression, with a stand-in for esbuild's `__name` helper. */
export function toExpression(fn: (arg: never) => unknown, arg: unknown): string {
  // tsx compiles with esbuild's keepNames, which wraps named inner functions in
  // __name(...); that helper exists in Node, not in the page the source is sent to.
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

export async function poll<R>(what: string, attempt: () => Promise<R>, timeoutMs: number, intervalMs = 100): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await attempt();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message.split('\n')[0]}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** Shared by both drivers: console capture and the waits built on it. */
export function consoleRecorder() {
  const entries: ConsoleEntry[] = [];
  const waiters = new Set<{ match: string | RegExp; resolve: (e: ConsoleEntry) => void }>();
  const matches = (m: string | RegExp, text: string) => (typeof m === 'string' ? text.includes(m) : m.test(text));
  return {
    entries,
    push(entry: ConsoleEntry) {
      entries.push(entry);
      for (const w of waiters) {
        if (matches(w.match, entry.text)) {
          waiters.delete(w);
          w.resolve(entry);
        }
      }
    },
    wait(match: string | RegExp, timeoutMs: number): Promise<ConsoleEntry> {
      const seen = entries.find((e) => matches(match, e.text));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (e: ConsoleEntry) => {
            clearTimeout(timer);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const got = entries.length ? entries.map((e) => `  [${e.type}] ${e.text}`).join('\n') : '  (none)';
          reject(new Error(`no console message matching ${String(match)} within ${timeoutMs} ms; messages seen:\n${got}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
