import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import type { PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, fieldErrorsOf, formatDate, Notice, PostForm, TableScroll } from '../../web/components.js';
import { field, formBody, idParam, known } from '../../web/form.js';
import { createMailbox } from './queries.js';
import { mailboxOwners, setMailboxActive, staffMailboxes, type MailboxRow } from './mailboxes.js';

const BASE = '/admin/messages/mailboxes';
const NOTICES: Record<string, string> = { created: '信箱已开通，公众留言时可以选择。', closed: '信箱已停用，不再接收新留言；已收到的留言照常办理。', opened: '信箱已恢复接收留言。' };
type Problems = { list: string[]; fields: Record<string, string> };

function MailboxesPage({ ctx, rows, owners, values = {}, problems = { list: [], fields: {} }, notice }: { ctx: PageCtx; rows: MailboxRow[]; owners: { id: number; name: string }[]; values?: Record<string, string>; problems?: Problems; notice?: string }): SafeHtml {
  const e = problems.fields;
  return (
    <Layout ctx={ctx} title="领导信箱" admin>
      <h1>领导信箱</h1>
      <nav class="subnav" aria-label="留言办理"><ul><li><a href="/admin/messages">留言办理</a></li><li><a href="/admin/messages/settings">留言办理设置</a></li><li><a href={BASE} aria-current="page">领导信箱</a></li></ul></nav>
      <p>公众留言时可以选择本级政府的领导信箱；写给信箱的留言由信箱所属单位受理、甄别和答复，时限与其他留言相同。</p>
      <Notice text={notice} />
      {rows.length ? (
        <TableScroll label="领导信箱">
          <table class="data">
            <caption>本级政府的领导信箱（{rows.length}）</caption>
            <thead><tr><th scope="col">信箱名称</th><th scope="col">受理单位</th><th scope="col">开通日期</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.name}</td><td>{r.agencyName}</td><td>{formatDate(r.createdAt)}</td><td>{r.active ? '接收留言' : <span class="tag">已停用</span>}</td>
                  <td>
                    <PostForm ctx={ctx} action={`${BASE}/${r.id}/${r.active ? 'close' : 'open'}`}>
                      <button type="submit" class="secondary">{r.active ? '停用' : '恢复接收'}<span class="sr-only">：{r.name}</span></button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : <p>还没有开通领导信箱。</p>}
      <h2 id="new-h">开通信箱</h2>
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={BASE} className="stack doc-form">
        <Field id="mb-name" label="信箱名称" required hint="如“县长信箱”，不超过 50 字；在留言页面显示" error={e.name}>
          <input id="mb-name" name="name" maxlength="50" required value={values.name ?? ''} aria-describedby={describedBy('mb-name', { hint: true, error: e.name })} />
        </Field>
        <Field id="mb-agency" label="受理单位" required hint="写给信箱的留言由该单位办理" error={e.agencyId}>
          <select id="mb-agency" name="agencyId" required aria-describedby={describedBy('mb-agency', { hint: true, error: e.agencyId })}>
            <option value="">请选择</option>
            {owners.map((o) => <option value={String(o.id)} selected={values.agencyId === String(o.id)}>{o.name}</option>)}
          </select>
        </Field>
        <p class="form-actions"><button type="submit">开通信箱</button></p>
      </PostForm>
    </Layout>
  );
}

/** 领导信箱 management for the office and the administrator (/admin/messages/mailboxes). */
export function registerMailboxRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const show = async (req: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, problems?: Problems) => {
    const [rows, owners] = await Promise.all([staffMailboxes(ctxOf(req)), mailboxOwners(ctxOf(req))]);
    reply.header('cache-control', 'private, no-store');
    const n = (req.query as { notice?: unknown }).notice;
    return reply.page((ctx) => <MailboxesPage ctx={ctx} rows={rows} owners={owners} values={values} problems={problems} notice={problems ? undefined : known(NOTICES, typeof n === 'string' ? n : '')} />);
  };
  app.get(BASE, async (req, reply) => show(req, reply));
  app.post(BASE, async (req, reply) => {
    const b = formBody(req);
    const values = { name: field(b, 'name', 1000), agencyId: field(b, 'agencyId', 20) };
    try {
      await createMailbox(ctxOf(req), values);
      return reply.redirect(`${BASE}?notice=created`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
      const f = fieldErrorsOf(e.details);
      reply.status(e.status);
      return show(req, reply, values, { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f });
    }
  });
  for (const [action, active] of [['close', false], ['open', true]] as const) {
    app.post(`${BASE}/:id/${action}`, async (req, reply) => {
      formBody(req);
      try {
        await setMailboxActive(ctxOf(req), idParam((req.params as { id: string }).id), active);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 409) throw e;
        reply.status(409);
        return show(req, reply, undefined, { list: [e.message], fields: {} });
      }
      return reply.redirect(`${BASE}?notice=${active ? 'opened' : 'closed'}`, 303);
    });
  }
}
