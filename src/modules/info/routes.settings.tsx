import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { requireRole } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, Notice, PostForm } from '../../web/components.js';
import { field, fields, formBody } from '../../web/form.js';
import { ALL_KINDS, INTERPRETATION_KIND } from './metadata.js';
import { formatIndexNumber, getInfoSettings, updateInfoSettings, type InfoSettings } from './settings.js';
import { fieldProblems } from './validate.js';

type Values = { indexRule: string; assemblies: string; interpretationKinds: string[] };

/** The disclosure office's page for the site's 索引号 rule, 组配分类 list and 三同步 kinds. */
export function registerInfoSettingsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const valuesOf = (s: InfoSettings): Values => ({ indexRule: s.indexRule, assemblies: s.assemblies.join('\n'), interpretationKinds: s.interpretationKinds });

  const render = async (req: FastifyRequest, reply: FastifyReply, errors: string[], v?: Values, fieldErrors: Record<string, string> = {}) => {
    requireRole(req.actor, 'office', 'admin');
    const current = await getInfoSettings(db);
    const values = v ?? valuesOf(current);
    const notice = (req.query as { notice?: string }).notice === 'saved' ? '设置已保存。' : null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="信息公开设置" admin>
        <h1>信息公开设置</h1>
        <Notice text={notice} />
        <ErrorBox errors={errors} />
        <PostForm ctx={ctx} action="/admin/info/settings" className="stack">
          <fieldset>
            <legend>索引号与分类</legend>
            <Field id="s-rule" label="索引号规则" required error={fieldErrors.indexRule} hint={[
              `${'{code}'} 为发布机构的统一社会信用代码，${'{year}'} 为发布年份，${'{serial:5}'} 为当年五位序号。当前规则下的示例：`,
              formatIndexNumber(current.indexRule, '11370000MB0000000X', 2026, 12),
              '。已生成的索引号不会改变，也不会重复使用。',
            ].join('')}>
              <input id="s-rule" name="indexRule" required maxlength="60" value={values.indexRule} aria-describedby={describedBy('s-rule', { hint: true, error: fieldErrors.indexRule })} />
            </Field>
            <Field id="s-assemblies" label="组配分类" hint="每行一项，最多 50 项" error={fieldErrors.assemblies}>
              <textarea id="s-assemblies" name="assemblies" rows="10" maxlength="3000" aria-describedby={describedBy('s-assemblies', { hint: true, error: fieldErrors.assemblies })}>{values.assemblies}</textarea>
            </Field>
          </fieldset>
          <fieldset aria-describedby={fieldErrors.interpretationKinds ? 's-kinds-error' : undefined}>
            <legend>须与政策解读同步发布的公文种类（行政规范性文件始终需要）</legend>
            {fieldErrors.interpretationKinds ? <p class="field-error" id="s-kinds-error">{fieldErrors.interpretationKinds}</p> : null}
            <div class="checks">
              {ALL_KINDS.filter((k) => k !== INTERPRETATION_KIND).map((k) => (
                <label class="check"><input type="checkbox" name="interpretationKinds" value={k} checked={values.interpretationKinds.includes(k)} /> {k}</label>
              ))}
            </div>
          </fieldset>
          <button type="submit">保存设置</button>
        </PostForm>
      </Layout>
    ));
  };

  app.get('/admin/info/settings', async (req, reply) => render(req, reply, []));
  app.post('/admin/info/settings', async (req, reply) => {
    const b = formBody(req);
    const v: Values = { indexRule: field(b, 'indexRule', 60), assemblies: field(b, 'assemblies', 3000), interpretationKinds: fields(b, 'interpretationKinds').slice(0, 50) };
    try {
      await updateInfoSettings({ db, actor: req.actor }, v);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      const fieldErrors = fieldProblems(e.details);
      return render(req, reply, Object.keys(fieldErrors).length ? [...new Set(Object.values(fieldErrors))] : [e.message], v, fieldErrors);
    }
    return reply.redirect('/admin/info/settings?notice=saved', 303);
  });
}
