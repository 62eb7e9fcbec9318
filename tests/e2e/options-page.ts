/**
 * Driving the options page (the corpus manager) the way the options suites
 * do: opening it on a view, moving between views, handing files to its
 * import as the picker or a drop would, and catching what its buttons save.
 *
 * Files reach the page as a File list set on the file input (DataTransfer),
 * then its change event. Saved files are caught at URL.createObjectURL and the
 * click that would save them is cancelled.
 */
import type { Driver, DriverPage } from './harness/index';

export interface ImportOutcome {
  ok: boolean;
  /** The text of the result or error the page shows. */
  text: string;
}

export interface PickedFile {
  name: string;
  text: string;
  /** application/json unless given. */
  type?: string;
}

/**
 * Opens options.html on `view` and waits for `ready` to be in the page. With
 * `keepExports`, the files the page saves are kept for the test (savedText)
 * instead of being saved to disk.
 */
export async function openOptions(
  driver: Driver,
  view: string,
  { ready = 'main h2', keepExports = false }: { ready?: string; keepExports?: boolean } = {},
): Promise<DriverPage> {
  const page = await driver.openExtensionPage(`options.html#${view}`);
  await page.waitForSelector(ready, 15_000);
  if (keepExports) await catchExports(page);
  return page;
}

async function catchExports(page: DriverPage): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __exports: Blob[] };
    w.__exports = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) w.__exports.push(blob);
      return create(blob);
    };
    document.addEventListener('click', (e) => e.target instanceof HTMLAnchorElement && e.target.download && e.preventDefault(), true);
  });
}

/** Switches the page to `view` (a hash) and waits for `selector`. */
export async function go(page: DriverPage, view: string, selector: string, timeoutMs = 15_000): Promise<void> {
  await page.evaluate((v: string) => (location.hash = v), view);
  await page.waitForSelector(selector, timeoutMs);
}

/** Clicks a button, then returns the text of the file it saved (the page opened with keepExports). */
export async function savedText(page: DriverPage, buttonSelector: string, timeoutMs = 60_000): Promise<string> {
  const before = await page.evaluate(() => (window as unknown as { __exports: Blob[] }).__exports.length);
  await page.evaluate((s: string) => document.querySelector<HTMLButtonElement>(s)!.click(), buttonSelector);
  return page.waitFor(
    async (n: number) => {
      const list = (window as unknown as { __exports: Blob[] }).__exports;
      return list.length > n ? await list[list.length - 1]!.text() : null;
    },
    before,
    timeoutMs,
  ) as Promise<string>;
}

/** Removes the outcome of an earlier import, so that the next one shown is the next import's. */
export async function clearImportOutcome(page: DriverPage): Promise<void> {
  await page.evaluate(() => document.querySelector('.import-result, .import-error')?.remove());
}

/** Waits for the import's result or error to show. */
export function importOutcome(page: DriverPage, timeoutMs: number): Promise<ImportOutcome> {
  return page.waitFor(
    () => {
      const ok = document.querySelector('.import-result')?.textContent;
      const bad = document.querySelector('.import-error')?.textContent;
      return ok ? { ok: true, text: ok } : bad ? { ok: false, text: bad } : null;
    },
    undefined,
    timeoutMs,
  ) as Promise<ImportOutcome>;
}

/**
 * Gives files to the import (the view must be showing), as the picker or a
 * drop on the drop zone would, and waits for the outcome. With
 * `recordProgress`, every state the progress bar passes through is kept in
 * window.__progress, to prove it was shown and moved.
 */
export async function giveFiles(
  page: DriverPage,
  files: PickedFile[],
  { timeoutMs, via = 'picker', recordProgress = false }: { timeoutMs: number; via?: 'picker' | 'drop'; recordProgress?: boolean },
): Promise<ImportOutcome> {
  await clearImportOutcome(page);
  await page.evaluate(
    ([fs, how, record]: [PickedFile[], string, boolean]) => {
      if (record) {
        const w = window as unknown as { __progress: { done: string | null; total: string | null; label: string }[] };
        w.__progress = [];
        new MutationObserver(() => {
          const bar = document.querySelector('#import-progress-bar');
          const label = document.querySelector('.import-progress label')?.textContent ?? '';
          if (bar) w.__progress.push({ done: bar.getAttribute('data-done'), total: bar.getAttribute('data-total'), label });
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      }
      const dt = new DataTransfer();
      for (const f of fs) dt.items.add(new File([f.text], f.name, { type: f.type ?? 'application/json' }));
      if (how === 'drop') {
        document.querySelector('.drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        return;
      }
      const input = document.querySelector<HTMLInputElement>('input.import-input')!;
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [files, via, recordProgress] as [PickedFile[], string, boolean],
  );
  return importOutcome(page, timeoutMs);
}
