import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { contentDisposition } from '../../core/files/index.js';
import { fieldErrorsOf } from '../../web/components.js';
import { checked, field, formBody, idParam, type FormBody } from '../../web/form.js';
import {
  addQuestion, createSurvey, getSurvey, getSurveySettings, listSurveys, localTimeOf, moveQuestion, removeQuestion, responseSheet, staffResults, transitionSurvey,
  updateSurvey, updateSurveySettings, type QuestionInput, type SurveyAction, type SurveyInput,
} from './service.js';
import { smsWebhookUrl } from './sms.js';
import { responsesXlsx, XLSX_MIME } from './export-xlsx.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { PUBLIC_BASE } from './views/public.js';
import { ADMIN_BASE, NewSurveyPage, SettingsPage, StaffResultsPage, SurveyEditorPage, SurveyListPage, type EditorRefusal, type FormValues } from './views/admin.js';

const NOTICES: Record<string, string> = {
  created: '调查已创建，请添加题目。', saved: '已保存。', question: '题目已添加。', removed: '题目已删除。', moved: '题目顺序已调整。',
  schedule: '调查已发布。', unschedule: '已撤回为草稿。', close: '调查已结束。', publish: '结果公告已公布。', settings: '设置已保存。',
};

/** A refused form's problems; anything but bad input (not found, forbidden, server) goes to the error page. */
const problemsOf = (e: unknown) => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const fields = fieldErrorsOf(e.details);
  return { errors: Object.keys(fields).length ? Object.values(fields) : [e.message], fieldErrors: fields };
};

const surveyInput = (b: FormBody): SurveyInput => ({
  title: field(b, 'title', 2000), description: field(b, 'description', 50_000), opensAt: field(b, 'opensAt', 40), closesAt: field(b, 'closesAt', 40),
  maxPerAddress: field(b, 'maxPerAddress', 40), phoneCheck: checked(b, 'phoneCheck'), consultationId: field(b, 'consultationId', 40),
});
const surveyFormValues = (v: SurveyInput): FormValues => ({ ...v, phoneCheck: v.phoneCheck ? '1' : '' });
const questionInput = (b: FormBody): QuestionInput => ({
  kind: field(b, 'kind', 40), title: field(b, 'title', 5000), required: checked(b, 'required'), options: field(b, 'options', 50_000),
  minPicks: field(b, 'minPicks', 40), maxPicks: field(b, 'maxPicks', 40), scaleMin: field(b, 'scaleMin', 40), scaleMax: field(b, 'scaleMax', 40),
  scaleMinLabel: field(b, 'scaleMinLabel', 200), scaleMaxLabel: field(b, 'scaleMaxLabel', 200), maxLength: field(b, 'maxLength', 40),
});

