import type { FastifyInstance } from 'fastify';
import { h } from '../../core/render/jsx.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { TableScroll } from '../../web/components.js';
import { timelinessReport } from './timeliness.js';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The office's compliance dashboard: on-time rates, late publications, empty catalog items. */
export function registerComplianceRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/compliance', async (req, reply) => {
    const report = await timelinessReport({ db: deps.db, actor: req.actor });
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="公开时效" admin>
        <h1>公开时效与目录落实情况</h1>
        <p class="hint">按信息形成日期起算：一般信息 20 个工作日（条例第二十六条），目录事项另有时限的从严，行政许可、行政处罚决定 7 个工作日；工作日按官方日历（含调休）计算。</p>
        <TableScroll label="各机构按时公开率（可左右滑动）"><table class="data">
          <caption>各机构按时公开率</caption>
          <thead><tr><th scope="col">机构</th><th scope="col">已公开</th><th scope="col">按时</th><th scope="col">逾期</th><th scope="col">按时率</th><th scope="col">尚无信息的目录事项</th></tr></thead>
          <tbody>
            {report.map((a) => (
              <tr><td><a href={`#agency-${a.agencyId}`}>{a.agencyName}</a></td><td>{a.published}</td><td>{a.onTime}</td><td>{a.late.length}</td><td>{pct(a.rate)}</td><td>{a.itemsWithoutInformation.length}</td></tr>
            ))}
          </tbody>
        </table></TableScroll>
        {report.map((a) => (
          <section id={`agency-${a.agencyId}`}>
            <h2>{a.agencyName}</h2>
            {a.late.length ? (
              <TableScroll label="逾期公开的信息（可左右滑动）"><table class="data">
                <caption>逾期公开的信息</caption>
                <thead><tr><th scope="col">名称</th><th scope="col">形成日期</th><th scope="col">应公开日期</th><th scope="col">实际公开</th><th scope="col">逾期（工作日）</th><th scope="col">依据</th></tr></thead>
                <tbody>{a.late.map((r) => <tr><td><a href={`/xxgk/${r.documentId}`}>{r.title}</a></td><td>{r.formedDate}</td><td>{r.due}</td><td>{r.publishedDate}</td><td>{r.workdaysLate}</td><td>{r.basis}</td></tr>)}</tbody>
              </table></TableScroll>
            ) : <p>没有逾期公开的信息。</p>}
            {a.itemsWithoutInformation.length ? (
              <details>
                <summary>尚无已发布信息的目录事项（{a.itemsWithoutInformation.length}）</summary>
                <ul>{a.itemsWithoutInformation.map((i) => <li>{i.domainName}：{i.title}</li>)}</ul>
              </details>
            ) : null}
          </section>
        ))}
      </Layout>
    ));
  });
}
