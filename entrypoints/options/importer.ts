/**
 * Files the reader drops or picks → validated Articles → one write, and the
 * corpus back out as a bundle. Sizes are checked before any file is read,
 * every file must be UTF-8, and everything is checked before anything is
 * written. A corpus bundle (.json) is checked article by article in chunks so
 * the page can show progress; loose .txt and .html files become one article
 * each. HTML is parsed into a detached document (DOMParser) and read, never
 * inserted into this page, so its scripts never run.
 */
import {
  articleFromText,
  checkImportSizes,
  checkUniqueAcrossFiles,
  compareWithStored,
  decodeUtf8,
  ImportError,
  makeBundle,
  parseJsonFile,
  placeholderUrl,
  serializeBundle,
  validateBundle,
  type ImportPlace,
} from '../../lib/corpus/bundle';
import { extractArticle, parsePlainText } from '../../lib/extract/index';
import type { Article } from '../../lib/schema';
import { count } from './live';

/** A file as the picker or a drop gives it (a File): its size is known before it is read. */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

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

/**
 * A saved page as a document with no browsing context: DOMParser runs none of
 * its scripts or event handlers and loads none of its images or frames, and
 * the document is never attached to this page. Saved news pages nearly always
 * carry scripts, so they are neutralised this way instead of refused.
 */
export function parseHtmlInert(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
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
 * Picked files as text: refused by size before any is read, then each
 * decoded as UTF-8 or refused naming the offset of its first bad byte.
 */
export async function readPickedFiles(files: readonly PickedFile[]): Promise<ImportFile[]> {
  checkImportSizes(files);
  const out: ImportFile[] = [];
  for (const file of files) out.push({ name: file.name, text: decodeUtf8(new Uint8Array(await file.arrayBuffer()), file.name) });
  return out;
}

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

export interface ImportRun extends ImportOptions {
  /** Everything is checked and about to be written. */
  onWriting?: (articles: number) => void;
  /** The stored articles under these ids, undefined where there is none. */
  stored: (ids: string[]) => Promise<Array<Article | undefined>>;
  /** Stores every article in one transaction, all or nothing: the background's importArticles. */
  write: (articles: Article[]) => Promise<{ changed: number; unchanged: number; total: number }>;
}

export interface ImportOutcome {
  changed: number;
  replaced: number;
  unchanged: number;
  total: number;
  /** What the page tells the reader. */
  message: string;
}

/**
 * One import as the options page runs it, from picked files to the write.
 * Any problem throws an ImportError before `write` is called, so a refused
 * import leaves the corpus exactly as it was.
 */
export async function importPickedFiles(files: readonly PickedFile[], run: ImportRun): Promise<ImportOutcome> {
  const texts = await readPickedFiles(files);
  const { articles, places } = await readArticles(texts, run);
  const { replaced } = compareWithStored(articles, places, await run.stored(articles.map((a) => a.id)));
  run.onWriting?.(articles.length);
  await (run.pause ?? macrotask)();
  const reply = await run.write(articles);
  const names = files.length === 1 ? files[0]!.name : count(files.length, 'file');
  const message =
    `Imported ${count(reply.changed, 'article')} from ${names}` +
    (replaced ? `, replacing the stored copy of ${count(replaced, 'page')}` : '') +
    (reply.unchanged ? ` (${count(reply.unchanged, 'article')} already in the corpus, left unchanged)` : '') +
    `. The corpus now has ${count(reply.total, 'article')}.`;
  return { changed: reply.changed, replaced, unchanged: reply.unchanged, total: reply.total, message };
}

/** The corpus as the export button saves it: a bundle file's name and text. */
export function corpusExport(articles: readonly Article[], exportedAt: Date = new Date()): { fileName: string; text: string } {
  const bundle = makeBundle(articles, exportedAt);
  return { fileName: `crosscheck-corpus-${bundle.exportedAt.slice(0, 10)}.json`, text: serializeBundle(bundle) };
}
