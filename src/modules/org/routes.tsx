import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError, notFound } from '../../core/errors.js';
import { governmentAgencies } from '../../core/org/scope.js';
import type { AppDeps, DocumentPanel, ModuleManifest } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, fieldErrorsOf, LinkPanels, Notice, PostForm } from '../../web/components.js';
import { field, formBody, idField, idParam } from '../../web/form.js';
import { siteScopeOf, type PageCtx } from '../../web/context.js';
import { agenciesInReach, agencyForEdit, agencyTree, canAddUnder, canEditAgency, createAgency, getAgency, DIVISIONS, KIND_LABELS, listAgencies, updateAgency, type Agency, type AgencyKind, type AgencyNode } from './service.js';
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
    ['机构类型', a.division ? `${KIND_LABELS[a.kind]}（${a.division}）` : KIND_LABELS[a.kind]],
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

/** A refused form's problems: the summary on top, each field's first one beside it. */
type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };

/** The problems of a refused form; anything not the user's to fix (forbidden, not found, server) is thrown on. */
function problemsOf(e: unknown): Problems {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const fields = fieldErrorsOf(e.details);
  return { list: Object.keys(fields).length ? [...new Set(Object.values(fields))] : [e.message], fields };
}

/** One text box with its label above, its hint and its error beside it. */
function TextField({ id, name, label, max, value, errors, required, hint }: { id: string; name: string; label: string; max: number; value: string; errors: Record<string, string>; required?: boolean; hint?: string }): SafeHtml {
  return (
    <Field id={id} label={label} required={required} hint={hint} error={errors[name]}>
      <input id={id} name={name} maxlength={max} value={value} required={required} aria-describedby={describedBy(id, { hint, error: errors[name] })} />
    </Field>
  );
}

const CREDIT_HINT = '18 位，末位为校验码；没有的可不填。';

