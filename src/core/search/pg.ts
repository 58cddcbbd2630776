import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { AppError } from '../errors.js';
import { agencies } from '../../modules/org/schema.js';
import { docNumberKey, likeContains, normalise, parseQuery, type ParsedQuery } from '../text/normalise.js';
import { highlight } from './snippet.js';
import { searchEntries, type SearchKind } from './schema.js';
import type { SearchEntry, SearchHit, SearchIndex, SearchParams, SearchResponse } from './types.js';

export const MAX_QUERY = 100;
/** Nobody reads result 1001; bounding the offset bounds the work. */
export const MAX_RESULTS = 1_000;
/**
 * Counting stops here ("超过 1000 条"): no page beyond it can be shown, and an exact count of a
 * common word would read every matching row (bench:search measured 10,000 as the page's main cost).
 */
export const COUNT_CAP = MAX_RESULTS;
/**
 * Up to this many matches are ranked by relevance; beyond it, newest first (see SearchResponse.order),
 * which walks the published_at index and stops after one page instead of ranking every match.
 */
export const RANK_CAP = COUNT_CAP;
export const MAX_PAGE_SIZE = 50;
/**
 * A newest-first page walks at most this many of the newest entries per page (about 5 µs each)
 * before it falls back to the GIN lookup, whose cost grows with the number of matches.
 */
export const WALK_LIMIT = 5_000;
/** Only this much of a body is indexed: a tsvector holds at most 1 MB. */
export const MAX_BODY = 50_000;

const tsv = sql`"search_entries"."tsv"`;

function toRow(e: SearchEntry) {
  const body = e.body.slice(0, MAX_BODY);
  const key = (s: string | null | undefined) => (s ? docNumberKey(s) || null : null);
  return {
    kind: e.kind, refId: e.refId, url: e.url, title: e.title, body: e.body, publishedAt: e.publishedAt,
    agencyId: e.agencyId ?? null, domainId: e.domainId ?? null, theme: e.theme ?? null, docKind: e.docKind ?? null,
    year: e.year ?? null, validity: e.validity ?? null, docNumber: e.docNumber ?? null, indexNumber: e.indexNumber ?? null,
    docNumberKey: key(e.docNumber), indexNumberKey: key(e.indexNumber),
    // 文号 and 索引号 are searchable text too (the exact lookup is separate).
    norm: normalise(e.title) + '\n' + normalise([body, e.docNumber, e.indexNumber].filter(Boolean).join(' ')),
  };
}

/** Adds or replaces entries (by kind + refId), inside the caller's transaction. */
export async function indexEntries(tx: Exec, entries: SearchEntry | SearchEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  for (let i = 0; i < list.length; i += 500) {
    const rows = list.slice(i, i + 500).map(toRow);
    await tx.insert(searchEntries).values(rows).onConflictDoUpdate({
      target: [searchEntries.kind, searchEntries.refId],
      set: Object.fromEntries(Object.keys(rows[0]!).filter((k) => k !== 'kind' && k !== 'refId').map((k) => [k, sql.raw(`excluded.${toSnake(k)}`)])),
    });
  }
}

const toSnake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

export async function removeEntries(tx: Exec, kind: SearchKind, refIds: number | number[]): Promise<void> {
  const ids = Array.isArray(refIds) ? refIds : [refIds];
  if (ids.length) await tx.delete(searchEntries).where(and(eq(searchEntries.kind, kind), inArray(searchEntries.refId, ids)));
}

/** Filters shared by every query; "published" is part of the table's meaning and of the query. */
function filters(p: SearchParams): SQL[] {
  const w: SQL[] = [sql`${searchEntries.publishedAt} <= now()`];
  if (p.kind) w.push(eq(searchEntries.kind, p.kind));
  if (p.agencyId) w.push(eq(searchEntries.agencyId, p.agencyId));
  if (p.domainId) w.push(eq(searchEntries.domainId, p.domainId));
  if (p.theme) w.push(eq(searchEntries.theme, p.theme));
  if (p.docKind) w.push(eq(searchEntries.docKind, p.docKind));
  if (p.year) w.push(eq(searchEntries.year, p.year));
  if (p.validity) w.push(eq(searchEntries.validity, p.validity));
  return w;
}

