/**
 * What the CLI reads: the pages it checks and the corpus it checks them
 * against, with the extension's size limits (lib/limits.ts) applied before
 * the expensive steps. A saved page that would keep extraction and analysis
 * busy for minutes is refused from its length alone, in milliseconds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkImportSizes, checkUniqueAcrossFiles, decodeUtf8, ImportError } from './corpus/bundle';
import { articleFromHtml, articleFromTxt, readArticles, type ImportFile } from './corpus/import';
import { readSeedArticles } from './corpus/seeds-node';
import { dateFromUrl, parsePlainText } from './extract/index';
import { extractFromDocument, pageTextChars, parseHtmlDocument } from './extract/html-node';
import { MAX_ARTICLE_CHARS, MAX_PAGE_HTML_CHARS, MAX_PAGE_TEXT_CHARS } from './limits';
import type { Article, ArticleText } from './schema';

export class UsageError extends Error {}

/** A file the CLI was given but did not check, and why. */
export interface NotChecked {
  file: string;
  reason: 'too-long' | 'unreadable' | 'failed';
  message: string;
  /** For too-long: the length measured (a lower bound when the file was too large to read) and the limit it passed. */
  chars?: number;
  limit?: number;
}

const PAGE_EXTENSIONS = ['.html', '.htm', '.txt'];
const isHtml = (file: string) => /\.html?$/i.test(file);
const count = (n: number) => n.toLocaleString('en-US');

/** .html and .txt files under `path` (itself, or a folder's, sorted, hidden files left out). */
export function listPageFiles(path: string, given = true): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`cannot read "${path}": no such file or directory`);
  }
  if (st.isDirectory()) {
    return readdirSync(path)
      .filter((n) => !n.startsWith('.'))
      .sort()
      .flatMap((n) => listPageFiles(join(path, n), false));
  }
  if (PAGE_EXTENSIONS.includes(extname(path).toLowerCase())) return [path];
  // Inside a folder other files are passed over; one named on the command line is a mistake worth saying.
  if (given) throw new UsageError(`"${path}": not a .txt or .html file`);
  return [];
}

function tooLong(file: string, chars: number, limit: number, what: string, atLeast = false): NotChecked {
  return {
    file,
    reason: 'too-long',
    message: `too long to check (${atLeast ? 'at least ' : ''}${count(chars)} characters of ${what}; the limit is ${count(limit)})`,
    chars,
    limit,
  };
}

/**
 * A file's text when it is within `limit` characters, else why not. A
 * character here is a UTF-16 code unit, as the browser counts a string's
 * length. UTF-8 spends at most 3 bytes on one, so a file of more than 3 ×
 * limit bytes is over the limit before a byte of it is read; one that large
 * and larger than any page the extension takes is not read at all, and its
 * length is told as at least a third of its size.
 */
function readText(file: string, limit: number, what: string): string | NotChecked {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { file, reason: 'unreadable', message: 'cannot be read: no such file' };
  }
  if (size > 3 * Math.max(limit, MAX_PAGE_HTML_CHARS)) return tooLong(file, Math.ceil(size / 3), limit, what, true);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { file, reason: 'unreadable', message: `cannot be read: ${(e as Error).message}` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { file, reason: 'unreadable', message: 'not UTF-8 text; save it as UTF-8 and try again' };
  }
  return text.length > limit ? tooLong(file, text.length, limit, what) : text;
}

const articleChars = (a: Pick<ArticleText, 'blocks'>) => a.blocks.reduce((n, b) => n + b.text.length, 0);

/**
 * A page to check, as the extension would take it: the markup or text
 * within its limit; for markup, the page's text (measured on the parsed
 * document, before Readability runs) within its own; then the article
 * itself within MAX_ARTICLE_CHARS.
 */
