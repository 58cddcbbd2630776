import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { formatDate } from '../../../web/components.js';
import { reportTitle, type ReportSnapshot } from '../content.js';
import type { PublishedSummary } from '../service.js';
import { ReportBody } from './report.js';

export const PUBLIC_BASE = '/zfxxgk/annual-reports';
const CRUMBS = [{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }, { href: PUBLIC_BASE, label: '政府信息公开年报' }];

type Facets = { years: number[]; agencies: { id: number; name: string }[] };

export function ReportListPage({ ctx, rows, facets, year, agencyId }: { ctx: PageCtx; rows: PublishedSummary[]; facets: Facets; year?: number; agencyId?: number }): SafeHtml {
  const years = [...new Set(rows.map((r) => r.year))];
  return (
    <Layout ctx={ctx} title="政府信息公开年报" crumbs={CRUMBS.map((c, i) => (i === CRUMBS.length - 1 ? { label: c.label } : c))}>
      <h1>政府信息公开工作年度报告</h1>
      <p>本级人民政府及其各部门、乡镇（街道）的政府信息公开工作年度报告。依照《中华人民共和国政府信息公开条例》第四十九条、第五十条，各部门、乡镇（街道）于每年1月31日前、县级以上人民政府于每年3月31日前公布上一年度的年度报告。</p>
      <form method="get" action={PUBLIC_BASE} class="filters" role="search" aria-label="筛选年度报告">
        <label for="r-year">年度</label>
        <select id="r-year" name="year">
          <option value="">全部</option>
          {facets.years.map((y) => <option value={y} selected={y === year}>{y}年度</option>)}
        </select>
        <label for="r-agency">机构</label>
        <select id="r-agency" name="agency">
          <option value="">全部</option>
          {facets.agencies.map((a) => <option value={a.id} selected={a.id === agencyId}>{a.name}</option>)}
        </select>
        <button type="submit">筛选</button>
      </form>
      {rows.length ? (
        years.map((y) => (
          <section aria-labelledby={`y-${y}`}>
            <h2 id={`y-${y}`}>{y}年度</h2>
            <ul class="report-list">
              {rows.filter((r) => r.year === y).map((r) => (
                <li><a href={`${PUBLIC_BASE}/${r.id}`}>{reportTitle(r)}</a> <span class="muted">（{formatDate(r.publishedAt)} 发布）</span></li>
              ))}
            </ul>
          </section>
        ))
      ) : <p>暂无已发布的年度报告。</p>}
    </Layout>
  );
}

export function ReportPage({ ctx, r }: { ctx: PageCtx; r: ReportSnapshot & { id: number } }): SafeHtml {
  const title = reportTitle(r);
  return (
    <Layout ctx={ctx} title={title} crumbs={[...CRUMBS, { label: `${r.agencyName}${r.year}年度` }]}>
      <article class="report">
        <h1>{title}</h1>
        <dl class="facts">
          <dt>发布机构</dt><dd>{r.agencyName}</dd>
          <dt>报告年度</dt><dd>{r.year}年</dd>
          <dt>发布日期</dt><dd>{r.publishedAt ? formatDate(new Date(r.publishedAt)) : ''}</dd>
          <dt>下载</dt><dd><a href={`${PUBLIC_BASE}/${r.id}/report.docx`} download>Word 文档（DOCX）</a> · <a href={`${PUBLIC_BASE}/${r.id}/report.xlsx`} download>统计表（XLSX）</a></dd>
        </dl>
        <ReportBody c={r} />
      </article>
    </Layout>
  );
}
