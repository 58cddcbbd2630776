import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, fields, formBody, idParam, known, refId, type FormBody } from '../../web/form.js';
import { addFollowUp, extendProposal, getProposal, publicationPreview, publishProposal, recordCoView, recordSatisfaction, registerProposal, replyProposal, STAFF_ROLES } from './items.js';
import { getPropSettings, updatePropSettings } from './settings.js';
import { calendarAndSettings, marksOf, register, type RegisterFilters } from './register.js';
import { exportRegisterXlsx } from './export.js';
import { PROPOSAL_KINDS, PROPOSAL_STATES } from './schema.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { PUBLIC_BASE } from './search.js';
import { ADMIN_BASE, DetailPage, NewForm, NOTICES, RegisterPage, SettingsPage, type Problems, type V } from './views/admin.js';

/** Far above the services' limits, so an oversize field gets the service's own message beside it. */
const MAX = 200_000;
const UNREADABLE = '内容含有无法识别的字符（可能是编码错误），请重新输入。';

const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 401) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};

/** The named text fields of a form; oversize or unreadable ones are refused beside their box. */
function readForm(b: FormBody, names: readonly string[]): V {
  const out: V = {};
  const bad: Record<string, string> = {};
  for (const n of names) {
    try { out[n] = field(b, n, MAX); } catch { out[n] = ''; bad[n] = '内容过长，请精简后重新提交。'; continue; }
    if (hasUnreadable(out[n] as string)) bad[n] = UNREADABLE;
  }
  if (Object.keys(bad).length) throw invalid(Object.values(bad)[0]!, { fields: bad });
  return out;
}

/** Co-authors as typed: one a line, a name and optionally a phone after it. */
export function parseAuthors(raw: string): { name: string; phone: string }[] {
  return raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => {
    const m = /^(.+?)[\s,，、]+([0-9+\-()（） ]{5,20})$/.exec(l);
    return m ? { name: m[1]!.trim(), phone: m[2]!.trim() } : { name: l, phone: '' };
  });
}

const NEW_FIELDS = ['kind', 'session', 'number', 'title', 'leadName', 'leadPhone', 'coAuthors', 'hostAgencyId', 'assignedOn'] as const;

