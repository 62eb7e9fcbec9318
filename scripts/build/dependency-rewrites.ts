/**
 * Build-time edits to three dependencies, so the shipped extension holds no
 * string-to-code or string-to-markup call that `web-ext lint` (rightly) flags:
 *
 * - zod probes whether `new Function` works even though lib/schema.ts runs it
 *   jitless, and an MV3 extension forbids eval anyway: the probe becomes `false`.
 * - Readability saves and restores the page as an HTML string between its
 *   attempts, and re-parses a <noscript>'s markup: both become node copies.
 * - linkedom parses markup for `outerHTML =` and `insertAdjacentHTML` by
 *   assigning `innerHTML` on a scratch element of its own; that is linkedom's
 *   own parser, so the rewrite calls it directly instead.
 *
 * Each edit is an exact text replacement that must match a fixed number of
 * times, and the build stops when it does not: after a dependency upgrade the
 * edit is re-checked by hand instead of silently not happening. The build also
 * stops if a package is bundled but the file an edit targets never came
 * through (the package moved its code elsewhere). tests/unit/dependency-rewrites.test.ts
 * runs the same edits on the real modules and checks extraction is unchanged.
 */
import type { Plugin } from 'vite';

export interface Rewrite {
  /** npm package name, as in node_modules/<package>/. */
  package: string;
  /** Path of the edited module inside the package. */
  file: string;
  /** Why the edit exists and why it keeps behaviour; shown when it no longer applies. */
  why: string;
  /** Text the module must already contain for the edit to be valid (e.g. an import it relies on). */
  requires?: string[];
  edits: { find: string; replace: string; times?: number }[];
}

export const REWRITES: Rewrite[] = [
  {
    package: 'zod',
    file: 'v4/core/util.js',
    why:
      'allowsEval only gates zod\'s JIT, which lib/schema.ts turns off (jitless) and which extension CSP forbids; ' +
      'answering false without trying `new Function` is what the probe itself answers there.',
    edits: [
      {
        find: `    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }`,
        replace: `    return false; // crosscheck build: no eval probe (see scripts/build/dependency-rewrites.ts)`,
      },
    ],
  },
  {
    package: '@mozilla/readability',
    file: 'Readability.js',
    why:
      'Readability restores the page between attempts from an innerHTML string; a deep copy of the nodes restores ' +
      'the same tree (normalize() merges text nodes as re-parsing would) without parsing markup. The <noscript> ' +
      'edit copies the image element tree that _isSingleImage has just verified, instead of serialising and re-parsing it.',
    edits: [
      {
        find: 'var pageCacheHtml = page.innerHTML;',
        replace: 'var pageCacheHtml = page.cloneNode(true); // crosscheck build: node copy, not markup',
      },
      {
        find: `        // eslint-disable-next-line no-unsanitized/property
        page.innerHTML = pageCacheHtml;`,
        replace: `        // crosscheck build: restore from the node copy, not markup
        while (page.firstChild) page.removeChild(page.firstChild);
        var pageRestored = pageCacheHtml.cloneNode(true);
        while (pageRestored.firstChild) page.appendChild(pageRestored.firstChild);
        if (typeof page.normalize === "function") page.normalize();`,
      },
      {
        find: `      // eslint-disable-next-line no-unsanitized/property
      tmp.innerHTML = noscript.innerHTML;`,
        replace: `      // crosscheck build: copy the nodes, not their markup
      for (var nsChild = noscript.firstChild; nsChild; nsChild = nsChild.nextSibling) {
        tmp.appendChild(nsChild.cloneNode(true));
      }`,
      },
    ],
  },
  {
    package: 'linkedom',
    file: 'esm/interface/element.js',
    why: "The outerHTML setter parses through its scratch element's innerHTML setter, which is exactly setInnerHtml().",
    requires: ["import {getInnerHtml, setInnerHtml} from '../mixin/inner-html.js';"],
    edits: [
      {
        find: `    const template = this.ownerDocument.createElement('');
    template.innerHTML = html;`,
        replace: `    const template = this.ownerDocument.createElement('');
    setInnerHtml(template, html); // crosscheck build: linkedom's own parser, called directly`,
      },
    ],
  },
  {
    package: 'linkedom',
    file: 'esm/shared/utils.js',
    why: "htmlToFragment parses through its scratch element's innerHTML setter, which is exactly setInnerHtml().",
    edits: [
      {
        // The import is only read when htmlToFragment runs, so the import cycle
        // it makes (inner-html.js imports this module) is harmless.
        find: `import {ELEMENT_NODE} from './constants.js';`,
        replace: `import {ELEMENT_NODE} from './constants.js';
import {setInnerHtml} from '../mixin/inner-html.js'; // crosscheck build`,
      },
      {
        find: `  elem.innerHTML = html;`,
        replace: `  setInnerHtml(elem, html); // crosscheck build: linkedom's own parser, called directly`,
      },
    ],
  },
];

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Normalised module path ('/' separators, no query), so ids from any OS and plugin compare alike. */
function modulePath(id: string): string {
  return id.split('?')[0]!.replace(/\\/g, '/');
}

