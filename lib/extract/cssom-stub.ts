/**
 * Stands in for linkedom's CSS parser in the extension build (aliased in
 * wxt.config.ts). linkedom calls it only when code reads a <style> element's
 * `sheet`, which extraction never does; the real parser would add ~200 KB and
 * a direct `eval` to the background worker.
 */
export function parse(): { cssRules: never[] } {
  return { cssRules: [] };
}
