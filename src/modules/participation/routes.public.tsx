import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, notFound } from '../../core/errors.js';
import type { AppDeps, DocumentPanel, ModuleManifest } from '../../core/module.js';
import { contentDisposition, fileUrl, getFileById } from '../../core/files/index.js';
import { siteScopeOf } from '../../web/context.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, refuseFilledHoneypot } from '../../web/form.js';
import { agencies } from '../../core/org/schema.js';
import { eq } from 'drizzle-orm';
import { publicConsultation, publicList, TABS, type PublicTab } from './queries.js';
import { opinionStatus, submitComment } from './opinions.js';
import { catalogOf, catalogYears, matterPage } from './matters.js';
import { DOCX_MIME, reportDocx } from './exports.js';
import { CATALOG_BASE, CatalogPage, ConsultationPage, ListPage, MatterPage, PUBLIC_BASE, StatusPage, SubmittedPage, type FormValues } from './views/public.js';

const COMMENT_FIELDS = ['article', 'quote', 'body', 'name', 'contact', 'submitKey', 'homepage'] as const;
/** Far above any limit the service sets, so an oversize comment is refused with its own message. */
const FIELD_MAX = 200_000;
const newKey = () => randomBytes(12).toString('base64url');
const shanghaiYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function registerParticipationPublicRoutes(app: FastifyInstance, deps: AppDeps, modules: readonly ModuleManifest[] = []): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };

  app.get(PUBLIC_BASE, async (req, reply) => {
    const t = (req.query as { tab?: unknown }).tab;
    const tab = (typeof t === 'string' && TABS.some((x) => x.id === t) ? t : 'open') as PublicTab;
    const rows = await publicList(db, gov(req), tab);
    return reply.page((ctx) => <ListPage ctx={ctx} tab={tab} rows={rows} />);
  });

  const consultationPage = async (req: FastifyRequest, reply: FastifyReply, id: number, values: FormValues = {}, errors: string[] = [], fieldErrors: Record<string, string> = {}) => {
    const v = await publicConsultation(db, id, gov(req));
    // Other modules' boxes about it (its 听证会 and 座谈会), core/module.ts consultationPanels.
    const panels = (await Promise.all(modules.flatMap((m) => m.consultationPanels ?? []).map((p) => p(db, id)))).filter((p): p is DocumentPanel => p !== null);
    return reply.page((ctx) => <ConsultationPage ctx={ctx} v={v} panels={panels} values={{ submitKey: newKey(), ...values }} errors={errors} fieldErrors={fieldErrors} />);
  };

  app.get(`${PUBLIC_BASE}/status`, async (_req, reply) => {
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <StatusPage ctx={ctx} />);
  });

  /** The query code in the body, never in a URL (history, logs, referrers). */
  app.post(`${PUBLIC_BASE}/status`, { config: { rateLimit } }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    let code = '';
    try {
      code = field(formBody(req), 'code', 200).slice(0, 40);
      if (!code.trim()) throw new AppError('invalid', 400, '请填写查询码。');
      const s = await opinionStatus(db, code);
      return reply.page((ctx) => <StatusPage ctx={ctx} code={s.code} s={s} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      return reply.page((ctx) => <StatusPage ctx={ctx} code={code} error={e.message} />);
    }
  });

  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => consultationPage(req, reply, idParam((req.params as { id: string }).id)));

  app.post(`${PUBLIC_BASE}/:id/comment`, { config: { rateLimit } }, async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const b = formBody(req);
    const values: FormValues = {};
    try {
      for (const k of COMMENT_FIELDS) values[k] = field(b, k, FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return consultationPage(req, reply, id, {}, ['提交的内容过长，请精简后分条提交。']);
    }
    try {
      await publicConsultation(db, id, gov(req)); // another government's consultation is not found from this site
      refuseFilledHoneypot(values.homepage);
      const s = await submitComment({ db, key: config.foiDataKey, address: req.ip }, id, values);
      return reply.page((ctx) => <SubmittedPage ctx={ctx} code={s.code} held={s.state === 'held'} consultationId={id} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
      reply.status(e.status);
      const { submitKey: _k, homepage: _h, ...kept } = values;
      const fe = fieldErrorsOf(e.details);
      return consultationPage(req, reply, id, kept, Object.keys(fe).length ? Object.values(fe) : [e.message], fe);
    }
  });

  app.get(`${PUBLIC_BASE}/:id/files/:fileId`, async (req, reply) => {
    const p = req.params as { id: string; fileId: string };
    const v = await publicConsultation(db, idParam(p.id), gov(req));
    const fileId = idParam(p.fileId);
    const a = v.c.attachments.find((x) => x.fileId === fileId);
    const f = a ? await getFileById(db, fileId) : null;
    if (!a || !f) throw notFound('附件');
    return reply.redirect(fileUrl(f.sha256, a.name), 302);
  });

  app.get(`${PUBLIC_BASE}/:id/feedback.docx`, async (req, reply) => {
    const v = await publicConsultation(db, idParam((req.params as { id: string }).id), gov(req));
    if (!v.report) throw notFound('意见采纳情况');
    const buf = await reportDocx(v.report.content);
    return reply.type(DOCX_MIME).header('content-disposition', contentDisposition('attachment', `${v.c.title}意见采纳情况.docx`)).send(buf);
  });

  app.get(CATALOG_BASE, async (req, reply) => {
    const g = gov(req);
    if (g == null) throw notFound('决策事项目录');
    const years = await catalogYears(db, g);
    const q = (req.query as { year?: unknown }).year;
    const year = typeof q === 'string' && /^\d{4}$/.test(q) ? Number(q) : (years[0] ?? shanghaiYear());
    const [matters, [govRow]] = await Promise.all([catalogOf(db, g, year, true), db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, g))]);
    return reply.page((ctx) => <CatalogPage ctx={ctx} year={year} years={years.length ? years : [year]} matters={matters} govName={govRow?.name ?? ''} />);
  });

  app.get(`${CATALOG_BASE}/:id`, async (req, reply) => {
    const v = await matterPage(db, idParam((req.params as { id: string }).id), gov(req), true);
    return reply.page((ctx) => <MatterPage ctx={ctx} v={v} />);
  });
}
