import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { requireRole } from '../../core/auth/actor.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { contentDisposition } from '../../core/files/index.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, fields, formBody, idParam, refId, type FormBody } from '../../web/form.js';
import { addAttachment, createConsultation, forReading, linkDocument, localDateTime, publishConsultation, removeAttachment, staffConsultations, updateConsultation } from './consultations.js';
import { decideGroup, decideOpinion, groupOpinions, groupsOf, moderate, openWork, opinionsOf, recordOpinion, ungroupOpinion, unmoderatedIn } from './opinions.js';
import type { Method } from './schema.js';
import { buildReport, finishConsultation, reportOf, reviewReport, submitReport } from './report.js';
import { commentsXlsx, DOCX_MIME, reportDocx, XLSX_MIME } from './exports.js';
import { adjustMatter, createMatter, staffMatters } from './matters.js';
import { getSettings, updateSettings } from './settings.js';
import { reviewsReport } from './policy.js';
import { placeOf } from './consultations.js';
import { agencies } from '../../core/org/schema.js';
import { eq } from 'drizzle-orm';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { CATALOG_BASE } from './views/public.js';
import { ADMIN_BASE, AdminConsultation, AdminList, ConsultationForm, MatterAdmin, MattersAdmin, NOTICES, SettingsPage, type AdminView, type Problems } from './views/admin.js';

const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 404].includes(e.status)) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
const BIG = 400_000;
const CONSULTATION_FIELDS = ['title', 'kind', 'draftText', 'explanation', 'startsAt', 'endsAt', 'shortReason', 'matterId', 'documentId'];
const MATTER_FIELDS = ['year', 'title', 'category', 'undertakerId', 'hearingRequired', 'riskAssessmentRequired', 'partyAgreedOn', 'publishedOn', 'documentId', 'changeNote', 'withdrawn'];
const SETTINGS_FIELDS = ['majorDecisionDays', 'ruleDays', 'normativeWorkdays', 'maxCommentChars', 'perContactPerDay', 'perAddressPerDay', 'sensitiveWords'];
const read = (b: FormBody, names: string[], max = BIG) => Object.fromEntries(names.map((k) => [k, field(b, k, max)]));

