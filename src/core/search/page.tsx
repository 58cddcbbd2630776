import { Fragment, h, raw, type SafeHtml } from '../render/jsx.js';
import type { PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { formatDate } from '../../web/components.js';
import type { SearchKind } from './schema.js';
import type { SearchHit, SearchParams, SearchResponse } from './types.js';

export const KIND_LABELS: Record<SearchKind, string> = { catalog_item: '公开事项', agency: '机构概况', document: '政府信息', faq: '常见问题', proposal_reply: '建议提案' };

export type SearchPageProps = {
  ctx: PageCtx;
  params: SearchParams;
  result: SearchResponse | null;
  error?: string;
  /** The search was refused for load (503): the message comes with a link to try again. */
  busy?: boolean;
  agencies: { id: number; name: string }[];
  domains: { id: number; name: string }[];
  /**
   * A site whose government has governments below it (a city) offers 本级 or 全市（含各县区）:
   * `offered` shows the choice, `all` is the one made (each hit then names its government).
   */
  scope?: { offered: boolean; all: boolean; allLabel?: string };
};

/** The query string of a search with one setting changed (for paging links); `all` keeps scope=all. */
export function searchHref(p: SearchParams, page: number, all = false): string {
  const u = new URLSearchParams();
  const put = (k: string, v: unknown) => v !== undefined && v !== '' && u.set(k, String(v));
  put('q', p.q);
  if (all) u.set('scope', 'all');
  put('kind', p.kind);
  put('agency', p.agencyId);
  put('domain', p.domainId);
  put('theme', p.theme);
  put('doc_kind', p.docKind);
  put('year', p.year);
  put('validity', p.validity);
  if (page > 1) u.set('page', String(page));
  return '/search?' + u.toString();
}

function Hit({ hit, showGov }: { hit: SearchHit; showGov?: boolean }): SafeHtml {
  // titleHtml and snippetHtml come from highlight(): escaped text plus our own <mark> tags only.
  return (
    <li class="search-hit">
      <h3><a href={hit.url}>{raw(hit.titleHtml)}</a></h3>
      {hit.snippetHtml ? <p>{raw(hit.snippetHtml)}</p> : null}
      <p class="muted">
        {showGov && hit.govName ? `${hit.govName} · ` : ''}{KIND_LABELS[hit.kind]}{hit.agencyName && hit.kind !== 'agency' ? ` · ${hit.agencyName}` : ''}{hit.docNumber ? ` · ${hit.docNumber}` : ''} · {formatDate(hit.publishedAt)}
      </p>
    </li>
  );
}

function Pager({ p, r, all }: { p: SearchParams; r: SearchResponse; all: boolean }): SafeHtml | null {
  if (r.pages <= 1) return null;
  const first = Math.max(1, r.page - 4);
  const pages = Array.from({ length: Math.min(r.pages, first + 8) - first + 1 }, (_, i) => first + i);
  return (
    <nav aria-label="搜索结果分页" class="pager">
      <ul>
        {r.page > 1 ? <li><a href={searchHref(p, r.page - 1, all)} rel="prev">上一页</a></li> : null}
        {pages.map((n) => <li>{n === r.page ? <span aria-current="page">{n}</span> : <a href={searchHref(p, n, all)} aria-label={`第 ${n} 页`}>{n}</a>}</li>)}
        {r.page < r.pages ? <li><a href={searchHref(p, r.page + 1, all)} rel="next">下一页</a></li> : null}
      </ul>
    </nav>
  );
}

function NoResults(): SafeHtml {
  return (
    <div role="status">
      <p>没有找到相关内容。您可以：</p>
      <ul>
        <li>检查是否有错别字；简体、繁體都可以搜索，不必转换；</li>
        <li>减少词语，或换用更常用、更短的说法（如“低保”而不是“最低生活保障金申领”）；</li>
        <li>去掉筛选条件后再搜索；</li>
        <li>浏览<a href="/catalog">基层政务公开标准目录</a>、<a href="/zfxxgk">政府信息公开</a>或<a href="/agencies">机构概况</a>。</li>
      </ul>
    </div>
  );
}

export function SearchPage({ ctx, params: p, result: r, error, busy, agencies, domains, scope }: SearchPageProps): SafeHtml {
  const all = scope?.all ?? false;
  const title = p.q ? `搜索：${p.q}` : '站内搜索';
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/', label: '首页' }, { label: '站内搜索' }]}>
      <h1>站内搜索</h1>
      <form method="get" action="/search" role="search" aria-label="搜索与筛选" class="filters">
        <label for="s-q">搜索内容</label>
        <input id="s-q" type="search" name="q" value={p.q} maxlength="100" />
        {scope?.offered ? (
          <>
            <label for="s-scope">范围</label>
            <select id="s-scope" name="scope">
              <option value="" selected={!all}>本级</option>
              <option value="all" selected={all}>{scope.allLabel ?? '全市（含各县区）'}</option>
            </select>
          </>
        ) : null}
        <label for="s-kind">类别</label>
        <select id="s-kind" name="kind">
          <option value="">全部</option>
          {(Object.keys(KIND_LABELS) as SearchKind[]).map((k) => <option value={k} selected={p.kind === k}>{KIND_LABELS[k]}</option>)}
        </select>
        <label for="s-agency">机构</label>
        <select id="s-agency" name="agency">
          <option value="">全部</option>
          {agencies.map((a) => <option value={a.id} selected={p.agencyId === a.id}>{a.name}</option>)}
        </select>
        <label for="s-domain">领域</label>
        <select id="s-domain" name="domain">
          <option value="">全部</option>
          {domains.map((d) => <option value={d.id} selected={p.domainId === d.id}>{d.name}</option>)}
        </select>
        <label for="s-year">年份</label>
        <input id="s-year" type="number" name="year" value={p.year} min="1949" max="2100" inputmode="numeric" />
        {p.theme ? <input type="hidden" name="theme" value={p.theme} /> : null}
        {p.docKind ? <input type="hidden" name="doc_kind" value={p.docKind} /> : null}
        {p.validity ? <input type="hidden" name="validity" value={p.validity} /> : null}
        <button type="submit">搜索</button>
      </form>
      {error ? <p role="alert">{error}{busy ? <> <a href={searchHref(p, p.page ?? 1, all)}>重新搜索</a></> : null}</p> : null}
      {r?.message ? <p role="status">{r.message}</p> : null}
      {r?.exact ? (
        <section aria-labelledby="s-exact">
          <h2 id="s-exact">文号 / 索引号精确匹配</h2>
          <ul class="search-results"><Hit hit={r.exact} showGov={all} /></ul>
        </section>
      ) : null}
      {r && !r.message ? (
        <section aria-labelledby="s-results">
          <h2 id="s-results">
            {r.totalExact ? `找到 ${r.total} 条结果` : `找到超过 ${r.total} 条结果`}
            {r.order === 'date' && r.total ? '（结果较多，按发布时间从新到旧排列）' : ''}
          </h2>
          {r.total === 0 && !r.exact ? <NoResults /> : <ol class="search-results" start={(r.page - 1) * r.pageSize + 1}>{r.results.map((x) => <Hit hit={x} showGov={all} />)}</ol>}
          <Pager p={p} r={r} all={all} />
        </section>
      ) : null}
    </Layout>
  );
}
