import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { requireRole } from '../../core/auth/actor.js';
import { isOfficeLike } from '../../core/org/scope.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { qrSvg } from '../../core/render/qr.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, known, refId, type FormBody } from '../../web/form.js';
import { printedUrlOf } from '../portal/site.js';
import { dateFilter, staffRatings, STAFF_ROLES, type RatingFilters } from './ratings.js';
import { getOrder, orderStep, staffOrders } from './orders.js';
import { staffAggregates } from './stats.js';
import { createWindow, OFFICE_ROLES, ownGovernmentAgencies, setWindowActive, settingsOf, staffWindows, updateSettings } from './windows.js';
import { ORDER_STATES } from './schema.js';
import { ADMIN_BASE, HomePage, NOTICES, QrCardPage, OrderPage, OrdersPage, PUBLIC_BASE, SettingsPage, WindowsPage, type Problems, type V } from './views/admin.js';

const MAX = 200_000;
/** The QR SVG at a fixed size (the CSP allows no inline style). */
const sized = (svg: string, px: number) => svg.replace('<svg ', `<svg width="${px}" height="${px}" role="img" aria-label="评价二维码" `);
const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 401) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
function readForm(b: FormBody, names: readonly string[]): V {
  const out: V = {};
  const bad: Record<string, string> = {};
  for (const n of names) {
    try { out[n] = field(b, n, MAX); } catch { out[n] = ''; bad[n] = '内容过长，请精简后重新提交。'; continue; }
    if (hasUnreadable(out[n] as string)) bad[n] = '内容含有无法识别的字符（可能是编码错误），请重新输入。';
  }
  if (Object.keys(bad).length) throw invalid(Object.values(bad)[0]!, { fields: bad });
  return out;
}

