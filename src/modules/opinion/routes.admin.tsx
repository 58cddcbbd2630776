import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { requireRole } from '../../core/auth/actor.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, fields, formBody, idParam, refId, type FormBody } from '../../web/form.js';
import { closeItem, evaluateItem, getItem, listItems, proposeAgency, recordConsultation, recordResponse, registerItem, setResponsibleAgency, REGISTER_ROLES, type Proposal } from './items.js';
import { getOpSettings, updateOpSettings } from './settings.js';
import { agencyOptions, linkableDocuments, statsTable, timelineOf } from './staff.js';
import { statsXlsx } from './export-xlsx.js';
import { SEVERITIES, type Severity } from './schema.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { ADMIN_BASE, isState, ItemPage, NewItemForm, NOTICES, RegisterList, SettingsPage, StatsPage, type ItemPageView, type ListFilter, type Problems, type V } from './views/admin.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Far above the services' limits, so an oversize field gets the service's own message beside it. */
const FIELD_MAX = 100_000;
const NEW_FIELDS = ['source', 'link', 'summary', 'firstSeenAt', 'category', 'severity', 'emergency', 'placeAgencyId', 'concernedAgencyId', 'agencyId'] as const;

const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
/** Beijing-time "YYYY-MM-DDTHH:mm" for datetime-local inputs. */
const localNow = (d = new Date()) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const q1 = (q: unknown, k: string): string => { const v = (q as Record<string, unknown> | undefined)?.[k]; return typeof v === 'string' && v.length <= 40 ? v : ''; };