export function registerProposalsAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => known(NOTICES, (req.query as { notice?: unknown }).notice);
  const isOffice = (req: FastifyRequest) => !!req.actor && (hasRole(req.actor, 'office') || hasRole(req.actor, 'admin'));

  const filtersOf = (req: FastifyRequest): RegisterFilters => {
    const q = req.query as Record<string, unknown>;
    const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).slice(0, 100) : '');
    return {
      kind: PROPOSAL_KINDS.find((k) => k === s('kind')), state: PROPOSAL_STATES.find((k) => k === s('state')),
      session: s('session') || undefined, overdue: s('overdue') === '1', q: s('q') || undefined,
    };
  };
  const query = (f: RegisterFilters) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) u.set(k, v === true ? '1' : String(v));
    const s = u.toString();
    return s ? `?${s}` : '';
  };

  app.get(ADMIN_BASE, async (req, reply) => {
    const f = filtersOf(req);
    const { rows, sessions } = await register(ctxOf(req), todayInShanghai(), f);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <RegisterPage ctx={ctx} rows={rows} sessions={sessions} filters={f} office={isOffice(req)} notice={noticeOf(req)} exportHref={`${ADMIN_BASE}/export.xlsx${query(f)}`} />);
  });

  app.get(`${ADMIN_BASE}/export.xlsx`, async (req, reply) => {
    const { rows } = await register(ctxOf(req), todayInShanghai(), filtersOf(req));
    const buf = await exportRegisterXlsx(rows, `建议提案办理登记表（${todayInShanghai()}）`);
    return reply.header('cache-control', 'private, no-store').type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('建议提案办理登记表')}.xlsx`).send(buf);
  });

  /** The units an item can be assigned to: the office's own government's departments and townships. */
  const hosts = async (req: FastifyRequest) => {
    const actor = requireRole(req.actor, 'office', 'admin');
    return (await governmentAgencies(db, actor.placement.govId)).filter((a) => ['department', 'township', 'street'].includes(a.kind)).map((a) => ({ id: a.id, name: a.name }));
  };
  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: V, problems?: Problems) => {
    const list = await hosts(req);
    return reply.page((ctx) => <NewForm ctx={ctx} values={values} problems={problems} hosts={list} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => newForm(req, reply, { kind: 'npc', assignedOn: todayInShanghai() }));
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    let values: V = {};
    try {
      const b = formBody(req);
      values = { ...readForm(b, NEW_FIELDS), coAgencyIds: fields(b, 'coAgencyIds') };
      const id = await registerProposal(ctxOf(req), {
        kind: String(values.kind), session: String(values.session), number: String(values.number), title: String(values.title),
        leadAuthor: { name: String(values.leadName), phone: String(values.leadPhone) }, coAuthors: parseAuthors(String(values.coAuthors)),
        hostAgencyId: refId(values.hostAgencyId) || -1, coAgencyIds: (values.coAgencyIds as string[]).map(refId).map((x) => x || -1), assignedOn: String(values.assignedOn),
      });
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if (p.fields.leadAuthor && /联系电话/.test(p.fields.leadAuthor)) { p.fields.leadPhone = p.fields.leadAuthor; delete p.fields.leadAuthor; }
      reply.status((e as AppError).status);
      return newForm(req, reply, values, p);
    }
  });

  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const actor = requireRole(req.actor, 'office', 'admin');
    const s = await getPropSettings(db);
    return reply.page((ctx) => <SettingsPage ctx={ctx} s={s} notice={noticeOf(req)} top={actor.placement.upperGovId == null} />);
  });
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const actor = requireRole(req.actor, 'office', 'admin');
    let values: V = {};
    try {
      values = readForm(formBody(req), ['replyMonths', 'extendedMonths', 'viewsMonths', 'publishWorkdays', 'warnWorkdays', 'classes']);
      await updatePropSettings(ctxOf(req), values as Record<string, string>);
      return reply.redirect(`${ADMIN_BASE}/settings?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      const s = await getPropSettings(db);
      return reply.page((ctx) => <SettingsPage ctx={ctx} s={s} values={Object.keys(values).length ? values : undefined} problems={p} top={actor.placement.upperGovId == null} />);
    }
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, opts: { problems?: Problems; form?: string; values?: V } = {}) => {
    const actor = requireRole(req.actor, ...STAFF_ROLES);
    const item = await getProposal(ctxOf(req), id);
    const today = todayInShanghai();
    const [cal, s] = await calendarAndSettings(db);
    const preview = item.state === 'replied' ? publicationPreview(item) : null;
    const v = { item, settings: s, ...marksOf(item, today, cal, s), preview, actorAgencyId: actor.agencyId, office: isOffice(req), today,
      // The published reply is on the item's government's own site (a county's prefix under the city's host).
      publicUrl: linkOnSiteOf(db, item.govId, `${PUBLIC_BASE}/${item.id}`, siteScopeOf(req).govId, hostOrigin(req)) };
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <DetailPage ctx={ctx} v={v} notice={opts.problems ? undefined : noticeOf(req)} problems={opts.problems} form={opts.form} values={opts.values} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  /** An action on the item's page: done, back to it with a notice; refused, the page with the reasons beside the fields. */
  const action = (path: string, form: string | ((v: V) => string), names: readonly string[], run: (ctx: Ctx, id: number, v: V) => Promise<unknown>, notice: string) =>
    app.post(`${ADMIN_BASE}/:id/${path}`, async (req, reply) => {
      const id = idOf(req);
      let values: V = {};
      try {
        values = readForm(formBody(req), names);
        await run(ctxOf(req), id, values);
        return reply.redirect(`${ADMIN_BASE}/${id}?notice=${notice}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        if ((e as AppError).status === 404) throw e;
        reply.status((e as AppError).status);
        return page(req, reply, id, { problems: p, form: typeof form === 'string' ? form : form(values), values });
      }
    });
  const s = (v: V, k: string) => String(v[k] ?? '');
  action('view', (v) => `view-${s(v, 'agencyId')}`, ['agencyId', 'text', 'on'], (ctx, id, v) => recordCoView(ctx, id, { agencyId: refId(v.agencyId) || undefined, text: s(v, 'text'), on: s(v, 'on') }), 'view');
  action('extend', 'extend', ['approver', 'approvedOn', 'reason'], (ctx, id, v) => extendProposal(ctx, id, { approver: s(v, 'approver'), approvedOn: s(v, 'approvedOn'), reason: s(v, 'reason') }), 'extended');
  action('reply', 'reply', ['replyClass', 'replyOn', 'text'], (ctx, id, v) => replyProposal(ctx, id, { replyClass: s(v, 'replyClass'), replyOn: s(v, 'replyOn'), text: s(v, 'text') }), 'replied');
  action('satisfaction', 'satisfaction', ['satisfaction', 'note'], (ctx, id, v) => recordSatisfaction(ctx, id, { satisfaction: s(v, 'satisfaction'), note: s(v, 'note') }), 'satisfaction');
  action('follow-up', 'followUp', ['on', 'text'], (ctx, id, v) => addFollowUp(ctx, id, { on: s(v, 'on'), text: s(v, 'text') }), 'followUp');
  action('publish', 'publish', ['mode', 'summary', 'reason', 'on'], (ctx, id, v) => publishProposal(ctx, id, { mode: s(v, 'mode'), summary: s(v, 'summary'), reason: s(v, 'reason'), on: s(v, 'on') }), 'published');
}
