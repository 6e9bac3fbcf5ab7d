import type { CheckpointJson } from '../../agents/checkpoint';

/**
 * Checkpoints of training in this tab, kept in the browser (IndexedDB, one record per scenario) so a
 * reload can resume. Writes replace a record in one transaction: a failing or full store leaves the last
 * saved checkpoint as it was, and the caller is told.
 */
const DB = 'particle-arena';
const STORE = 'training-checkpoints';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('this browser keeps no IndexedDB'));
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB would not open'));
  });
}

async function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = f(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onabort = tx.onerror = () => reject(tx.error ?? req.error ?? new Error('the store refused the write'));
    });
  } finally {
    db.close();
  }
}

export interface SavedTraining {
  scenario: string;
  savedAt: string;
  ckpt: CheckpointJson;
  /** The built-in opponents of the run (`arena train --opponents`), if one team learned alone. */
  opponents?: string;
}

export function saveTraining(scenario: string, ckpt: CheckpointJson, opponents?: string): Promise<void> {
  const record: SavedTraining = { scenario, savedAt: new Date().toISOString(), ckpt, opponents };
  return run('readwrite', (s) => s.put(record, scenario)).then(() => undefined);
}

/** The saved training of a scenario, or null (none, or the store cannot be read). */
export async function loadTraining(scenario: string): Promise<SavedTraining | null> {
  try {
    const r = (await run('readonly', (s) => s.get(scenario))) as SavedTraining | undefined;
    return r && r.ckpt ? r : null;
  } catch {
    return null;
  }
}

export function forgetTraining(scenario: string): Promise<void> {
  return run('readwrite', (s) => s.delete(scenario)).then(() => undefined);
}