/** The rewrite for this module id, if any. */
export function rewriteFor(id: string, rewrites: Rewrite[] = REWRITES): Rewrite | undefined {
  const path = modulePath(id);
  return rewrites.find((r) => path.endsWith(`/node_modules/${r.package}/${r.file}`));
}

/**
 * Applies `rewrite` to a module's source. Throws, naming the package, file and
 * the text it looked for, when the source is not the one the edit was written for.
 */
export function applyRewrite(rewrite: Rewrite, code: string): string {
  const where = `${rewrite.package}/${rewrite.file}`;
  const fail = (what: string): never => {
    throw new Error(
      `dependency rewrite for ${where} no longer applies: ${what}.\n` +
        `Why the edit exists: ${rewrite.why}\n` +
        `Check the new version of ${rewrite.package} and update scripts/build/dependency-rewrites.ts.`,
    );
  };
  for (const needed of rewrite.requires ?? []) {
    if (!code.includes(needed)) fail(`expected ${JSON.stringify(needed)} in the module, not found`);
  }
  let out = code;
  for (const edit of rewrite.edits) {
    const expected = edit.times ?? 1;
    const found = count(out, edit.find);
    if (found !== expected) fail(`expected ${expected} occurrence(s) of ${JSON.stringify(edit.find)}, found ${found}`);
    out = out.split(edit.find).join(edit.replace);
  }
  return out;
}

/** The Vite plugin: applies REWRITES while bundling, and fails the build when one cannot apply. */
export function dependencyRewrites(rewrites: Rewrite[] = REWRITES): Plugin {
  let packagesSeen = new Set<string>();
  let filesRewritten = new Set<Rewrite>();
  return {
    name: 'crosscheck:dependency-rewrites',
    enforce: 'pre',
    buildStart() {
      packagesSeen = new Set();
      filesRewritten = new Set();
    },
    transform(code, id) {
      const path = modulePath(id);
      for (const r of rewrites) if (path.includes(`/node_modules/${r.package}/`)) packagesSeen.add(r.package);
      const rewrite = rewriteFor(id, rewrites);
      if (!rewrite) return null;
      // Throwing here fails the build with the message above.
      const out = applyRewrite(rewrite, code);
      filesRewritten.add(rewrite);
      return { code: out, map: null };
    },
    buildEnd(error) {
      if (error) return;
      for (const r of rewrites) {
        if (packagesSeen.has(r.package) && !filesRewritten.has(r)) {
          this.error(
            `dependency rewrite for ${r.package}/${r.file}: ${r.package} is bundled but that file never was, ` +
              `so its edit did not happen. Why the edit exists: ${r.why}`,
          );
        }
      }
    },
  };
}
