/**
 * The development sets the judge reads: ../shared/judgment (labelled real
 * reports), ../shared/pages (real pages about nothing the corpus holds) and
 * the seeds. Each judgment page becomes the ArticleText a reader's browser
 * would hand the engine: its text as paragraphs, and its publication date as
 * page metadata gives it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parsePlainText } from '../../lib/extract/plain-text';
import type { ArticleText } from '../../lib/schema';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** ../shared beside the checkout, or where CROSSCHECK_SHARED points. */
export const SHARED = resolve(process.env.CROSSCHECK_SHARED ?? join(ROOT, '..', 'shared'));
export const JUDGMENT_DIR = join(SHARED, 'judgment');
export const PAGES_DIR = join(SHARED, 'pages');
export const SEEDS_DIR = join(ROOT, 'seeds');

const LabelledPage = z.object({
  url: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dateFrom: z.enum(['prefix', 'url', 'text']),
  text: z.string(),
  topic: z.string().optional(),
  story: z.enum(['other-event', 'unrelated', 'related']).optional(),
  mentions: z.array(z.object({ phrase: z.string().min(1), verdict: z.enum(['wrong', 'correct', 'honorific']), why: z.string() })),
});
export type LabelledPage = z.infer<typeof LabelledPage>;

export interface JudgedPage {
  folder: string;
  file: string;
  label: LabelledPage;
  article: ArticleText;
  /** Offset of each block of `article` in `label.text`. */
  blockStarts: number[];
}

export function readLabelledPage(folder: string, file: string): JudgedPage {
  const path = join(JUDGMENT_DIR, folder, file);
  const parsed = LabelledPage.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const label = parsed.data;
  const body = parsePlainText(label.text, { url: label.url });
  // The labelled date is the page's publication date, which a real page carries in its metadata or address.
  const article: ArticleText = {
    url: body.url,
    title: body.title,
    byline: body.byline,
    siteName: body.siteName,
    language: body.language,
    blocks: body.blocks,
    furniture: body.furniture,
    publishedAt: { from: label.date, to: label.date, source: label.dateFrom === 'url' ? 'url' : 'meta', evidence: `published ${label.date}` },
  };
  return { folder, file, label, article, blockStarts: body.blockStarts };
}

/** Folders of ../shared/judgment (a, b, c …) with their pages, sorted; empty when it is absent. */
export function judgmentFolders(): Array<{ folder: string; files: string[] }> {
  if (!existsSync(JUDGMENT_DIR)) return [];
  return readdirSync(JUDGMENT_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((folder) => ({
      folder,
      files: readdirSync(join(JUDGMENT_DIR, folder))
        .filter((f) => f.endsWith('.json'))
        .sort(),
    }));
}

export function realPageFiles(): string[] {
  if (!existsSync(PAGES_DIR)) return [];
  return readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();
}
