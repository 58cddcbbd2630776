import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Notice, PostForm } from '../../web/components.js';
import { field, formBody, idField, idParam } from '../../web/form.js';
import type { PageCtx } from '../../web/context.js';
import { agencyTree, createAgency, getAgency, KIND_LABELS, listAgencies, updateAgency, type Agency, type AgencyKind, type AgencyNode } from './service.js';
import { hasRole } from '../../core/auth/actor.js';

function Tree({ nodes }: { nodes: AgencyNode[] }): SafeHtml {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li>
          <a href={`/agencies/${n.id}`}>{n.name}</a> <span class="muted">{KIND_LABELS[n.kind]}</span>
          {n.children.length ? <Tree nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The public facts Article 20(2) requires: 职能, 负责人, 办公地址, 办公时间, 联系方式. */
export function AgencyFactsTable({ a, parent }: { a: Agency; parent?: Agency | null }): SafeHtml {
  const rows: [string, string][] = [
    ['机构名称', a.name],
    ['机构类型', KIND_LABELS[a.kind]],
    ['上级机构', parent?.name ?? '—'],
    ['统一社会信用代码', a.creditCode ?? '—'],
    ['负责人', a.head || '—'],
    ['办公时间', a.officeHours || '—'],
    ['办公地址', a.address || '—'],
    ['联系电话', a.phone || '—'],
  ];
  return (
    <dl class="facts">
      {rows.map(([k, v]) => [<dt>{k}</dt>, <dd>{v}</dd>])}
      <dt>主要职能</dt>
      <dd class="pre">{a.functions || '—'}</dd>
    </dl>
  );
}

function EditForm({ ctx, a, errors }: { ctx: PageCtx; a: Agency; errors: string[] }): SafeHtml {
  const input = (name: keyof Agency, label: string, max: number) => [
    <label for={`f-${name}`}>{label}</label>,
    <input id={`f-${name}`} name={name} maxlength={max} value={String(a[name] ?? '')} />,
  ];
  return (
    <PostForm ctx={ctx} action={`/admin/agencies/${a.id}`} className="stack">
      <ErrorBox errors={errors} />
      {input('name', '机构名称', 100)}
      {input('creditCode', '统一社会信用代码', 18)}
      {input('head', '负责人', 100)}
      {input('officeHours', '办公时间', 200)}
      {input('address', '办公地址', 200)}
      {input('phone', '联系电话', 100)}
      <label for="f-functions">主要职能</label>
      <textarea id="f-functions" name="functions" rows="6" maxlength="4000">{a.functions}</textarea>
      <button type="submit">保存</button>
    </PostForm>
  );
}

export function registerOrgRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get('/agencies', async (_req, reply) => {
    const tree = agencyTree(await listAgencies(db));
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="机构概况" crumbs={[{ href: '/', label: '首页' }, { label: '机构概况' }]}>
        <h1>机构概况</h1>
        <Tree nodes={tree} />
      </Layout>
    ));
  });

  app.get('/agencies/:id', async (req, reply) => {
    const a = await getAgency(db, idParam((req.params as { id: string }).id));
    const all = await listAgencies(db);
    const parent = all.find((p) => p.id === a.parentId) ?? null;
    const children = all.filter((c) => c.parentId === a.id);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={a.name} crumbs={[{ href: '/', label: '首页' }, { href: '/agencies', label: '机构概况' }, { label: a.name }]}>
        <h1>{a.name}</h1>
        <AgencyFactsTable a={a} parent={parent} />
        <p><a href={`/catalog?agency=${a.id}`}>查看本机构的基层政务公开标准目录</a></p>
        {children.length ? (
          <section>
            <h2>下设机构</h2>
            <ul>{children.map((c) => <li><a href={`/agencies/${c.id}`}>{c.name}</a></li>)}</ul>
          </section>
        ) : null}
      </Layout>
    ));
  });

  const renderList = async (req: FastifyRequest, reply: FastifyReply, errors: string[]) => {
    const all = await listAgencies(db);
    const tree = agencyTree(all);
    const q = (req.query as { notice?: string }).notice;
    const notice = q === 'saved' ? '机构信息已保存。' : q === 'created' ? '机构已创建。' : null;
    const isAdmin = !!req.actor && hasRole(req.actor, 'admin');
    const AdminTree = ({ nodes }: { nodes: AgencyNode[] }): SafeHtml => (
      <ul class="tree">
        {nodes.map((n) => (
          <li>
            <a href={`/admin/agencies/${n.id}`}>{n.name}</a> <span class="muted">{KIND_LABELS[n.kind]}</span>
            {n.children.length ? <AdminTree nodes={n.children} /> : null}
          </li>
        ))}
      </ul>
    );
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="机构管理" admin>
        <h1>机构管理</h1>
        <Notice text={notice} />
        <AdminTree nodes={tree} />
        {isAdmin ? (
          <section>
            <h2>新增机构</h2>
            <ErrorBox errors={errors} />
            <PostForm ctx={ctx} action="/admin/agencies" className="stack narrow">
              <label for="na-name">机构名称</label>
              <input id="na-name" name="name" required maxlength="100" />
              <label for="na-kind">机构类型</label>
              <select id="na-kind" name="kind">{(Object.keys(KIND_LABELS) as AgencyKind[]).filter((k) => k !== 'county').map((k) => <option value={k}>{KIND_LABELS[k]}</option>)}</select>
              <label for="na-parent">上级机构</label>
              <select id="na-parent" name="parentId">{all.filter((a) => ['county', 'township', 'street'].includes(a.kind)).map((a) => <option value={a.id}>{a.name}</option>)}</select>
              <label for="na-code">统一社会信用代码（可选）</label>
              <input id="na-code" name="creditCode" maxlength="18" />
              <button type="submit">创建</button>
            </PostForm>
          </section>
        ) : null}
      </Layout>
    ));
  };
  app.get('/admin/agencies', async (req, reply) => renderList(req, reply, []));
  app.post('/admin/agencies', async (req, reply) => {
    const b = formBody(req);
    const kind = field(b, 'kind', 20) as AgencyKind;
    try {
      await createAgency({ db, actor: req.actor }, { name: field(b, 'name', 100), kind, parentId: idField(field(b, 'parentId', 12), '上级机构'), creditCode: field(b, 'creditCode', 18), functions: '', head: '', officeHours: '', address: '', phone: '' });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.code === 'forbidden') throw e;
      reply.status(e.status);
      return renderList(req, reply, [e.message]);
    }
    return reply.redirect('/admin/agencies?notice=created', 303);
  });

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, a: Agency, errors: string[]) =>
    reply.page((ctx) => (
      <Layout ctx={ctx} title={`编辑：${a.name}`} admin>
        <h1>编辑机构信息：{a.name}</h1>
        <EditForm ctx={ctx} a={a} errors={errors} />
      </Layout>
    ));

  app.get('/admin/agencies/:id', async (req, reply) => renderEdit(req, reply, await getAgency(db, idParam((req.params as { id: string }).id)), []));
  app.post('/admin/agencies/:id', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const b = formBody(req);
    const input = {
      name: field(b, 'name', 100),
      creditCode: field(b, 'creditCode', 18),
      head: field(b, 'head', 100),
      officeHours: field(b, 'officeHours', 200),
      address: field(b, 'address', 200),
      phone: field(b, 'phone', 100),
      functions: field(b, 'functions', 4000),
    };
    try {
      await updateAgency({ db, actor: req.actor }, id, input);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.code === 'forbidden') throw e;
      reply.status(e.status);
      const current = await getAgency(db, id);
      return renderEdit(req, reply, { ...current, ...input }, [e.message]);
    }
    return reply.redirect('/admin/agencies?notice=saved', 303);
  });
}
