import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idField, idParam } from '../../web/form.js';
import { REPORT_TRANSITIONS, type ReportAction } from './policy.js';
import { annualReportReminders } from './reminders.js';
import { FIRST_YEAR, createReport, draftableAgencies, saveReport, staffReport, staffReports, transitionReport } from './service.js';
import { shanghaiToday } from './deadlines.js';
import { sendReportFile } from './routes.public.js';
import { ADMIN_BASE, ReportAdminList, ReportAdminPage, type FormValues, type NewReportValues, type Problems, type RefusedForm } from './views/admin.js';

/**
 * A refused form's problems: the list for the summary on top, and each field's to show beside it.
 * Anything else (not found, forbidden, server) goes to the error page.
 */
const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const d = e.details as { message: string }[] | undefined;
  return { list: Array.isArray(d) && d.length ? d.map((x) => x.message) : [e.message], fields: fieldErrorsOf(e.details) };
};

// Far above the 20,000 characters a section may have, so the service gives the Chinese message.
const BIG = 1_000_000;

export function registerReportAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const reportId = (req: FastifyRequest) => idParam((req.params as { id: string }).id);

  const renderList = async (req: FastifyRequest, reply: FastifyReply, problems?: Problems, chosen?: NewReportValues) => {
    const [reports, reminders, agencies] = await Promise.all([staffReports(ctxOf(req)), annualReportReminders(ctxOf(req)), draftableAgencies(ctxOf(req))]);
    const thisYear = Number(shanghaiToday().slice(0, 4));
    const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
    return reply.page((ctx) => <ReportAdminList ctx={ctx} reports={reports} reminders={reminders} agencies={agencies} years={years} defaultYear={thisYear - 1} problems={problems} chosen={chosen} />);
  };

  app.get(ADMIN_BASE, async (req, reply) => renderList(req, reply));
  app.post(ADMIN_BASE, async (req, reply) => {
    const b = formBody(req);
    const chosen: NewReportValues = { agencyId: field(b, 'agencyId', 12), year: field(b, 'year', 6) };
    try {
      const id = await createReport(ctxOf(req), { agencyId: idField(chosen.agencyId, '机构'), year: Number(chosen.year) });
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const problems = problemsOf(e);
      reply.status((e as AppError).status);
      return renderList(req, reply, problems, chosen);
    }
  });

  const renderReport = async (req: FastifyRequest, reply: FastifyReply, id: number, refused?: RefusedForm, values?: FormValues) => {
    const view = await staffReport(ctxOf(req), id);
    const notice = (req.query as { notice?: string }).notice;
    return reply.page((ctx) => <ReportAdminPage ctx={ctx} view={view} refused={refused} values={values} notice={refused ? undefined : notice} />);
  };

  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => renderReport(req, reply, reportId(req)));
  app.post(`${ADMIN_BASE}/:id`, async (req, reply) => {
    const id = reportId(req);
    const b = formBody(req);
    const v: FormValues = { overview: field(b, 'overview', BIG), problems: field(b, 'problems', BIG), otherMatters: field(b, 'otherMatters', BIG), feesWan: field(b, 'feesWan', 100) };
    try {
      await saveReport(ctxOf(req), id, v);
    } catch (e) {
      const problems = problemsOf(e);
      reply.status((e as AppError).status);
      return renderReport(req, reply, id, { problems }, v);
    }
    return reply.redirect(`${ADMIN_BASE}/${id}?notice=saved`, 303);
  });

  app.post(`${ADMIN_BASE}/:id/transition`, async (req, reply) => {
    const id = reportId(req);
    const b = formBody(req);
    const action = field(b, 'action', 20) as ReportAction;
    if (!Object.hasOwn(REPORT_TRANSITIONS, action)) throw invalid('未知的操作。');
    const comment = field(b, 'comment', 2000);
    try {
      await transitionReport(ctxOf(req), id, action, { comment });
    } catch (e) {
      const problems = problemsOf(e);
      // A 退回 refused for its comment (missing, too long) shows the problem beside the comment box.
      if (action === 'return' && (e as AppError).code === 'invalid_input') problems.fields.comment ??= problems.list[0]!;
      reply.status((e as AppError).status);
      return renderReport(req, reply, id, { problems, action, comment });
    }
    return reply.redirect(`${ADMIN_BASE}/${id}?notice=${action}`, 303);
  });

  app.get(`${ADMIN_BASE}/:id/report.docx`, async (req, reply) => sendReportFile(reply, (await staffReport(ctxOf(req), reportId(req))).content, 'docx'));
  app.get(`${ADMIN_BASE}/:id/report.xlsx`, async (req, reply) => sendReportFile(reply, (await staffReport(ctxOf(req), reportId(req))).content, 'xlsx'));
}