const columns = {
  kind: searchEntries.kind, refId: searchEntries.refId, url: searchEntries.url, title: searchEntries.title,
  body: sql<string>`left(${searchEntries.body}, 10000)`, publishedAt: searchEntries.publishedAt,
  docNumber: searchEntries.docNumber, agencyName: agencies.name,
};

type Row = { kind: SearchKind; refId: number; url: string; title: string; body: string; publishedAt: Date; docNumber: string | null; agencyName: string | null };

const hit = (r: Row, terms: string[]): SearchHit => ({
  kind: r.kind, refId: r.refId, url: r.url, title: r.title, titleHtml: highlight(r.title, terms),
  snippetHtml: highlight(r.body, terms, 120), publishedAt: new Date(r.publishedAt), agencyName: r.agencyName, docNumber: r.docNumber,
});

/** Checks the query text before any work: empty and over-long queries get a Chinese message. */
export function checkQuery(q: string): string {
  const s = q.trim();
  if (!s) throw new AppError('query_required', 400, '请输入要搜索的内容。');
  if (s.length > MAX_QUERY) throw new AppError('query_too_long', 400, `搜索内容不能超过 ${MAX_QUERY} 个字，请精简后再试。`);
  return s;
}

/**
 * The text condition of a query: the index lookup, plus the exact check for the terms the bigrams
 * cannot decide alone. Null when the query has nothing searchable. Exported for tests and the benchmark.
 */
export function matchCondition(parsed: ParsedQuery, viaIndex = true): SQL | null {
  if (!parsed.tsquery) return null;
  // ts_match_vq is what @@ calls; written as a function the planner cannot use the GIN index for it.
  const text = viaIndex ? sql`${tsv} @@ ${parsed.tsquery}::tsquery` : sql`ts_match_vq(${tsv}, ${parsed.tsquery}::tsquery)`;
  return and(text, ...parsed.exact.map((t) => (t.regex ? sql`${searchEntries.norm} ~ ${t.regex}` : sql`${searchEntries.norm} like ${likeContains(t.term)}`)))!;
}

export async function search(db: Exec, p: SearchParams): Promise<SearchResponse> {
  const q = checkQuery(p.q);
  const pageSize = Math.min(Math.max(Math.trunc(p.pageSize ?? 20), 1), MAX_PAGE_SIZE);
  const maxPage = Math.ceil(MAX_RESULTS / pageSize);
  const page = Math.min(Math.max(Math.trunc(p.page ?? 1), 1), maxPage);
  const base = { q, page, pageSize, totalExact: true, order: 'relevance' as const };
  const parsed = parseQuery(q);
  const exact = await exactLookup(db, q, p, parsed.terms);
  if (!parsed.tsquery) return { ...base, total: 0, pages: 0, results: [], exact, message: '请输入汉字、字母或数字。' };

  const tsq = sql`${parsed.tsquery}::tsquery`;
  const where = and(matchCondition(parsed)!, ...filters(p));
  const rank = sql<number>`(ts_rank_cd('{0.1,0.1,0.2,1.0}', ${tsv}, ${tsq}) * (1 + 0.5 / (1 + extract(epoch from now() - ${searchEntries.publishedAt}) / 31536000.0)))::float8`;
  // One pass over the matches (the exact check is the costly part) counts them up to the cap;
  // ranking and the page's rows then read only those rows, by primary key.
  const matches = await db.select({ id: searchEntries.id }).from(searchEntries).where(where).limit(COUNT_CAP + 1);
  const n = matches.length;
  const total = Math.min(n, COUNT_CAP);
  const order = n > RANK_CAP ? 'date' : 'relevance';
  const offset = (page - 1) * pageSize;
  let rows: Row[] = [];
  if (order === 'relevance') {
    const ranked = n ? await db.select({ id: searchEntries.id, rank, at: searchEntries.publishedAt }).from(searchEntries).where(inArray(searchEntries.id, matches.map((m) => m.id))) : [];
    const ids = ranked
      .sort((a, b) => b.rank - a.rank || new Date(b.at).getTime() - new Date(a.at).getTime() || b.id - a.id)
      .slice(offset, offset + pageSize)
      .map((m) => m.id);
    const byId = new Map(ids.length ? (await db.select({ id: searchEntries.id, ...columns }).from(searchEntries).leftJoin(agencies, eq(agencies.id, searchEntries.agencyId)).where(inArray(searchEntries.id, ids))).map((r) => [r.id, r as Row]) : []);
    rows = ids.map((id) => byId.get(id)!);
  } else {
    // Newest first over many matches: walking the published_at index finds a page after about
    // pageSize / density rows, where the GIN lookup would fetch and sort every match.
    rows = await newestByWalk(db, parsed, p, pageSize, offset, WALK_LIMIT * page);
    if (rows.length < pageSize) {
      rows = (await db
        .select(columns)
        .from(searchEntries)
        .leftJoin(agencies, eq(agencies.id, searchEntries.agencyId))
        .where(where)
        .orderBy(desc(searchEntries.publishedAt), desc(searchEntries.id))
        .limit(pageSize)
        .offset(offset)) as Row[];
    }
  }
  return {
    ...base, total, totalExact: n <= COUNT_CAP, order, pages: Math.min(Math.ceil(total / pageSize), maxPage),
    results: rows.map((r) => hit(r, parsed.terms)), exact,
  };
}

