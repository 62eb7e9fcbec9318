/**
 * Corpus bundles: the file a corpus is exported to and imported from, and the
 * one way any text (a page the reader adds, a loose .txt or .html file)
 * becomes a stored Article. Pure: the options page reads the files, the
 * background writes the database (lib/db.ts).
 *
 * Every error names the file and the field, e.g.
 * `corpus.json: articles.3.url: expected an http(s) URL`, because the reader
 * has to find the mistake in a file that may hold thousands of articles.
 */
import type { z } from 'zod';
import {
  Article,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  CorpusBundleHeader,
  MAX_IMPORT_ARTICLES,
  type ArticleOrigin,
  type ArticleText,
  type CorpusBundle,
} from '../schema';
import { siteOf } from '../settings';

export class ImportError extends Error {
  constructor(
    readonly file: string,
    /** Dotted path of the failing field ("articles.3.url"), or "(file)" for the file as a whole. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path}: ${reason}`);
    this.name = 'ImportError';
  }
}

function pathOf(prefix: readonly PropertyKey[], issue: z.core.$ZodIssue): string {
  const parts = [...prefix, ...issue.path].map(String);
  return parts.length ? parts.join('.') : '(root)';
}

/** The first failing field of a zod error as an ImportError; the first is what the reader fixes first. */
function importError(file: string, prefix: readonly PropertyKey[], error: z.ZodError): ImportError {
  const issue = error.issues[0]!;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''} in this ${prefix.length ? 'article' : 'file'})` : '';
  return new ImportError(file, pathOf(prefix, issue), `${issue.message}${more}`);
}

// ---------------------------------------------------------------------------
// Ids and outlets

/** Two FNV-1a variants: 64 bits, so a corpus of a million pages has no practical collision. */
function hash64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * A page's corpus id, from its URL: adding the same page twice replaces it
 * instead of storing it twice. The fragment is dropped (it names a place on
 * the page, not another page); the host stays readable in the id.
 */
export function articleIdForUrl(url: string): string {
  let key = url;
  let host = 'page';
  try {
    const u = new URL(url);
    u.hash = '';
    key = u.href;
    host = u.hostname.replace(/^www\./, '') || host;
  } catch {
    // An unparsable URL still gets a stable id from its text.
  }
  return `${host.slice(0, 80)}-${hash64(key)}`;
}

const PLACEHOLDER_HOST = 'local-file.invalid';

/**
 * Loose files rarely say where they were published, and an Article needs an
 * http(s) URL. The reserved .invalid domain (RFC 6761) can never resolve, so
 * the placeholder is never mistaken for, or opened as, a real page.
 */
export function placeholderUrl(fileName: string): string {
  return `https://${PLACEHOLDER_HOST}/${encodeURIComponent(fileName)}`;
}

export function isPlaceholderUrl(url: string): boolean {
  try {
    return new URL(url).hostname === PLACEHOLDER_HOST;
  } catch {
    return false;
  }
}

export function outletFor(text: Pick<ArticleText, 'siteName' | 'url'>): string {
  const site = text.siteName?.trim();
  if (site) return site;
  if (isPlaceholderUrl(text.url)) return 'local file';
  return siteOf(text.url) ?? 'unknown outlet';
}

// ---------------------------------------------------------------------------
// Text → Article

export interface ArticleFromTextOptions {
  origin: ArticleOrigin;
  addedAt: number;
  /** Named in errors: the file, or the page. */
  file: string;
  citedSources?: string[];
}

/** A page's or a file's ArticleText as a corpus Article; throws an ImportError naming the field. */
export function articleFromText(text: ArticleText, options: ArticleFromTextOptions): Article {
  if (!text.blocks.some((b) => b.text.trim())) throw new ImportError(options.file, 'blocks', 'no article text found');
  const candidate = {
    url: text.url,
    title: text.title,
    byline: text.byline,
    siteName: text.siteName,
    language: text.language,
    blocks: text.blocks,
    furniture: text.furniture,
    publishedAt: text.publishedAt,
    id: articleIdForUrl(text.url),
    outlet: outletFor(text),
    citedSources: options.citedSources ?? [],
    origin: options.origin,
    addedAt: options.addedAt,
  };
  const parsed = Article.safeParse(candidate);
  if (!parsed.success) throw importError(options.file, [], parsed.error);
  return parsed.data;
}

