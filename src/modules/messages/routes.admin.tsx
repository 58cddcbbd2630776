import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { contentDisposition } from '../../core/files/index.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, known, type FormBody } from '../../web/form.js';
import { MESSAGE_KINDS } from './schema.js';
import { refuseUndecoded } from './encoding.js';
import { assignMessage, releaseHeld, replyMessage, screenMessage, setFaq, transferMessage } from './handling.js';
import { handlingChoices, staffMessages, staffMessageView, staffMonthlyStats } from './queries.js';
import { getMsgSettings, updateMsgSettings } from './settings.js';
import { statsXlsx, XLSX_MIME } from './export-xlsx.js';
import { recentMonths } from './views/public.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { ADMIN_BASE, AdminList, AdminMessage, NOTICES, SettingsPage, StatsPage, type ListFilter, type Problems, type SiteLink, type View } from './views/admin.js';

const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
const q = (req: FastifyRequest, k: string) => { const v = (req.query as Record<string, unknown>)[k]; return typeof v === 'string' ? v.slice(0, 40) : ''; };
const isOffice = (req: FastifyRequest) => !!req.actor && (hasRole(req.actor, 'office') || hasRole(req.actor, 'admin'));

export function registerMessagesAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  // Public pages are on their government's own site: a county's message opens under its prefix, not on the city's.
  const linkOf = (req: FastifyRequest): SiteLink => (govId, url) => linkOnSiteOf(db, govId, url, siteScopeOf(req).govId, hostOrigin(req));

  app.get(ADMIN_BASE, async (req, reply) => {
    const all = await staffMessages(ctxOf(req));
    const f: ListFilter = { state: q(req, 'state'), kind: q(req, 'kind'), agency: q(req, 'agency'), flag: q(req, 'flag') };
    const rows = all.filter((r) => (!f.state || r.state === f.state) && (!f.kind || r.kind === f.kind) && (!f.agency || String(r.agencyId) === f.agency)
      && (!f.flag || (f.flag === 'overdue' ? r.overdue : r.flag === f.flag)));
    // Red first, then warnings, then overdue, then the rest (newest first).
    const rank = (r: (typeof all)[number]) => (r.flag === 'red' ? 0 : r.flag === 'warning' ? 1 : r.overdue ? 2 : 3);
    rows.sort((a, b) => rank(a) - rank(b) || b.id - a.id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <AdminList ctx={ctx} link={linkOf(req)} rows={rows} all={all} f={f} office={isOffice(req)} notice={known(NOTICES, q(req, 'notice'))} />);
  });

  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const s = await getMsgSettings(db);
    return reply.page((ctx) => <SettingsPage ctx={ctx} link={linkOf(req)} s={s} notice={known(NOTICES, q(req, 'notice'))} />);
  });
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const b = formBody(req);
    const names = [...MESSAGE_KINDS.map((k) => `limit_${k}`), 'warnMonths', 'redMonths', 'maxBody'];
    const values = Object.fromEntries(names.map((n) => [n, field(b, n, 1000)]));
    try {
      await updateMsgSettings(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/settings?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      const s = await getMsgSettings(db);
      return reply.page((ctx) => <SettingsPage ctx={ctx} link={linkOf(req)} s={s} values={values} problems={p} />);
    }
  });

  const statsOf = async (req: FastifyRequest) => {
    const actor = requireRole(req.actor, 'office', 'admin');
    const months = recentMonths(toShanghaiDate(new Date()));
    const m = q(req, 'month');
    const month = months.includes(m) ? m : months[0]!;
    const rows = await staffMonthlyStats(ctxOf(req), actor.placement.govId!, month);
    return { months, month, rows, error: m && m !== month ? '请选择近两年内的月份。' : undefined };
  };
  app.get(`${ADMIN_BASE}/stats`, async (req, reply) => {
    const s = await statsOf(req);
    return reply.page((ctx) => <StatsPage ctx={ctx} link={linkOf(req)} {...s} />);
  });
  app.get(`${ADMIN_BASE}/stats.xlsx`, async (req, reply) => {
    const s = await statsOf(req);
    const name = `留言办理统计-${s.month}.xlsx`;
    return reply.type(XLSX_MIME).header('content-disposition', contentDisposition('attachment', name)).header('cache-control', 'private, no-store').send(await statsXlsx('', s.month, s.rows));
  });

  const view = async (req: FastifyRequest, id: number): Promise<View> => {
    const v = await staffMessageView(ctxOf(req), id);
    return { ...v, choices: v.mayAct ? await handlingChoices(ctxOf(req), v.m) : null };
  };
  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, problems?: Problems, values?: Record<string, string>) => {
    const v = await view(req, id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <AdminMessage ctx={ctx} link={linkOf(req)} v={v} values={values} problems={problems} notice={problems ? undefined : known(NOTICES, q(req, 'notice'))} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  /** An action on the message page: done, back to it with a notice; refused, the page with the reasons beside the fields and the typed text kept. */
  const action = (path: string, names: string[], run: (ctx: Ctx, id: number, v: Record<string, string>) => Promise<void | string>, notice: string) =>
    app.post(`${ADMIN_BASE}/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      let values: Record<string, string> = {};
      try {
        const b: FormBody = formBody(req);
        values = Object.fromEntries(names.map((n) => [n, field(b, n, 100_000)]));
        refuseUndecoded(values);
        const n = await run(ctxOf(req), id, values);
        // After a transfer the page may no longer be the person's to see: back to the list.
        return reply.redirect(notice === 'transferred' ? `${ADMIN_BASE}?notice=transferred` : `${ADMIN_BASE}/${id}?notice=${n || notice}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        reply.status((e as AppError).status);
        return page(req, reply, id, p, values);
      }
    });
  action('/release', [], (ctx, id) => releaseHeld(ctx, id), 'released');
  action('/screen', ['result', 'reason', 'turnTo'], (ctx, id, v) => screenMessage(ctx, id, { result: v.result!, reason: v.reason, turnTo: v.turnTo }), 'screened');
  action('/assign', ['userId'], (ctx, id, v) => assignMessage(ctx, id, { userId: v.userId! }), 'assigned');
  action('/transfer', ['toAgencyId', 'note'], (ctx, id, v) => transferMessage(ctx, id, { toAgencyId: v.toAgencyId!, note: v.note }), 'transferred');
  action('/reply', ['text'], (ctx, id, v) => replyMessage(ctx, id, { text: v.text! }), 'replied');
  action('/faq', ['faq'], async (ctx, id, v) => { await setFaq(ctx, id, v.faq === 'yes'); return v.faq === 'yes' ? 'faq' : 'unfaq'; }, 'faq');
}
