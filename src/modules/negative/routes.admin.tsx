import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, known, refId, type FormBody } from '../../web/form.js';
import { createEntry, draftableAgencies, getEntry, getReviewMonths, markReviewed, publishEntry, staffEntries, STAFF_ROLES, updateEntry, updateReviewMonths, withdrawEntry, type StaffFilters } from './entries.js';
import { NEG_CATEGORIES, NEG_STATES } from './schema.js';
import { ADMIN_BASE, DetailPage, EntryForm, ListPage, NOTICES, type Problems, type V } from './views/admin.js';

/** Far above the services' limits, so an oversize field gets the service's own message beside it. */
const MAX = 200_000;
const UNREADABLE = '内容含有无法识别的字符（可能是编码错误），请重新输入。';
const ENTRY_FIELDS = ['agencyId', 'category', 'reportRow', 'matter', 'lawName', 'lawVersion', 'article', 'force', 'releaseCondition', 'reviewMonths', 'lastReviewedOn'] as const;

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

export function registerNegativeAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => known(NOTICES, (req.query as { notice?: unknown }).notice);

  const filtersOf = (req: FastifyRequest): StaffFilters => {
    const q = req.query as Record<string, unknown>;
    const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).slice(0, 100) : '');
    return { agencyId: refId(s('agency')) || undefined, category: NEG_CATEGORIES.find((c) => c === s('category')), state: NEG_STATES.find((x) => x === s('state')), due: s('due') === '1', flagged: s('flagged') === '1' };
  };

  const list = async (req: FastifyRequest, reply: FastifyReply, opts: { problems?: Problems; values?: V } = {}) => {
    const actor = requireRole(req.actor, ...STAFF_ROLES);
    const f = filtersOf(req);
    const today = todayInShanghai();
    const [all, rows, reviewMonths] = await Promise.all([staffEntries(ctxOf(req), {}, today), staffEntries(ctxOf(req), f, today), getReviewMonths(db)]);
    const agencies = [...new Map(all.map((e) => [e.agencyId, { id: e.agencyId, name: e.agencyName }])).values()];
    const office = hasRole(actor, 'office') || hasRole(actor, 'admin');
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <ListPage ctx={ctx} rows={rows} filters={f} agencies={agencies} notice={opts.problems ? undefined : noticeOf(req)} office={office} top={actor.placement.upperGovId == null} reviewMonths={reviewMonths} problems={opts.problems} values={opts.values} today={today} />);
  };
  app.get(ADMIN_BASE, async (req, reply) => list(req, reply));
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    let values: V = {};
    try {
      values = readForm(formBody(req), ['reviewMonths']);
      await updateReviewMonths(ctxOf(req), values.reviewMonths ?? '');
      return reply.redirect(`${ADMIN_BASE}?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return list(req, reply, { problems: p, values });
    }
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: V, problems?: Problems) => {
    const agencies = await draftableAgencies(ctxOf(req));
    return reply.page((ctx) => <EntryForm ctx={ctx} action={`${ADMIN_BASE}/new`} title="新增负面清单事项" values={values} problems={problems} agencies={agencies} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    const actor = requireRole(req.actor, ...STAFF_ROLES);
    return newForm(req, reply, { agencyId: String(actor.agencyId), lawName: '《中华人民共和国政府信息公开条例》', lawVersion: '2019-04-03' });
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    let values: V = {};
    try {
      values = readForm(formBody(req), ENTRY_FIELDS);
      const id = await createEntry(ctxOf(req), { ...values, agencyId: refId(values.agencyId) || -1 });
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return newForm(req, reply, values, p);
    }
  });

  const editForm = async (req: FastifyRequest, reply: FastifyReply, id: number, values?: V, problems?: Problems) => {
    const e = await getEntry(ctxOf(req), id);
    const v: V = values ?? { category: e.category, reportRow: e.reportRow, matter: e.matter, lawName: e.lawName, lawVersion: e.lawVersion, article: e.article, force: e.force, releaseCondition: e.releaseCondition, reviewMonths: String(e.reviewMonths), lastReviewedOn: e.lastReviewedOn };
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <EntryForm ctx={ctx} action={`${ADMIN_BASE}/${id}/edit`} title="修改负面清单事项" values={v} problems={problems} agencies={[]} fixedAgency={e.agencyName} />);
  };
  app.get(`${ADMIN_BASE}/:id/edit`, async (req, reply) => editForm(req, reply, idOf(req)));
  app.post(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const id = idOf(req);
    let values: V = {};
    try {
      values = readForm(formBody(req), ENTRY_FIELDS);
      await updateEntry(ctxOf(req), id, values);
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=updated`, 303);
    } catch (e) {
      const p = problemsOf(e);
      if ((e as AppError).status === 404) throw e;
      reply.status((e as AppError).status);
      return editForm(req, reply, id, values, p);
    }
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, opts: { problems?: Problems; form?: string; values?: V } = {}) => {
    const e = await getEntry(ctxOf(req), id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <DetailPage ctx={ctx} e={e} notice={opts.problems ? undefined : noticeOf(req)} problems={opts.problems} form={opts.form} values={opts.values} today={todayInShanghai()} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  const action = (path: string, names: readonly string[], run: (ctx: Ctx, id: number, v: V) => Promise<unknown>, notice: string) =>
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
        return page(req, reply, id, { problems: p, form: path, values });
      }
    });
  action('publish', ['confirm'], (ctx, id, v) => publishEntry(ctx, id, { confirm: v.confirm }), 'published');
  action('withdraw', ['reason'], (ctx, id, v) => withdrawEntry(ctx, id, { reason: v.reason }), 'withdrawn');
  action('review', ['on', 'note'], (ctx, id, v) => markReviewed(ctx, id, { on: v.on, note: v.note }), 'reviewed');
}
