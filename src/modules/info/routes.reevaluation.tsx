import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Notice, PostForm } from '../../web/components.js';
import { field, formBody, idField } from '../../web/form.js';
import { DISCLOSURE_LABELS } from './metadata.js';
import { recordReevaluation, reevaluationList } from './reevaluation.js';

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function registerReevaluationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const yearOf = (req: FastifyRequest) => {
    const y = Number((req.query as { year?: string }).year ?? thisYear());
    return Number.isInteger(y) && y >= 2008 && y <= 2100 ? y : thisYear();
  };

  const render = async (req: FastifyRequest, reply: FastifyReply, errors: string[]) => {
    const year = yearOf(req);
    const rows = await reevaluationList({ db, actor: req.actor }, year);
    const notice = (req.query as { notice?: string }).notice === 'saved' ? '评估结论已记录。' : null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="不予公开信息年度评估" admin>
        <h1>{year} 年度不予公开、依申请公开信息评估</h1>
        <p class="hint">每年度对不予公开的政府信息进行评估，对因情势变化可以公开的信息予以公开。评为“转为主动公开”的信息，由审核人在信息页面发布。</p>
        <Notice text={notice} />
        <ErrorBox errors={errors} />
        <table class="data">
          <caption>待评估信息（{rows.length}）</caption>
          <thead><tr><th scope="col">名称</th><th scope="col">公开属性及依据</th><th scope="col">{year} 年度评估</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td><a href={`/admin/info/editions/${r.editionId}`}>{r.title}</a></td>
                <td>{DISCLOSURE_LABELS[r.disclosure]}：{r.ground}</td>
                <td>
                  {r.decision ? `${r.decision === 'keep' ? '维持' : '转为主动公开'}：${r.reason}` : (
                    <PostForm ctx={ctx} action={`/admin/info/reevaluation?year=${year}`} className="stack">
                      <input type="hidden" name="documentId" value={r.documentId} />
                      <label for={`r-d-${r.documentId}`}>结论</label>
                      <select id={`r-d-${r.documentId}`} name="decision"><option value="keep">维持不公开</option><option value="disclose">转为主动公开</option></select>
                      <label for={`r-r-${r.documentId}`}>理由</label>
                      <input id={`r-r-${r.documentId}`} name="reason" required maxlength="1000" />
                      <button type="submit">记录</button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>
    ));
  };

  app.get('/admin/info/reevaluation', async (req, reply) => render(req, reply, []));
  app.post('/admin/info/reevaluation', async (req, reply) => {
    const b = formBody(req);
    try {
      await recordReevaluation({ db, actor: req.actor }, { documentId: idField(field(b, 'documentId', 12), '信息编号'), year: yearOf(req), decision: field(b, 'decision', 10) as 'keep', reason: field(b, 'reason', 1000) });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return render(req, reply, [e.message]);
    }
    return reply.redirect(`/admin/info/reevaluation?year=${yearOf(req)}&notice=saved`, 303);
  });
}
