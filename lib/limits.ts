/**
 * Size limits on what a page may hand to the engine. They live apart from the
 * schemas because the content script checks them before sending anything, and
 * the content script does not load zod (see lib/messaging/ask.ts).
 */

/** Article text longer than this is not analysed: the reader is told it is too long to check. */
export const MAX_ARTICLE_CHARS = 400_000;

/**
 * A page whose whole text is longer than this is not even serialised: its
 * article cannot be under MAX_ARTICLE_CHARS by a margin worth the work, and
 * copying megabytes of markup would stall the page the reader is looking at.
 */
export const MAX_PAGE_TEXT_CHARS = 2_000_000;

/**
 * The page's markup travels to the background in one message; inline scripts
 * and data blobs can make it much larger than its text. Chromium refuses
 * messages over 64 MiB, and extraction time grows with the markup.
 */
export const MAX_PAGE_HTML_CHARS = 16_000_000;

/** Chromium's own limit on a URL's length: any page the browser can open fits. */
export const MAX_URL_CHARS = 2 * 1024 * 1024;
