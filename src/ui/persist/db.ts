// IndexedDB persistence (through idb): one record holds the whole session, so a reload restores
// exactly what was there. Values are plain JSON (structured clone keeps them bit-exact).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Session } from '../state/session.ts';

interface MechanistDB extends DBSchema {
  // 'current', and 'set-aside': a stored session that failed its check on load (kept, not applied)
  session: { key: string; value: unknown };
}

const DB_NAME = 'mechanist';
const CURRENT = 'current';
const SET_ASIDE = 'set-aside';
let dbPromise: Promise<IDBPDatabase<MechanistDB>> | null = null;

function db(): Promise<IDBPDatabase<MechanistDB>> {
  dbPromise ??= openDB<MechanistDB>(DB_NAME, 1, {
    upgrade(d) {
      if (!d.objectStoreNames.contains('session')) d.createObjectStore('session');
    },
  });
  return dbPromise;
}

/** the stored session as it is: unchecked (session-check.ts checks it before use) */
export async function loadSession(): Promise<unknown> {
  return (await db()).get('session', CURRENT);
}

/** moves a stored session that failed its check out of the way, so it is never applied but not lost */
export async function setAsideSession(value: unknown): Promise<void> {
  const tx = (await db()).transaction('session', 'readwrite');
  await Promise.all([tx.store.put(value, SET_ASIDE), tx.store.delete(CURRENT), tx.done]);
}

export async function saveSession(s: Session): Promise<void> {
  await (await db()).put('session', s, CURRENT);
}

export async function clearAll(): Promise<void> {
  await (await db()).clear('session');
}
