import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { AppError } from '../errors.js';
import { alias } from 'drizzle-orm/pg-core';
import { agencies } from '../org/schema.js';
import { governmentsUnder, recordOfGovernment } from '../org/scope.js';
import { docNumberKey, isHanRun, likeContains, normalise, parseQuery, termRuns, type ParsedQuery } from '../text/normalise.js';
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
 * A newest-first page walks at most this many of the newest entries per page (about 3 µs each,
 * reading `norm`) before it falls back to the GIN lookup, whose cost grows with the number of matches.
 */
export const WALK_LIMIT = 5_000;
/** Every search first checks this many of the newest entries, to see how dense the matches are. */
export const PROBE_ROWS = 1_000;
/**
 * When the probe predicts COUNT_CAP + 1 matches (with DENSE_MARGIN to spare) within this many
 * newest entries, the count is settled by walking them instead of by the GIN lookup: at 12% of
 * entries and more, the walk (≤ 30 ms at 1M entries) is cheaper than intersecting long posting lists.
 */
export const COUNT_WALK_LIMIT = 10_000;
const DENSE_MARGIN = 1.2;
/** A sparse word's page walk starts with its count when the probe predicts this many × RANK_CAP matches. */
const SPECULATE_ABOVE = 1.5;
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
  // A public site's scope: its own government's entries, or its whole subtree (an entry with no agency has no place in either).
  if (p.govId != null) w.push(recordOfGovernment(searchEntries.govId, p.govId));
  if (p.under) w.push(p.govIds ? (p.govIds.length ? inArray(searchEntries.govId, p.govIds) : sql`false`) : sql`${searchEntries.govId} in (${governmentsUnder(p.under)})`);
  if (p.kind) w.push(eq(searchEntries.kind, p.kind));
  if (p.agencyId) w.push(eq(searchEntries.agencyId, p.agencyId));
  if (p.domainId) w.push(eq(searchEntries.domainId, p.domainId));
  if (p.theme) w.push(eq(searchEntries.theme, p.theme));
  if (p.docKind) w.push(eq(searchEntries.docKind, p.docKind));
  if (p.year) w.push(eq(searchEntries.year, p.year));
  if (p.validity) w.push(eq(searchEntries.validity, p.validity));
  return w;
}

/** The government of an entry's agency, joined for its name. */
const gov = alias(agencies, 'entry_gov');

const columns = {
  kind: searchEntries.kind, refId: searchEntries.refId, url: searchEntries.url, title: searchEntries.title,
  body: sql<string>`left(${searchEntries.body}, 10000)`, publishedAt: searchEntries.publishedAt,
  docNumber: searchEntries.docNumber, agencyName: agencies.name, govId: gov.id, govName: gov.name,
};

type Row = { kind: SearchKind; refId: number; url: string; title: string; body: string; publishedAt: Date; docNumber: string | null; agencyName: string | null; govId: number | null; govName: string | null };

