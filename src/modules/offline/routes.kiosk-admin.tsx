import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import { requireRole } from '../../core/auth/actor.js';
import type { AppDeps } from '../../core/module.js';
import type { PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, fieldErrorsOf, Notice, PostForm } from '../../web/components.js';
import { field, formBody } from '../../web/form.js';
import { IDLE_RANGE, kioskIdleSeconds, setKioskIdleSeconds } from './kiosk.js';
import { BASE, Sub } from './views/boards.js';

function KioskSettingsPage({ ctx, value, error, notice }: { ctx: PageCtx; value: string; error?: string; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="专区触摸屏" admin>
      <h1>政务公开专区触摸屏</h1>
      <Sub here="points" />
      <p>政务服务中心政务公开专区的触摸屏打开本级政府网站的 <a href="/kiosk">/kiosk</a> 页面即进入自助模式：大字号、无需登录，可浏览政府信息、公开目录和办事指南，打印，填写政府信息公开申请。无人操作达到设定时间后自动返回首页并清空填写内容。</p>
      <Notice text={notice} />
      <ErrorBox errors={error ? [error] : []} />
      <PostForm ctx={ctx} action={`${BASE}/kiosk`} className="stack doc-form">
        <Field id="ks-idle" label="无操作自动返回时间（秒）" required hint={`${IDLE_RANGE.min}–${IDLE_RANGE.max} 秒，建议 60–180 秒`} error={error}>
          <input id="ks-idle" name="idleSeconds" inputmode="numeric" maxlength="5" required value={value} aria-describedby={describedBy('ks-idle', { hint: true, error })} />
        </Field>
        <p class="form-actions"><button type="submit">保存</button></p>
      </PostForm>
    </Layout>
  );
}

/** The office's setting of its government's kiosk (/admin/offline/kiosk). */
export function registerKioskAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const show = async (req: FastifyRequest, reply: FastifyReply, value?: string, error?: string) => {
    const a = requireRole(req.actor, 'office', 'admin');
    const v = value ?? String(await kioskIdleSeconds(db, a.placement.govId));
    reply.header('cache-control', 'private, no-store');
    const saved = (req.query as { notice?: unknown }).notice === 'saved' && !error;
    return reply.page((ctx) => <KioskSettingsPage ctx={ctx} value={v} error={error} notice={saved ? '已保存。' : undefined} />);
  };
  app.get(`${BASE}/kiosk`, async (req, reply) => show(req, reply));
  app.post(`${BASE}/kiosk`, async (req, reply) => {
    const v = field(formBody(req), 'idleSeconds', 1000);
    try {
      await setKioskIdleSeconds({ db, actor: req.actor }, v);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      reply.status(400);
      return show(req, reply, v.slice(0, 5), fieldErrorsOf(e.details).idleSeconds ?? e.message);
    }
    return reply.redirect(`${BASE}/kiosk?notice=saved`, 303);
  });
}
