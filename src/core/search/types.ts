import type { Exec } from '../../db/client.js';
import type { SearchKind } from './schema.js';

/** What a module hands the index when something is published. Only published things, ever. */
export type SearchEntry = {
  kind: SearchKind;
  refId: number;
  url: string;
  title: string;
  /** Plain text (no markup): it is escaped when shown. */
  body: string;
  publishedAt: Date;
  agencyId?: number | null;
  domainId?: number | null;
  theme?: string | null;
  docKind?: string | null;
  year?: number | null;
  validity?: string | null;
  docNumber?: string | null;
  indexNumber?: string | null;
};

export type SearchParams = {
  q: string;
  /** Only entries of this government's agencies (a public site's own level); null or absent: no such filter. */
  govId?: number | null;
  /** Only entries of agencies within this subtree path ('/1/5/': a city's site with its counties). */
  under?: string;
  /** The governments within `under`, when the caller already has them (search() looks them up otherwise). */
  govIds?: readonly number[];
  agencyId?: number;
  domainId?: number;
  theme?: string;
  docKind?: string;
  year?: number;
  validity?: string;
  kind?: SearchKind;
  page?: number;
  pageSize?: number;
};

export type SearchHit = {
  kind: SearchKind;
  refId: number;
  url: string;
  title: string;
  /** Escaped title with <mark> around matches. */
  titleHtml: string;
  /** Escaped excerpt of the body with <mark> around matches. */
  snippetHtml: string;
  publishedAt: Date;
  agencyName: string | null;
  /** The government the entry's agency belongs to (which county a hit is from, on a city's site). */
  govId?: number | null;
  govName: string | null;
  docNumber: string | null;
};

export type SearchResponse = {
  q: string;
  total: number;
  /** False when more than `total` matched and counting stopped there. */
  totalExact: boolean;
  /** Large result sets are listed newest first instead of by relevance (ranking all would be slow). */
  order: 'relevance' | 'date';
  page: number;
  pageSize: number;
  pages: number;
  results: SearchHit[];
  /** The entry whose 文号 or 索引号 is exactly the query. */
  exact?: SearchHit;
  /** Why nothing could be searched (e.g. only punctuation), in Chinese. */
  message?: string;
};

/** A search engine behind the portal; the PostgreSQL one is `pgSearchIndex`. */
export type SearchIndex = {
  index: (tx: Exec, entries: SearchEntry | SearchEntry[]) => Promise<void>;
  remove: (tx: Exec, kind: SearchKind, refIds: number | number[]) => Promise<void>;
  search: (db: Exec, params: SearchParams) => Promise<SearchResponse>;
};