export function registerParticipationAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => NOTICES[String((req.query as { notice?: unknown }).notice ?? '')];

  app.get(ADMIN_BASE, async (req, reply) => {
    const rows = await staffConsultations(ctxOf(req));
    const pending = new Map((await unmoderatedIn(db, rows.map((r) => r.id))).map((r) => [r.id, r.n]));
    return reply.page((ctx) => <AdminList ctx={ctx} rows={rows} pending={pending} notice={noticeOf(req)} />);
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, action: string, heading: string, values: Record<string, string | string[] | undefined>, problems?: Problems) => {
    const matters = await staffMatters(ctxOf(req));
    return reply.page((ctx) => <ConsultationForm ctx={ctx} action={action} heading={heading} values={values} problems={problems} matters={matters} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    requireRole(req.actor, 'editor', 'reviewer', 'office');
    const start = new Date(Date.now() + 3600_000);
    start.setMinutes(0, 0, 0);
    return formPage(req, reply, `${ADMIN_BASE}/new`, '新建征求意见', { kind: 'normative', methods: ['online'], startsAt: localDateTime(start), endsAt: localDateTime(new Date(start.getTime() + 30 * 86_400_000)) });
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    const b = formBody(req);
    const values = { ...read(b, CONSULTATION_FIELDS), methods: fields(b, 'methods') };
    try {
      const id = await createConsultation(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return formPage(req, reply, `${ADMIN_BASE}/new`, '新建征求意见', values, p);
    }
  });

  const view = async (req: FastifyRequest, id: number): Promise<AdminView> => {
    const actor = requireRole(req.actor, 'editor', 'reviewer', 'office', 'admin');
    const { c, place, mayRun } = await forReading(db, actor, id);
    const [opinions, groups, report, work, [agency]] = await Promise.all([opinionsOf(db, id), groupsOf(db, id), reportOf(db, id), openWork(db, id), db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, c.agencyId))]);
    const preview = !report && c.state === 'closed' && !work.undecided && !work.unmoderated ? await buildReport(db, c).catch(() => null) : null;
    return { c, agencyName: agency?.name ?? '', mayRun, mayReview: reviewsReport(actor, c, place) && report?.submittedBy !== actor.userId, opinions, groups, report, preview, work };
  };
  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, problems?: Problems) => {
    const v = await view(req, id);
    return reply.page((ctx) => <AdminConsultation ctx={ctx} v={v} notice={problems ? undefined : noticeOf(req)} problems={problems} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  app.get(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const { c } = await view(req, idOf(req));
    return formPage(req, reply, `${ADMIN_BASE}/${c.id}/edit`, '修改征求意见', { ...c, startsAt: localDateTime(c.startsAt), endsAt: localDateTime(c.endsAt), matterId: c.matterId ? String(c.matterId) : '', documentId: c.documentId ? String(c.documentId) : '', methods: c.methods } as never);
  });
  app.post(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const id = idOf(req);
    const b = formBody(req);
    const values = { ...read(b, CONSULTATION_FIELDS), methods: fields(b, 'methods') };
    try {
      await updateConsultation(ctxOf(req), id, values);
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=saved`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return formPage(req, reply, `${ADMIN_BASE}/${id}/edit`, '修改征求意见', values, p);
    }
  });

  /** An action on the consultation page: done, then back to it; refused, the page again with the reason. */
  const action = (path: string, run: (req: FastifyRequest, id: number, b: FormBody) => Promise<unknown>, notice: string) =>
    app.post(`${ADMIN_BASE}/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      try {
        await run(req, id, req.isMultipart() ? {} : formBody(req));
        return reply.redirect(`${ADMIN_BASE}/${id}?notice=${notice}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        reply.status((e as AppError).status);
        return page(req, reply, id, p);
      }
    });

  action('/publish', (req, id) => publishConsultation(ctxOf(req), id), 'published');
  action('/attachments', async (req, id) => {
    if (!req.isMultipart()) throw invalid('请选择要上传的文件。');
    const file = await req.file({ limits: { fileSize: 20 * 1024 * 1024, files: 1 } }).catch((e: { code?: string }) => {
      throw e.code?.startsWith('FST_') ? invalid('上传的文件格式不正确或过大（不超过 20 MB）。') : e;
    });
    if (!file?.filename) throw invalid('请选择要上传的文件。');
    const buffer = await file.toBuffer().catch(() => { throw invalid('附件不能超过 20 MB。'); });
    if (!buffer.length) throw invalid('上传的文件是空的。');
    await addAttachment(ctxOf(req), id, { buffer, filename: file.filename });
  }, 'attached');
  app.post(`${ADMIN_BASE}/:id/attachments/:fileId/remove`, async (req, reply) => {
    const id = idOf(req);
    await removeAttachment(ctxOf(req), id, idParam((req.params as { fileId: string }).fileId));
    return reply.redirect(`${ADMIN_BASE}/${id}?notice=removed`, 303);
  });
  const opinionId = (req: FastifyRequest) => idParam((req.params as { oid: string }).oid);
  // An opinion gathered another way (a letter, a visit, a meeting): recorded by staff into the same list.
  action('/opinions/record', (req, id, b) => {
    const article = field(b, 'article', 10).trim() || '0';
    if (!/^\d{1,4}$/.test(article)) throw invalid('条款选择不正确。');
    const [source, name] = [field(b, 'source', BIG), field(b, 'name', BIG)];
    if (source.length > 200) throw invalid(`来源说明不超过 200 个字，本次 ${source.length} 个字。`);
    if (name.length > 50) throw invalid(`提出意见的单位或个人不超过 50 个字，本次 ${name.length} 个字。`);
    return recordOpinion(ctxOf(req), id, { method: field(b, 'method', 40) as Method, source, name, body: field(b, 'body', BIG), article: Number(article) });
  }, 'recorded');
  action('/opinions/:oid/moderate', (req, _id, b) => moderate(ctxOf(req), opinionId(req), { action: field(b, 'action', 20), reason: field(b, 'reason', 40), text: field(b, 'text', 5000) }), 'moderated');
  action('/opinions/:oid/decide', (req, _id, b) => decideOpinion(ctxOf(req), opinionId(req), { disposition: field(b, 'disposition', 40), reason: field(b, 'reason', 10000) }), 'decided');
  action('/opinions/:oid/ungroup', (req) => ungroupOpinion(ctxOf(req), opinionId(req)), 'ungrouped');
  action('/groups', (req, id, b) => groupOpinions(ctxOf(req), id, fields(b, 'ids').map(refId).filter((x) => x > 0), field(b, 'point', 5000)), 'grouped');
  action('/groups/:gid/decide', (req, _id, b) => decideGroup(ctxOf(req), idParam((req.params as { gid: string }).gid), { disposition: field(b, 'disposition', 40), reason: field(b, 'reason', 10000) }), 'decided');
  action('/report', (req, id, b) => submitReport(ctxOf(req), id, field(b, 'summary', 20000)), 'submitted');
  action('/report/review', (req, id, b) => {
    const a = field(b, 'action', 20);
    if (a !== 'publish' && a !== 'return') throw invalid('审核操作不正确。');
    return reviewReport(ctxOf(req), id, a, field(b, 'note', 5000));
  }, 'reviewed');
  action('/finish', (req, id) => finishConsultation(ctxOf(req), id), 'finished');
  action('/document', (req, id, b) => {
    const s = field(b, 'documentId', 20).trim();
    if (s && refId(s) === 0) throw invalid('信息编号应为正整数。');
    return linkDocument(ctxOf(req), id, s ? refId(s) : null);
  }, 'linked');

  app.get(`${ADMIN_BASE}/:id/export.xlsx`, async (req, reply) => {
    const { buffer, title } = await commentsXlsx(ctxOf(req), idOf(req));
    return reply.type(XLSX_MIME).header('content-disposition', contentDisposition('attachment', `${title}意见汇总.xlsx`)).header('cache-control', 'private, no-store').send(buffer);
  });

  // The feedback report as DOCX for staff, in review or published (the public's is on the site's page).
  app.get(`${ADMIN_BASE}/:id/feedback.docx`, async (req, reply) => {
    const v = await view(req, idOf(req));
    if (!v.report) throw new AppError('not_found', 404, '还没有提交意见采纳情况。');
    return reply.type(DOCX_MIME).header('content-disposition', contentDisposition('attachment', `${v.c.title}意见采纳情况.docx`)).header('cache-control', 'private, no-store').send(await reportDocx(v.report.content));
  });

  // The catalog of 重大行政决策事项.
  const undertakers = async (req: FastifyRequest) => {
    const actor = requireRole(req.actor, 'office', 'admin');
    return (await governmentAgencies(db, actor.placement.govId)).filter((a) => a.kind !== 'village' && a.kind !== 'community').map((a) => ({ id: a.id, name: a.name }));
  };
  const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const mattersPage = async (req: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, problems?: Problems) => {
    const [matters, ags] = await Promise.all([staffMatters(ctxOf(req)), undertakers(req)]);
    // The published catalog is on the government's own site (a county's prefix under the city's host).
    const catalogUrl = linkOnSiteOf(db, req.actor?.placement.govId, CATALOG_BASE, siteScopeOf(req).govId, hostOrigin(req));
    return reply.page((ctx) => <MattersAdmin ctx={ctx} catalogUrl={catalogUrl} matters={matters} agencies={ags} values={values} problems={problems} notice={problems ? undefined : noticeOf(req)} year={thisYear()} />);
  };
  app.get(`${ADMIN_BASE}/matters`, async (req, reply) => mattersPage(req, reply));
  app.post(`${ADMIN_BASE}/matters`, async (req, reply) => {
    const values = read(formBody(req), MATTER_FIELDS, 5000);
    try {
      await createMatter(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/matters?notice=matter`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return mattersPage(req, reply, values, p);
    }
  });
  const matterPage = async (req: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, problems?: Problems) => {
    const id = idOf(req);
    const [matters, ags] = await Promise.all([staffMatters(ctxOf(req)), undertakers(req)]);
    const m = matters.find((x) => x.id === id);
    if (!m) throw new AppError('not_found', 404, '未找到该决策事项，或您无权查看。');
    const publicUrl = linkOnSiteOf(db, m.govId, `${CATALOG_BASE}/${m.id}`, siteScopeOf(req).govId, hostOrigin(req));
    return reply.page((ctx) => <MatterAdmin ctx={ctx} publicUrl={publicUrl} m={m} agencies={ags} values={values} problems={problems} notice={problems ? undefined : noticeOf(req)} />);
  };
  app.get(`${ADMIN_BASE}/matters/:id`, async (req, reply) => matterPage(req, reply));
  app.post(`${ADMIN_BASE}/matters/:id`, async (req, reply) => {
    const values = read(formBody(req), MATTER_FIELDS, 5000);
    try {
      await adjustMatter(ctxOf(req), idOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/matters/${idOf(req)}?notice=adjusted`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return matterPage(req, reply, values, p);
    }
  });

  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const s = await getSettings(db);
    return reply.page((ctx) => <SettingsPage ctx={ctx} s={s} notice={noticeOf(req)} />);
  });
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const values = read(formBody(req), SETTINGS_FIELDS, 200_000);
    try {
      await updateSettings(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/settings?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return reply.page((ctx) => <SettingsPage ctx={ctx} s={{} as never} values={values} problems={p} />);
    }
  });
}
