import { h, type SafeHtml } from '../../../core/render/jsx.js';
import { ALL_KINDS, ARTICLE_20, THEMES, VALIDITY_LABELS, type Validity } from '../metadata.js';
import type { DocSummary } from '../queries.js';

// Disclosure pages print dates as 2026-03-02 (seed 001), not the locale's 2026/03/02.
const YMD = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
export const ymd = (d: Date | null | undefined): string => (d ? YMD.format(d) : '');

/** `一级\二级` as readers see it: 一级 › 二级. */
export const themeText = (theme: string): string => theme.split('\\').join(' › ');

export function validityText(v: { validity: Validity; validityDate: string | null }): string {
  return v.validity === 'valid' || !v.validityDate ? VALIDITY_LABELS[v.validity] : `${VALIDITY_LABELS[v.validity]}（${v.validityDate}）`;
}

export const docHref = (id: number): string => `/xxgk/${id}`;

/** The list filters shared by the pages, the paging links and the API. */
export type DocFilter = { agencyId?: number; kind?: string; theme?: string; year?: number; validity?: Validity; statutoryItem?: number };

/** The query string of a filter (plus a page), for links that keep the reader's choices. */
export function filterQuery(f: DocFilter, page?: number): string {
  const p = new URLSearchParams();
  if (f.agencyId) p.set('agency', String(f.agencyId));
  if (f.kind) p.set('kind', f.kind);
  if (f.theme) p.set('theme', f.theme);
  if (f.year) p.set('year', String(f.year));
  if (f.validity) p.set('validity', f.validity);
  if (f.statutoryItem) p.set('statutoryItem', String(f.statutoryItem));
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

type AgencyOpt = { id: number; name: string };

/** A GET form: works without JavaScript, and the URL can be bookmarked or shared. */
export function FilterForm({ action, f, agencies, years }: { action: string; f: DocFilter; agencies: AgencyOpt[]; years: number[] }): SafeHtml {
  return (
    <form method="get" action={action} class="filters" role="search" aria-label="筛选信息">
      <label for="f-agency">发布机构</label>
      <select id="f-agency" name="agency">
        <option value="">全部</option>
        {agencies.map((a) => <option value={a.id} selected={a.id === f.agencyId}>{a.name}</option>)}
      </select>
      <label for="f-kind">公文种类</label>
      <select id="f-kind" name="kind">
        <option value="">全部</option>
        {ALL_KINDS.map((k) => <option value={k} selected={k === f.kind}>{k}</option>)}
      </select>
      <label for="f-theme">主题分类</label>
      <select id="f-theme" name="theme">
        <option value="">全部</option>
        {THEMES.map(([t]) => <option value={t} selected={t === f.theme}>{t}</option>)}
      </select>
      <label for="f-year">发布年份</label>
      <select id="f-year" name="year">
        <option value="">全部</option>
        {years.map((y) => <option value={y} selected={y === f.year}>{y}年</option>)}
      </select>
      <label for="f-validity">有效性</label>
      <select id="f-validity" name="validity">
        <option value="">全部</option>
        {(Object.keys(VALIDITY_LABELS) as Validity[]).map((v) => <option value={v} selected={v === f.validity}>{VALIDITY_LABELS[v]}</option>)}
      </select>
      <label for="f-item">法定公开事项</label>
      <select id="f-item" name="statutoryItem">
        <option value="">全部</option>
        {ARTICLE_20.map((t, i) => <option value={i + 1} selected={i + 1 === f.statutoryItem}>{`（${i + 1}）${t}`}</option>)}
      </select>
      <button type="submit">筛选</button>
    </form>
  );
}

/** "共 N 条" with previous/next links; plain links, so paging works without JavaScript. */
export function Pager({ total, page, pageSize, href }: { total: number; page: number; pageSize: number; href: (page: number) => string }): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav class="pager" aria-label="分页">
      <span>共 {total} 条，第 {Math.min(page, pages)}/{pages} 页</span>
      {page > 1 ? <a href={href(page - 1)} rel="prev">上一页</a> : null}
      {page < pages ? <a href={href(page + 1)} rel="next">下一页</a> : null}
    </nav>
  );
}

/** Published documents as a table; on a phone each row becomes a labelled card. */
export function DocTable({ items, caption, start = 0 }: { items: DocSummary[]; caption: string; start?: number }): SafeHtml {
  return (
    <div class="table-wrap">
      <table class="data docs">
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">序号</th><th scope="col">名称</th><th scope="col">发布机构</th><th scope="col">文号</th><th scope="col">发布日期</th><th scope="col">有效性</th></tr>
        </thead>
        <tbody>
          {items.map((d, i) => (
            <tr>
              <td data-label="序号">{start + i + 1}</td>
              <td data-label="名称"><a href={docHref(d.documentId)}>{d.title}</a></td>
              <td data-label="发布机构">{d.agencyName}</td>
              <td data-label="文号">{d.docNumber ?? ''}</td>
              <td data-label="发布日期">{ymd(d.publishedAt)}</td>
              <td data-label="有效性">{validityText(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Subscription links for a list (the layout's <head> is shared, so feeds are advertised here). */
export function FeedLinks({ base, label }: { base: string; label: string }): SafeHtml {
  return (
    <p class="feeds muted">
      订阅{label}：<a href={`${base}.atom`} type="application/atom+xml">Atom</a> · <a href={`${base}.rss`} type="application/rss+xml">RSS</a>
    </p>
  );
}