export function registerSurveyAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const sid = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => NOTICES[String((req.query as { done?: string }).done ?? '')];
  const gateway = async () => (await smsWebhookUrl(db)) !== '';

  app.get(ADMIN_BASE, async (req, reply) => {
    const items = await listSurveys(ctxOf(req));
    return reply.page((ctx) => <SurveyListPage ctx={ctx} items={items} notice={noticeOf(req)} />);
  });

  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    await listSurveys(ctxOf(req)); // signed in, with a role that runs surveys
    const now = Date.now();
    const values = { opensAt: localTimeOf(new Date(now + 24 * 3600_000)).slice(0, 11) + '09:00', closesAt: localTimeOf(new Date(now + 15 * 24 * 3600_000)).slice(0, 11) + '17:00', maxPerAddress: '3' };
    return reply.page((ctx) => <NewSurveyPage ctx={ctx} values={values} gateway={false} />);
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    const v = surveyInput(formBody(req));
    try {
      const id = await createSurvey(ctxOf(req), v);
      return reply.redirect(`${ADMIN_BASE}/${id}?done=created`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      const gw = await gateway();
      return reply.page((ctx) => <NewSurveyPage ctx={ctx} values={surveyFormValues(v)} errors={p.errors} fieldErrors={p.fieldErrors} gateway={gw} />);
    }
  });

  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const s = await getSurveySettings(ctxOf(req));
    return reply.page((ctx) => <SettingsPage ctx={ctx} url={s.smsWebhookUrl} mayChange={s.mayChange} notice={noticeOf(req)} />);
  });
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const url = field(formBody(req), 'smsWebhookUrl', 2000);
    try {
      await updateSurveySettings(ctxOf(req), { smsWebhookUrl: url });
      return reply.redirect(`${ADMIN_BASE}/settings?done=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return reply.page((ctx) => <SettingsPage ctx={ctx} url={url} mayChange={true} errors={p.errors} fieldErrors={p.fieldErrors} />);
    }
  });

  const editor = async (req: FastifyRequest, reply: FastifyReply, id: number, refused?: EditorRefusal) => {
    const s = await getSurvey(ctxOf(req), id);
    const gw = await gateway();
    // The public page is on the survey's government's own site (a county's prefix under the city's host).
    const publicUrl = linkOnSiteOf(db, s.govId, `${PUBLIC_BASE}/${s.id}`, siteScopeOf(req).govId, hostOrigin(req));
    return reply.page((ctx) => <SurveyEditorPage ctx={ctx} publicUrl={publicUrl} s={s} notice={refused ? undefined : noticeOf(req)} refused={refused} gateway={gw} />);
  };
  /** Runs a step of the editor; a refusal shows the editor again with the problem beside its form. */
  const step = (form: EditorRefusal['form'], run: (req: FastifyRequest, id: number, b: FormBody) => Promise<string>, valuesOf: (b: FormBody) => FormValues = () => ({})) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const id = sid(req);
      const b = formBody(req);
      try {
        return reply.redirect(await run(req, id, b), 303);
      } catch (e) {
        const p = problemsOf(e);
        reply.status((e as AppError).status);
        return editor(req, reply, id, { form, ...p, values: valuesOf(b) });
      }
    };

  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => editor(req, reply, sid(req)));
  app.post(`${ADMIN_BASE}/:id`, step('survey', async (req, id, b) => {
    await updateSurvey(ctxOf(req), id, surveyInput(b));
    return `${ADMIN_BASE}/${id}?done=saved`;
  }, (b) => surveyFormValues(surveyInput(b))));
  app.post(`${ADMIN_BASE}/:id/questions`, step('question', async (req, id, b) => {
    await addQuestion(ctxOf(req), id, questionInput(b));
    return `${ADMIN_BASE}/${id}?done=question`;
  }, (b) => {
    const q = questionInput(b);
    return { ...q, required: q.required ? '1' : '' };
  }));
  app.post(`${ADMIN_BASE}/:id/questions/:qid/:op`, step('action', async (req, id) => {
    const { qid, op } = req.params as { qid: string; op: string };
    const q = idParam(qid);
    if (op === 'remove') await removeQuestion(ctxOf(req), id, q);
    else if (op === 'up' || op === 'down') await moveQuestion(ctxOf(req), id, q, op);
    else throw new AppError('not_found', 404, '您访问的页面不存在。');
    return `${ADMIN_BASE}/${id}?done=${op === 'remove' ? 'removed' : 'moved'}`;
  }));
  for (const action of ['schedule', 'unschedule', 'close'] as SurveyAction[]) {
    app.post(`${ADMIN_BASE}/:id/${action}`, step('action', async (req, id) => {
      await transitionSurvey(ctxOf(req), id, action);
      return `${ADMIN_BASE}/${id}?done=${action}`;
    }));
  }

  const results = async (req: FastifyRequest, reply: FastifyReply, id: number, refused?: { errors: string[]; summary: string }) => {
    const [r, s] = await Promise.all([staffResults(ctxOf(req), id), getSurvey(ctxOf(req), id)]);
    const resultsUrl = linkOnSiteOf(db, s.govId, `${PUBLIC_BASE}/${s.id}/results`, siteScopeOf(req).govId, hostOrigin(req));
    return reply.page((ctx) => <StaffResultsPage ctx={ctx} resultsUrl={resultsUrl} r={r} mayRun={s.mayRun} refused={refused} notice={refused ? undefined : noticeOf(req)} />);
  };
  app.get(`${ADMIN_BASE}/:id/results`, async (req, reply) => results(req, reply, sid(req)));
  app.post(`${ADMIN_BASE}/:id/publish`, async (req, reply) => {
    const id = sid(req);
    const summary = field(formBody(req), 'summary', 100_000);
    try {
      await transitionSurvey(ctxOf(req), id, 'publish', { summary });
      return reply.redirect(`${ADMIN_BASE}/${id}/results?done=publish`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return results(req, reply, id, { errors: p.errors, summary });
    }
  });
  app.get(`${ADMIN_BASE}/:id/responses.xlsx`, async (req, reply) => {
    const sheet = await responseSheet(ctxOf(req), sid(req));
    const name = `${sheet.survey.title.slice(0, 60)}-全部问卷.xlsx`;
    return reply.type(XLSX_MIME).header('content-disposition', contentDisposition('attachment', name)).header('cache-control', 'private, no-store').send(await responsesXlsx(sheet));
  });
}