function EditForm({ ctx, a, p }: { ctx: PageCtx; a: Agency; p: Problems }): SafeHtml {
  const input = (name: keyof Agency, label: string, max: number, opts: { required?: boolean; hint?: string } = {}) => (
    <TextField id={`f-${name}`} name={name} label={label} max={max} value={String(a[name] ?? '')} errors={p.fields} {...opts} />
  );
  return (
    <PostForm ctx={ctx} action={`/admin/agencies/${a.id}`} className="stack">
      <ErrorBox errors={p.list} />
      <fieldset>
        <legend>机构</legend>
        {input('name', '机构名称', 100, { required: true })}
        {input('creditCode', '统一社会信用代码', 18, { hint: CREDIT_HINT })}
        {DIVISIONS[a.kind] ? (
          <Field id="f-division" label="行政区划类别" error={p.fields.division}>
            <select id="f-division" name="division" aria-describedby={describedBy('f-division', { error: p.fields.division })}>
              <option value="">（不注明）</option>
              {DIVISIONS[a.kind]!.map((d) => <option value={d} selected={d === a.division}>{d}</option>)}
            </select>
          </Field>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>向社会公开的机构信息（条例第二十条）</legend>
        <div class="field-row">
          {input('head', '负责人', 100)}
          {input('phone', '联系电话', 100)}
        </div>
        {input('officeHours', '办公时间', 200)}
        {input('address', '办公地址', 200)}
        <Field id="f-functions" label="主要职能" error={p.fields.functions}>
          <textarea id="f-functions" name="functions" rows="6" maxlength="4000" aria-describedby={describedBy('f-functions', { error: p.fields.functions })}>{a.functions}</textarea>
        </Field>
      </fieldset>
      <button type="submit">保存</button>
    </PostForm>
  );
}

const PARENT_HINT = '县直部门、乡镇和街道设在县（区）人民政府之下；村和社区设在乡镇或街道之下。';

export function registerOrgRoutes(app: FastifyInstance, deps: AppDeps, modules: readonly ModuleManifest[] = []): void {
  const { db } = deps;

  // Each site shows its own government's agencies (the whole tree when none is resolved).
  app.get('/agencies', async (req, reply) => {
    const tree = agencyTree(await governmentAgencies(db, siteScopeOf(req).govId));
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="机构概况" crumbs={[{ href: '/', label: '首页' }, { label: '机构概况' }]}>
        <h1>机构概况</h1>
        <Tree nodes={tree} />
      </Layout>
    ));
  });

  app.get('/agencies/:id', async (req, reply) => {
    const a = await getAgency(db, idParam((req.params as { id: string }).id));
    const govId = siteScopeOf(req).govId;
    if (govId != null && a.govId !== govId) throw notFound('机构');
    const all = await governmentAgencies(db, govId);
    const parent = all.find((p) => p.id === a.parentId) ?? null;
    const children = all.filter((c) => c.parentId === a.id);
    const panels = (await Promise.all(modules.flatMap((m) => m.agencyPanels ?? []).map((p) => p(db, a.id)))).filter((p): p is DocumentPanel => p !== null);
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
        <LinkPanels panels={panels} />
      </Layout>
    ));
  });

  type NewValues = { name: string; kind: string; parentId: string; creditCode: string };
  const renderList = async (req: FastifyRequest, reply: FastifyReply, p: Problems = NO_PROBLEMS, nv: NewValues = { name: '', kind: 'department', parentId: '', creditCode: '' }) => {
    // The agencies within the person's reach; those they may edit link to the form, the others to their public page.
    const all = await agenciesInReach({ db, actor: req.actor });
    const tree = agencyTree(all);
    const actor = req.actor!;
    const q = (req.query as { notice?: string }).notice;
    const notice = q === 'saved' ? '机构信息已保存。' : q === 'created' ? '机构已创建。' : null;
    const isAdmin = hasRole(actor, 'admin');
    const parents = all.filter((a) => ['province', 'city', 'county', 'township', 'street'].includes(a.kind) && canAddUnder(actor, a));
    const AdminTree = ({ nodes }: { nodes: AgencyNode[] }): SafeHtml => (
      <ul class="tree">
        {nodes.map((n) => (
          <li>
            <a href={canEditAgency(actor, n) ? `/admin/agencies/${n.id}` : `/agencies/${n.id}`}>{n.name}</a> <span class="muted">{KIND_LABELS[n.kind]}</span>
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
            <ErrorBox errors={p.list} />
            <PostForm ctx={ctx} action="/admin/agencies" className="stack narrow">
              <TextField id="na-name" name="name" label="机构名称" max={100} value={nv.name} errors={p.fields} required />
              <Field id="na-kind" label="机构类型" required error={p.fields.kind}>
                <select id="na-kind" name="kind" aria-describedby={describedBy('na-kind', { error: p.fields.kind })}>{(Object.keys(KIND_LABELS) as AgencyKind[]).filter((k) => k !== 'province').map((k) => <option value={k} selected={k === nv.kind}>{KIND_LABELS[k]}</option>)}</select>
              </Field>
              <Field id="na-parent" label="上级机构" required hint={PARENT_HINT} error={p.fields.parentId}>
                <select id="na-parent" name="parentId" aria-describedby={describedBy('na-parent', { hint: PARENT_HINT, error: p.fields.parentId })}>{parents.map((a) => <option value={a.id} selected={String(a.id) === nv.parentId}>{a.name}</option>)}</select>
              </Field>
              <TextField id="na-code" name="creditCode" label="统一社会信用代码（可选）" max={18} value={nv.creditCode} errors={p.fields} hint={CREDIT_HINT} />
              <button type="submit">创建</button>
            </PostForm>
          </section>
        ) : null}
      </Layout>
    ));
  };
  app.get('/admin/agencies', async (req, reply) => renderList(req, reply));
  app.post('/admin/agencies', async (req, reply) => {
    const b = formBody(req);
    const nv: NewValues = { name: field(b, 'name', 100), kind: field(b, 'kind', 20), parentId: field(b, 'parentId', 12), creditCode: field(b, 'creditCode', 18) };
    try {
      await createAgency({ db, actor: req.actor }, { name: nv.name, kind: nv.kind as AgencyKind, parentId: idField(nv.parentId, '上级机构'), creditCode: nv.creditCode, functions: '', head: '', officeHours: '', address: '', phone: '' });
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return renderList(req, reply, p, nv);
    }
    return reply.redirect('/admin/agencies?notice=created', 303);
  });

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, a: Agency, p: Problems = NO_PROBLEMS) =>
    reply.page((ctx) => (
      <Layout ctx={ctx} title={`编辑：${a.name}`} admin>
        <h1>编辑机构信息：{a.name}</h1>
        <EditForm ctx={ctx} a={a} p={p} />
      </Layout>
    ));

  app.get('/admin/agencies/:id', async (req, reply) => renderEdit(req, reply, await agencyForEdit({ db, actor: req.actor }, idParam((req.params as { id: string }).id))));
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
      division: field(b, 'division', 20),
    };
    try {
      await updateAgency({ db, actor: req.actor }, id, input);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      const current = await getAgency(db, id);
      return renderEdit(req, reply, { ...current, ...input }, p);
    }
    return reply.redirect('/admin/agencies?notice=saved', 303);
  });
}
