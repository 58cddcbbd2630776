import type { Exec } from '../../db/client.js';
import { pgSearchIndex } from './pg.js';
import type { SearchKind } from './schema.js';
import type { SearchEntry, SearchIndex, SearchParams, SearchResponse } from './types.js';

export type { SearchEntry, SearchHit, SearchIndex, SearchParams, SearchResponse } from './types.js';
export type { SearchKind } from './schema.js';

// The engine in use. PostgreSQL full text by default; an external engine can be swapped in at
// start-up, and every caller (catalog, org, info) keeps calling the functions below.
let engine: SearchIndex = pgSearchIndex;
export const useSearchIndex = (e: SearchIndex): void => void (engine = e);

// Bumped by every change to the index, so cached results (see bounded.ts) are never served
// across one. It is bumped before and after the write, which runs inside the caller's transaction
// and is visible only once that commits: results read shortly after a change are not kept either.
let version = 0;
let changedAt = -Infinity;
const changed = () => {
  version++;
  changedAt = Date.now();
};
export const indexVersion = (): number => version;
/** Whether the index changed in this instance within the last `ms` milliseconds. */
export const indexChangedWithin = (ms: number): boolean => Date.now() - changedAt < ms;
async function changing(write: () => Promise<void>): Promise<void> {
  changed();
  try {
    await write();
  } finally {
    changed();
  }
}

/** Adds or replaces published entries; call inside the transaction that publishes them. */
export const indexEntry = (tx: Exec, entry: SearchEntry | SearchEntry[]): Promise<void> => changing(() => engine.index(tx, entry));
/** Drops entries (withdrawn, superseded, deleted); same transaction as the change. */
export const removeEntries = (tx: Exec, kind: SearchKind, refIds: number | number[]): Promise<void> => changing(() => engine.remove(tx, kind, refIds));
export const search = (db: Exec, params: SearchParams): Promise<SearchResponse> => engine.search(db, params);
