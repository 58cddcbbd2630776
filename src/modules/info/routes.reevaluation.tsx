import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import type { PageCtx } from '../../web/context.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, Notice, PostForm, TableScroll } from '../../web/components.js';
import { field, formBody, idField } from '../../web/form.js';
import { DISCLOSURE_LABELS } from './metadata.js';
import { recordReevaluation, reevaluationList } from './reevaluation.js';
import { fieldProblems } from './validate.js';

/** The row whose form was refused: what was typed, and each field's problem. */
type Failed = { documentId: number; decision: string; reason: string; fields: Record<string, string> };

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function registerReevaluationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const yearOf = (req: FastifyRequest) => {
    const y = Number((req.query as { year?: string }).year ?? thisYear());
    return Number.isInteger(y) && y >= 2008 && y <= 2100 ? y : thisYear();
  };

  const render = async (req: FastifyRequest, reply: FastifyReply, errors: string[], failed?: Failed) => {
    const year = yearOf(req);
    const rows = await reevaluationList({ db, actor: req.actor }, year);
    const notice = (req.query as { notice?: string }).notice === 'saved' ? '评估结论已记录。' : null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="不予公开信息年度评估" admin>
        <h1>{year} 年度不予公开、依申请公开信息评估</h1>
        <p class="hint">每年度对不予公开的政府信息进行评估，对因情势变化可以公开的信息予以公开。评为“转为主动公开”的信息，由审核人在信息页面发布。</p>
        <Notice text={notice} />
        <ErrorBox errors={errors} />
        <TableScroll label="待评估信息">
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
                    <ReevaluationForm ctx={ctx} year={year} documentId={r.documentId} failed={failed?.documentId === r.documentId ? failed : undefined} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      </Layout>
    ));
  };

  app.get('/admin/info/reevaluation', async (req, reply) => render(req, reply, []));
  app.post('/admin/info/reevaluation', async (req, reply) => {
    const b = formBody(req);
    const input = { documentId: idField(field(b, 'documentId', 12), '信息编号'), decision: field(b, 'decision', 10), reason: field(b, 'reason', 1000) };
    try {
      await recordReevaluation({ db, actor: req.actor }, { ...input, year: yearOf(req), decision: input.decision as 'keep' });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return render(req, reply, [e.message], { ...input, fields: fieldProblems(e.details) });
    }
    return reply.redirect(`/admin/info/reevaluation?year=${yearOf(req)}&notice=saved`, 303);
  });
}

function ReevaluationForm({ ctx, year, documentId, failed }: { ctx: PageCtx; year: number; documentId: number; failed?: Failed }): SafeHtml {
  const id = (name: string) => `r-${name}-${documentId}`;
  const errors = failed?.fields ?? {};
  return (
    <PostForm ctx={ctx} action={`/admin/info/reevaluation?year=${year}`} className="stack">
      <input type="hidden" name="documentId" value={documentId} />
      <Field id={id('d')} label="结论" error={errors.decision}>
        <select id={id('d')} name="decision" aria-describedby={describedBy(id('d'), { error: errors.decision })}>
          <option value="keep" selected={failed?.decision !== 'disclose'}>维持不公开</option>
          <option value="disclose" selected={failed?.decision === 'disclose'}>转为主动公开</option>
        </select>
      </Field>
      <Field id={id('r')} label="理由" required error={errors.reason}>
        <input id={id('r')} name="reason" required maxlength="1000" value={failed?.reason ?? ''} aria-describedby={describedBy(id('r'), { error: errors.reason })} />
      </Field>
      <button type="submit">记录</button>
    </PostForm>
  );
}
