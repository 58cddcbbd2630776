import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, FieldProblems, invalid, notFound } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { requireRole } from '../../core/auth/actor.js';
import { isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { fieldErrorsOf } from '../../web/components.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { field, fields, formBody, idParam, known, refId, type FormBody } from '../../web/form.js';
import {
  addOpinion, announceEvent, answerOpinion, assignableUnits, assignOpinion, cancelEvent, createEvent, drawSelection, getOdSettings,
  publishList, registrationsOf, saveSummary, setSelection, staffEvent, staffEvents, updateOdSettings, MAX_OPINION, MAX_TEXT, type EventInput,
} from './events.js';
import type { OpendayMode } from './schema.js';
import { registrationsXlsx, XLSX_MIME } from './export-xlsx.js';
import { PUBLIC_BASE } from './views/public.js';
import { ADMIN_BASE, AdminEvent, AdminList, EventForm, NOTICES, SESSION_ROWS, SettingsPage, type AdminView, type Problems, type V } from './views/admin.js';

const problemsOf = (e: unknown, form?: string): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f, form };
};

/** A datetime-local value ('2026-12-03T09:00') in Beijing time; anything else null. */
export function parseLocalDateTime(s: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(s.trim());
  if (!m || !isIsoDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}
export const localDateTime = (d: Date): string => { const s = new Date(d.getTime() + 8 * 3600_000).toISOString(); return `${s.slice(0, 10)}T${s.slice(11, 16)}`; };

const TEXT_MAX = 200_000;
const readEventForm = (b: FormBody): V => ({
  agencyId: field(b, 'agencyId', 100), theme: field(b, 'theme', TEXT_MAX), description: field(b, 'description', TEXT_MAX), eligibility: field(b, 'eligibility', TEXT_MAX), mode: field(b, 'mode', 100),
  regOpensAt: field(b, 'regOpensAt', 100), regClosesAt: field(b, 'regClosesAt', 100),
  sessionStartsAt: fields(b, 'sessionStartsAt').slice(0, SESSION_ROWS).map((x) => x.slice(0, 100)),
  sessionPlace: fields(b, 'sessionPlace').slice(0, SESSION_ROWS).map((x) => x.slice(0, 1000)),
  sessionCapacity: fields(b, 'sessionCapacity').slice(0, SESSION_ROWS).map((x) => x.slice(0, 100)),
});

/** The form's values as the service's input, every field's problem beside its box; the service checks the rest. */
function eventInput(v: V): EventInput {
  const p = new FieldProblems();
  const s = (k: string) => { const x = v[k]; return typeof x === 'string' ? x : ''; };
  const a = (k: string) => { const x = v[k]; return Array.isArray(x) ? x : []; };
  const theme = s('theme').trim();
  if (!theme) p.add('theme', '请填写活动主题。');
  else if (theme.length > 200) p.add('theme', '活动主题不超过 200 个字。');
  const regOpensAt = parseLocalDateTime(s('regOpensAt'));
  const regClosesAt = parseLocalDateTime(s('regClosesAt'));
  if (!regOpensAt) p.add('regOpensAt', '请填写正确的报名开始时间。');
  if (!regClosesAt) p.add('regClosesAt', '请填写正确的报名截止时间。');
  else if (regOpensAt && regOpensAt >= regClosesAt) p.add('regClosesAt', '报名截止时间应晚于开始时间。');
  const mode = s('mode');
  if (mode !== 'first_come' && mode !== 'selection') p.add('mode', '请选择报名方式。');
  const sessions: EventInput['sessions'] = [];
  for (let i = 0; i < SESSION_ROWS; i++) {
    const at = (a('sessionStartsAt')[i] ?? '').trim(), place = (a('sessionPlace')[i] ?? '').trim(), cap = (a('sessionCapacity')[i] ?? '').trim();
    if (!at && !place && !cap) continue;
    const startsAt = parseLocalDateTime(at);
    let bad = false;
    if (!startsAt) { p.add(`session${i}At`, `场次 ${i + 1}：请填写正确的时间。`); bad = true; }
    else if (regClosesAt && startsAt < regClosesAt) { p.add(`session${i}At`, `场次 ${i + 1}：场次时间应晚于报名截止时间。`); bad = true; }
    if (!place) { p.add(`session${i}Place`, `场次 ${i + 1}：请填写地点。`); bad = true; }
    else if (place.length > 200) { p.add(`session${i}Place`, `场次 ${i + 1}：地点不超过 200 个字。`); bad = true; }
    if (!/^\d{1,5}$/.test(cap) || Number(cap) < 1 || Number(cap) > 10000) { p.add(`session${i}Cap`, `场次 ${i + 1}：名额应为 1 至 10000 的整数。`); bad = true; }
    if (bad || !startsAt) continue;
    sessions.push({ startsAt, place, capacity: Number(cap) });
  }
  if (!sessions.length && !Object.keys(p.fields).some((k) => k.startsWith('session'))) p.add('sessions', '请至少安排一个场次。');
  p.done();
  const host = refId(s('agencyId'));
  return { agencyId: s('agencyId').trim() ? host : undefined, theme: s('theme'), description: s('description'), eligibility: s('eligibility'), mode: mode as OpendayMode, regOpensAt: regOpensAt!, regClosesAt: regClosesAt!, sessions };
}

export function registerOpendayAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => known(NOTICES, (req.query as { notice?: unknown }).notice);

  app.get(ADMIN_BASE, async (req, reply) => {
    const rows = await staffEvents(ctxOf(req), todayInShanghai());
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <AdminList ctx={ctx} rows={rows} notice={noticeOf(req)} />);
  });

  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    requireRole(req.actor, 'editor', 'reviewer', 'office', 'admin');
    const at = (days: number, hour: number) => { const d = new Date(Date.now() + days * 86_400_000); d.setUTCHours(hour - 8, 0, 0, 0); return localDateTime(d); };
    const units = await assignableUnits(ctxOf(req));
    return reply.page((ctx) => <EventForm ctx={ctx} units={units} values={{ agencyId: String(req.actor!.agencyId), mode: 'first_come', regOpensAt: at(1, 9), regClosesAt: at(10, 17), sessionStartsAt: [at(14, 9)], sessionCapacity: ['20'] }} />);
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    requireRole(req.actor, 'editor', 'reviewer', 'office', 'admin');
    let values: V = {};
    try {
      values = readEventForm(formBody(req));
      const id = await createEvent(ctxOf(req), eventInput(values));
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      const units = await assignableUnits(ctxOf(req));
      return reply.page((ctx) => <EventForm ctx={ctx} units={units} values={values} problems={p} />);
    }
  });

  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const a = requireRole(req.actor, 'office', 'admin');
    const s = await getOdSettings(db);
    return reply.page((ctx) => <SettingsPage ctx={ctx} answerWorkdays={s.answerWorkdays} notice={noticeOf(req)} mayChange={a.placement.upperGovId == null} />);
  });
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const a = requireRole(req.actor, 'office', 'admin');
    let values: V = {};
    try {
      values = { answerWorkdays: field(formBody(req), 'answerWorkdays', 100) };
      await updateOdSettings(ctxOf(req), values as Record<string, string>);
      return reply.redirect(`${ADMIN_BASE}/settings?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      const s = await getOdSettings(db);
      return reply.page((ctx) => <SettingsPage ctx={ctx} answerWorkdays={s.answerWorkdays} values={values} problems={p} mayChange={a.placement.upperGovId == null} />);
    }
  });

  const view = async (req: FastifyRequest, id: number): Promise<AdminView> => {
    const ctx = ctxOf(req);
    const ev = await staffEvent(ctx, id);
    const [registrations, units, s] = await Promise.all([registrationsOf(ctx, id), assignableUnits(ctx), getOdSettings(db)]);
    // The public page is on the event's government's own site (a county's prefix under the city's host).
    const publicUrl = linkOnSiteOf(db, ev.e.govId, `${PUBLIC_BASE}/${ev.e.id}`, siteScopeOf(req).govId, hostOrigin(req));
    return { ...ev, registrations, units, answerWorkdays: s.answerWorkdays, now: new Date(), publicUrl };
  };
  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, problems?: Problems, values?: V) => {
    const v = await view(req, id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <AdminEvent ctx={ctx} v={v} notice={problems ? undefined : noticeOf(req)} problems={problems} values={values} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  app.get(`${ADMIN_BASE}/:id/registrations.xlsx`, async (req, reply) => {
    const ctx = ctxOf(req);
    const ev = await staffEvent(ctx, idOf(req));
    const q = (req.query as { session?: unknown }).session;
    const sessions = q === undefined ? ev.sessions : ev.sessions.filter((s) => s.id === refId(q));
    if (!sessions.length) throw notFound('场次');
    const buf = await registrationsXlsx(ev.e, sessions, await registrationsOf(ctx, ev.e.id));
    const name = encodeURIComponent(`${ev.e.theme.slice(0, 60)}（报名人）.xlsx`);
    return reply.type(XLSX_MIME).header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="registrations.xlsx"; filename*=UTF-8''${name}`).send(buf);
  });

  /** An action on the event page: done, then back to it with a notice; refused, the page with the reason beside the form. */
  const action = (path: string, run: (req: FastifyRequest, id: number, b: FormBody) => Promise<string | void>, notice: string, form?: (req: FastifyRequest) => string) =>
    app.post(`${ADMIN_BASE}/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      try {
        const n = await run(req, id, formBody(req));
        return reply.redirect(`${ADMIN_BASE}/${id}?notice=${n || notice}`, 303);
      } catch (e) {
        const p = problemsOf(e, form?.(req));
        reply.status((e as AppError).status);
        return page(req, reply, id, p);
      }
    });
  const opinionOf = (req: FastifyRequest) => idParam((req.params as { opinionId: string }).opinionId);
  /** The opinion must be one of this event's (the service checks the government). */
  const ownOpinion = async (req: FastifyRequest, id: number) => {
    const oid = opinionOf(req);
    const ev = await staffEvent(ctxOf(req), id);
    if (!ev.opinions.some((o) => o.id === oid)) throw notFound('意见');
    return oid;
  };

  action('/announce', (req, id) => announceEvent(ctxOf(req), id), 'announced');
  action('/cancel', (req, id, b) => cancelEvent(ctxOf(req), id, field(b, 'cancelReason', 100_000)), 'cancelled', () => 'cancel');
  action('/selection', async (req, id, b) => {
    const a = field(b, 'action', 20);
    if (a !== 'select' && a !== 'unselect') throw invalid('操作不正确。');
    await setSelection(ctxOf(req), id, fields(b, 'ids').map(refId).filter((x) => x > 0), a === 'select');
  }, 'selected');
  action('/draw', async (req, id) => { await drawSelection(ctxOf(req), id); }, 'drawn');
  action('/list', async (req, id) => { await publishList(ctxOf(req), id); }, 'listed');
  action('/opinions', async (req, id, b) => { await addOpinion(ctxOf(req), id, field(b, 'body', MAX_OPINION * 50)); }, 'opinion', () => 'opinion');
  action('/opinions/:opinionId/assign', async (req, id, b) => {
    const oid = await ownOpinion(req, id);
    const unit = refId(field(b, 'unitId', 100));
    if (!unit) throw invalid('请选择承办单位。', { fields: { unitId: '请选择承办单位。' } });
    await assignOpinion(ctxOf(req), oid, unit, new Date(), field(b, 'dueOn', 100));
  }, 'assigned', (req) => `assign-${(req.params as { opinionId: string }).opinionId}`);
  /** The 活动回顾: 保存 (publish=0) or 保存并公开 (publish=1); refused, the typed text stays in the box. */
  app.post(`${ADMIN_BASE}/:id/summary`, async (req, reply) => {
    const id = idOf(req);
    let values: V = {};
    try {
      const b = formBody(req);
      // No cut-off here: the service refuses over 5000 characters with its own message, the text stays in the box.
      values = { summary: field(b, 'summary', Infinity) };
      const r = await saveSummary(ctxOf(req), id, { summary: values.summary as string, publish: field(b, 'publish', 10) === '1' });
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=summary_${r}`, 303);
    } catch (e) {
      const p = problemsOf(e, 'summary');
      if (!Object.keys(p.fields).length) p.fields = { summary: p.list[0] ?? '' };
      reply.status((e as AppError).status);
      return page(req, reply, id, p, values);
    }
  });
  action('/opinions/:opinionId/answer', async (req, id, b) => {
    await answerOpinion(ctxOf(req), await ownOpinion(req, id), field(b, 'answer', MAX_TEXT * 20));
  }, 'answered', (req) => `answer-${(req.params as { opinionId: string }).opinionId}`);

}
