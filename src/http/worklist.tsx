import type { FastifyInstance } from 'fastify';
import { h } from '../core/render/jsx.js';
import { unauthenticated } from '../core/errors.js';
import { NAV_GROUPS, URGENCY_LABELS, type AppDeps, type WorkItem } from '../core/module.js';
import { Layout } from '../web/layout.js';
import { Notice } from '../web/components.js';
import { getAgency } from '../modules/org/service.js';

const GROUP_LABEL = new Map<string, string>(NAV_GROUPS.map((g) => [g.id, g.label]));

function WorkList({ items }: { items: WorkItem[] }) {
  return (
    <ul class="worklist">
      {items.map((i) => (
        <li class={`work work-${i.urgency}`} data-due={i.dueOn ?? undefined}>
          <strong>{URGENCY_LABELS[i.urgency]}</strong>{' '}<a href={i.href}>{i.title}</a>
          <span class="work-meta">{[`${GROUP_LABEL.get(i.group)} · ${i.kind}`, i.detail, i.note].filter(Boolean).join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}

/** The 工作台: everything waiting for the person signed in, across modules, most urgent first. */
export function registerWorklistRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin', async (req, reply) => {
    const actor = req.actor;
    if (!actor) throw unauthenticated();
    const agency = await getAgency(deps.db, actor.agencyId);
    const items = req.worklist ?? [];
    const notice = (req.query as { notice?: string }).notice === 'password' ? '密码已修改。' : null;
    const overdue = items.filter((i) => i.urgency === 'overdue').length;
    const due = items.filter((i) => i.urgency === 'due').length;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="工作台" admin>
        <h1>工作台</h1>
        <Notice text={notice} />
        <p>{actor.name}，您好。所属机构：{agency.name}。</p>
        {req.worklistFailed?.length ? <p class="error-box" role="alert">{req.worklistFailed.join('、')}的待办事项暂时无法读取，下面的列表可能不完整。请稍后刷新；如仍无法读取，请联系系统管理员。</p> : null}
        <h2 id="worklist-h">待我处理（{String(items.length)}）</h2>
        {items.length ? <WorkList items={items} /> : <p>暂无待处理事项。</p>}
        {items.length ? (
          <p class="muted">
            {overdue ? `其中已超期 ${overdue} 件` : '没有超期事项'}{due ? `，即将到期 ${due} 件` : ''}。按紧急程度排列：已超期、即将到期（法定时限 3 个工作日内）、有期限、待处理。
          </p>
        ) : null}
        <section aria-labelledby="groups-h">
          <h2 id="groups-h">按工作类别</h2>
          <ul class="cards">
            {ctx.nav.staff.map((g) => (
              <li>
                <a href={g.href}>{g.label}</a>
                <p>{g.waiting ? `待办 ${g.waiting} 件` : '暂无待办'} · {g.entries.map((e) => e.label).join('、')}</p>
              </li>
            ))}
          </ul>
        </section>
      </Layout>
    ));
  });
}