export function registerRatingsAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const octx = (req: FastifyRequest) => ({ db, actor: req.actor, key: config.foiDataKey });
  const noticeOf = (req: FastifyRequest) => known(NOTICES, (req.query as { notice?: unknown }).notice);
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const office = (req: FastifyRequest) => isOfficeLike(requireRole(req.actor, ...STAFF_ROLES));

  app.get(ADMIN_BASE, async (req, reply) => {
    const isOffice = office(req);
    const qs = req.query as Record<string, unknown>;
    let filters: RatingFilters = {};
    let problems: Problems | undefined;
    try {
      filters = { from: dateFilter(qs.from, '起始日期'), to: dateFilter(qs.to, '截止日期'), agencyId: refId(qs.agency) || undefined, bad: qs.bad === '1' };
      if (filters.from && filters.to && filters.from > filters.to) throw invalid('起始日期不能晚于截止日期。');
    } catch (e) { problems = problemsOf(e); filters = {}; reply.status(400); }
    const [stats, rows, all] = await Promise.all([staffAggregates(ctxOf(req), filters), staffRatings(ctxOf(req), filters), staffAggregates(ctxOf(req), {})]);
    const agencies = all.agencies.map((a) => ({ id: Number(a.key), name: a.name }));
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <HomePage ctx={ctx} office={isOffice} filters={filters} agencies={agencies} stats={stats} rows={rows} problems={problems} />);
  });

  app.get(`${ADMIN_BASE}/orders`, async (req, reply) => {
    const isOffice = office(req);
    const qs = req.query as Record<string, unknown>;
    const filters = { state: ORDER_STATES.find((s) => s === qs.state), overdue: qs.overdue === '1' };
    const today = todayInShanghai();
    const rows = await staffOrders(ctxOf(req), filters, today);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <OrdersPage ctx={ctx} office={isOffice} rows={rows} filters={filters} today={today} notice={noticeOf(req)} />);
  });

  const orderPage = async (req: FastifyRequest, reply: FastifyReply, id: number, opts: { problems?: Problems; form?: string; values?: V } = {}) => {
    const isOffice = office(req);
    const d = await getOrder(octx(req), id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <OrderPage ctx={ctx} office={isOffice} d={d} today={todayInShanghai()} notice={opts.problems ? undefined : noticeOf(req)} problems={opts.problems} form={opts.form} values={opts.values} />);
  };
  app.get(`${ADMIN_BASE}/orders/:id`, async (req, reply) => orderPage(req, reply, idOf(req)));
  for (const step of ['callback', 'rectify', 'feedback', 'appeal', 'accept', 'reject'] as const) {
    app.post(`${ADMIN_BASE}/orders/:id/${step}`, async (req, reply) => {
      const id = idOf(req);
      let values: V = {};
      try {
        values = readForm(formBody(req), ['note']);
        await orderStep(octx(req), id, step, { note: values.note });
        return reply.redirect(`${ADMIN_BASE}/orders/${id}?notice=${step}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        if ((e as AppError).status === 404) throw e;
        reply.status((e as AppError).status);
        return orderPage(req, reply, id, { problems: p, form: step, values });
      }
    });
  }

  /** The window's rating form on its government's own site, absolute (a phone camera opens it). */
  const windowLink = (req: FastifyRequest, govId: number, id: number) => {
    return printedUrlOf(db, govId, `${PUBLIC_BASE}?window=${id}`, `${req.protocol}://${req.host}`);
  };
  const windowsPage = async (req: FastifyRequest, reply: FastifyReply, opts: { problems?: Problems; values?: V } = {}) => {
    requireRole(req.actor, ...OFFICE_ROLES);
    const [rows, agencies] = await Promise.all([staffWindows(ctxOf(req)), ownGovernmentAgencies(ctxOf(req))]);
    const qr = new Map<number, { svg: string; url: string }>();
    for (const w of rows) {
      if (!w.active) continue;
      const url = await windowLink(req, w.govId, w.id);
      qr.set(w.id, { url, svg: sized(await qrSvg(url), 120) });
    }
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <WindowsPage ctx={ctx} rows={rows} qr={qr} agencies={agencies} notice={opts.problems ? undefined : noticeOf(req)} problems={opts.problems} values={opts.values} />);
  };
  app.get(`${ADMIN_BASE}/windows`, async (req, reply) => windowsPage(req, reply));
  app.get(`${ADMIN_BASE}/windows/:id/qr`, async (req, reply) => {
    const id = idOf(req);
    const w = (await staffWindows(ctxOf(req))).find((x) => x.id === id && x.active);
    if (!w) throw notFound('窗口');
    const url = await windowLink(req, w.govId, w.id);
    const svg = sized(await qrSvg(url), 280);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <QrCardPage ctx={ctx} w={w} svg={svg} url={url} />);
  });
  app.post(`${ADMIN_BASE}/windows`, async (req, reply) => {
    let values: V = {};
    try {
      values = readForm(formBody(req), ['agencyId', 'hall', 'number', 'name']);
      await createWindow(ctxOf(req), { ...values, agencyId: refId(values.agencyId) || -1 });
      return reply.redirect(`${ADMIN_BASE}/windows?notice=window`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return windowsPage(req, reply, { problems: p, values });
    }
  });
  for (const [path, active, notice] of [['deactivate', false, 'deactivated'], ['reactivate', true, 'reactivated']] as const) {
    app.post(`${ADMIN_BASE}/windows/:id/${path}`, async (req, reply) => {
      try {
        await setWindowActive(ctxOf(req), idOf(req), active);
        return reply.redirect(`${ADMIN_BASE}/windows?notice=${notice}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        if ((e as AppError).status === 404) throw e;
        reply.status((e as AppError).status);
        return windowsPage(req, reply, { problems: p });
      }
    });
  }

  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, opts: { problems?: Problems; values?: V } = {}) => {
    const actor = requireRole(req.actor, ...OFFICE_ROLES);
    const s = await settingsOf(db, actor.placement.govId);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <SettingsPage ctx={ctx} s={s} notice={opts.problems ? undefined : noticeOf(req)} problems={opts.problems} values={opts.values} />);
  };
  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => settingsPage(req, reply));
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    let values: V = {};
    try {
      values = readForm(formBody(req), ['workDays', 'tags']);
      await updateSettings(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/settings?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return settingsPage(req, reply, { problems: p, values });
    }
  });
}
