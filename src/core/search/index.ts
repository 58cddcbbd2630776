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

/** Adds or replaces published entries; call inside the transaction that publishes them. */
export const indexEntry = (tx: Exec, entry: SearchEntry | SearchEntry[]): Promise<void> => engine.index(tx, entry);
/** Drops entries (withdrawn, superseded, deleted); same transaction as the change. */
export const removeEntries = (tx: Exec, kind: SearchKind, refIds: number | number[]): Promise<void> => engine.remove(tx, kind, refIds);
export const search = (db: Exec, params: SearchParams): Promise<SearchResponse> => engine.search(db, params);
