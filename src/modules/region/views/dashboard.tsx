import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { TableScroll } from '../../../web/components.js';
import type { CountyView, RegionRow, RegionView } from '../service.js';
import { BASE, cellText, DEFINITIONS, FIGURE_HEADERS, figureCells, showsParent, TITLE } from '../labels.js';
import { STATE_LABELS } from '../../catalog/policy.js';

const REASONS = { stalled: '停留超过期限未推进', unadjusted: '发布满期限未动态调整' } as const;

function YearForm({ action, year, years }: { action: string; year: number; years: number[] }): SafeHtml {
  return (
    <form method="get" action={action} class="filters">
      <label for="region-year">统计年度</label>
      <select id="region-year" name="year">{years.map((y) => <option value={y} selected={y === year}>{y}年</option>)}</select>
      <button type="submit">查看</button>
      <a href={`${action}/export.xlsx?year=${year}`}>导出 Excel</a>
    </form>
  );
}

/** The name cell of a row: a link to the county's drill-down on the dashboard, plain in the drill-down. */
const RowHead = ({ r, link, parent }: { r: RegionRow; link: boolean; parent: boolean }): SafeHtml => (
  <th scope="row">
    {link ? <a href={`${BASE}/${r.id}`}>{r.name}</a> : r.name}
    {parent && r.parentName ? <span class="muted">（{r.parentName}）</span> : null}
  </th>
);

function Matrix({ v, link, caption }: { v: RegionView; link: boolean; caption: string }): SafeHtml {
  const parent = showsParent(v);
  return (
    <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{link ? '县（市、区）' : '机构'}</th>{v.domains.map((d) => <th scope="col">{d.name}</th>)}</tr></thead>
        <tbody>
          {v.rows.map((r) => (
            <tr>
              <RowHead r={r} link={link} parent={parent} />
              {v.domains.map((d) => {
                const c = r.cells.get(d.id)!;
                const t = cellText(c);
                return (
                  <td class={c.state === 'overdue' ? 'flag' : c.state === 'none' ? 'muted' : undefined}>
                    {c.state === 'overdue' ? <strong>{t.label}</strong> : t.label}
                    {t.detail ? <div class="hint">{t.detail}</div> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Figures({ v, link, caption }: { v: RegionView; link: boolean; caption: string }): SafeHtml {
  const parent = showsParent(v);
  return (
    <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{link ? '县（市、区）' : '机构'}</th>{FIGURE_HEADERS.map((hd) => <th scope="col">{hd}</th>)}</tr></thead>
        <tbody>
          {v.rows.map((r) => {
            const cells = figureCells(r.metrics!);
            return (
              <tr>
                <RowHead r={r} link={link} parent={parent} />
                {cells.map((x, i) => <td class={i === cells.length - 1 && Number(x) > 0 ? 'flag' : undefined}>{x}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Definitions({ v }: { v: RegionView }): SafeHtml {
  return (
    <details class="region-definitions">
      <summary>统计口径</summary>
      <ul>{DEFINITIONS(v).map((d) => <li>{d}</li>)}</ul>
    </details>
  );
}

export function RegionDashboard({ ctx, v, years }: { ctx: PageCtx; v: RegionView; years: number[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title={TITLE} admin>
      <h1>{TITLE}</h1>
      <p class="hint">{v.gov.name}：下辖各县（市、区）基层政务公开标准目录编制、信息发布、依申请公开和年度报告情况。点击县区名称查看其各机构明细。{v.office ? null : '您是领域指导单位，这里只显示您指导的领域。'}</p>
      {v.note ? <p class="notice notice-warn">{v.note}</p> : null}
      <YearForm action={BASE} year={v.year} years={years} />
      <Definitions v={v} />
      <section aria-labelledby="matrix-h">
        <h2 id="matrix-h">目录编制情况（截至 {v.today}）</h2>
        <Matrix v={v} link caption="县区 × 领域目录状态" />
      </section>
      {v.office ? (
        <section aria-labelledby="figures-h">
          <h2 id="figures-h">{v.year}年信息发布、依申请公开与{v.reportYear}年度报告</h2>
          <Figures v={v} link caption="各县区指标" />
        </section>
      ) : null}
    </Layout>
  );
}

export function CountyDetail({ ctx, v, years }: { ctx: PageCtx; v: CountyView; years: number[] }): SafeHtml {
  const title = `${v.county.name}推进情况`;
  return (
    <Layout ctx={ctx} title={title} admin crumbs={[{ href: BASE, label: TITLE }, { label: v.county.name }]}>
      <h1>{title}</h1>
      <YearForm action={`${BASE}/${v.county.id}`} year={v.year} years={years} />
      <Definitions v={v} />
      <section aria-labelledby="overdue-h">
        <h2 id="overdue-h">逾期目录（{v.overdue.length}）</h2>
        {v.overdue.length ? (
          <TableScroll label="逾期目录">
            <table class="data">
              <thead><tr><th scope="col">机构</th><th scope="col">领域</th><th scope="col">状态</th><th scope="col">逾期原因</th><th scope="col">起始日期</th></tr></thead>
              <tbody>
                {v.overdue.map((o) => (
                  <tr><th scope="row">{o.agencyName}</th><td>{o.domainName}</td><td>{STATE_LABELS[o.state as keyof typeof STATE_LABELS] ?? o.state}</td><td class="flag">{REASONS[o.reason]}</td><td>{o.since}</td></tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : <p>没有逾期的目录。</p>}
      </section>
      <section aria-labelledby="matrix-h">
        <h2 id="matrix-h">各机构目录状态（截至 {v.today}）</h2>
        <Matrix v={v} link={false} caption="机构 × 领域目录状态" />
      </section>
      {v.office ? (
        <section aria-labelledby="figures-h">
          <h2 id="figures-h">{v.year}年各机构指标</h2>
          <Figures v={v} link={false} caption="各机构指标" />
        </section>
      ) : null}
    </Layout>
  );
}
