import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import type { DocSummary, PublicEdition } from '../queries.js';
import { DocTable, FeedLinks, FilterForm, Pager, docHref, filterQuery, validityText, ymd, type DocFilter } from './shared.js';

const ZFXXGK = [{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }];
type AgencyOpt = { id: number; name: string };

export type ListProps = { ctx: PageCtx; f: DocFilter; page: number; pageSize: number; items: DocSummary[]; total: number; agencies: AgencyOpt[]; years: number[] };

/** Shown under every list so readers can move between the parts of the column. */
function ColumnLinks(): SafeHtml {
  return (
    <p class="muted">
      <a href="/xxgk">全部信息</a> · <a href="/xxgk/statutory">法定主动公开内容</a> · <a href="/xxgk/regulatory">行政规范性文件</a> · <a href="/xxgk/cleanup">规范性文件清理结果</a> · <a href="/xxgk/by-catalog">按公开目录查看</a>
    </p>
  );
}

export function InfoListPage(p: ListProps): SafeHtml {
  const agency = p.f.agencyId ? p.agencies.find((a) => a.id === p.f.agencyId) : undefined;
  return (
    <Layout ctx={p.ctx} title="信息公开目录" crumbs={[...ZFXXGK, { label: '信息公开目录' }]}>
      <h1>信息公开目录</h1>
      <p>本县各机关主动公开的政府信息，按发布日期从新到旧排列。</p>
      <ColumnLinks />
      <FilterForm action="/xxgk" f={p.f} agencies={p.agencies} years={p.years} />
      {p.items.length ? <DocTable items={p.items} caption={agency ? `${agency.name}主动公开的信息` : '主动公开的信息'} start={(p.page - 1) * p.pageSize} /> : <p role="status">暂无符合条件的信息。</p>}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => `/xxgk${filterQuery(p.f, n)}`} />
      <FeedLinks base="/feeds/all" label="全部信息" />
      {agency ? <FeedLinks base={`/feeds/agency/${agency.id}`} label={agency.name} /> : null}
    </Layout>
  );
}

export type RegulatoryRow = DocSummary & { interpretations: DocSummary[] };

export function RegulatoryPage({ ctx, rows, total, page, pageSize }: { ctx: PageCtx; rows: RegulatoryRow[]; total: number; page: number; pageSize: number }): SafeHtml {
  return (
    <Layout ctx={ctx} title="行政规范性文件" crumbs={[...ZFXXGK, { href: '/xxgk/statutory', label: '法定主动公开内容' }, { label: '行政规范性文件' }]}>
      <h1>行政规范性文件</h1>
      <p>本县各机关制定的行政规范性文件及其政策解读。已失效、废止或修订的文件见 <a href="/xxgk/cleanup">清理结果</a>。</p>
      <ColumnLinks />
      {rows.length ? (
        <div class="table-wrap">
          <table class="data docs">
            <caption>行政规范性文件目录</caption>
            <thead>
              <tr><th scope="col">序号</th><th scope="col">完整标题</th><th scope="col">文号</th><th scope="col">发文日期</th><th scope="col">公开日期</th><th scope="col">有效性</th><th scope="col">政策解读</th></tr>
            </thead>
            <tbody>
              {rows.map((d, i) => (
                <tr>
                  <td data-label="序号">{(page - 1) * pageSize + i + 1}</td>
                  <td data-label="完整标题"><a href={docHref(d.documentId)}>{d.title}</a></td>
                  <td data-label="文号">{d.docNumber ?? ''}</td>
                  <td data-label="发文日期">{d.writtenDate}</td>
                  <td data-label="公开日期">{ymd(d.publishedAt)}</td>
                  <td data-label="有效性">{validityText(d)}</td>
                  <td data-label="政策解读">{d.interpretations.length ? d.interpretations.map((x, n) => [n ? '；' : '', <a href={docHref(x.documentId)}>{x.title}</a>]) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p role="status">暂无已公开的行政规范性文件。</p>}
      <Pager total={total} page={page} pageSize={pageSize} href={(n) => `/xxgk/regulatory${n > 1 ? `?page=${n}` : ''}`} />
    </Layout>
  );
}

export function CleanupPage({ ctx, rows, replacements }: { ctx: PageCtx; rows: PublicEdition[]; replacements: Map<number, DocSummary> }): SafeHtml {
  return (
    <Layout ctx={ctx} title="规范性文件清理结果" crumbs={[...ZFXXGK, { href: '/xxgk/statutory', label: '法定主动公开内容' }, { label: '规范性文件清理结果' }]}>
      <h1>规范性文件清理结果</h1>
      <p>经清理已失效、废止或修订的行政规范性文件。原文仍可查阅，并标明有效性和现行文件。</p>
      <ColumnLinks />
      {rows.length ? (
        <div class="table-wrap">
          <table class="data docs">
            <caption>清理结果</caption>
            <thead>
              <tr><th scope="col">序号</th><th scope="col">文件名称</th><th scope="col">文号</th><th scope="col">发布机构</th><th scope="col">清理结果</th><th scope="col">日期</th><th scope="col">现行文件</th></tr>
            </thead>
            <tbody>
              {rows.map((d, i) => {
                const r = d.replacedById ? replacements.get(d.replacedById) : undefined;
                return (
                  <tr>
                    <td data-label="序号">{i + 1}</td>
                    <td data-label="文件名称"><a href={docHref(d.documentId)}>{d.title}</a></td>
                    <td data-label="文号">{d.docNumber ?? ''}</td>
                    <td data-label="发布机构">{d.agencyName}</td>
                    <td data-label="清理结果">{validityText({ validity: d.validity, validityDate: null })}</td>
                    <td data-label="日期">{d.validityDate ?? ''}</td>
                    <td data-label="现行文件">{r ? <a href={docHref(r.documentId)}>{r.title}</a> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : <p role="status">暂无清理结果。</p>}
    </Layout>
  );
}
