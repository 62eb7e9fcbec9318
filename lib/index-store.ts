/**
 * The story index on disk, for the background: a snapshot (meta 'storyIndex',
 * IndexColumns) plus an append-only log of the changes since (table
 * indexLog), so adding one page writes one small row instead of the whole
 * index; and an engine that reads articles from IndexedDB only when an
 * analysis needs them, so a restarted worker answers without reading the
 * corpus' text.
 *
 * What keeps the index true to the stored articles when the worker is
 * stopped half-way: the snapshot and the log clear happen in one
 * transaction, each batch of log rows in one, and on every load the index's
 * ids are compared with the articles' primary keys (keys only, no text):
 * an article written but not yet logged is indexed then, an id whose article
 * is gone is dropped. An index that does not load at all is rebuilt.
 */
import type { CrosscheckDb, IndexLogRow } from './db';
import { Engine, type ArticleSource } from './engine';
import { createStoryIndex, loadStoryIndex, type IndexChange, type StoryIndex } from './corpus/match-index';
import type { KnowledgeBase } from './kb/schema';

const INDEX_KEY = 'storyIndex';
/** The log is folded into a new snapshot past this many rows, or past LOG_SHARE of the corpus when that is more. */
const LOG_MIN = 256;
const LOG_SHARE = 0.02;
/** Articles read per transaction while rebuilding or repairing, so a 100k corpus never sits in memory at once. */
const CHUNK = 500;

export interface OpenedIndex {
  engine: Engine;
  store: IndexStore;
  /** loaded: snapshot and log as saved; converted: from the one-object format of earlier builds; rebuilt: from the articles. */
  how: 'loaded' | 'converted' | 'rebuilt';
  /** Ids indexed or dropped on load because the saved index did not describe the stored articles. */
  repaired: { added: number; removed: number };
  /** Log rows applied on top of the snapshot. */
  logRows: number;
  /** Where the time went, ms: reading the snapshot, log and keys; loading them; repairing and saving. */
  timings: { read: number; load: number; repair: number; save: number };
}

/** Articles from IndexedDB by primary key, as a lazy engine asks for them. */
export function dbArticleSource(db: CrosscheckDb): ArticleSource {
  return { get: (ids) => db.articles.bulkGet([...ids]) };
}

/**
 * Loads the saved story index (converting or rebuilding it when it must),
 * makes it describe exactly the stored articles, and returns a lazy engine
 * over it with the store that persists its later changes.
 */
export async function openEngine(db: CrosscheckDb, kb: KnowledgeBase): Promise<OpenedIndex> {
  const t0 = performance.now();
  const [row, log, ids] = await db.transaction('r', db.meta, db.indexLog, db.articles, () =>
    Promise.all([db.meta.get(INDEX_KEY), db.indexLog.orderBy('seq').toArray(), db.articles.toCollection().primaryKeys() as Promise<string[]>]),
  );
  const t1 = performance.now();
  let index: StoryIndex | null = null;
  let how: OpenedIndex['how'] = 'loaded';
  if (row) {
    try {
      index = loadStoryIndex(row.value);
      applyLog(index, log);
      if (!isColumns(row.value)) how = 'converted';
    } catch (error) {
      console.warn('crosscheck: rebuilding the story index:', error instanceof Error ? error.message : error);
      index = null;
    }
  }
  if (!index) {
    how = 'rebuilt';
    index = createStoryIndex();
    await addStored(db, index, ids);
  }
  index.trackChanges();
  const t2 = performance.now();
  const repaired = how === 'rebuilt' ? { added: 0, removed: 0 } : await repair(db, index, ids);
  const store = new IndexStore(db, index, how === 'loaded' ? log.length : Infinity);
  const t3 = performance.now();
  // A rebuilt or converted index is saved as a snapshot at once; repairs go to the log.
  await store.persist();
  const timings = { read: t1 - t0, load: t2 - t1, repair: t3 - t2, save: performance.now() - t3 };
  return { engine: Engine.lazy(kb, index, dbArticleSource(db)), store, how, repaired, logRows: log.length, timings };
}

function isColumns(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'crosscheck-story-index-columns';
}

function applyLog(index: StoryIndex, log: readonly IndexLogRow[]): void {
  for (const row of log) {
    if (row.op === 'add') index.addDoc(row.doc);
    else if (row.op === 'remove') index.remove(row.id);
    else throw new Error(`index log row ${String((row as IndexLogRow).seq)}: unknown op`);
  }
}

async function addStored(db: CrosscheckDb, index: StoryIndex, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const articles = await db.articles.bulkGet(ids.slice(i, i + CHUNK));
    for (const a of articles) if (a) index.add(a);
  }
}

/** Makes the index's ids the stored ones: what a worker stopped between an article write and its log row leaves behind. */
async function repair(db: CrosscheckDb, index: StoryIndex, ids: readonly string[]): Promise<{ added: number; removed: number }> {
  const stored = new Set(ids);
  const extra = index.ids().filter((id) => !stored.has(id));
  for (const id of extra) index.remove(id);
  const missing = ids.filter((id) => !index.has(id));
  await addStored(db, index, missing);
  if (extra.length || missing.length) console.warn(`crosscheck: the saved story index lacked ${missing.length} articles and had ${extra.length} removed ones; repaired`);
  return { added: missing.length, removed: extra.length };
}

function logRowOf(change: IndexChange): IndexLogRow {
  return change.doc ? { op: 'add', doc: change.doc } : { op: 'remove', id: change.id };
}

/** Persists a tracking index's changes: log rows per change, a new snapshot now and then. */
export class IndexStore {
  constructor(
    private readonly db: CrosscheckDb,
    readonly index: StoryIndex,
    /** Rows in the log now; Infinity when the saved snapshot must be replaced. */
    private logRows: number,
  ) {}

  /** Rows past which the next persist() compacts instead of appending. */
  get logLimit(): number {
    return Math.max(LOG_MIN, Math.ceil(LOG_SHARE * this.index.size));
  }

  /** Writes what changed since the last call: one transaction, whatever the worker does next. */
  async persist(): Promise<'none' | 'logged' | 'compacted'> {
    const changes = this.index.takeChanges();
    if (this.logRows + changes.length > this.logLimit) {
      await this.compactWith(changes);
      return 'compacted';
    }
    if (!changes.length) return 'none';
    this.logRows += changes.length;
    await this.db.indexLog.bulkAdd(changes.map(logRowOf));
    return 'logged';
  }

  /** A new snapshot of the index as it is now, and an empty log. */
  async compact(): Promise<void> {
    await this.compactWith(this.index.takeChanges());
  }

  private async compactWith(pending: IndexChange[]): Promise<void> {
    // Taken before any await: the snapshot holds every change made so far,
    // and a log row written after this point is newer than it.
    const columns = this.index.toColumns();
    const before = this.logRows;
    this.logRows = 0;
    try {
      await this.db.transaction('rw', this.db.meta, this.db.indexLog, async () => {
        await this.db.indexLog.clear();
        await this.db.meta.put({ key: INDEX_KEY, value: columns });
      });
    } catch (error) {
      // The old snapshot and log stand; the changes they lack are logged so a restart still sees them.
      this.logRows = before + pending.length;
      if (pending.length) await this.db.indexLog.bulkAdd(pending.map(logRowOf));
      throw error;
    }
  }
}
