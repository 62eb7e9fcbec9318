/**
 * An import's files → validated Articles, checked whole before anything is
 * written: the options page's import and the CLI's `--corpus` read files with
 * this same code, so a corpus is the same articles wherever it is read. Pure:
 * the caller reads the files and says how to parse HTML (the options page
 * with DOMParser, Node with linkedom).
 */
import {
  articleFromText,
  checkUniqueAcrossFiles,
  ImportError,
  parseJsonFile,
  placeholderUrl,
  validateBundle,
  type ImportPlace,
} from './bundle';
import { extractArticle, parsePlainText } from '../extract/index';
import type { Article } from '../schema';

export interface ImportFile {
  name: string;
  text: string;
}

export interface ImportProgress {
  file: string;
  /** Articles (bundle) or files (loose files) checked so far, of `total`. */
  done: number;
  total: number;
  unit: 'articles' | 'files';
}

export interface ImportOptions {
  now: number;
  /** A detached document for an HTML file. */
  parseHtml: (html: string) => Document;
  onProgress?: (p: ImportProgress) => void;
  /** Lets the page paint between chunks of work. */
  pause?: () => Promise<void>;
}

const URL_LINE = /^(?:(?:url|source|link|original|published at)\s*:\s*)?<?(https?:\/\/[^\s>]+)>?$/i;
/** Where a copied article's address usually sits: near its top or its bottom. */
const URL_LINE_WINDOW = 3;

/** A .txt file may carry its address on a line of its own ("URL: https://…"); it is taken out of the text. */
export function splitUrlLine(text: string): { url: string | null; text: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const filled = lines.map((l, i) => [l.trim(), i] as const).filter(([l]) => l);
  const candidates = [...filled.slice(0, URL_LINE_WINDOW), ...filled.slice(-URL_LINE_WINDOW)];
  for (const [line, index] of candidates) {
    const m = URL_LINE.exec(line);
    if (!m?.[1]) continue;
    try {
      const url = new URL(m[1]).href;
      return { url, text: lines.filter((_, i) => i !== index).join('\n') };
    } catch {
      // not an address after all
    }
  }
  return { url: null, text };
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function articleFromTxt(file: ImportFile, now: number): Article {
  const { url, text } = splitUrlLine(file.text);
  const parsed = parsePlainText(text, { url: url ?? placeholderUrl(file.name) });
  const { citedSources, ...body } = parsed;
  return articleFromText(body, { origin: 'imported', addedAt: now, file: file.name, citedSources });
}

export function articleFromHtml(file: ImportFile, now: number, parseHtml: (html: string) => Document): Article {
  const doc = parseHtml(file.text);
  const body = extractArticle(doc);
  // Extraction skips script, style and template text, so a page that is only those has nothing to store.
  if (!body.blocks.some((b) => b.text.trim())) {
    throw new ImportError(file.name, '(file)', 'no article text found (scripts, styles and page furniture are not article text)');
  }
  // A saved page names itself with its canonical link; without one, it is a local file.
  const url = body.url && isHttp(body.url) ? body.url : placeholderUrl(file.name);
  return articleFromText({ ...body, url }, { origin: 'imported', addedAt: now, file: file.name });
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Every file's articles with where each came from, or an ImportError naming
 * the file and field of the first problem. Nothing is written here.
 */
export async function readArticles(files: readonly ImportFile[], options: ImportOptions): Promise<{ articles: Article[]; places: ImportPlace[] }> {
  const pause = options.pause ?? macrotask;
  const batches: Array<{ file: string; articles: Article[]; paths?: string[] }> = [];
  const loose = files.filter((f) => !/\.json$/i.test(f.name));
  let looseDone = 0;
  for (const file of files) {
    if (/\.json$/i.test(file.name)) {
      const json = parseJsonFile(file.text, file.name);
      const articles = await validateBundle(json, file.name, {
        pause,
        chunkSize: 50,
        onProgress: (done, total) => options.onProgress?.({ file: file.name, done, total, unit: 'articles' }),
      });
      batches.push({ file: file.name, articles });
      continue;
    }
    let article: Article;
    if (/\.txt$/i.test(file.name)) article = articleFromTxt(file, options.now);
    else if (/\.html?$/i.test(file.name)) article = articleFromHtml(file, options.now, options.parseHtml);
    else throw new ImportError(file.name, '(file)', 'not a corpus bundle (.json), text (.txt) or web page (.html) file');
    batches.push({ file: file.name, articles: [article], paths: ['id'] });
    looseDone++;
    options.onProgress?.({ file: file.name, done: looseDone, total: loose.length, unit: 'files' });
    if (looseDone % 10 === 0) await pause();
  }
  checkUniqueAcrossFiles(batches);
  return {
    articles: batches.flatMap((b) => b.articles),
    places: batches.flatMap((b) => b.articles.map((_, i) => ({ file: b.file, path: b.paths?.[i] ?? `articles.${i}.id` }))),
  };
}

/**
 * Every file's articles, or an ImportError naming the file and field of the
 * first problem. Nothing is written here: the caller sends the result to the
 * background, which stores all of it in one transaction.
 */
export async function articlesFromFiles(files: readonly ImportFile[], options: ImportOptions): Promise<Article[]> {
  return (await readArticles(files, options)).articles;
}
