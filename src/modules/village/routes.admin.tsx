import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, known, refId, type FormBody } from '../../web/form.js';
import { isClerk, isVillage, requirePlace, STAFF_ROLES, villagesInView, type Place } from './access.js';
import { casesOf, createCase, getCase, recordStep } from './cases.js';
import { createDisclosure, disclosuresOf, getDisclosure, tableText, transition, updateDisclosure } from './disclosures.js';
import { differences, lateItems } from './overdue.js';
import { answerObjection, disclosureIdOfObjection, objectionsOf } from './public.js';
import { answerDays, listTemplates, makeVillageList, saveTemplate, updateAnswerDays, villageMatters } from './templates.js';
import { officeActs } from '../../core/org/scope.js';
import { CasePage, DetailPage, DiffPage, DraftForm, HomePage, NOTICES, PlacePage, TemplatesPage } from './views/admin.js';
import { ADMIN_BASE } from './views/paths.js';
import type { Problems, V } from './views/shared.js';

const MAX = 200_000;
const UNREADABLE = '内容含有无法识别的字符（可能是编码错误），请重新输入。';
const DRAFT_FIELDS = ['agencyId', 'matterId', 'templateId', 'period', 'title', 'body', 'table', 'approvalOn'] as const;

const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 404) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
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

export function registerVillageAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => known(NOTICES, (req.query as { notice?: unknown }).notice);
  const isOffice = (req: FastifyRequest) => Boolean(req.actor && (hasRole(req.actor, 'office') || hasRole(req.actor, 'admin')));

  app.get(ADMIN_BASE, async (req, reply) => {
    const actor = requireRole(req.actor, ...STAFF_ROLES);
    const villages = await villagesInView(db, actor);
    const towns = [...new Set(villages.map((v) => v.parentId).filter((x): x is number => x != null))];
    const townPlaces: Place[] = [];
    for (const t of towns) { try { townPlaces.push((await requirePlace(db, actor, t)).place); } catch { /* a village clerk does not read the township */ } }
    const late = await lateItems(ctxOf(req), { today: todayInShanghai() });
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <HomePage ctx={ctx} places={[...townPlaces, ...villages]} late={late} office={isOffice(req)} notice={noticeOf(req)} />);
  });

  const placePage = async (req: FastifyRequest, reply: FastifyReply, id: number, opts: { problems?: Problems; values?: V } = {}) => {
    const { actor, place } = await requirePlace(db, req.actor, id);
    const village = isVillage(place);
    const [matters, templates, rows, cases, late] = await Promise.all([
      village ? villageMatters(ctxOf(req), id) : Promise.resolve([]), listTemplates(db), disclosuresOf(ctxOf(req), id),
      village ? casesOf(ctxOf(req), id) : Promise.resolve([]), village ? lateItems(ctxOf(req), { villageId: id }) : Promise.resolve([]),
    ]);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <PlacePage ctx={ctx} place={place} village={village} matters={matters} templates={templates} rows={rows} cases={cases} late={late} clerk={isClerk(actor, id)} office={officeActs(actor, place)} notice={opts.problems ? undefined : noticeOf(req)} problems={opts.problems} values={opts.values} />);
  };
  app.get(`${ADMIN_BASE}/v/:id`, async (req, reply) => placePage(req, reply, idOf(req)));
  app.post(`${ADMIN_BASE}/v/:id/list`, async (req, reply) => {
    const id = idOf(req);
    try { readForm(formBody(req), []); await makeVillageList(ctxOf(req), id); return reply.redirect(`${ADMIN_BASE}/v/${id}?notice=listed`, 303); } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return placePage(req, reply, id, { problems: p }); }
  });
  app.post(`${ADMIN_BASE}/v/:id/cases`, async (req, reply) => {
    const id = idOf(req);
    let values: V = {};
    try { values = readForm(formBody(req), ['title']); const c = await createCase(ctxOf(req), id, values); return reply.redirect(`${ADMIN_BASE}/c/${c}?notice=case`, 303); } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return placePage(req, reply, id, { problems: p, values }); }
  });

  /** What a new draft is of: the village's matter or the township's shared template row. */
  const sourceFor = async (req: FastifyRequest, values: V) => {
    const { place } = await requirePlace(db, req.actor, refId(values.agencyId) || -1);
    if (isVillage(place)) {
      const m = (await villageMatters(ctxOf(req), place.id)).find((x) => x.id === refId(values.matterId));
      if (!m) throw notFound('公开事项');
      return { place, name: m.name, cadence: m.cadence, village: true, shared: Boolean(m.shared) };
    }
    const t = (await listTemplates(db)).find((x) => x.id === refId(values.templateId) && x.shared);
    if (!t) throw notFound('公开事项');
    return { place, name: t.name, cadence: t.cadence, village: false, shared: true };
  };
  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: V, problems?: Problems) => {
    const s = await sourceFor(req, values);
    return reply.page((ctx) => <DraftForm ctx={ctx} action={`${ADMIN_BASE}/new`} title={`起草：${s.name}`} place={s.place} matterName={s.name} cadence={s.cadence} values={values} problems={problems} village={s.village} shared={s.shared} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).slice(0, 20) : '');
    return newForm(req, reply, { agencyId: s('agency'), matterId: s('matter'), templateId: s('template') });
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    let values: V = {};
    try {
      values = readForm(formBody(req), DRAFT_FIELDS);
      const id = await createDisclosure(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/d/${id}?notice=created`, 303);
    } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return newForm(req, reply, values, p); }
  });

  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number, opts: { problems?: Problems; form?: string; values?: V } = {}) => {
    const [d, objections] = await Promise.all([getDisclosure(ctxOf(req), id), objectionsOf(ctxOf(req), id)]);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <DetailPage ctx={ctx} d={d} objections={objections} notice={opts.problems ? undefined : noticeOf(req)} problems={opts.problems} form={opts.form} values={opts.values} office={isOffice(req)} />);
  };
  app.get(`${ADMIN_BASE}/d/:id`, async (req, reply) => detail(req, reply, idOf(req)));
  for (const action of ['submit', 'return', 'answer', 'sign', 'publish'] as const) {
    app.post(`${ADMIN_BASE}/d/:id/${action}`, async (req, reply) => {
      const id = idOf(req);
      let values: V = {};
      try {
        values = readForm(formBody(req), ['note']);
        await transition(ctxOf(req), id, action, { note: values.note });
        const notice = { submit: 'submitted', return: 'returned', answer: 'answered', sign: 'signed', publish: 'published' }[action];
        return reply.redirect(`${ADMIN_BASE}/d/${id}?notice=${notice}`, 303);
      } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return detail(req, reply, id, { problems: p, form: action, values }); }
    });
  }
  const editForm = async (req: FastifyRequest, reply: FastifyReply, id: number, values?: V, problems?: Problems) => {
    const d = await getDisclosure(ctxOf(req), id);
    const { place } = await requirePlace(db, req.actor, d.agencyId);
    const [tpl] = (await listTemplates(db)).filter((t) => t.id === d.templateId);
    const v: V = values ?? { period: d.period, title: d.title, body: d.body, table: tableText(d.table, d.villages), approvalOn: d.approvalOn ?? '' };
    return reply.page((ctx) => <DraftForm ctx={ctx} action={`${ADMIN_BASE}/d/${id}/edit`} title={`修改：${d.title}`} place={place} matterName={tpl?.name ?? ''} cadence={tpl?.cadence ?? 'asNeeded'} values={v} problems={problems} village={isVillage(place)} />);
  };
  app.get(`${ADMIN_BASE}/d/:id/edit`, async (req, reply) => editForm(req, reply, idOf(req)));
  app.post(`${ADMIN_BASE}/d/:id/edit`, async (req, reply) => {
    const id = idOf(req);
    let values: V = {};
    try { values = readForm(formBody(req), DRAFT_FIELDS); await updateDisclosure(ctxOf(req), id, values); return reply.redirect(`${ADMIN_BASE}/d/${id}?notice=updated`, 303); } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return editForm(req, reply, id, values, p); }
  });
  app.post(`${ADMIN_BASE}/objection/:id/answer`, async (req, reply) => {
    const oid = idOf(req);
    let values: V = {};
    try { values = readForm(formBody(req), ['answer']); const d = await answerObjection(ctxOf(req), oid, values); return reply.redirect(`${ADMIN_BASE}/d/${d}?notice=answeredObjection#objections`, 303); } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return detail(req, reply, await disclosureIdOfObjection(ctxOf(req), oid), { problems: p, form: `o${oid}`, values });
    }
  });

  const templatesPage = async (req: FastifyRequest, reply: FastifyReply, opts: { editing?: number | null; problems?: Problems; values?: V } = {}) => {
    requireRole(req.actor, 'office', 'admin');
    const [rows, days] = await Promise.all([listTemplates(db), answerDays(db)]);
    const editing = opts.editing !== undefined ? opts.editing : refId((req.query as { edit?: unknown }).edit) || null;
    return reply.page((ctx) => <TemplatesPage ctx={ctx} rows={rows} editing={editing} values={opts.values} problems={opts.problems} notice={opts.problems ? undefined : noticeOf(req)} days={days} />);
  };
  const TEMPLATE_FIELDS = ['category', 'name', 'basis', 'cadence', 'dueDay', 'afterDays', 'publicityDays', 'shared', 'active'] as const;
  app.get(`${ADMIN_BASE}/templates`, async (req, reply) => templatesPage(req, reply));
  const saveRoute = (path: string, idFn: (req: FastifyRequest) => number | null) => app.post(path, async (req, reply) => {
    const id = idFn(req);
    let values: V = {};
    try { values = readForm(formBody(req), TEMPLATE_FIELDS); await saveTemplate(ctxOf(req), id, values); return reply.redirect(`${ADMIN_BASE}/templates?notice=template`, 303); } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return templatesPage(req, reply, { editing: id, problems: p, values }); }
  });
  saveRoute(`${ADMIN_BASE}/templates`, () => null);
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    let values: V = {};
    try { values = readForm(formBody(req), ['answerDays']); await updateAnswerDays(ctxOf(req), values.answerDays ?? ''); return reply.redirect(`${ADMIN_BASE}/templates?notice=settings`, 303); } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return templatesPage(req, reply, { editing: null, problems: p, values }); }
  });
  saveRoute(`${ADMIN_BASE}/templates/:id`, (req) => idOf(req));

  app.get(`${ADMIN_BASE}/diff`, async (req, reply) => {
    const rows = await differences(ctxOf(req));
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <DiffPage ctx={ctx} rows={rows} office={isOffice(req)} />);
  });

  const casePage = async (req: FastifyRequest, reply: FastifyReply, id: number, opts: { problems?: Problems; values?: V } = {}) => {
    const c = await getCase(ctxOf(req), id);
    const { actor, place } = await requirePlace(db, req.actor, c.villageId);
    return reply.page((ctx) => <CasePage ctx={ctx} c={c} place={place} clerk={isClerk(actor, c.villageId)} problems={opts.problems} values={opts.values} notice={opts.problems ? undefined : noticeOf(req)} today={todayInShanghai()} />);
  };
  app.get(`${ADMIN_BASE}/c/:id`, async (req, reply) => casePage(req, reply, idOf(req)));
  app.post(`${ADMIN_BASE}/c/:id/step`, async (req, reply) => {
    const id = idOf(req);
    let values: V = {};
    try { values = readForm(formBody(req), ['step', 'on', 'attendees', 'eligible', 'votesFor', 'votesAgainst', 'abstentions', 'note']); await recordStep(ctxOf(req), id, values); return reply.redirect(`${ADMIN_BASE}/c/${id}?notice=step`, 303); } catch (e) { const p = problemsOf(e); reply.status((e as AppError).status); return casePage(req, reply, id, { problems: p, values }); }
  });
}
