/**
 * The seed corpus as bundled into the extension at build time (Vite inlines
 * the files), so nothing is fetched at run time. Node callers use
 * lib/corpus/seeds-node.ts instead.
 */
import sourcesJson from '../../seeds/sources.json';
import { loadSeedArticles } from './seeds';
import type { Article } from '../schema';

const files = import.meta.glob('../../seeds/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function bundledSeedArticles(addedAt = 0): Article[] {
  return loadSeedArticles(files, sourcesJson, addedAt);
}