export function registerOpinionAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => NOTICES[q1(req.query, 'notice')];
  const namesOf = async (ctx: Ctx) => { const a = await agencyOptions(ctx); return { agencies: a, names: new Map(a.map((x) => [x.id, x.name])) }; };

  app.get(ADMIN_BASE, async (req, reply) => {
    const ctx = ctxOf(req);
    const filter: ListFilter = { state: q1(req.query, 'state'), severity: q1(req.query, 'severity'), clock: q1(req.query, 'clock') };
    const [all, { names }] = await Promise.all([listItems(ctx), namesOf(ctx)]);
    const rows = all.filter((i) => (!isState(filter.state) || i.state === filter.state)
      && (!(SEVERITIES as readonly string[]).includes(filter.severity) || i.severity === filter.severity)
      && (!['overdue', 'nearing', 'running'].includes(filter.clock) || (i.state !== 'closed' && i.clocks.some((c) => c.status === filter.clock))));
    reply.header('cache-control', 'private, no-store');
    return reply.page((pc) => <RegisterList ctx={pc} rows={rows} names={names} filter={filter} notice={noticeOf(req)} />);
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: V, proposal?: Proposal | null, problems?: Problems) => {
    const { agencies } = await namesOf(ctxOf(req));
    reply.header('cache-control', 'private, no-store');
    return reply.page((pc) => <NewItemForm ctx={pc} values={values} agencies={agencies} proposal={proposal} problems={problems} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    requireRole(req.actor, ...REGISTER_ROLES);
    return newForm(req, reply, { firstSeenAt: localNow() });
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    let values: V = {};
    try {
      const b = formBody(req);
      values = Object.fromEntries(NEW_FIELDS.map((k) => [k, field(b, k, FIELD_MAX)]));
      if (field(b, 'action', 20) === 'propose') {
        const severity = values.severity as Severity;
        if (!(SEVERITIES as readonly string[]).includes(severity)) throw invalid('请先选择舆情级别。', { fields: { severity: '请先选择舆情级别，平台据此提出建议。' } });
        const proposal = await proposeAgency(ctxOf(req), { severity, placeAgencyId: refId(values.placeAgencyId) || null, concernedAgencyId: refId(values.concernedAgencyId) || null });
        return newForm(req, reply, { ...values, agencyId: values.agencyId || String(proposal.agencyId) }, proposal);
      }
      const { id } = await registerItem(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=registered`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return newForm(req, reply, values, null, p);
    }
  });

  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const s = await getOpSettings(db);
    return reply.page((pc) => <SettingsPage ctx={pc} s={s} notice={noticeOf(req)} />);
  });
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    let values: V = {};
    try {
      const b = formBody(req);
      values = { authHours: field(b, 'authHours', 100), pressHours: field(b, 'pressHours', 100), firstHours: field(b, 'firstHours', 100) };
      await updateOpSettings(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/settings?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      const s = await getOpSettings(db);
      return reply.page((pc) => <SettingsPage ctx={pc} s={s} values={values} problems={p} />);
    }
  });

  /** The period of the statistics from the query: `from`/`to` as dates (to inclusive); this year by default. */
  const period = (req: FastifyRequest): { from: string; to: string; start: Date; end: Date; problems?: Problems } => {
    const now = new Date();
    const dflt = { from: `${day(now).slice(0, 4)}-01-01`, to: day(now) };
    const f: Record<string, string> = {};
    const parse = (k: 'from' | 'to', label: string) => {
      const s = q1(req.query, k).trim() || dflt[k];
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      const d = m ? new Date(`${s}T00:00:00+08:00`) : new Date(NaN);
      if (!m || Number.isNaN(d.getTime()) || day(d) !== s) { f[k] = `请填写正确的${label}（年-月-日）。`; return { s: dflt[k], d: new Date(`${dflt[k]}T00:00:00+08:00`) }; }
      return { s, d };
    };
    const a = parse('from', '开始日期');
    const b = parse('to', '结束日期');
    const problems = Object.keys(f).length ? { list: Object.values(f), fields: f } : undefined;
    return { from: a.s, to: b.s, start: a.d, end: new Date(b.d.getTime() + 86_400_000), problems };
  };
  app.get(`${ADMIN_BASE}/stats`, async (req, reply) => {
    const p = period(req);
    const t = await statsTable(ctxOf(req), p.start, p.end);
    if (p.problems) reply.status(400);
    reply.header('cache-control', 'private, no-store');
    return reply.page((pc) => <StatsPage ctx={pc} t={t} from={p.from} to={p.to} problems={p.problems} />);
  });
  app.get(`${ADMIN_BASE}/stats.xlsx`, async (req, reply) => {
    const p = period(req);
    const t = await statsTable(ctxOf(req), p.start, p.end);
    const title = `政务舆情回应统计（${p.from} 至 ${p.to}）`;
    const buf = await statsXlsx(t, title);
    return reply.type(XLSX).header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="opinion-stats-${p.from}-${p.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`).send(buf);
  });

  const view = async (req: FastifyRequest, id: number): Promise<ItemPageView> => {
    const ctx = ctxOf(req);
    const v = await getItem(ctx, id);
    const [{ agencies, names }, documents] = await Promise.all([namesOf(ctx), linkableDocuments(ctx)]);
    const steps = await timelineOf(ctx, v, names);
    // Published information is on the item's government's own site (a county's prefix under the city's host).
    const onSite = (url: string) => linkOnSiteOf(db, v.govId, url, siteScopeOf(req).govId, hostOrigin(req));
    return { v, names, agencies, steps, documents, nowLocal: localNow(), onSite };
  };
  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, problems?: Problems, values?: V) => {
    const p = await view(req, id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((pc) => <ItemPage ctx={pc} p={p} values={values} notice={problems ? undefined : noticeOf(req)} problems={problems} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  /** An action on the item page: done, back to it with a notice; refused, the page with the reasons beside the fields and what was typed. */
  const action = (path: string, names: readonly string[], run: (ctx: Ctx, id: number, b: FormBody, v: V) => Promise<unknown>, notice: string) =>
    app.post(`${ADMIN_BASE}/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      let values: V = {};
      try {
        const b = formBody(req);
        values = Object.fromEntries(names.map((k) => [k, k === 'agencyIds' ? fields(b, k) : field(b, k, FIELD_MAX)]));
        await run(ctxOf(req), id, b, values);
        return reply.redirect(`${ADMIN_BASE}/${id}?notice=${notice}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        reply.status((e as AppError).status);
        return page(req, reply, id, p, values);
      }
    });
  const s = (v: V, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  action('/agency', ['agencyId'], async (ctx, id, _b, v) => {
    const agencyId = refId(s(v, 'agencyId'));
    if (!agencyId) throw invalid('请选择第一责任单位。', { fields: { agencyId: '请选择第一责任单位。' } });
    await setResponsibleAgency(ctx, id, agencyId);
  }, 'agency');
  action('/consult', ['agencyIds', 'heldAt', 'conclusion'], (ctx, id, _b, v) => {
    // An id that is not one (0) matches no agency, so the service refuses it as not of this government.
    return recordConsultation(ctx, id, { agencyIds: (v.agencyIds as string[]).map((x) => refId(x)), heldAt: s(v, 'heldAt'), conclusion: s(v, 'conclusion') });
  }, 'consulted');
  action('/respond', ['kind', 'title', 'respondedAt', 'link', 'documentId', 'isPublic'], (ctx, id, _b, v) =>
    recordResponse(ctx, id, { kind: s(v, 'kind'), title: s(v, 'title'), respondedAt: s(v, 'respondedAt'), link: s(v, 'link'), documentId: s(v, 'documentId') || null, isPublic: s(v, 'isPublic') === 'yes' }), 'responded');
  action('/evaluate', ['grade', 'evaluation'], (ctx, id, _b, v) => evaluateItem(ctx, id, { grade: s(v, 'grade'), evaluation: s(v, 'evaluation') }), 'evaluated');
  action('/close', ['closeNote'], (ctx, id, _b, v) => closeItem(ctx, id, s(v, 'closeNote')), 'closed');
}
