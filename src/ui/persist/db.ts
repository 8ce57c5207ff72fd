// IndexedDB persistence (through idb): one record holds the whole session, so a reload restores
// exactly what was there. Values are plain JSON (structured clone keeps them bit-exact).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Session } from '../state/session.ts';

interface MechanistDB extends DBSchema {
  session: { key: string; value: Session };
}

const DB_NAME = 'mechanist';
const CURRENT = 'current';
let dbPromise: Promise<IDBPDatabase<MechanistDB>> | null = null;

function db(): Promise<IDBPDatabase<MechanistDB>> {
  dbPromise ??= openDB<MechanistDB>(DB_NAME, 1, {
    upgrade(d) {
      if (!d.objectStoreNames.contains('session')) d.createObjectStore('session');
    },
  });
  return dbPromise;
}

export async function loadSession(): Promise<Session | undefined> {
  return (await db()).get('session', CURRENT);
}

export async function saveSession(s: Session): Promise<void> {
  await (await db()).put('session', s, CURRENT);
}

export async function clearAll(): Promise<void> {
  await (await db()).clear('session');
}
