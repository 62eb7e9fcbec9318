/** crosscheck-specific steps shared by the suites: what the popup shows, and the user's own article. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSeedPages } from '../../scripts/news-site';
import type { Driver } from './harness/index';
import { ROOT } from './harness/paths';

export interface ExpectedSeed {
  id: string;
  outlet: string;
  url: string;
  title: string | null;
}

/** The five seeds as sources.json and the seed texts describe them, in id order (the popup's order). */
export function expectedSeeds(): ExpectedSeed[] {
  return readSeedPages()
    .map((p) => ({ id: p.id, outlet: p.outlet, url: p.originalUrl, title: p.title }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function builtManifest(browser: 'chromium' | 'firefox'): { name: string; version: string; browser_specific_settings?: { gecko?: { id?: string } } } {
  const dir = browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv3';
  return JSON.parse(readFileSync(join(ROOT, '.output', dir, 'manifest.json'), 'utf8'));
}

export interface PopupItem {
  outlet: string;
  title: string;
  untitled: boolean;
  href: string | null;
  origin: string | null;
}

export interface PopupState {
  count: string;
  items: PopupItem[];
}

/** Opens the popup, waits until it has settled (list, error or empty state) and reads it. */
export async function readPopup(driver: Driver): Promise<PopupState> {
  const page = await driver.openExtensionPage('popup.html');
  try {
    await page.waitForSelector('li.source, .state.error, .state.empty', 10_000);
    const problem = await page.texts('.state.error, .state.empty');
    assert.deepEqual(problem, [], `the popup shows ${problem.join(' ')}`);
    return await page.evaluate(() => ({
      count: document.querySelector('.count')?.textContent?.trim() ?? '',
      items: [...document.querySelectorAll('li.source')].map((li) => ({
        outlet: li.querySelector('.outlet')?.textContent?.trim() ?? '',
        title: li.querySelector('.title')?.textContent?.trim() ?? '',
        untitled: li.querySelector('.title')?.classList.contains('untitled') ?? false,
        href: li.querySelector('a')?.getAttribute('href') ?? null,
        origin: li.getAttribute('data-origin'),
      })),
    }));
  } finally {
    await page.close().catch(() => {});
  }
}

/** An article the user added: it must survive restarts and updates, and must not be duplicated or dropped by seeding. */
export const USER_ARTICLE = {
  id: 'e2e-user-article',
  url: 'https://example.org/a',
  outlet: 'example.org',
  title: 'User article',
  byline: null,
  siteName: null,
  language: null,
  blocks: [{ kind: 'paragraph', text: 'x' }],
  furniture: [],
  publishedAt: null,
  citedSources: [],
  origin: 'added',
  addedAt: 1_700_000_000_000,
} as const;

/**
 * Writes USER_ARTICLE straight into the extension's IndexedDB (not through the
 * background, which has no "add" request yet) and returns the row count after.
 */
export async function addUserArticle(driver: Driver): Promise<number> {
  return driver.evalInExtension(
    (row) =>
      new Promise<number>((resolve, reject) => {
        // No version: open whatever the extension created, never upgrade it.
        const open = indexedDB.open('crosscheck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('articles', 'readwrite');
          const store = tx.objectStore('articles');
          store.put({ ...row, blocks: [...row.blocks] });
          const count = store.count();
          tx.oncomplete = () => {
            db.close();
            resolve(count.result);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    USER_ARTICLE,
  );
}

/** The popup must list exactly the seeds, plus the user's article when `withUser`. */
export function assertPopupListsCorpus(state: PopupState, withUser: boolean, when: string): void {
  const seeds = expectedSeeds();
  const expected = [
    ...seeds.map((s) => ({ outlet: s.outlet, origin: 'seed' })),
    ...(withUser ? [{ outlet: USER_ARTICLE.outlet, origin: 'added' }] : []),
  ].sort((a, b) => a.outlet.localeCompare(b.outlet));
  const got = state.items.map((i) => ({ outlet: i.outlet, origin: i.origin })).sort((a, b) => a.outlet.localeCompare(b.outlet));
  assert.equal(state.items.length, expected.length, `${when}: the popup lists ${state.items.length} sources, expected ${expected.length}`);
  assert.deepEqual(got, expected, `${when}: the popup's sources`);
  assert.equal(state.count, `${expected.length} sources`, `${when}: the count line`);
}
