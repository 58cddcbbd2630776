import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Fragment, h, type SafeHtml } from '../../core/render/jsx.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf, type PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { publicPoints, type PublicPoint } from './points.js';
import { KIND_LABELS } from './labels.js';

export const PUBLIC_PATH = '/chayuedian';

const weekend = (p: PublicPoint) => (/周[六日末]|星期[六日天]/.test(p.hours) ? '' : p.openSaturday && p.openSunday ? '周六、周日开放' : p.openSaturday ? '周六开放' : p.openSunday ? '周日开放' : '');

function PointsPage({ ctx, rows }: { ctx: PageCtx; rows: PublicPoint[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="政府信息公开查阅点" crumbs={[{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }, { label: '公开查阅点' }]}>
      <h1>政府信息公开查阅点</h1>
      <p>以下场所提供政府信息查阅、政府信息公开申请和办事咨询服务，可以现场查阅政府公报、政策文件和政府信息公开指南，填写政府信息公开申请表。前往前可先电话咨询。</p>
      {rows.length ? (
        <div>
          {rows.map((p) => (
            <section aria-labelledby={`pt-${p.id}`}>
              <h2 id={`pt-${p.id}`}>{p.name}</h2>
              <p><span class="tag">{KIND_LABELS[p.kind]}</span> {p.agencyName}</p>
              <dl class="facts">
                <dt>地址</dt><dd>{p.address}</dd>
                <dt>开放时间</dt><dd>{p.hours}{weekend(p) ? `（${weekend(p)}）` : ''}</dd>
                {p.phone ? <><dt>咨询电话</dt><dd>{p.phone}</dd></> : null}
                {p.holdings ? <><dt>可查阅内容</dt><dd>{p.holdings}</dd></> : null}
                {p.accessibility ? <><dt>无障碍设施</dt><dd>{p.accessibility}</dd></> : null}
              </dl>
            </section>
          ))}
        </div>
      ) : <p>暂无公布的查阅点。可以通过本网站的政府信息公开栏目在线查阅和申请。</p>}
      <p><a href="/yishenqing">在线提出政府信息公开申请</a></p>
    </Layout>
  );
}

/** The site's government's active 公开查阅点 (its departments' and townships'). */
export function registerOfflinePublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  app.get(PUBLIC_PATH, async (req, reply) => {
    const rows = await publicPoints(db, gov(req));
    return reply.page((ctx) => <PointsPage ctx={ctx} rows={rows} />);
  });
}
