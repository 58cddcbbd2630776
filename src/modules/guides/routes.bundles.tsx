import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { requireRole } from '../../core/auth/actor.js';
import type { PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, fieldErrorsOf, Notice, PostForm } from '../../web/components.js';
import { field, fields, formBody, refId } from '../../web/form.js';
import { listBundles, saveBundle, type BundleView } from './bundles.js';
import { listPublishedGuides, type GuideSummary } from './public.js';
import { draftableAgencies } from './service.js';
import { ADMIN_BASE } from './views/parts.js';

type V = { name?: string; audience?: string; description?: string; leadAgencyId?: string; cooperating?: string[]; codes?: string };

function BundlesPage({ ctx, bundles, guides, agencies, values = {}, errors = {}, notice }: { ctx: PageCtx; bundles: BundleView[]; guides: GuideSummary[]; agencies: { id: number; name: string }[]; values?: V; errors?: Record<string, string>; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="“一件事”集成服务" admin>
      <h1>“一件事”集成服务</h1>
      <nav class="subnav" aria-label="办事指南"><ul><li><a href={ADMIN_BASE}>办事指南</a></li><li><a href={`${ADMIN_BASE}/yijianshi`} aria-current="page">一件事</a></li></ul></nav>
      <Notice text={notice} />
      <ErrorBox errors={Object.values(errors)} />
      <ul>{bundles.map((b) => <li><a href={`/banshi/yijianshi/${b.id}`}>{b.name}</a>（牵头：{b.lead}；{b.items.length} 个事项，合并后 {b.materials.length} 项材料）</li>)}</ul>
      <h2>新建“一件事”</h2>
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/yijianshi`} className="stack">
        <Field id="b-name" label="名称" required error={errors.name}><input id="b-name" name="name" value={values.name ?? ''} aria-describedby={describedBy('b-name', { error: errors.name })} /></Field>
        <Field id="b-aud" label="服务对象" required error={errors.audience}>
          <select id="b-aud" name="audience"><option value="person" selected={values.audience !== 'enterprise'}>个人</option><option value="enterprise" selected={values.audience === 'enterprise'}>法人</option></select>
        </Field>
        <Field id="b-desc" label="说明" error={errors.description}><textarea id="b-desc" name="description" rows="2">{values.description ?? ''}</textarea></Field>
        <Field id="b-lead" label="牵头部门" required error={errors.leadAgencyId}>
          <select id="b-lead" name="leadAgencyId" aria-describedby={describedBy('b-lead', { error: errors.leadAgencyId })}><option value="">请选择</option>{agencies.map((a) => <option value={String(a.id)} selected={values.leadAgencyId === String(a.id)}>{a.name}</option>)}</select>
        </Field>
        <fieldset class={errors.cooperating ? 'field field-invalid' : 'field'}><legend>配合部门</legend>
          {errors.cooperating ? <p class="field-error">{errors.cooperating}</p> : null}
          <div class="checks">{agencies.map((a) => <label><input type="checkbox" name="cooperating" value={String(a.id)} checked={values.cooperating?.includes(String(a.id))} /> {a.name}</label>)}</div>
        </fieldset>
        <Field id="b-codes" label="包含的事项（每行一个实施编码，按办理顺序）" required hint={`本级已发布事项：${guides.map((g) => `${g.code} ${g.name}`).join('；')}`} error={errors.codes}>
          <textarea id="b-codes" name="codes" rows="4" aria-describedby={describedBy('b-codes', { hint: true, error: errors.codes })}>{values.codes ?? ''}</textarea>
        </Field>
        <p class="form-actions"><button type="submit">保存</button></p>
      </PostForm>
    </Layout>
  );
}

/** The office's page for the "一件事" bundles of its government. */
export function registerGuidesBundleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const show = async (req: FastifyRequest, reply: FastifyReply, o: { values?: V; errors?: Record<string, string>; notice?: string } = {}) => {
    const actor = requireRole(req.actor, 'office', 'admin');
    const [bundles, guides, agencies] = await Promise.all([listBundles(db, actor.placement.govId), listPublishedGuides(db, actor.placement.govId), draftableAgencies({ db, actor })]);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <BundlesPage ctx={ctx} bundles={bundles} guides={guides} agencies={agencies} values={o.values} errors={o.errors} notice={o.notice} />);
  };
  app.get(`${ADMIN_BASE}/yijianshi`, async (req, reply) => show(req, reply, { notice: (req.query as { notice?: string }).notice === 'saved' ? '已保存，公开页面已显示。' : undefined }));
  app.post(`${ADMIN_BASE}/yijianshi`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const b = formBody(req);
    let values: V = {};
    try {
      values = { name: field(b, 'name', 200_000), audience: field(b, 'audience', 100), description: field(b, 'description', 200_000), leadAgencyId: field(b, 'leadAgencyId', 100), cooperating: fields(b, 'cooperating').slice(0, 100), codes: field(b, 'codes', 200_000) };
      if ((values.description ?? '').length > 1000) throw new AppError('invalid_input', 400, '说明不能超过 1000 字。', { fields: { description: '说明不能超过 1000 字。' } });
      await saveBundle({ db, actor: req.actor }, {
        name: values.name ?? '', audience: values.audience === 'enterprise' ? 'enterprise' : values.audience === 'person' ? 'person' : (values.audience as 'person'), description: values.description,
        leadAgencyId: refId(values.leadAgencyId), cooperating: (values.cooperating ?? []).map(refId), codes: (values.codes ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 100),
      });
      return reply.redirect(`${ADMIN_BASE}/yijianshi?notice=saved`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401) throw e;
      const f = fieldErrorsOf(e.details);
      reply.status(e.status);
      return show(req, reply, { values, errors: Object.keys(f).length ? f : { form: e.message } });
    }
  });
}
