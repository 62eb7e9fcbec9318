/**
 * Seed corpus: the seed text files plus sources.json → validated Articles.
 * Pure: callers hand in the file contents (Vite bundles them for the
 * extension, the CLI reads them from disk).
 */
import { z } from 'zod';
import { Article, describeZodError, IsoDate } from '../schema';
import { parsePlainText } from '../extract/plain-text';

export const SourcesJson = z.object({
  sources: z.array(
    z.object({
      file: z.string(),
      url: z.string(),
      outlet: z.string(),
      publishedAt: IsoDate.nullable(),
      citesSource: z.string().nullable(),
    }),
  ),
});
export type SourcesJson = z.infer<typeof SourcesJson>;

/** Article id of a seed: its file name without extension. */
export function seedId(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.txt$/, '');
}

export function loadSeedArticles(files: Record<string, string>, sourcesJson: unknown, addedAt = 0): Article[] {
  const parsed = SourcesJson.safeParse(sourcesJson);
  if (!parsed.success) throw new Error(`seeds/sources.json: ${describeZodError(parsed.error)}`);
  const byName = new Map(Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, ''), text]));
  return parsed.data.sources.map((source) => {
    const text = byName.get(source.file);
    if (text === undefined) throw new Error(`seeds/sources.json lists ${source.file}, which is missing from seeds/`);
    const body = parsePlainText(text, { url: source.url, siteName: source.outlet });
    const cited = [...body.citedSources];
    if (source.citesSource && !cited.includes(source.citesSource)) cited.push(source.citesSource);
    const candidate = {
      ...body,
      id: seedId(source.file),
      outlet: source.outlet,
      citedSources: cited,
      publishedAt: source.publishedAt
        ? { from: source.publishedAt, to: source.publishedAt, source: 'sources-json' as const, evidence: 'sources.json' }
        : null,
      origin: 'seed' as const,
      addedAt,
    };
    const article = Article.safeParse(candidate);
    if (!article.success) throw new Error(`seeds/${source.file}: ${describeZodError(article.error)}`);
    return article.data;
  });
}
