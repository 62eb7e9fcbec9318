/**
 * Reads for the options page. The page opens the extension's database itself
 * and follows it with Dexie liveQuery, so a write by the background (import,
 * delete, settings) shows at once; every write goes through the background.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { Loadable } from '../../components/AsyncState';
import { openDatabase, type CrosscheckDb } from '../../lib/db';
import { request } from '../../lib/messaging/protocol';
import type { Reply, Request, ErrorReply } from '../../lib/schema';

let db: CrosscheckDb | null = null;
export function database(): CrosscheckDb {
  db ??= openDatabase();
  return db;
}

export function useLive<T>(query: (db: CrosscheckDb) => Promise<T>, deps: unknown[] = []): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(() => query(database())).subscribe({
      next: (v) => setValue({ state: 'ready', value: v }),
      error: (e: unknown) => setValue({ state: 'error', error: e instanceof Error ? e.message : String(e) }),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}

export function ask<T extends Exclude<Reply, ErrorReply>>(req: Request): Promise<T> {
  return request<T>((m) => browser.runtime.sendMessage(m), req);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
