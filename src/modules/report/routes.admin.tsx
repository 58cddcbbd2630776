import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { field, formBody, idField, idParam } from '../../web/form.js';
import { REPORT_TRANSITIONS, type ReportAction } from './policy.js';
import { annualReportReminders } from './reminders.js';
import { FIRST_YEAR, createReport, draftableAgencies, saveReport, staffReport, staffReports, transitionReport } from './service.js';
import { shanghaiToday } from './deadlines.js';
import { sendReportFile } from './routes.public.js';
import { ADMIN_BASE, ReportAdminList, ReportAdminPage, type FormValues } from './views/admin.js';

/** Errors to show on the form; anything else (not found, forbidden, server) goes to the error page. */
const messages = (e: unknown): string[] => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const d = e.details as { message: string }[] | undefined;
  return Array.isArray(d) && d.length ? d.map((x) => x.message) : [e.message];
};

// Far above the 20,000 characters a section may have, so the service gives the Chinese message.
const BIG = 1_000_000;

export function registerReportAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const reportId = (req: FastifyRequest) => idParam((req.params as { id: string }).id);

  const renderList = async (req: FastifyRequest, reply: FastifyReply, errors: string[] = []) => {
    const [reports, reminders, agencies] = await Promise.all([staffReports(ctxOf(req)), annualReportReminders(ctxOf(req)), draftableAgencies(ctxOf(req))]);
    const thisYear = Number(shanghaiToday().slice(0, 4));
    const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
    return reply.page((ctx) => <ReportAdminList ctx={ctx} reports={reports} reminders={reminders} agencies={agencies} years={years} defaultYear={thisYear - 1} errors={errors} />);
  };

  app.get(ADMIN_BASE, async (req, reply) => renderList(req, reply));
  app.post(ADMIN_BASE, async (req, reply) => {
    const b = formBody(req);
    try {
      const id = await createReport(ctxOf(req), { agencyId: idField(field(b, 'agencyId', 12), '机构'), year: Number(field(b, 'year', 6)) });
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const errors = messages(e);
      reply.status(e instanceof AppError ? e.status : 400);
      return renderList(req, reply, errors);
    }
  });

  const renderReport = async (req: FastifyRequest, reply: FastifyReply, id: number, errors: string[] = [], values?: FormValues) => {
    const view = await staffReport(ctxOf(req), id);
    const notice = (req.query as { notice?: string }).notice;
    return reply.page((ctx) => <ReportAdminPage ctx={ctx} view={view} errors={errors} values={values} notice={errors.length ? undefined : notice} />);
  };

  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => renderReport(req, reply, reportId(req)));
  app.post(`${ADMIN_BASE}/:id`, async (req, reply) => {
    const id = reportId(req);
    const b = formBody(req);
    const v: FormValues = { overview: field(b, 'overview', BIG), problems: field(b, 'problems', BIG), otherMatters: field(b, 'otherMatters', BIG), feesWan: field(b, 'feesWan', 100) };
    try {
      await saveReport(ctxOf(req), id, v);
    } catch (e) {
      const errors = messages(e);
      reply.status(e instanceof AppError ? e.status : 400);
      return renderReport(req, reply, id, errors, v);
    }
    return reply.redirect(`${ADMIN_BASE}/${id}?notice=saved`, 303);
  });

  app.post(`${ADMIN_BASE}/:id/transition`, async (req, reply) => {
    const id = reportId(req);
    const b = formBody(req);
    const action = field(b, 'action', 20) as ReportAction;
    if (!Object.hasOwn(REPORT_TRANSITIONS, action)) throw invalid('未知的操作。');
    try {
      await transitionReport(ctxOf(req), id, action, { comment: field(b, 'comment', 2000) });
    } catch (e) {
      const errors = messages(e);
      reply.status(e instanceof AppError ? e.status : 400);
      return renderReport(req, reply, id, errors);
    }
    return reply.redirect(`${ADMIN_BASE}/${id}?notice=${action}`, 303);
  });

  app.get(`${ADMIN_BASE}/:id/report.docx`, async (req, reply) => sendReportFile(reply, (await staffReport(ctxOf(req), reportId(req))).content, 'docx'));
  app.get(`${ADMIN_BASE}/:id/report.xlsx`, async (req, reply) => sendReportFile(reply, (await staffReport(ctxOf(req), reportId(req))).content, 'xlsx'));
}
