/**
 * The extension's database. Lives in the extension origin only (background and
 * extension pages); content scripts never open it, they message the background.
 * Schema versions are append-only: add a new `version(n)` with an upgrade,
 * never edit an old one, so a database written by any earlier release opens.
 */
import Dexie, { type EntityTable } from 'dexie';
import { Article, Settings } from './schema';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Derived data kept between worker restarts (the serialized story index). */
export interface MetaRow {
  key: string;
  value: unknown;
}

export type CrosscheckDb = Dexie & {
  articles: EntityTable<Article, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export const DB_NAME = 'crosscheck';

export function openDatabase(name = DB_NAME): CrosscheckDb {
  const db = new Dexie(name) as CrosscheckDb;
  db.version(1).stores({
    articles: 'id, url, outlet, origin, addedAt',
    settings: 'key',
  });
  // v2: a place for derived data; nothing to migrate, the index is rebuilt when missing.
  db.version(2).stores({ meta: 'key' });
  return db;
}

/**
 * Puts the seed articles in place. Idempotent: seeds are keyed by their stable
 * id, so running it on every install, update and start-up never duplicates
 * them, and it only ever writes seed rows, so what the user added stays.
 * A seed whose text changed in an update is replaced by the new text.
 */
export async function seedDatabase(db: CrosscheckDb, seeds: Article[]): Promise<{ added: number; updated: number }> {
  return db.transaction('rw', db.articles, async () => {
    const existing = await db.articles.bulkGet(seeds.map((s) => s.id));
    let added = 0;
    let updated = 0;
    const writes: Article[] = [];
    seeds.forEach((seed, i) => {
      const old = existing[i];
      if (!old) {
        added++;
        writes.push(seed);
      } else if (old.origin === 'seed' && JSON.stringify({ ...old, addedAt: 0 }) !== JSON.stringify({ ...seed, addedAt: 0 })) {
        updated++;
        writes.push({ ...seed, addedAt: old.addedAt });
      }
    });
    if (writes.length) await db.articles.bulkPut(writes);
    return { added, updated };
  });
}

export async function readSettings(db: CrosscheckDb): Promise<Settings> {
  const row = await db.settings.get('settings');
  const parsed = Settings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}

/**
 * The story index as last saved, if it still describes the stored articles
 * (same ids); otherwise null and the caller rebuilds it.
 */
export async function loadSavedIndex(db: CrosscheckDb, articleIds: string[]): Promise<unknown | null> {
  const row = await db.meta.get('storyIndex');
  const saved = row?.value as { docs?: Array<{ id: string }> } | undefined;
  if (!saved?.docs || saved.docs.length !== articleIds.length) return null;
  const ids = new Set(articleIds);
  return saved.docs.every((d) => ids.has(d.id)) ? saved : null;
}

export async function saveIndex(db: CrosscheckDb, serialized: unknown): Promise<void> {
  await db.meta.put({ key: 'storyIndex', value: serialized });
}