export function readPageFile(file: string): ArticleText | NotChecked {
  const url = pathToFileURL(resolve(file)).href;
  const html = isHtml(file);
  const text = readText(file, html ? MAX_PAGE_HTML_CHARS : MAX_PAGE_TEXT_CHARS, html ? 'markup' : 'text');
  if (typeof text !== 'string') return text;
  let article: ArticleText;
  if (html) {
    const doc = parseHtmlDocument(text);
    const chars = pageTextChars(doc);
    if (chars > MAX_PAGE_TEXT_CHARS) return tooLong(file, chars, MAX_PAGE_TEXT_CHARS, 'page text');
    article = extractFromDocument(doc, url);
  } else {
    const { citedSources: _cited, blockStarts: _starts, ...body } = parsePlainText(text, { url });
    article = { ...body, publishedAt: dateFromUrl(url) };
  }
  const chars = articleChars(article);
  return chars > MAX_ARTICLE_CHARS ? tooLong(file, chars, MAX_ARTICLE_CHARS, 'article text') : article;
}

// ---------------------------------------------------------------------------
// Corpora

export interface Corpus {
  /** What the corpus was read from, for messages: a path, or "the seeds". */
  label: string;
  articles: Article[];
}

/** A corpus file's problem: it names the file, and the field when there is one (an ImportError's path). */
function corpusError(file: string, e: unknown): Error {
  if (e instanceof ImportError) return new Error(`${file}: ${e.path === '(file)' ? '' : `${e.path}: `}${e.reason}`);
  return new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * The corpus to check against: the seeds (no path), a bundle the extension
 * exported (.json), or a folder of .txt and .html reports. A folder with a
 * sources.json is read like the seeds; any other as the extension imports
 * loose files, each named by its path inside the folder, so the same folder
 * gives the same article ids wherever it lies. As in the extension's import,
 * any problem refuses the whole corpus.
 */
export async function readCorpus(path: string | undefined, seedsDir: string): Promise<Corpus> {
  if (path === undefined) return { label: 'the seeds', articles: readSeedArticles(seedsDir) };
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`cannot read corpus "${path}": no such file or directory`);
  }
  if (st.isFile()) {
    if (!/\.json$/i.test(path)) {
      throw new UsageError(`corpus "${path}": expected a corpus bundle (.json) exported by crosscheck, or a folder of .txt and .html reports`);
    }
    // The extension's own import, step by step; each error names the file, and the article's index and field.
    checkImportSizes([{ name: path, size: st.size }]);
    const text = decodeUtf8(readFileSync(path), path);
    // A bundle holds no HTML: its articles are text already.
    const noHtml = () => {
      throw new Error('a bundle holds no HTML');
    };
    const { articles } = await readArticles([{ name: path, text }], { now: 0, parseHtml: noHtml, pause: async () => {} });
    return { label: path, articles };
  }
  if (statSync(join(path, 'sources.json'), { throwIfNoEntry: false })?.isFile()) {
    try {
      return { label: path, articles: readSeedArticles(path) };
    } catch (e) {
      throw corpusError(path, e);
    }
  }
  const files = listPageFiles(path, false);
  if (!files.length) throw new UsageError(`corpus "${path}": no .txt or .html reports in this folder`);
  const batches: Array<{ file: string; articles: Article[]; paths: string[] }> = [];
  for (const file of files) {
    // Forward slashes whatever the system: the name becomes the article's placeholder address, hence its id.
    const name = relative(path, file).split(/[\\/]/).join('/');
    const html = isHtml(file);
    const text = readText(file, html ? MAX_PAGE_HTML_CHARS : MAX_PAGE_TEXT_CHARS, html ? 'markup' : 'text');
    if (typeof text !== 'string') throw new Error(`${file}: ${text.message}`);
    const loose: ImportFile = { name, text };
    let article: Article;
    try {
      if (html) {
        const doc = parseHtmlDocument(text);
        const chars = pageTextChars(doc);
        if (chars > MAX_PAGE_TEXT_CHARS) throw new Error(tooLong(file, chars, MAX_PAGE_TEXT_CHARS, 'page text').message);
        if (!doc) throw new Error('not HTML that can be read');
        article = articleFromHtml(loose, 0, () => doc);
      } else article = articleFromTxt(loose, 0);
    } catch (e) {
      throw corpusError(file, e);
    }
    const chars = articleChars(article);
    if (chars > MAX_ARTICLE_CHARS) throw new Error(`${file}: ${tooLong(file, chars, MAX_ARTICLE_CHARS, 'article text').message}`);
    batches.push({ file, articles: [article], paths: ['id'] });
  }
  checkUniqueAcrossFiles(batches);
  return { label: path, articles: batches.flatMap((b) => b.articles) };
}
