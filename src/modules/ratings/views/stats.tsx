import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import { TableScroll } from '../../../web/components.js';
import { shareText, type Aggregate, type Aggregates } from '../stats.js';

const Cells = ({ a }: { a: Aggregate }): SafeHtml => (
  <Fragment>
    <td class="num">{String(a.count)}</td>
    <td class="num">{shareText(a.satisfied, a.count)}</td>
    <td class="num">{String(a.bad)}</td>
    <td class="num">{a.bad ? shareText(a.rectified, a.bad) : '—'}</td>
  </Fragment>
);
const FIGURES = ['评价数', '满意及以上', '差评数', '整改率'];

/** The two tables of 好差评 figures: by handling agency, then by item or window. */
export function AggregateTables({ stats }: { stats: Aggregates }): SafeHtml {
  if (!stats.total.count) return <p>暂无评价。</p>;
  return (
    <div class="rating-stats">
      <h2>按单位统计</h2>
      <TableScroll label="按单位统计">
        <table class="data">
          <thead><tr><th scope="col">单位</th>{FIGURES.map((f) => <th scope="col">{f}</th>)}</tr></thead>
          <tbody>
            {stats.agencies.map((a) => <tr><th scope="row">{a.name}</th><Cells a={a} /></tr>)}
            <tr><th scope="row">合计</th><Cells a={stats.total} /></tr>
          </tbody>
        </table>
      </TableScroll>
      <h2>按事项和窗口统计</h2>
      <TableScroll label="按事项和窗口统计">
        <table class="data">
          <thead><tr><th scope="col">事项或窗口</th><th scope="col">承办单位</th>{FIGURES.map((f) => <th scope="col">{f}</th>)}</tr></thead>
          <tbody>{stats.items.map((a) => <tr><th scope="row">{a.name}</th><td>{a.agencyName}</td><Cells a={a} /></tr>)}</tbody>
        </table>
      </TableScroll>
    </div>
  );
}
