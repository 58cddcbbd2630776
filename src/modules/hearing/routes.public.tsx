import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, notFound } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { fileUrl, getFileById } from '../../core/files/index.js';
import { siteScopeOf } from '../../web/context.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, refuseFilledHoneypot } from '../../web/form.js';
import type { Db } from '../../db/client.js';
import { loadConsultation } from '../participation/consultations.js';
import { publicMeeting, publicMeetings } from './meetings.js';
import { participantList, register, registrationByCode, registrationStatus, takenPlaces } from './registrations.js';
import { materialsLate } from './records.js';
import { getHearSettings } from './settings.js';
import { ListPage, MeetingPage, PUBLIC_BASE, RegisteredPage, StatusPage, type FormValues, type PublicMeetingView } from './views/public.js';

const FIELDS = ['name', 'phone', 'category', 'reason', 'submitKey', 'homepage'] as const;
/** Far above the service's limits, so an oversize field gets its own message. */
const FIELD_MAX = 100_000;
const newKey = () => randomBytes(12).toString('base64url');

/** What the public page shows of a meeting (never a phone; the list once published). */
export async function meetingView(db: Db, id: number, govId: number | null, now = new Date()): Promise<PublicMeetingView> {
  const m = await publicMeeting(db, id, govId);
  const [c, taken, s, list] = await Promise.all([loadConsultation(db, m.consultationId), takenPlaces(db, id), getHearSettings(db), m.listPublishedAt ? participantList(db, id) : null]);
  return { m, consultationTitle: c.title, taken, status: registrationStatus(m, taken, now), participants: list, materialsLate: materialsLate(m, s.materialsDays), materialsDays: s.materialsDays };
}

export function registerHearingPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };

  app.get(PUBLIC_BASE, async (req, reply) => {
    const rows = await publicMeetings(db, gov(req));
    return reply.page((ctx) => <ListPage ctx={ctx} rows={rows} />);
  });

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
      const s = await registrationByCode(db, code);
      return reply.page((ctx) => <StatusPage ctx={ctx} code={s.code} s={s} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      return reply.page((ctx) => <StatusPage ctx={ctx} code={code} error={e.message} />);
    }
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, values: FormValues = {}, errors: string[] = [], fieldErrors: Record<string, string> = {}) => {
    const v = await meetingView(db, id, gov(req));
    return reply.page((ctx) => <MeetingPage ctx={ctx} v={v} values={{ submitKey: newKey(), ...values }} errors={errors} fieldErrors={fieldErrors} />);
  };
  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => page(req, reply, idParam((req.params as { id: string }).id)));

  app.post(`${PUBLIC_BASE}/:id/register`, { config: { rateLimit } }, async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const values: FormValues = {};
    try {
      const b = formBody(req);
      for (const k of FIELDS) values[k] = field(b, k, FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return page(req, reply, id, {}, ['提交的内容过长，请精简后重新提交。']);
    }
    try {
      const m = await publicMeeting(db, id, gov(req)); // another government's meeting is not found from this site
      refuseFilledHoneypot(values.homepage);
      const r = await register({ db, key: config.foiDataKey, address: req.ip }, id, values);
      reply.header('cache-control', 'private, no-store');
      return reply.page((ctx) => <RegisteredPage ctx={ctx} code={r.code} m={m} state={r.state} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
      reply.status(e.status);
      const { submitKey: _k, homepage: _h, ...kept } = values;
      const fe = fieldErrorsOf(e.details);
      return page(req, reply, id, kept, Object.keys(fe).length ? Object.values(fe) : [e.message], fe);
    }
  });

  app.get(`${PUBLIC_BASE}/:id/files/:fileId`, async (req, reply) => {
    const p = req.params as { id: string; fileId: string };
    const m = await publicMeeting(db, idParam(p.id), gov(req));
    const fileId = idParam(p.fileId);
    const a = (m.materialsPublishedAt ? m.materials : []).find((x) => x.fileId === fileId) ?? (m.minutesPublishedAt && m.minutesFile?.fileId === fileId ? m.minutesFile : undefined);
    const f = a ? await getFileById(db, fileId) : null;
    if (!a || !f) throw notFound('附件');
    return reply.redirect(fileUrl(f.sha256, a.name), 302);
  });
}