const hit = (r: Row, terms: string[]): SearchHit => ({
  kind: r.kind, refId: r.refId, url: r.url, title: r.title, titleHtml: highlight(r.title, terms),
  snippetHtml: highlight(r.body, terms, 120), publishedAt: new Date(r.publishedAt), agencyName: r.agencyName, govId: r.govId, govName: r.govName, docNumber: r.docNumber,
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
export function matchCondition(parsed: ParsedQuery, govId: number | readonly number[] | null = null): SQL | null {
  if (!parsed.tsquery) return null;
  // One government's entries (or a city's few hundred): their lexemes in the same index lookup
  // (migration 0023), not a filter after it.
  const ids = govId == null ? [] : typeof govId === 'number' ? [govId] : govId;
  const text = !ids.length ? sql`${tsv} @@ ${parsed.tsquery}::tsquery` : sql`${tsv} @@ (${parsed.tsquery}::tsquery && (${ids.map((id) => `'gov_${Math.trunc(id)}'`).join(' | ')})::tsquery)`;
  return and(text, ...parsed.exact.map((t) => (t.regex ? sql`${searchEntries.norm} ~ ${t.regex}` : sql`${searchEntries.norm} like ${likeContains(t.term)}`)))!;
}

/**
 * The newest-first walk's text check, with the same meaning as matchCondition but read from `norm`
 * wherever that decides alone: `norm` is stored in the row, the tsvector is TOASTed, and reading
 * it cost 4× more per walked row at 1M entries. A cheap LIKE on the longest run goes before a regex.
 * Single-character and two-character Han terms are exactly their substring (see tokens()); only
 * simple Latin/digit terms, which match whole words by prefix, still need the tsvector.
 */
export function walkCondition(parsed: ParsedQuery): SQL | null {
  if (!parsed.tsquery) return null;
  const exact = new Map(parsed.exact.map((e) => [e.term, e]));
  const norm = searchEntries.norm;
  return and(
    ...parsed.terms.map((term, i) => {
      const e = exact.get(term);
      if (e?.regex) {
        const longest = termRuns(term).reduce((a, b) => (b.length > a.length ? b : a), '');
        return and(sql`${norm} like ${likeContains(longest)}`, sql`${norm} ~ ${e.regex}`)!;
      }
      if (e || isHanRun(term)) return sql`${norm} like ${likeContains(term)}`;
      // ts_match_vq is what @@ calls; written as a function the planner cannot turn it into a GIN lookup.
      return sql`ts_match_vq(${tsv}, ${parsed.parts[i]}::tsquery)`;
    }),
  )!;
}

export async function search(db: Exec, p: SearchParams): Promise<SearchResponse> {
  const q = checkQuery(p.q);
  const pageSize = Math.min(Math.max(Math.trunc(p.pageSize ?? 20), 1), MAX_PAGE_SIZE);
  const maxPage = Math.ceil(MAX_RESULTS / pageSize);
  const page = Math.min(Math.max(Math.trunc(p.page ?? 1), 1), maxPage);
  const base = { q, page, pageSize, totalExact: true, order: 'relevance' as const };
  // A city's 全市 search: its governments' ids once, so both the walk's filter and the index
  // lookup's lexemes name them (a province's thousands would make the lexeme OR the slower path).
  if (p.under && !p.govIds) p = { ...p, govIds: await governmentIdsUnder(db, p.under) };
  const parsed = parseQuery(q);
  const exact = await exactLookup(db, q, p, parsed.terms);
  if (!parsed.tsquery) return { ...base, total: 0, pages: 0, results: [], exact, message: '请输入汉字、字母或数字。' };

  const tsq = sql`${parsed.tsquery}::tsquery`;
  const lexemeGovs = p.govId ?? (p.govIds && p.govIds.length <= MAX_GOV_LEXEMES ? p.govIds : null);
  const where = and(matchCondition(parsed, lexemeGovs)!, ...filters(p));
  const rank = sql<number>`(ts_rank_cd('{0.1,0.1,0.2,1.0}', ${tsv}, ${tsq}) * (1 + 0.5 / (1 + extract(epoch from now() - ${searchEntries.publishedAt}) / 31536000.0)))::float8`;
  const offset = (page - 1) * pageSize;
  // The newest entries first: a newest-first page needs them anyway, and when the matches are
  // dense there (a common word) COUNT_CAP + 1 of them settle the count without the GIN lookup, whose
  // bitmap over three 200k-entry posting lists alone took 60–75 ms at 1M entries. A probe of the
  // newest PROBE_ROWS says which case this is, so a rare word does not pay for the long walk.
  // `walked` is always a prefix of all matches newest first, so any page inside it is exact.
  let walked = await newestMatches(db, parsed, p, PROBE_ROWS, COUNT_CAP + 1);
  if (walked.length <= COUNT_CAP && walked.length * (COUNT_WALK_LIMIT / PROBE_ROWS) >= DENSE_MARGIN * (COUNT_CAP + 1)) {
    walked = await newestMatches(db, parsed, p, COUNT_WALK_LIMIT, COUNT_CAP + 1);
  }
  let n = walked.length;
  let ranked: number[] | null = null;
  const wanted = offset + pageSize;
  let walkedForPage = false;
  if (n <= COUNT_CAP) {
    // Should the count find more than RANK_CAP matches, the page is newest first and, when the
    // probe saw too few for it, needs a longer walk. When the probe's density says there will be
    // that many matches and the walk would succeed, it runs alongside the count (on a pool, a
    // second connection) instead of after it; otherwise it would only compete with the count.
    const density = walked.length / PROBE_ROWS;
    const pageWalk = walked.length > 0 && walked.length < wanted && wanted / density <= WALK_LIMIT * page && density * (await entriesEstimate(db)) > SPECULATE_ABOVE * RANK_CAP
      ? newestMatches(db, parsed, p, WALK_LIMIT * page, wanted)
      : null;
    // One pass over the matches (the exact check is the costly part) counts them up to the cap;
    // ranking and the page's rows then read only those rows, by primary key.
    const [matches, longer] = await Promise.all([db.select({ id: searchEntries.id }).from(searchEntries).where(where).limit(COUNT_CAP + 1), pageWalk]);
    if (longer) [walked, walkedForPage] = [longer, true];
    n = matches.length;
    if (n <= RANK_CAP) {
      const scored = n ? await db.select({ id: searchEntries.id, rank, at: searchEntries.publishedAt }).from(searchEntries).where(inArray(searchEntries.id, matches.map((m) => m.id))) : [];
      ranked = scored.sort((a, b) => b.rank - a.rank || new Date(b.at).getTime() - new Date(a.at).getTime() || b.id - a.id).map((m) => m.id);
    }
  }
  const total = Math.min(n, COUNT_CAP);
  const order = ranked ? 'relevance' : 'date';
  const need = Math.min(offset + pageSize, n);
  let rows: Row[];
  if (ranked) rows = await rowsByIds(db, ranked.slice(offset, offset + pageSize));
  else {
    // Many matches, newest first: walking the published_at index finds a page after about
    // (offset + pageSize) / density rows, where the GIN lookup would fetch and sort every match.
    if (walked.length < need && !walkedForPage) walked = await newestMatches(db, parsed, p, WALK_LIMIT * page, need);
    if (walked.length >= need) rows = await rowsByIds(db, walked.slice(offset, offset + pageSize));
    else {
      // Matches too sparse among the newest entries: the GIN lookup, sorted.
      rows = (await db
        .select(columns)
        .from(searchEntries)
        .leftJoin(agencies, eq(agencies.id, searchEntries.agencyId)).leftJoin(gov, eq(gov.id, agencies.govId))
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

/** Above this many governments a subtree search filters by the column instead of OR-ing their lexemes. */
const MAX_GOV_LEXEMES = 400;

async function governmentIdsUnder(db: Exec, path: string): Promise<number[]> {
  const res = (await db.execute(governmentsUnder(path))) as unknown as { rows: { id: number }[] };
  return res.rows.map((r) => Number(r.id));
}

/**
 * The ids of up to `limit` matches among the `bound` newest entries that pass the filters, newest
 * first. The subquery's LIMIT keeps the text check out of it, so the walk reads at most `bound` rows.
 */
async function newestMatches(db: Exec, parsed: ParsedQuery, p: SearchParams, bound: number, limit: number): Promise<number[]> {
  const newest = sql`select id, published_at, norm, tsv from ${searchEntries} where ${and(...filters(p))} order by ${searchEntries.publishedAt} desc, ${searchEntries.id} desc limit ${bound}`;
  // The alias is the table's own name, so walkCondition's column references resolve to the walk.
  const res = (await db.execute(sql`
    select id from (${newest}) as search_entries
    where ${walkCondition(parsed)}
    order by published_at desc, id desc
    limit ${limit}`)) as unknown as { rows: { id: number }[] };
  return res.rows.map((r) => Number(r.id));
}

/**
 * The planner's estimate of the number of entries (pg_class.reltuples, kept by autovacuum), or
 * Infinity when the table was never analysed. Only a guess for whether to start work early.
 */
async function entriesEstimate(db: Exec): Promise<number> {
  const res = (await db.execute(sql`select reltuples::float8 as n from pg_class where oid = 'search_entries'::regclass`)) as unknown as { rows: { n: number | string }[] };
  const n = Number(res.rows[0]?.n ?? -1);
  return n >= 0 ? n : Infinity;
}

/** The page's rows, in the order of `ids`. */
async function rowsByIds(db: Exec, ids: number[]): Promise<Row[]> {
  if (!ids.length) return [];
  const found = await db.select({ id: searchEntries.id, ...columns }).from(searchEntries).leftJoin(agencies, eq(agencies.id, searchEntries.agencyId)).leftJoin(gov, eq(gov.id, agencies.govId)).where(inArray(searchEntries.id, ids));
  const byId = new Map(found.map((r) => [r.id, r as Row]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** A query that is exactly some entry's 文号 or 索引号 (however the brackets were typed). */
async function exactLookup(db: Exec, q: string, p: SearchParams, terms: string[]): Promise<SearchHit | undefined> {
  const key = docNumberKey(q);
  if (key.length < 4 || !/\d/.test(key)) return undefined;
  const [row] = await db
    .select(columns)
    .from(searchEntries)
    .leftJoin(agencies, eq(agencies.id, searchEntries.agencyId)).leftJoin(gov, eq(gov.id, agencies.govId))
    .where(and(sql`(${searchEntries.docNumberKey} = ${key} or ${searchEntries.indexNumberKey} = ${key})`, ...filters(p)))
    .orderBy(desc(searchEntries.publishedAt))
    .limit(1);
  return row ? hit(row as Row, terms) : undefined;
}

export const pgSearchIndex: SearchIndex = { index: indexEntries, remove: removeEntries, search };
