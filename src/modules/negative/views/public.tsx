import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { TableScroll } from '../../../web/components.js';
import { CATEGORY_SHORT, FORCE_LABELS, type PublicEntry } from '../entries.js';
import { PUBLIC_BASE } from './admin.js';
import { ROW_LABELS } from '../rows.js';

const CRUMBS = [{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }, { label: '政务公开负面清单' }];

export function PublicPage({ ctx, rows, agencies, agencyId }: { ctx: PageCtx; rows: PublicEntry[]; agencies: { id: number; name: string }[]; agencyId?: number }): SafeHtml {
  const byAgency = new Map<string, PublicEntry[]>();
  for (const r of rows) byAgency.set(r.agencyName, [...(byAgency.get(r.agencyName) ?? []), r]);
  return (
    <Layout ctx={ctx} title="政务公开负面清单" crumbs={CRUMBS}>
      <h1>政务公开负面清单</h1>
      <p>以下事项依据《中华人民共和国政府信息公开条例》（2019 年修订）第十四条、第十五条、第十六条及有关法律法规不予公开。负面清单以外的政府信息，原则上都应依法公开。各单位定期对清单进行评估审查。</p>
      {agencies.length > 1 ? (
        <form method="get" action={PUBLIC_BASE} class="filters" aria-label="按单位查看">
          <label for="pf-agency">单位</label>
          <select id="pf-agency" name="agency">
            <option value="">全部单位</option>
            {agencies.map((a) => <option value={String(a.id)} selected={agencyId === a.id}>{a.name}</option>)}
          </select>
          <button type="submit">查看</button>
        </form>
      ) : null}
      {rows.length ? [...byAgency].map(([name, list]) => (
        <section>
          <h2>{name}</h2>
          <TableScroll label={`${name}政务公开负面清单`}>
            <table class="data feedback">
              <thead><tr><th scope="col">序号</th><th scope="col">不予公开的事项</th><th scope="col">类别</th><th scope="col">年报统计情形</th><th scope="col">依据</th><th scope="col">性质</th><th scope="col">可以公开的条件</th><th scope="col">上次评估审查</th></tr></thead>
              <tbody>{list.map((e, i) => (
                <tr>
                  <td>{String(i + 1)}</td>
                  <td>{e.matter}</td>
                  <td>{CATEGORY_SHORT[e.category]}</td>
                  <td>{ROW_LABELS[e.reportRow]}</td>
                  <td>{e.lawName}（{e.lawVersion} 版）{e.article}</td>
                  <td>{FORCE_LABELS[e.force]}</td>
                  <td>{e.releaseCondition || '—'}</td>
                  <td>{e.lastReviewedOn}</td>
                </tr>
              ))}</tbody>
            </table>
          </TableScroll>
        </section>
      )) : <p>暂无已发布的负面清单事项。</p>}
    </Layout>
  );
}
