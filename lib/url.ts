/**
 * URL checks shared by the schemas and by every component that renders a link.
 * Kept free of zod so the content script can use it without paying for the schemas.
 */

/** Links crosscheck opens or stores must be web pages: no javascript:, data: or file: URLs. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