// ---------------------------------------------------------------------------
// Bundles

/** The corpus as a bundle, articles in id order so two exports of one corpus are byte-identical but for the time. */
export function makeBundle(articles: readonly Article[], exportedAt: Date = new Date()): CorpusBundle {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: exportedAt.toISOString(),
    articles: [...articles].map((a) => Article.parse(a)).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
  };
}

export function serializeBundle(bundle: CorpusBundle): string {
  return `${JSON.stringify(bundle, null, 1)}\n`;
}

export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(file, '(file)', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export interface ValidateOptions {
  /** Called after every chunk with articles checked so far and the total. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
  /** Lets the page paint between chunks; a macrotask by default. */
  pause?: () => Promise<void>;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Checks a parsed bundle file article by article, in chunks so a page stays
 * responsive and can show progress on a large file. Returns every article or
 * throws on the first problem, so a caller writes all of them or none.
 */
export async function validateBundle(json: unknown, file: string, options: ValidateOptions = {}): Promise<Article[]> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ImportError(file, '(root)', 'expected a crosscheck corpus bundle (a JSON object with format, version, exportedAt and articles)');
  }
  const header = CorpusBundleHeader.safeParse(json);
  if (!header.success) {
    // The format names the file for what it is; check it before the version so
    // an unrelated JSON file is not reported as "wrong version".
    const issues = [...header.error.issues].sort((a, b) => rank(a.path) - rank(b.path));
    const first = issues[0]!;
    throw new ImportError(file, pathOf([], first), first.message);
  }
  const raw = header.data.articles;
  const chunk = Math.max(1, options.chunkSize ?? 100);
  const pause = options.pause ?? macrotask;
  const out: Article[] = [];
  const firstIndex = new Map<string, number>();
  options.onProgress?.(0, raw.length);
  for (let start = 0; start < raw.length; start += chunk) {
    const end = Math.min(raw.length, start + chunk);
    for (let i = start; i < end; i++) {
      const parsed = Article.safeParse(raw[i]);
      if (!parsed.success) throw importError(file, ['articles', i], parsed.error);
      const seen = firstIndex.get(parsed.data.id);
      if (seen !== undefined) throw new ImportError(file, `articles.${i}.id`, `duplicate id "${parsed.data.id}" (also articles.${seen}.id)`);
      firstIndex.set(parsed.data.id, i);
      out.push(parsed.data);
    }
    options.onProgress?.(end, raw.length);
    if (end < raw.length) await pause();
  }
  return out;
}

const HEADER_ORDER = ['format', 'version', 'exportedAt', 'articles'];
function rank(path: readonly PropertyKey[]): number {
  const i = HEADER_ORDER.indexOf(String(path[0]));
  return i < 0 ? HEADER_ORDER.length : i;
}

/** One import's articles from several files: an id given twice is an error, whichever files it is in. */
export function checkUniqueAcrossFiles(batches: ReadonlyArray<{ file: string; articles: readonly Article[]; paths?: readonly string[] }>): void {
  const seen = new Map<string, string>();
  let count = 0;
  for (const batch of batches) {
    batch.articles.forEach((a, i) => {
      const here = `${batch.file}: ${batch.paths?.[i] ?? `articles.${i}.id`}`;
      const before = seen.get(a.id);
      if (before !== undefined) {
        throw new ImportError(batch.file, batch.paths?.[i] ?? `articles.${i}.id`, `duplicate id "${a.id}" (also in ${before})`);
      }
      seen.set(a.id, here);
    });
    count += batch.articles.length;
  }
  if (count > MAX_IMPORT_ARTICLES) {
    throw new ImportError(batches[batches.length - 1]?.file ?? 'import', '(file)', `too many articles in one import (${count}; at most ${MAX_IMPORT_ARTICLES})`);
  }
}

/**
 * Whether two articles say the same thing, whatever their origin and when
 * they were added: re-importing an export leaves such articles untouched.
 */
export function sameArticleContent(a: Article, b: Article): boolean {
  return stableJson({ ...a, origin: null, addedAt: null }) === stableJson({ ...b, origin: null, addedAt: null });
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
