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
  MAX_IMPORT_BYTES,
  type ArticleOrigin,
  type ArticleText,
  type CorpusBundle,
} from '../schema';
import { siteOf } from '../settings';

export class ImportError extends Error {
  constructor(
    readonly file: string,
    /**
     * Dotted path of the failing field ("articles.3.url"), or "(file)" for the
     * file as a whole (then the reason says where: a line and column, a byte offset).
     */
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

const numberFormat = (n: number) => n.toLocaleString('en-US');

/** What a value in a file is, in the words its author would use. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the text "${value.slice(0, 40)}…"` : `the text ${JSON.stringify(value)}`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/**
 * zod's own words for a missing field ("expected string, received undefined")
 * read like a program's; a file's author needs "missing". Messages a schema
 * sets itself (URLs, the bundle format) win over these.
 */
const readableIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, found ${kindOf(issue.input)}`;
  }
  if (issue.code === 'too_big' && issue.origin === 'array' && Array.isArray(issue.input)) {
    return `too many items (${numberFormat(issue.input.length)}; at most ${numberFormat(Number(issue.maximum))})`;
  }
  return undefined;
};

/** The first failing field of a zod error as an ImportError; the first is what the reader fixes first. */
function importError(file: string, prefix: readonly PropertyKey[], error: z.ZodError): ImportError {
  const issue = error.issues[0]!;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''} in this ${prefix.length ? 'article' : 'file'})` : '';
  return new ImportError(file, pathOf(prefix, issue), `${issue.message}${more}`);
}

// ---------------------------------------------------------------------------
// Ids and outlets

/** Two FNV-1a variants: 64 bits, so a corpus of a million pages has no practical collision. */
export function hash64(s: string): string {
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
  const parsed = Article.safeParse(candidate, { error: readableIssue });
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

// ---------------------------------------------------------------------------
// Reading files: size, encoding, JSON syntax

/** "52.4 MB": file sizes as a file manager shows them (decimal megabytes). */
export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : bytes >= 1000 ? `${(bytes / 1000).toFixed(1)} kB` : `${bytes} bytes`;
}

/**
 * Refuses an import whose files are too large, from their sizes alone, so a
 * huge file is never read into memory. The files of one import are stored as
 * one batch, so the limit is on all of them together.
 */
export function checkImportSizes(files: ReadonlyArray<{ name: string; size: number }>): void {
  const limit = formatBytes(MAX_IMPORT_BYTES);
  let total = 0;
  for (const file of files) {
    if (file.size > MAX_IMPORT_BYTES) {
      throw new ImportError(file.name, '(file)', `${formatBytes(file.size)} is too large to import (at most ${limit}); split it into smaller bundles`);
    }
    total += file.size;
    if (total > MAX_IMPORT_BYTES) {
      throw new ImportError(file.name, '(file)', `the ${files.length} files of this import come to over ${limit} together (at most ${limit} in one import); import them in smaller groups`);
    }
  }
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8
 * character (the start of the broken sequence), or -1 for valid UTF-8. Follows
 * the ranges of the WHATWG decoder, so it agrees with TextDecoder's `fatal`.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates are not characters
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // beyond U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * A file's bytes as text. Anything but UTF-8 is refused rather than guessed:
 * a wrong guess would store mangled words in the corpus without a word of
 * warning. A UTF-8 byte order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    const shown = [...bytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new ImportError(
      file,
      '(file)',
      `not UTF-8 text: the bytes at offset ${numberFormat(at)} (${shown}) are not a UTF-8 character` +
        `${utf16 ? ' (the file looks like UTF-16)' : ''}; save it as UTF-8 and import it again`,
    );
  }
}

/** "line 3, column 14" of a 0-based offset into `text`. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${numberFormat(line)}, column ${numberFormat(offset - lineStart + 1)}`;
}

const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Where and why `text` is not JSON. JSON.parse says it in each engine's own
 * words, some with a line and column, some with a character position, some
 * with neither; this scan gives the reader the same answer everywhere. It
 * keeps its own stack, so a file nested a million deep cannot overflow it.
 * Null when the text is JSON after all.
 */
export function findJsonSyntaxError(text: string): { offset: number; reason: string } | null {
  const n = text.length;
  const open: Array<{ kind: '{' | '['; at: number }> = [];
  type Want = 'value' | 'value-or-]' | 'key' | 'key-or-}' | ':' | ',-or-}' | ',-or-]' | 'end';
  let want: Want = 'value';
  let i = 0;
  const found = (): string => {
    if (i >= n) {
      const top = open[open.length - 1];
      return top ? `the end of the file (the ${top.kind === '{' ? 'object' : 'list'} opened at ${lineAndColumn(text, top.at)} is never closed)` : 'the end of the file';
    }
    const c = text.codePointAt(i)!;
    return c < 0x20 || c === 0x7f ? `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `"${String.fromCodePoint(c)}"`;
  };
  const fail = (reason: string) => ({ offset: i, reason });
  const afterValue = (): Want => {
    const top = open[open.length - 1];
    return !top ? 'end' : top.kind === '{' ? ',-or-}' : ',-or-]';
  };
  const string = (): { offset: number; reason: string } | null => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) return { offset: start, reason: 'this string is never closed (no matching ")' };
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail(`${found()} inside a string (write it as an escape such as \\n)`);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('"\\u" must be followed by four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && JSON_ESCAPES.has(e)) i += 2;
        else return fail(`"\\${e ?? ''}" is not a JSON escape`);
        continue;
      }
      i++;
    }
  };
  for (;;) {
    while (i < n && JSON_SPACE.has(text.charCodeAt(i))) i++;
    const c = text[i];
    switch (want) {
      case 'end':
        return i < n ? fail(`expected the end of the file after the JSON value, found ${found()}`) : null;
      case 'value-or-]':
      case 'value': {
        if (want === 'value-or-]' && c === ']') {
          open.pop();
          i++;
          want = afterValue();
          break;
        }
        if (c === '{' || c === '[') {
          open.push({ kind: c, at: i });
          i++;
          want = c === '{' ? 'key-or-}' : 'value-or-]';
          break;
        }
        if (c === '"') {
          const error = string();
          if (error) return error;
          want = afterValue();
          break;
        }
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
          JSON_NUMBER.lastIndex = i;
          const m = JSON_NUMBER.exec(text);
          if (!m) return fail('expected a number after "-"');
          i += m[0].length;
          want = afterValue();
          break;
        }
        const word = /^(?:true|false|null)/.exec(text.slice(i, i + 5))?.[0];
        if (word) {
          i += word.length;
          want = afterValue();
          break;
        }
        return fail(`expected a value (an object, list, string in double quotes, number, true, false or null), found ${found()}`);
      }
      case 'key-or-}':
      case 'key':
        if (want === 'key-or-}' && c === '}') {
          open.pop();
          i++;
          want = afterValue();
          break;
        }
        if (c !== '"') return fail(`expected a property name in double quotes, found ${found()}`);
        {
          const error = string();
          if (error) return error;
        }
        want = ':';
        break;
      case ':':
        if (c !== ':') return fail(`expected ":" after a property name, found ${found()}`);
        i++;
        want = 'value';
        break;
      case ',-or-}':
      case ',-or-]': {
        const close: '}' | ']' = want === ',-or-}' ? '}' : ']';
        if (c === ',') {
          i++;
          want = close === '}' ? 'key' : 'value';
        } else if (c === close) {
          open.pop();
          i++;
          want = afterValue();
        } else return fail(`expected "," or "${close}" after ${close === '}' ? 'a property value' : 'a list item'}, found ${found()}`);
        break;
      }
    }
  }
}

/** A .json file's text as a value; not JSON → an ImportError saying at which line and column, and why. */
export function parseJsonFile(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body);
    const reason = found
      ? `${lineAndColumn(body, found.offset)}: ${found.reason}`
      : // Only if this scan and the engine disagree: then the engine's words are all there is.
        `${error instanceof Error ? error.message : String(error)}`;
    throw new ImportError(file, '(file)', `not valid JSON at ${reason}`);
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
  const header = CorpusBundleHeader.safeParse(json, { error: readableIssue });
  if (!header.success) {
    // The format names the file for what it is; check it before the version so
    // an unrelated JSON file is not reported as "wrong version".
    const issues = [...header.error.issues].sort((a, b) => rank(a.path) - rank(b.path));
    const first = issues[0]!;
    const field = String(first.path[0] ?? '');
    const value = (json as Record<string, unknown>)[field];
    let reason = first.message;
    if (field === 'version') reason = versionProblem(value);
    else if (value === undefined && !reason.startsWith('missing')) reason = `missing: ${reason}`;
    throw new ImportError(file, pathOf([], first), reason);
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
      const parsed = Article.safeParse(raw[i], { error: readableIssue });
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

/** The version field's problem, with the versions this build reads, so the reader knows what to do. */
function versionProblem(value: unknown): string {
  const reads = `this version of crosscheck reads version ${BUNDLE_VERSION} bundles`;
  if (value === undefined) return `missing: expected ${BUNDLE_VERSION} (${reads})`;
  const newer = typeof value === 'number' && Number.isInteger(value) && value > BUNDLE_VERSION;
  return `expected ${BUNDLE_VERSION}, found ${kindOf(value)} (${reads}${newer ? '; the file comes from a newer crosscheck' : ''})`;
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

/** Where an article came from in an import: its file and the field that holds its id. */
export interface ImportPlace {
  file: string;
  path: string;
}

/** The same page: the same address but for a fragment, which names a place on the page. */
function samePage(a: string, b: string): boolean {
  const key = (url: string) => {
    try {
      const u = new URL(url);
      u.hash = '';
      return u.href;
    } catch {
      return url;
    }
  };
  return key(a) === key(b);
}

/**
 * What an import will do to the stored corpus, decided before anything is
 * written. An id already stored for the same page with the same content is
 * left alone; for the same page with other content, the file's copy replaces
 * the stored one (a newer export, a page saved again) and the reader is told
 * how many. An id already stored for a different page is refused: the ids
 * clash, and writing would silently swap one page for another.
 */
export function compareWithStored(
  incoming: readonly Article[],
  places: readonly ImportPlace[],
  stored: ReadonlyArray<Article | undefined>,
): { added: number; replaced: number; unchanged: number } {
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  incoming.forEach((article, i) => {
    const old = stored[i];
    if (!old) added++;
    else if (sameArticleContent(old, article)) unchanged++;
    else if (samePage(old.url, article.url)) replaced++;
    else {
      const place = places[i] ?? { file: 'import', path: `articles.${i}.id` };
      throw new ImportError(
        place.file,
        place.path,
        `id "${article.id}" is already in the corpus for another page (${old.url}, not ${article.url}); change the id or delete the stored article first`,
      );
    }
  });
  return { added, replaced, unchanged };
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
