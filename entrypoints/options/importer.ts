/**
 * Files the reader drops or picks → validated Articles → one write, and the
 * corpus back out as a bundle. Sizes are checked before any file is read,
 * every file must be UTF-8, and everything is checked before anything is
 * written. A corpus bundle (.json) is checked article by article in chunks so
 * the page can show progress; loose .txt and .html files become one article
 * each. HTML is parsed into a detached document (DOMParser) and read, never
 * inserted into this page, so its scripts never run. Turning the files'
 * text into articles is lib/corpus/import.ts, which the CLI shares.
 */
import { checkImportSizes, compareWithStored, decodeUtf8, makeBundle, serializeBundle } from '../../lib/corpus/bundle';
import { readArticles, type ImportFile, type ImportOptions } from '../../lib/corpus/import';
import type { Article } from '../../lib/schema';
import { count } from './live';

export { articleFromHtml, articleFromTxt, articlesFromFiles, readArticles, splitUrlLine } from '../../lib/corpus/import';
export type { ImportFile, ImportOptions, ImportProgress } from '../../lib/corpus/import';

/** A file as the picker or a drop gives it (a File): its size is known before it is read. */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
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