/**
 * One newest-first page found by walking the `bound` newest entries that pass the filters; fewer
 * rows than asked when the walk ended first (the caller then uses the GIN lookup). The subquery's
 * LIMIT keeps the text check out of it, so the walk stops as soon as the page is full.
 */
async function newestByWalk(db: Exec, parsed: ParsedQuery, p: SearchParams, pageSize: number, offset: number, bound: number): Promise<Row[]> {
  const newest = sql`select * from ${searchEntries} where ${and(...filters(p))} order by ${searchEntries.publishedAt} desc, ${searchEntries.id} desc limit ${bound}`;
  // The alias is the table's own name, so matchCondition's column references resolve to the walk.
  const res = (await db.execute(sql`
    select kind, ref_id, url, title, left(body, 10000) as body, published_at, doc_number,
           (select ${agencies.name} from ${agencies} where ${agencies.id} = search_entries.agency_id) as agency_name
    from (${newest}) as search_entries
    where ${matchCondition(parsed, false)}
    order by published_at desc, id desc
    limit ${pageSize} offset ${offset}`)) as unknown as { rows: Record<string, unknown>[] };
  return res.rows.map((r) => ({
    kind: r.kind as SearchKind, refId: Number(r.ref_id), url: String(r.url), title: String(r.title), body: String(r.body),
    publishedAt: new Date(r.published_at as string | Date), docNumber: (r.doc_number as string | null) ?? null, agencyName: (r.agency_name as string | null) ?? null,
  }));
}

/** A query that is exactly some entry's 文号 or 索引号 (however the brackets were typed). */
async function exactLookup(db: Exec, q: string, p: SearchParams, terms: string[]): Promise<SearchHit | undefined> {
  const key = docNumberKey(q);
  if (key.length < 4 || !/\d/.test(key)) return undefined;
  const [row] = await db
    .select(columns)
    .from(searchEntries)
    .leftJoin(agencies, eq(agencies.id, searchEntries.agencyId))
    .where(and(sql`(${searchEntries.docNumberKey} = ${key} or ${searchEntries.indexNumberKey} = ${key})`, ...filters(p)))
    .orderBy(desc(searchEntries.publishedAt))
    .limit(1);
  return row ? hit(row as Row, terms) : undefined;
}

export const pgSearchIndex: SearchIndex = { index: indexEntries, remove: removeEntries, search };
