import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import type { Ctx } from '../../core/context.js';
import type { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Notice, PostForm, TableScroll } from '../../web/components.js';
import { fields, formBody, idField } from '../../web/form.js';
import { errorsOf } from './route-helpers.js';
import { setSupervision, supervisionSettings } from './supervision.js';

export const SUPERVISION_PATH = '/admin/catalogs/supervision';

/**
 * 跨层级指导设置: a city's (or province's) office chooses, per domain, whether the city's own
 * department reviews the counties' catalogs (新乡 附件1) or each county's department does.
 */
export function registerSupervisionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });

  const render = async (req: FastifyRequest, reply: FastifyReply, errors: string[] = []) => {
    const s = await supervisionSettings(ctxOf(req));
    const saved = (req.query as { notice?: string }).notice === 'saved';
    const lowerNames = s.lower.map((g) => g.name).join('、');
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="目录审核层级设置" admin>
        <h1>目录审核层级设置</h1>
        <p>
          设定{s.government.name}所辖各县（市、区）政府的各领域公开目录由哪一级的对口部门审核把关：勾选的领域由
          {s.government.name}本级对口部门审核（如新乡市附件1“经市政府相关对口部门分别审核把关后向社会发布”），未勾选的领域由各县（市、区）本级对口部门审核。
          改动立即生效，已提交待审核的目录随之转入新的审核部门的待办。
        </p>
        <Notice text={saved ? '审核层级设置已保存。' : null} />
        <ErrorBox errors={errors} />
        {s.lower.length === 0 ? (
          <p class="notice" role="status">本级政府下暂无县（市、区）等下级政府，各领域目录均由本级对口部门审核，无需设置。</p>
        ) : (
          <PostForm ctx={ctx} action={SUPERVISION_PATH} className="stack">
            <p>所辖下级政府：{lowerNames}</p>
            <TableScroll label="各领域审核层级">
              <table class="data">
                <caption>各领域目录的审核层级</caption>
                <thead><tr><th scope="col">领域</th><th scope="col">由{s.government.name}对口部门审核</th><th scope="col">当前</th></tr></thead>
                <tbody>
                  {s.domains.map((d) => (
                    <tr>
                      <th scope="row" data-label="领域"><label for={`sup-${d.domainId}`}>{d.name}</label></th>
                      <td data-label="由上级审核"><input type="checkbox" id={`sup-${d.domainId}`} name="upper" value={d.domainId} checked={d.byUpperLevel} /></td>
                      <td data-label="当前">{d.byUpperLevel ? `${s.government.name}对口部门` : '各县（市、区）对口部门'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <button type="submit">保存设置</button>
          </PostForm>
        )}
      </Layout>
    ));
  };

  app.get(SUPERVISION_PATH, async (req, reply) => render(req, reply));
  app.post(SUPERVISION_PATH, async (req, reply) => {
    const b = formBody(req);
    const ids = fields(b, 'upper').slice(0, 500);
    try {
      await setSupervision(ctxOf(req), ids.map((v) => idField(v, '领域')));
    } catch (e) {
      const errors = errorsOf(e);
      reply.status((e as AppError).status);
      return render(req, reply, errors);
    }
    return reply.redirect(`${SUPERVISION_PATH}?notice=saved`, 303);
  });
}
