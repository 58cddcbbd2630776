import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf } from '../../web/context.js';
import { fieldErrorsOf } from '../../web/components.js';
import { formBody, field, idParam, refuseFilledHoneypot, type FormBody } from '../../web/form.js';
import { publicResults, publicSurvey, publicSurveys, requestPhoneCode, spendCodeTry, submitResponse, type RawAnswers, type SurveyCtx } from './service.js';
import { configuredGateway } from './sms.js';
import { PUBLIC_BASE, PublicListPage, PublicResultsPage, SurveyPage, ThanksPage, type PhoneState } from './views/public.js';

/** The answers in a posted form: every `q<id>` field, as a list of its string values. */
export function answersOf(b: FormBody): RawAnswers {
  const out: RawAnswers = {};
  for (const [k, v] of Object.entries(b)) {
    if (!/^q[1-9]\d{0,9}$/.test(k)) continue;
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (list.length) out[k] = list.slice(0, 100);
  }
  return out;
}

/** This browser's mark of having answered a survey: a signed cookie holding the receipt. */
export const answeredCookie = (id: number) => `gk_sv${id}`;
const phoneCookie = (id: number) => `gk_svp${id}`;

export function registerSurveyPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.production, signed: true };
  const sctx = (): SurveyCtx => ({ db, actor: null, secret: config.cookieSecret });
  const govOf = (req: FastifyRequest) => siteScopeOf(req).govId;
  const surveyId = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const signed = (req: FastifyRequest, name: string, pattern: RegExp): string | null => {
    const raw = req.cookies[name];
    if (!raw) return null;
    const u = req.unsignCookie(raw);
    return u.valid && u.value && pattern.test(u.value) ? u.value : null;
  };
  const answered = (req: FastifyRequest, id: number) => signed(req, answeredCookie(id), /^[A-Z0-9]{4,40}$/);
  const heldPhone = (req: FastifyRequest, id: number) => signed(req, phoneCookie(id), /^[0-9a-f]{64}$/);
  const newKey = () => randomBytes(12).toString('base64url');

  app.get(PUBLIC_BASE, async (req, reply) => {
    const items = await publicSurveys(db, govOf(req));
    return reply.page((ctx) => <PublicListPage ctx={ctx} items={items} />);
  });

  const showForm = async (req: FastifyRequest, reply: FastifyReply, id: number, more: { values?: RawAnswers; errors?: string[]; fieldErrors?: Record<string, string>; submitKey?: string; phone?: PhoneState } = {}) => {
    const s = await publicSurvey(db, govOf(req), id);
    reply.header('cache-control', 'private, no-store');
    const phone = more.phone ?? { verified: heldPhone(req, id) != null };
    return reply.page((ctx) => <SurveyPage ctx={ctx} s={s} values={more.values ?? {}} errors={more.errors} fieldErrors={more.fieldErrors} submitKey={more.submitKey ?? newKey()} answered={answered(req, id)} phone={phone} />);
  };

  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => showForm(req, reply, surveyId(req)));

  app.post(`${PUBLIC_BASE}/:id`, { config: { rateLimit } }, async (req, reply) => {
    const id = surveyId(req);
    const b = formBody(req);
    const values = answersOf(b);
    const submitKey = field(b, 'submitKey', 200);
    try {
      // The honeypot: a field people never see; a program filling every box fills it too.
      refuseFilledHoneypot(field(b, 'website', 10_000));
      const { receipt } = await submitResponse(sctx(), {
        surveyId: id, govId: govOf(req), answers: values, ip: req.ip, submitKey,
        answeredBefore: answered(req, id) != null, phoneHash: heldPhone(req, id), code: field(b, 'code', 100),
      });
      reply.setCookie(answeredCookie(id), receipt, { ...cookieOpts, maxAge: 366 * 24 * 3600 });
      reply.clearCookie(phoneCookie(id), { path: '/' });
      return reply.redirect(`${PUBLIC_BASE}/${id}/thanks`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
      await spendCodeTry(db, e);
      reply.status(e.status);
      return showForm(req, reply, id, { values, errors: e.details ? Object.values(fieldErrorsOf(e.details)) : [e.message], fieldErrors: fieldErrorsOf(e.details), submitKey: e.code === 'duplicate_submission' ? newKey() : submitKey || newKey() });
    }
  });

  app.post(`${PUBLIC_BASE}/:id/code`, { config: { rateLimit } }, async (req, reply) => {
    const id = surveyId(req);
    const phone = field(formBody(req), 'phone', 40);
    try {
      const hash = await requestPhoneCode(sctx(), await configuredGateway(db), govOf(req), id, phone);
      reply.setCookie(phoneCookie(id), hash, { ...cookieOpts, maxAge: 15 * 60 });
      return showForm(req, reply, id, { phone: { verified: true, sent: true, phone } });
    } catch (e) {
      if (!(e instanceof AppError) || e.status === 404) throw e;
      reply.status(e.status);
      return showForm(req, reply, id, { phone: { verified: false, phone, error: e.message } });
    }
  });

  app.get(`${PUBLIC_BASE}/:id/thanks`, async (req, reply) => {
    const id = surveyId(req);
    const s = await publicSurvey(db, govOf(req), id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <ThanksPage ctx={ctx} s={s} receipt={answered(req, id)} />);
  });

  app.get(`${PUBLIC_BASE}/:id/results`, async (req, reply) => {
    const r = await publicResults(db, govOf(req), surveyId(req));
    return reply.page((ctx) => <PublicResultsPage ctx={ctx} r={r} />);
  });
}
