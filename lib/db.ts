/**
 * The extension's database. Lives in the extension origin only (background and
 * extension pages); content scripts never open it, they message the background.
 * Schema versions are append-only: add a new `version(n)` with an upgrade,
 * never edit an old one, so a database written by any earlier release opens.
 */
import Dexie, { type EntityTable } from 'dexie';
import { compareWithStored, sameArticleContent } from './corpus/bundle';
import type { IndexDoc } from './corpus/match-index';
import { pastCap, type ReadCap } from './corpus/reading';
import { Article, Settings, type Analysis, type ArticleText } from './schema';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Derived data kept between worker restarts (the serialized story index). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * What the background knows about an open tab, kept on disk because an MV3
 * worker is stopped when idle and would otherwise forget every tab the popup
 * may still ask about. Cleared when the browser or the extension starts.
 */
export interface TabRow {
  tabId: number;
  url: string;
  connectedAt: number;
  /** A navigation started and no content script has reported since. */
  loadingSince?: number;
  /** The content script found no article text. */
  notArticle?: boolean;
  page?: ArticleText;
  canonicalUrl?: string | null;
  analysis?: Analysis;
  /** The corpus generation the analysis was made against: an older one is redone on request. */
  generation?: string;
  painted?: number;
  orphaned?: number;
  error?: string;
  /** The page or its article was over a size limit (lib/limits.ts), so it was not checked. */
  tooLong?: { chars: number; limit: number };
}

/**
 * One change to the story index since the snapshot in meta 'storyIndex': an
 * article's fingerprint added (or replaced), or an id removed. Applied in
 * `seq` order on top of the snapshot; a compaction writes a new snapshot and
 * clears the log in one transaction.
 */
export type IndexLogRow = { seq?: number } & ({ op: 'add'; doc: IndexDoc } | { op: 'remove'; id: string });

export type CrosscheckDb = Dexie & {
  indexLog: EntityTable<IndexLogRow, 'seq'>;
  articles: EntityTable<Article, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
  tabs: EntityTable<TabRow, 'tabId'>;
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
  // v3: per-tab state of the open pages; transient, nothing to migrate.
  db.version(3).stores({ tabs: 'tabId' });
  // v4: the story index's change log (lib/index-store.ts). Nothing to migrate here: an index saved
  // in the old one-object format is converted by the first engine that loads it, outside the upgrade.
  db.version(4).stores({ indexLog: '++seq' });
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

export async function writeSettings(db: CrosscheckDb, settings: Settings): Promise<Settings> {
  const valid = Settings.parse(settings);
  await db.settings.put({ key: 'settings', value: valid });
  return valid;
}

/** Read-modify-write in one transaction, so two pages changing settings at once do not undo each other. */
export async function updateSettings(db: CrosscheckDb, change: (s: Settings) => Settings): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => writeSettings(db, change(await readSettings(db))));
}

export interface ImportResult {
  /** The rows written, as stored. */
  written: Article[];
  /** Articles already stored with the same content, left as they were. */
  unchanged: number;
  total: number;
}

/**
 * Writes one import in a single transaction: all of it or, if anything fails,
 * none of it. Articles are stored with origin 'imported'; one already in the
 * corpus with the same content is left alone (origin and date included), so
 * importing an export of this corpus changes nothing.
 */
export async function importArticles(db: CrosscheckDb, incoming: readonly Article[]): Promise<ImportResult> {
  const ids = new Set<string>();
  for (const a of incoming) {
    if (ids.has(a.id)) throw new Error(`duplicate id "${a.id}" in one import`);
    ids.add(a.id);
  }
  return db.transaction('rw', db.articles, async () => {
    const existing = await db.articles.bulkGet(incoming.map((a) => a.id));
    // The options page runs the same check before sending, with file names; here it runs again inside the
    // transaction, so an import that raced another one cannot overwrite a different page stored meanwhile.
    compareWithStored(incoming, [], existing);
    const written: Article[] = [];
    let unchanged = 0;
    incoming.forEach((a, i) => {
      const old = existing[i];
      if (old && sameArticleContent(old, a)) unchanged++;
      else written.push({ ...a, origin: 'imported' });
    });
    if (written.length) await db.articles.bulkPut(written);
    return { written, unchanged, total: await db.articles.count() };
  });
}

