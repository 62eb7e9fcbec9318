/** The seed corpus read from disk, for the CLI and Node tools. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSeedArticles } from './seeds';
import type { Article } from '../schema';

export function readSeedArticles(dir: string): Article[] {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.txt')) files[name] = readFileSync(join(dir, name), 'utf8');
  }
  const sources: unknown = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'));
  return loadSeedArticles(files, sources);
}
