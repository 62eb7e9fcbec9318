/**
 * The life of one launched browser as a driver sees it, the same for
 * Chromium and Firefox: a restart closes the browser without ending the
 * driver, `close()` runs once however many callers ask (Ctrl-C while the demo
 * is already closing), and a temporary profile is removed at the end or when
 * the first start fails.
 */
import { rmSync } from 'node:fs';

export interface BrowserLifecycle {
  /** Settles when the driver is done: closed by us, or the browser went away outside a restart. */
  closed: Promise<void>;
  /** For the browser's own close/disconnect event. */
  browserGone(): void;
  /** The first start; on failure the temporary profile is removed and the error rethrown. */
  begin(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function browserLifecycle(options: {
  profileDir: string;
  ownsProfile: boolean;
  start: () => Promise<void>;
  closeBrowser: () => Promise<void>;
  /** What the driver held from the closed browser (its pages), dropped before a restart starts again. */
  forget: () => void;
}): BrowserLifecycle {
  let restarting = false;
  let closing: Promise<void> | null = null;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((ok) => (resolveClosed = ok));
  const removeProfile = () => {
    if (options.ownsProfile) rmSync(options.profileDir, { recursive: true, force: true, maxRetries: 3 });
  };
  return {
    closed,
    browserGone() {
      if (!restarting) resolveClosed();
    },
    async begin() {
      await options.start().catch((error: unknown) => {
        removeProfile();
        throw error;
      });
    },
    async restart() {
      restarting = true;
      try {
        await options.closeBrowser();
        options.forget();
        await options.start();
      } finally {
        restarting = false;
      }
    },
    close() {
      closing ??= (async () => {
        await options.closeBrowser().catch(() => {});
        resolveClosed();
        removeProfile();
      })();
      return closing;
    },
  };
}