export async function deleteArticles(db: CrosscheckDb, ids: readonly string[]): Promise<string[]> {
  return db.transaction('rw', db.articles, async () => {
    const found = (await db.articles.bulkGet([...ids])).filter((a): a is Article => a !== undefined).map((a) => a.id);
    await db.articles.bulkDelete(found);
    return found;
  });
}

/** Removes everything added or imported and puts every seed back as shipped, in one transaction. */
export async function resetToSeeds(db: CrosscheckDb, seeds: readonly Article[]): Promise<{ removed: number; restored: number; total: number }> {
  return db.transaction('rw', db.articles, async () => {
    const seedIds = new Set(seeds.map((s) => s.id));
    const all = await db.articles.toArray();
    const remove = all.filter((a) => a.origin !== 'seed' || !seedIds.has(a.id)).map((a) => a.id);
    await db.articles.bulkDelete(remove);
    const removed = new Set(remove);
    const kept = new Map(all.filter((a) => !removed.has(a.id)).map((a) => [a.id, a]));
    const restore = seeds.filter((s) => {
      const old = kept.get(s.id);
      return !old || !sameArticleContent(old, s);
    });
    await db.articles.bulkPut(restore.map((s) => ({ ...s, addedAt: kept.get(s.id)?.addedAt ?? s.addedAt })));
    return { removed: remove.filter((id) => !seedIds.has(id)).length, restored: restore.length, total: await db.articles.count() };
  });
}

export interface KeepResult {
  /** The report as stored, or null when it was not kept. */
  kept: Article | null;
  /** Why not, when it was not. */
  reason: string;
  /** Read reports the cap removed to make room. */
  removed: string[];
}

/**
 * Keeps a report the reader read, in one transaction with the cap: a report
 * already stored at the same address is not stored twice (read again, it
 * counts as read now), and past the cap the oldest read reports go. Nothing
 * but read reports is ever removed here.
 */
export async function keepReadReport(db: CrosscheckDb, article: Article, cap: ReadCap, now: number): Promise<KeepResult> {
  return db.transaction('rw', db.articles, async () => {
    const same = await db.articles.where('url').equals(article.url).first();
    if (same && same.origin !== 'read') return { kept: null, reason: 'already in your corpus', removed: [] };
    const stored: Article = same ? { ...same, addedAt: now } : { ...article, origin: 'read', addedAt: now };
    await db.articles.put(stored);
    const removed = await removePastCap(db, cap, now);
    return removed.includes(stored.id) ? { kept: null, reason: 'over the cap', removed } : { kept: stored, reason: same ? 'read again' : 'kept', removed };
  });
}

async function removePastCap(db: CrosscheckDb, cap: ReadCap, now: number): Promise<string[]> {
  const read: { id: string; addedAt: number }[] = [];
  // Only the two fields the cap needs: a large corpus of read reports is not read into memory whole.
  await db.articles.where('origin').equals('read').each((a) => void read.push({ id: a.id, addedAt: a.addedAt }));
  const gone = pastCap(read, cap, now);
  if (gone.length) await db.articles.bulkDelete(gone);
  return gone;
}

/** Applies the cap as it is now (after the reader lowered it); returns the removed ids. */
export async function enforceReadCap(db: CrosscheckDb, cap: ReadCap, now: number): Promise<string[]> {
  return db.transaction('rw', db.articles, () => removePastCap(db, cap, now));
}

/** Delete everything I read: every read report, nothing else. */
export async function forgetRead(db: CrosscheckDb): Promise<string[]> {
  return db.transaction('rw', db.articles, async () => {
    const ids = (await db.articles.where('origin').equals('read').primaryKeys()) as string[];
    await db.articles.bulkDelete(ids);
    return ids;
  });
}

/** An imported knowledge base, stored as given (the caller validated it with parseKnowledgeBase). */
export interface StoredKnowledgeBase {
  importedAt: number;
  file: string;
  kb: unknown;
}

export async function readStoredKnowledgeBase(db: CrosscheckDb): Promise<StoredKnowledgeBase | null> {
  const row = await db.meta.get('knowledgeBase');
  const v = row?.value as Partial<StoredKnowledgeBase> | undefined;
  return v && typeof v.importedAt === 'number' && v.kb !== undefined ? { importedAt: v.importedAt, file: String(v.file ?? ''), kb: v.kb } : null;
}

export async function storeKnowledgeBase(db: CrosscheckDb, stored: StoredKnowledgeBase | null): Promise<void> {
  if (stored) await db.meta.put({ key: 'knowledgeBase', value: stored });
  else await db.meta.delete('knowledgeBase');
}
