import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { requireRole } from '../../core/auth/actor.js';
import { fileUrl, getFileById, type StoreInput } from '../../core/files/index.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, fields, formBody, idParam, refId, type FormBody } from '../../web/form.js';
import { loadConsultation, localDateTime, staffConsultations } from '../participation/consultations.js';
import { runs } from '../participation/policy.js';
import { placeOf } from '../participation/consultations.js';
import { announceMeeting, cancelMeeting, createMeeting, MAX_CANCEL_REASON, staffMeetings, updateMeeting } from './meetings.js';
import { meetingForReading, STAFF_ROLES } from './policy.js';
import { drawParticipants, publishList, registrationsOf, setSelection, takenPlaces } from './registrations.js';
import { addMaterial, addMeetingOpinion, materialsDueAt, materialsLate, meetingOpinions, publishMaterials, publishMinutes, recordMinutes, removeMaterial, saveReport, setMinutesFile } from './records.js';
import { getHearSettings, updateHearSettings } from './settings.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { PUBLIC_BASE } from './views/public.js';
import { ADMIN_BASE, AdminList, AdminMeeting, MeetingForm, meetingFormValues, NOTICES, SettingsPage, type AdminView, type Problems } from './views/admin.js';

const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 404].includes(e.status)) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
const MEETING_FIELDS = ['consultationId', 'kind', 'title', 'startsAt', 'place', 'announcement', 'rule', 'ruleText', 'regOpensAt', 'regClosesAt', 'capacity', 'seats'];
const read = (b: FormBody): Record<string, string | string[]> & { consultationId?: string } => ({ ...(Object.fromEntries(MEETING_FIELDS.map((k) => [k, field(b, k, 200_000)])) as Record<string, string>), categories: fields(b, 'categories') });

