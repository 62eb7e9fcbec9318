/**
 * @vitest-environment node
 */
// The build edits zod, Readability and linkedom (scripts/build/dependency-rewrites.ts)
// so the extension ships no eval probe and no markup re-parsing. These tests
// apply the very same edits to copies of the installed packages and check that
// what a user gets does not change: every page extracts to the same article,
// with Readability's own output identical too. Node environment, because the
// seed pages are rendered by scripts/news-site.ts, which needs Node's URL; a
// happy-dom window of its own stands in for a browser's DOM.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import { parseHTML as originalParseHTML } from 'linkedom';
import * as originalReadability from '@mozilla/readability';
import { REWRITES, applyRewrite, rewriteFor, type Rewrite } from '../../scripts/build/dependency-rewrites';
import { readSeedPages, renderSeedPage, listFixtures, FIXTURES_DIR } from '../../scripts/news-site';
import type { ArticleText } from '../../lib/schema';

const ROOT = path.resolve(__dirname, '../..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const PAGES_DIR = path.resolve(ROOT, '../shared/pages');

// ---------------------------------------------------------------------------
// Copies of the packages with the build's edits applied. They live under
// node_modules so that their own imports (htmlparser2, …) resolve as usual.

let scratch = '';

/** Copies a package's JavaScript (not its types, sources or CommonJS build) to `to`. */
function copyPackage(pkg: string, to: string): void {
  const skip = new Set(['src', 'cjs', 'types', 'v3']);
  fs.cpSync(path.join(NODE_MODULES, pkg), to, {
    recursive: true,
    filter: (src) =>
      fs.statSync(src).isDirectory() ? !skip.has(path.basename(src)) : /\.c?js$|(^|[\\/])package\.json$/.test(src),
  });
}

function rewrittenCopy(pkg: string): string {
  const to = path.join(scratch, pkg);
  copyPackage(pkg, to);
  for (const r of REWRITES.filter((x) => x.package === pkg)) {
    const file = path.join(to, r.file);
    fs.writeFileSync(file, applyRewrite(r, fs.readFileSync(file, 'utf8')));
  }
  return to;
}

type ReadabilityModule = typeof originalReadability;
type LinkedomModule = typeof import('linkedom');

let rewrittenReadability: ReadabilityModule;
let rewrittenLinkedom: LinkedomModule;

beforeAll(async () => {
  fs.mkdirSync(path.join(NODE_MODULES, '.cache'), { recursive: true });
  scratch = fs.mkdtempSync(path.join(NODE_MODULES, '.cache', 'crosscheck-rewrites-'));
  const readabilityDir = rewrittenCopy('@mozilla/readability');
  rewrittenReadability = createRequire(path.join(readabilityDir, 'package.json'))('./index.js') as ReadabilityModule;
  const linkedomDir = rewrittenCopy('linkedom');
  rewrittenLinkedom = (await import(pathToFileURL(path.join(linkedomDir, 'esm/index.js')).href)) as LinkedomModule;
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// The pages: the seed stories as the local news site renders them, the
// project's HTML fixtures, and the real pages in ../shared/pages when present.

function corpus(): [string, string][] {
  const seeds = readSeedPages();
  const pages: [string, string][] = seeds.map((p) => [`seed ${p.id}`, renderSeedPage(p, seeds)]);
  for (const f of listFixtures()) {
    if (f.endsWith('.html')) pages.push([`fixture ${f}`, fs.readFileSync(path.join(FIXTURES_DIR, f), 'utf8')]);
  }
  if (fs.existsSync(PAGES_DIR)) {
    for (const f of fs.readdirSync(PAGES_DIR).filter((x) => x.endsWith('.html')).sort()) {
      pages.push([`page ${f}`, fs.readFileSync(path.join(PAGES_DIR, f), 'utf8')]);
    }
  } else {
    console.warn(`${PAGES_DIR} not found: comparing the seeds and fixtures only`);
  }
  return pages;
}

const PAGES = corpus();

/**
 * Pages built to walk the two edited paths in Readability: an article too short
 * for the first attempt (so the page is restored and tried again), and a
 * lazy-loaded image whose real source sits in a <noscript>.
 */
const SHORT_ARTICLE =
  '<!doctype html><html><head><title>Short note</title></head><body>' +
  '<div class="comment-sidebar"><p>Sidebar text that the first, strict attempt drops as unlikely.</p></div>' +
  '<div><p>A short note of a couple of sentences. It is read again with looser rules.</p>' +
  '<p>Second <b>paragraph</b> with text <i>split</i> into several <!-- c --> nodes.</p></div></body></html>';
const NOSCRIPT_IMAGE =
  '<!doctype html><html><head><title>Photo story</title></head><body><article>' +
  '<p>' + 'The council met on Monday to discuss the new bridge across the river and its cost to the town. '.repeat(8) + '</p>' +
  '<figure><img data-src="lazy.jpg" src="placeholder.gif" alt="Bridge"><noscript><img src="https://example.org/bridge.jpg" alt="Bridge"></noscript></figure>' +
  '<p>' + 'Residents asked how long the work would close the road and whether buses would be diverted. '.repeat(8) + '</p>' +
  '</article></body></html>';

// ---------------------------------------------------------------------------

describe('the edits apply to the installed dependencies', () => {
  it.each(REWRITES.map((r) => [`${r.package}/${r.file}`, r] as const))('%s', (_name, r) => {
    const source = fs.readFileSync(path.join(NODE_MODULES, r.package, r.file), 'utf8');
    const out = applyRewrite(r, source);
    expect(out).not.toBe(source);
    // Every text the edit looks for is gone from the result, so nothing was left half-done.
    for (const e of r.edits) expect(out.includes(e.find)).toBe(e.replace.includes(e.find));
  });

  it('leaves none of the constructs web-ext lint flags in the edited modules', () => {
    const src = (r: Rewrite) => applyRewrite(r, fs.readFileSync(path.join(NODE_MODULES, r.package, r.file), 'utf8'));
    const readability = src(REWRITES.find((r) => r.package === '@mozilla/readability')!);
    expect(readability).not.toMatch(/\.innerHTML\s*=[^=]/);
    const zodUtil = src(REWRITES.find((r) => r.package === 'zod')!);
    expect(zodUtil).not.toMatch(/=\s*Function\b|\bFunction\s*\(/);
    for (const r of REWRITES.filter((x) => x.package === 'linkedom')) expect(src(r)).not.toMatch(/\.innerHTML\s*=[^=]/);
  });

  it('finds the edit by module path, whatever the separators or query', () => {
    const util = REWRITES.find((r) => r.package === 'zod')!;
    expect(rewriteFor('/x/node_modules/zod/v4/core/util.js?v=1')).toBe(util);
    expect(rewriteFor('C:\\x\\node_modules\\zod\\v4\\core\\util.js')).toBe(util);
    expect(rewriteFor('/x/node_modules/zod/v4/core/schemas.js')).toBeUndefined();
  });

  it('fails loudly, naming the package, file and missing text, when a dependency changed', () => {
    const r = REWRITES.find((x) => x.package === '@mozilla/readability')!;
    const source = fs.readFileSync(path.join(NODE_MODULES, r.package, r.file), 'utf8');
    const upgraded = source.replace('var pageCacheHtml = page.innerHTML;', 'let pageCache = page.innerHTML;');
    expect(() => applyRewrite(r, upgraded)).toThrow(/@mozilla\/readability\/Readability\.js.*pageCacheHtml = page\.innerHTML/s);
    const linkedomElement = REWRITES.find((x) => x.file === 'esm/interface/element.js')!;
    const elementSource = fs.readFileSync(path.join(NODE_MODULES, 'linkedom', linkedomElement.file), 'utf8');
    const withoutImport = elementSource.replace('getInnerHtml, setInnerHtml}', 'getInnerHtml, setHtml}');
    expect(() => applyRewrite(linkedomElement, withoutImport)).toThrow(/linkedom\/esm\/interface\/element\.js.*setInnerHtml/s);
  });
});

describe('zod without its eval probe', () => {
  it('never tries eval, and validates exactly as zod with eval does', { timeout: 60_000 }, async () => {
    // Two fresh copies, neither told to run jitless: the installed one, and the edited one.
    const plainDir = path.join(scratch, 'zod-as-installed');
    copyPackage('zod', plainDir);
    type Zod = typeof import('zod');
    const plain = (await import(pathToFileURL(path.join(plainDir, 'index.js')).href)) as Zod;
    const rewritten = (await import(pathToFileURL(path.join(rewrittenCopy('zod'), 'index.js')).href)) as Zod;
    // zod keeps its settings on globalThis, shared by every copy, and lib/schema.ts (loaded
    // here through the seed reader) has set jitless; lift it so each copy decides for itself.
    const { jitless } = plain.config();
    plain.config({ jitless: false });
    try {
      expect(plain.core.util.allowsEval.value).toBe(true);
      expect(rewritten.core.util.allowsEval.value).toBe(false);
      // Objects are what zod compiles with eval when it may, so the two copies take different paths here.
      const shape = (z: Zod) =>
        z.object({ url: z.string().url(), n: z.number().int().min(0), tags: z.array(z.string()).max(2), note: z.string().optional() });
      const [withEval, withoutEval] = [shape(plain), shape(rewritten)];
      const inputs: unknown[] = [
        { url: 'https://example.org/a', n: 3, tags: ['x'] },
        { url: 'not a url', n: -1, tags: ['a', 'b', 'c'] },
        { url: 'https://example.org/a', n: 1.5, tags: [], extra: true, note: 7 },
        { n: 2 },
        null,
      ];
      for (const input of inputs) {
        const a = withEval.safeParse(input);
        const b = withoutEval.safeParse(input);
        expect(b.success).toBe(a.success);
        expect(JSON.stringify(b.success ? b.data : b.error.issues)).toBe(JSON.stringify(a.success ? a.data : a.error.issues));
      }
    } finally {
      plain.config({ jitless });
    }
  });
});

type ReadabilityInstance = { _attempts: unknown[] };
const attemptsOf = (reader: unknown) => (reader as ReadabilityInstance)._attempts.length;

describe('Readability with node copies instead of markup', () => {
  const linkedomDoc = (html: string) => originalParseHTML(html).document as unknown as Document;

  it('walks both edited paths on the pages built for them', () => {
    const short = new rewrittenReadability.Readability(linkedomDoc(SHORT_ARTICLE));
    const shortResult = short.parse();
    // _attempts fills only when the page was restored and tried again.
    expect(attemptsOf(short)).toBeGreaterThan(0);
    expect(shortResult?.textContent).toContain('read again with looser rules');

    const photo = new rewrittenReadability.Readability(linkedomDoc(NOSCRIPT_IMAGE)).parse();
    expect(photo?.content).toContain('https://example.org/bridge.jpg');
  });
});

/** Never fetches what pages link to, so real pages stay off the network and quiet. */
const browser = new Window({
  settings: {
    disableCSSFileLoading: true,
    disableJavaScriptFileLoading: true,
    disableJavaScriptEvaluation: true,
    disableIframePageLoading: true,
    handleDisabledFileLoadingAsSuccess: true,
  },
});
afterAll(() => browser.happyDOM.close());

describe('every page reads the same with the edits', () => {
  type Extract = typeof import('../../lib/extract/html-node');
  let before: Extract;
  let after: Extract;
  /** Pages on which the edited Readability restored the page and tried again, i.e. ran the edited code. */
  const retried = new Set<string>();
  const retriedInBrowserDom = new Set<string>();
  let current = '';

  beforeAll(async () => {
    vi.resetModules();
    before = await import('../../lib/extract/html-node');
    vi.resetModules();
    class Recording extends rewrittenReadability.Readability<string> {
      override parse() {
        const result = super.parse();
        if (attemptsOf(this) > 0) retried.add(current);
        return result;
      }
    }
    vi.doMock('@mozilla/readability', () => ({ ...rewrittenReadability, Readability: Recording }));
    vi.doMock('linkedom', () => rewrittenLinkedom);
    after = await import('../../lib/extract/html-node');
    vi.doUnmock('@mozilla/readability');
    vi.doUnmock('linkedom');
  });

  const builtAndCorpus: [string, string][] = [['built: short article', SHORT_ARTICLE], ['built: noscript image', NOSCRIPT_IMAGE], ...PAGES];

  // Real pages take seconds each on a loaded machine; this bounds a hang, it measures nothing.
  it.each(builtAndCorpus)('%s', { timeout: 60_000 }, (name, html) => {
    // As the background extracts: linkedom, then Readability, through lib/extract.
    const url = 'https://news.example/2025/10/08/story';
    current = name;
    const a: ArticleText = before.extractFromHtml(html, url);
    const b: ArticleText = after.extractFromHtml(html, url);
    expect(b).toEqual(a);

    // In a browser-like DOM (happy-dom), as the options page imports HTML files: Readability's
    // whole output, images and markup included. Until its first attempt fails, the edited
    // Readability runs the same code as the original, so the original is run for comparison
    // only on pages where an edited path ran: a retry, or a <noscript>.
    const parse = () => new browser.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const edited = new rewrittenReadability.Readability(parse());
    const editedResult = edited.parse();
    if (attemptsOf(edited) > 0 || /<noscript/i.test(html)) {
      if (attemptsOf(edited) > 0) retriedInBrowserDom.add(name);
      const original = new originalReadability.Readability(parse());
      expect(editedResult).toEqual(original.parse());
      expect(attemptsOf(edited)).toBe(attemptsOf(original));
    }
  });

  it('the corpus itself made the edited Readability restore and retry, so the comparison covered the edit', () => {
    for (const set of [retried, retriedInBrowserDom]) {
      expect(set.has('built: short article')).toBe(true);
      expect([...set].filter((n) => !n.startsWith('built:')).length).toBeGreaterThan(0);
    }
  });
});

describe('linkedom parsing markup through its own parser', () => {
  // The edit swaps a setter call for the function the setter calls; a sample of pages is plenty.
  it.each([['built: noscript image', NOSCRIPT_IMAGE], ...PAGES.slice(0, 15)])('%s: same trees', (_name, html) => {
    const body = html.match(/<body[^>]*>([\s\S]*)<\/body>/i)?.[1] ?? html;
    const run = (parse: LinkedomModule['parseHTML']) => {
      const { document } = parse('<!doctype html><html><body><main><p id="x">old</p></main></body></html>');
      const main = document.querySelector('main')!;
      main.insertAdjacentHTML('afterbegin', body);
      document.getElementById('x')!.outerHTML = `<section>${body}</section>`;
      const fragment = document.createRange().createContextualFragment(body);
      return [main.outerHTML, fragment.childNodes.length];
    };
    const before = run(originalParseHTML);
    const after = run(rewrittenLinkedom.parseHTML);
    expect(after).toEqual(before);
    expect(String(before[0]).length).toBeGreaterThan(body.length);
  });
});