export function registerHearingAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => NOTICES[String((req.query as { notice?: unknown }).notice ?? '')];

  app.get(ADMIN_BASE, async (req, reply) => {
    const rows = await staffMeetings(ctxOf(req));
    return reply.page((ctx) => <AdminList ctx={ctx} rows={rows} notice={noticeOf(req)} />);
  });

  /** The consultations a meeting can be added to: those the person runs, published and not finished. */
  const runnable = async (req: FastifyRequest) => {
    const actor = requireRole(req.actor, ...STAFF_ROLES);
    const out: { id: number; title: string }[] = [];
    for (const c of await staffConsultations(ctxOf(req))) {
      if (c.state === 'draft' || c.state === 'finished') continue;
      if (runs(actor, c, await placeOf(db, c.agencyId))) out.push({ id: c.id, title: c.title });
    }
    return out;
  };
  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: Record<string, string | string[]>, problems?: Problems) => {
    const consultations = await runnable(req);
    return reply.page((ctx) => <MeetingForm ctx={ctx} action={`${ADMIN_BASE}/new`} heading="新建听证会·座谈会" values={values} problems={problems} consultations={consultations} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    const at = (days: number, hour: number) => { const d = new Date(Date.now() + days * 86_400_000); d.setUTCHours(hour - 8, 0, 0, 0); return localDateTime(d); };
    const q = (req.query as { consultation?: unknown }).consultation;
    return newForm(req, reply, { consultationId: typeof q === 'string' ? q : '', kind: 'hearing', rule: 'first_come', categories: ['affected', 'expert', 'npc', 'cppcc', 'public'], startsAt: at(21, 9), regOpensAt: at(1, 9), regClosesAt: at(10, 17), capacity: '30' });
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    const values = read(formBody(req));
    try {
      const cid = refId(values.consultationId);
      if (!cid) throw invalid('请选择征求意见事项。', { fields: { consultationId: '请选择征求意见事项。' } });
      const id = await createMeeting(ctxOf(req), cid, values);
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const p = (e as AppError)?.code === 'not_found' ? { list: ['所选征求意见不存在，或不由您办理。'], fields: { consultationId: '所选征求意见不存在，或不由您办理。' } } : problemsOf(e);
      reply.status((e as AppError).status === 404 ? 400 : (e as AppError).status);
      return newForm(req, reply, values, p);
    }
  });

  app.get(`${ADMIN_BASE}/settings`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const s = await getHearSettings(db);
    return reply.page((ctx) => <SettingsPage ctx={ctx} s={s} notice={noticeOf(req)} />);
  });
  app.post(`${ADMIN_BASE}/settings`, async (req, reply) => {
    const b = formBody(req);
    const values = { materialsDays: field(b, 'materialsDays', 100), perAddressPerDay: field(b, 'perAddressPerDay', 100) };
    try {
      await updateHearSettings(ctxOf(req), values);
      return reply.redirect(`${ADMIN_BASE}/settings?notice=settings`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return reply.page((ctx) => <SettingsPage ctx={ctx} s={{ materialsDays: 7, perAddressPerDay: 20 }} values={values} problems={p} />);
    }
  });

  const view = async (req: FastifyRequest, id: number): Promise<AdminView> => {
    const { m, mayRun } = await meetingForReading(db, req.actor, id);
    const [c, registrations, opinions, s] = await Promise.all([loadConsultation(db, m.consultationId), registrationsOf(db, id), meetingOpinions(db, m), getHearSettings(db)]);
    return { m, consultation: { id: c.id, title: c.title, draftText: c.draftText, state: c.state }, mayRun, registrations, opinions, materialsDays: s.materialsDays, materialsDueAt: materialsDueAt(m, s.materialsDays), materialsLate: materialsLate(m, s.materialsDays), now: new Date(),
      // The public page is on the meeting's government's own site (a county's prefix under the city's host).
      publicUrl: linkOnSiteOf(db, m.govId, `${PUBLIC_BASE}/${m.id}`, siteScopeOf(req).govId, hostOrigin(req)) };
  };
  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, problems?: Problems, notice?: string) => {
    const v = await view(req, id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <AdminMeeting ctx={ctx} v={v} notice={problems ? undefined : (notice ?? noticeOf(req))} problems={problems} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  const editForm = (reply: FastifyReply, id: number, values: Record<string, string | string[] | undefined>, problems?: Problems) =>
    reply.page((ctx) => <MeetingForm ctx={ctx} action={`${ADMIN_BASE}/${id}/edit`} heading="修改会议信息" values={values} problems={problems} />);
  app.get(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const { m } = await view(req, idOf(req));
    return editForm(reply, m.id, meetingFormValues(m));
  });
  app.post(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const id = idOf(req);
    const values = read(formBody(req));
    try {
      await updateMeeting(ctxOf(req), id, values, (tx) => takenPlaces(tx, id));
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=saved`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return editForm(reply, id, values, p);
    }
  });

  /** An action on the meeting page: done, then back to it with a notice; refused, the page with the reason. */
  const action = (path: string, run: (req: FastifyRequest, id: number, b: FormBody) => Promise<string | void>, notice: string) =>
    app.post(`${ADMIN_BASE}/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      try {
        const n = await run(req, id, req.isMultipart() ? {} : formBody(req));
        return reply.redirect(`${ADMIN_BASE}/${id}?notice=${n || notice}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        reply.status((e as AppError).status);
        return page(req, reply, id, p);
      }
    });
  const upload = async (req: FastifyRequest): Promise<StoreInput> => {
    if (!req.isMultipart()) throw invalid('请选择要上传的文件。');
    const file = await req.file({ limits: { fileSize: 20 * 1024 * 1024, files: 1 } }).catch((e: { code?: string }) => {
      throw e.code?.startsWith('FST_') ? invalid('上传的文件格式不正确或过大（不超过 20 MB）。') : e;
    });
    if (!file?.filename) throw invalid('请选择要上传的文件。');
    const buffer = await file.toBuffer().catch(() => { throw invalid('文件不能超过 20 MB。'); });
    if (!buffer.length) throw invalid('上传的文件是空的。');
    return { buffer, filename: file.filename };
  };

  action('/announce', (req, id) => announceMeeting(ctxOf(req), id), 'announced');
  action('/cancel', (req, id, b) => cancelMeeting(ctxOf(req), id, field(b, 'cancelReason', MAX_CANCEL_REASON * 10)), 'cancelled');
  action('/selection', async (req, id, b) => {
    const a = field(b, 'action', 20);
    if (a !== 'select' && a !== 'unselect') throw invalid('操作不正确。');
    await setSelection(ctxOf(req), id, fields(b, 'ids').map(refId).filter((x) => x > 0), a === 'select');
  }, 'selected');
  action('/draw', async (req, id) => { await drawParticipants(ctxOf(req), id); }, 'drawn');
  action('/list', async (req, id) => { await publishList(ctxOf(req), id); }, 'listed');
  action('/materials', async (req, id) => addMaterial(ctxOf(req), id, await upload(req)), 'attached');
  action('/materials/:fileId/remove', (req, id) => removeMaterial(ctxOf(req), id, idParam((req.params as { fileId: string }).fileId)), 'removed');
  action('/materials/publish', async (req, id) => { await publishMaterials(ctxOf(req), id); }, 'materials');
  action('/minutes', (req, id, b) => recordMinutes(ctxOf(req), id, field(b, 'minutesText', 400_000), null), 'minutes');
  action('/minutes/file', async (req, id) => setMinutesFile(ctxOf(req), id, await upload(req)), 'minutes');
  action('/minutes/publish', (req, id) => publishMinutes(ctxOf(req), id), 'minutesPublished');
  action('/report', async (req, id, b) => {
    const publish = field(b, 'action', 20) === 'publish';
    await saveReport(ctxOf(req), id, field(b, 'reportText', 400_000), publish);
    return publish ? 'reportPublished' : 'report';
  }, 'report');
  action('/opinions', async (req, id, b) => { await addMeetingOpinion(ctxOf(req), id, { category: field(b, 'category', 40), article: field(b, 'article', 20), body: field(b, 'body', 100_000) }); }, 'opinion');

  app.get(`${ADMIN_BASE}/:id/files/:fileId`, async (req, reply) => {
    const { m } = await meetingForReading(db, req.actor, idOf(req));
    const fileId = idParam((req.params as { fileId: string }).fileId);
    const a = m.materials.find((x) => x.fileId === fileId) ?? (m.minutesFile?.fileId === fileId ? m.minutesFile : undefined);
    const f = a ? await getFileById(db, fileId) : null;
    if (!a || !f) throw notFound('附件');
    return reply.redirect(fileUrl(f.sha256, a.name), 302);
  });
}
