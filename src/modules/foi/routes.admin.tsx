import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { h } from '../../core/render/jsx.js';
import { requireRole } from '../../core/auth/actor.js';
import { AppError, forbidden, invalid, notFound } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { field, formBody, idParam, known, type FormBody } from '../../web/form.js';
import { contentDisposition, DEFAULT_MAX_BYTES, downloadName, getFileById, readFileBytes, sendPrivateFile, storeFile } from '../../core/files/index.js';
import { isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { getAgency, listAgencies, KIND_LABELS } from '../org/service.js';
import { users } from '../../core/auth/schema.js';
import { APPLICABLE_KINDS, confirmReceipt, HANDLER_ROLES, registerApplication } from './intake.js';
import * as handling from './handling.js';
import { caseDetail, listCases, popularRequests, statistics, type CaseDetail } from './queries.js';
import { statisticsCharts } from './statistics.js';
import { addReview, decideReview, listReviews } from './reviews.js';
import { isOutcome, OUTCOME_INFO } from './outcomes.js';
import { isWithheldGround, MAX_WITHHELD_PARTS, replyPlainText, replyText } from './replies.js';
import { negEntriesFor, type CitableEntry } from '../negative/citing.js';
import { DOCX_MIME, replyDocx, replyDocxFilename } from './reply-docx.js';
import { foiCtx } from './routes.public.js';
import { CaseDetailPage, CaseListPage, FoiSettingsPage, PopularPage, PrintPage, RegisterPage, ReviewsPage, StatsPage, type FailedAction, type PartValues, type ReplyValues } from './views/admin.js';
import { getFoiSettings, updateFoiSettings } from './settings.js';
import { listRemedies, remediesFor, setRemedies } from './remedies.js';
import { suppliedOf } from './supplied.js';
import { letterFromText } from './letter.js';
import { replyPdf } from './reply-pdf.js';
import { fieldErrorsOf, type FieldErrors, type FormValues } from './views/public.js';

const NOTICES: Record<string, string> = { done: '已保存。', registered: '申请已登记。', review: '已登记。' };

/** The withheld parts typed into the reply form (rows left blank are dropped). */
function partsFrom(b: FormBody): PartValues[] {
  const out: PartValues[] = [];
  for (let n = 1; n <= MAX_WITHHELD_PARTS; n++) {
    const v = { content: field(b, handling.partField(n, 'content'), 2000), ground: field(b, handling.partField(n, 'ground'), 40), entry: field(b, handling.partField(n, 'entry'), 200), reason: field(b, handling.partField(n, 'reason'), 2000) };
    if (v.content.trim() || v.ground || v.entry || v.reason.trim()) out.push(v);
  }
  return out;
}

const replyValuesFrom = (b: FormBody): ReplyValues => ({
  outcome: field(b, 'outcome', 40), text: field(b, 'text', 20_000), reason: field(b, 'reason', 2000), parts: partsFrom(b), competentAgencyId: field(b, 'competentAgencyId', 20),
  negEntryId: field(b, 'negEntryId', 200),
});

/** The standard text for the chosen outcome, filled from the case (staff edit it before sending). */
function standardText(d: CaseDetail, outcome: string, remedies: { reviewBody: string; court: string }, typed: Pick<ReplyValues, 'reason' | 'parts' | 'negEntryId'> = { reason: '', parts: [], negEntryId: '' }, competent?: { name: string; contact: string } | null, negs: CitableEntry[] = []): string {
  if (!isOutcome(outcome)) return '';
  const entryOf = (raw: string | undefined) => negs.find((n) => String(n.id) === raw);
  const cited = isWithheldGround(outcome) ? entryOf(typed.negEntryId) : undefined;
  // A placeholder wherever the outcome needs something not yet typed: issuing refuses a letter that still holds one.
  const parts = typed.parts.length ? typed.parts : [{ content: '', ground: '', reason: '' }];
  try {
    return replyPlainText(replyText({
      outcome, agencyName: d.agencyName, code: d.row.code, applicantName: d.row.applicantName, receivedOn: d.row.receivedOn ?? todayInShanghai(),
      repliedOn: todayInShanghai(), content: d.row.content,
      reason: typed.reason || (cited ? handling.entryReason(cited) : OUTCOME_INFO[outcome].needsReason && outcome !== 'partial' ? '（请填写理由）' : undefined),
      withheldParts: outcome === 'partial'
        ? parts.map((p) => {
          const e = entryOf(p.entry);
          return { content: p.content.trim() || '（请填写不予公开的内容）', ground: e ? e.reportRow : isWithheldGround(p.ground) ? p.ground : null, reason: p.reason.trim() || (e ? handling.entryReason(e) : '（请填写不予公开的理由）') };
        })
        : undefined,
      transferTo: outcome === 'unavailable_not_held' && competent ? competent : undefined,
      attachments: handling.attachedFiles(d.events).map((f) => f.name),
      reviewBody: remedies.reviewBody, court: remedies.court,
    }));
  } catch (e) {
    if (e instanceof AppError) return '';
    throw e;
  }
}

export function registerFoiAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const agencyOptions = async () =>
    (await listAgencies(db)).filter((a) => APPLICABLE_KINDS.includes(a.kind)).map((a) => ({ id: a.id, name: a.name, kindLabel: KIND_LABELS[a.kind] }));
  const notice = (req: FastifyRequest) => known(NOTICES, (req.query as { notice?: string }).notice) ?? null;

  app.get('/admin/foi', async (req, reply) => {
    const ctx = foiCtx(deps, req);
    const tab = (req.query as { state?: string }).state === 'closed' ? 'closed' : 'open';
    const open = await listCases(ctx, { state: 'open', limit: 500 });
    const items = tab === 'open' ? open : await listCases(ctx, { state: 'closed' });
    const counts = { overdue: open.filter((c) => c.urgency === 'overdue').length, dueSoon: open.filter((c) => c.urgency === 'due_soon').length, pending: open.filter((c) => c.state === 'pending_confirmation').length };
    return reply.page((c) => <CaseListPage ctx={c} items={items} tab={tab} counts={counts} notice={notice(req)} />);
  });

  const registerForm = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: string[], fieldErrors: FieldErrors = {}) => {
    requireRole(req.actor, ...HANDLER_ROLES);
    const agencies = (await agencyOptions()).filter((a) => a.id === req.actor!.agencyId);
    return reply.page((c) => <RegisterPage ctx={c} agencies={agencies} values={values} errors={errors} fieldErrors={fieldErrors} />);
  };
  app.get('/admin/foi/register', async (req, reply) => registerForm(req, reply, { agencyId: String(req.actor?.agencyId ?? ''), receivedOn: todayInShanghai(), channel: 'letter', submitKey: crypto.randomUUID() }, []));
  app.post('/admin/foi/register', async (req, reply) => {
    const b = formBody(req);
    const values = Object.fromEntries(Object.keys(b).filter((k) => k !== '_csrf').map((k) => [k, field(b, k, 4000)]));
    try {
      const s = await registerApplication(foiCtx(deps, req), values);
      const items = await listCases(foiCtx(deps, req), { state: 'open', limit: 500 });
      const message = `已登记。查询码 ${s.code}，密码 ${s.secret}（请告知申请人，密码只显示这一次）。收到申请之日 ${s.receivedOn}，答复期限 ${s.dueOn ?? '—'}。`;
      return reply.header('cache-control', 'no-store').page((c) => <CaseListPage ctx={c} items={items} tab="open" counts={{ overdue: items.filter((x) => x.urgency === 'overdue').length, dueSoon: items.filter((x) => x.urgency === 'due_soon').length, pending: items.filter((x) => x.state === 'pending_confirmation').length }} notice={message} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return registerForm(req, reply, values, e.message.split('；'), fieldErrorsOf(e.details));
    }
  });

  app.get('/admin/foi/stats', async (req, reply) => {
    const q = req.query as { from?: string; to?: string };
    const today = todayInShanghai();
    const range = { from: isIsoDate(q.from) ? q.from : `${today.slice(0, 4)}-01-01`, to: isIsoDate(q.to) ? q.to : today };
    if (range.from > range.to) throw invalid('开始日期不能晚于结束日期。');
    const s = await statistics(foiCtx(deps, req), range);
    return reply.page((c) => <StatsPage ctx={c} s={s} charts={statisticsCharts(s)} range={range} />);
  });

  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, values: { feesEnabled: boolean; defaultFeeRule: string; paymentWorkdays: string } | null, errors: string[], fieldErrors: FieldErrors = {}) => {
    const actor = requireRole(req.actor, 'office', 'admin');
    const current = await getFoiSettings(db);
    const v = values ?? { ...current, paymentWorkdays: String(current.paymentWorkdays) };
    const remedies = await listRemedies(db, actor);
    return reply.page((c) => <FoiSettingsPage ctx={c} values={v} errors={errors} notice={notice(req)} remedies={remedies} fieldErrors={fieldErrors} />);
  };
  app.post('/admin/foi/settings/remedies', async (req, reply) => {
    const b = formBody(req);
    try {
      await setRemedies({ db, actor: req.actor }, { agencyId: field(b, 'agencyId', 20), reviewBody: field(b, 'reviewBody', 200), court: field(b, 'court', 200) });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return settingsPage(req, reply, null, [e.message]);
    }
    return reply.redirect('/admin/foi/settings?notice=done#remedies', 303);
  });
  app.get('/admin/foi/settings', async (req, reply) => settingsPage(req, reply, null, []));
  app.post('/admin/foi/settings', async (req, reply) => {
    const b = formBody(req);
    const values = { feesEnabled: field(b, 'feesEnabled', 10) === 'on', defaultFeeRule: field(b, 'defaultFeeRule', 20), paymentWorkdays: field(b, 'paymentWorkdays', 100) };
    try {
      await updateFoiSettings({ db, actor: req.actor }, values);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return settingsPage(req, reply, values, [e.message], fieldErrorsOf(e.details));
    }
    return reply.redirect('/admin/foi/settings?notice=done', 303);
  });

  app.get('/admin/foi/popular', async (req, reply) => {
    const items = await popularRequests(foiCtx(deps, req));
    return reply.page((c) => <PopularPage ctx={c} items={items} />);
  });

  const reviewsPage = async (req: FastifyRequest, reply: FastifyReply, errors: string[], failed?: FailedAction) => {
    const items = await listReviews(foiCtx(deps, req));
    return reply.page((c) => <ReviewsPage ctx={c} items={items} errors={errors} notice={notice(req)} failed={failed} />);
  };
  app.get('/admin/foi/reviews', async (req, reply) => reviewsPage(req, reply, []));
  app.post('/admin/foi/reviews', async (req, reply) => {
    const b = formBody(req);
    const values = { code: field(b, 'code', 40), kind: field(b, 'kind', 40), filedOn: field(b, 'filedOn', 20), body: field(b, 'body', 200) };
    try {
      await addReview(foiCtx(deps, req), values);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return reviewsPage(req, reply, [e.message], { action: 'review', values, fields: fieldErrorsOf(e.details) });
    }
    return reply.redirect('/admin/foi/reviews?notice=review', 303);
  });
  app.post('/admin/foi/reviews/:id', async (req, reply) => {
    const b = formBody(req);
    try {
      await decideReview(foiCtx(deps, req), idParam((req.params as { id: string }).id), { result: field(b, 'result', 20), decidedOn: field(b, 'decidedOn', 20) });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return reviewsPage(req, reply, [e.message]);
    }
    return reply.redirect('/admin/foi/reviews?notice=review', 303);
  });

  /** The agency named under Art. 36 (五), for the standard text: its published name and contact. */
  const competentOf = async (raw: string, own: number) => {
    const a = raw ? await getAgency(db, Number(raw)).catch(() => null) : null;
    return a && a.id !== own && APPLICABLE_KINDS.includes(a.kind) ? { name: a.name, contact: handling.agencyContact(a) } : null;
  };
  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number, errors: string[], replyValues?: ReplyValues, failed?: FailedAction) => {
    const ctx = foiCtx(deps, req);
    const d = await caseDetail(ctx, id);
    const q = req.query as { outcome?: string };
    const outcome = replyValues?.outcome ?? (isOutcome(q.outcome) ? q.outcome : '');
    const r = replyValues ?? { outcome, text: outcome ? standardText(d, outcome, await remediesFor(db, d.row.agencyId)) : '', reason: '', parts: [] };
    const staff = d.canHandle ? await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.agencyId, d.row.agencyId)) : [];
    const agencies = d.canHandle ? await agencyOptions() : [];
    const fees = await getFoiSettings(db);
    const negs = d.canHandle ? await negEntriesFor(db, req.actor, d.row.agencyId) : [];
    return reply.page((c) => <CaseDetailPage ctx={c} d={d} errors={errors} notice={notice(req)} staff={staff} agencies={agencies} reply={r} fees={fees} failed={failed} negs={negs} />);
  };

  app.get('/admin/foi/:id', async (req, reply) => detail(req, reply, idParam((req.params as { id: string }).id), []));

  // The standard letter rebuilt from what staff typed (withheld content, reason): changes nothing.
  app.post('/admin/foi/:id/reply-draft', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const b = formBody(req);
    const d = await caseDetail(foiCtx(deps, req), id);
    const typed = replyValuesFrom(b);
    const competent = await competentOf(typed.competentAgencyId ?? '', d.row.agencyId);
    const negs = d.canHandle ? await negEntriesFor(db, req.actor, d.row.agencyId) : [];
    return detail(req, reply, id, [], { ...typed, text: standardText(d, typed.outcome, await remediesFor(db, d.row.agencyId), typed, competent, negs) });
  });

  const on = (b: FormBody) => field(b, 'on', 20) || undefined;
  const ACTIONS: Record<string, (ctx: ReturnType<typeof foiCtx>, id: number, b: FormBody) => Promise<void>> = {
    confirm: (c, id, b) => confirmReceipt(c, id, { on: on(b) }),
    assign: (c, id, b) => handling.assignCase(c, id, { userId: field(b, 'userId', 20) }),
    transfer: (c, id, b) => handling.transferCase(c, id, { toAgencyId: field(b, 'toAgencyId', 20), note: field(b, 'note', 500) }),
    supplement: (c, id, b) => handling.requestSupplement(c, id, { items: field(b, 'items', 2000), dueOn: field(b, 'dueOn', 20), on: on(b) }),
    supplied: (c, id, b) => handling.recordSupplement(c, id, { on: on(b), note: field(b, 'note', 2000) }),
    'supplement-expired': (c, id) => handling.expireSupplement(c, id),
    consult: (c, id, b) => handling.startConsultation(c, id, { party: field(b, 'party', 20), name: field(b, 'name', 200), on: on(b) }),
    consulted: (c, id, b) => handling.endConsultation(c, id, { ref: field(b, 'ref', 20), opinion: field(b, 'opinion', 20), on: on(b) }),
    extend: (c, id, b) => handling.extendCase(c, id, { workdays: field(b, 'workdays', 5), approver: field(b, 'approver', 50), reason: field(b, 'reason', 500), on: on(b) }),
    fee: (c, id, b) => handling.issueFeeNotice(c, id, { rule: field(b, 'rule', 20), pages: field(b, 'pages', 10), on: on(b) }),
    paid: (c, id, b) => handling.recordPayment(c, id, { on: on(b) }),
    'fee-expired': (c, id) => handling.expireFee(c, id),
    reply: (c, id, b) => {
      const r = replyValuesFrom(b);
      return handling.replyCase(c, id, { outcome: r.outcome, text: r.text, reason: r.reason, withheldParts: r.parts.map((p) => ({ ...p, ground: p.ground || undefined })), competentAgencyId: r.competentAgencyId || undefined, negEntryId: r.negEntryId, on: on(b) });
    },
    deliver: (c, id, b) => handling.recordDelivery(c, id, { method: field(b, 'method', 50), on: on(b) }),
    archive: (c, id) => handling.archiveCase(c, id),
    note: (c, id, b) => handling.addNote(c, id, { note: field(b, 'note', 2000) }),
  };

  app.post('/admin/foi/:id/attach', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const ctx = foiCtx(deps, req);
    // Permission and existence before reading the body: the office that only reads the case stores nothing.
    if (!(await caseDetail(ctx, id)).canHandle) throw forbidden('该申请由承办机关办理，您只能查看。');
    try {
      const part = await req.file({ limits: { fileSize: DEFAULT_MAX_BYTES } });
      if (!part || part.fieldname !== 'file' || !part.filename) throw invalid('请选择要上传的文件。');
      const buffer = await part.toBuffer().catch((e: { code?: string }) => {
        throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? new AppError('too_large', 413, `文件不能超过 ${DEFAULT_MAX_BYTES / 1024 / 1024} MB。`) : e;
      });
      const stored = await storeFile(ctx, { buffer, filename: part.filename });
      await handling.attachFile(ctx, id, { fileId: stored.id, sha256: stored.sha256, name: downloadName(part.filename, stored.ext) });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 404) throw e;
      reply.status(e.status);
      return detail(req, reply, id, [e.message]);
    }
    return reply.redirect(`/admin/foi/${id}?notice=done`, 303);
  });

  app.post('/admin/foi/:id/:action', async (req, reply) => {
    const { id: raw, action } = req.params as { id: string; action: string };
    const id = idParam(raw);
    const run = known(ACTIONS, action); // 'constructor' or 'toString' name no action: 404
    if (!run) throw notFound('操作');
    const b = formBody(req);
    try {
      await run(foiCtx(deps, req), id, b);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 404) throw e;
      reply.status(e.status);
      const values = Object.fromEntries(Object.keys(b).filter((k) => k !== '_csrf' && k.length <= 40).map((k) => [k, field(b, k, 20_000)]));
      return detail(req, reply, id, [e.message], action === 'reply' ? replyValuesFrom(b) : undefined, { action, values, fields: fieldErrorsOf(e.details) });
    }
    return reply.redirect(`/admin/foi/${id}?notice=done`, 303);
  });

  const sentLetter = async (req: FastifyRequest) => {
    const d = await caseDetail(foiCtx(deps, req), idParam((req.params as { id: string }).id));
    if (!d.canHandle) throw notFound('答复书');
    const replied = [...d.events].reverse().find((e) => e.kind === 'replied');
    if (!replied) throw notFound('答复书');
    return { d, text: String(replied.data.text ?? '') };
  };
  app.get('/admin/foi/:id/reply.docx', async (req, reply) => {
    const { d, text } = await sentLetter(req);
    const letter = letterFromText(text);
    const buf = await replyDocx(letter);
    return reply.type(DOCX_MIME).header('content-disposition', contentDisposition('attachment', replyDocxFilename(letter.title, d.row.code))).header('cache-control', 'private, no-store').send(buf);
  });
  app.get('/admin/foi/:id/reply.pdf', async (req, reply) => {
    const { d, text } = await sentLetter(req);
    const letter = letterFromText(text);
    const pdf = await replyPdf(letter, { code: d.row.code });
    return reply.type('application/pdf').header('content-disposition', contentDisposition('attachment', replyDocxFilename(letter.title, d.row.code).replace(/\.docx$/, '.pdf'))).header('cache-control', 'private, no-store').send(pdf);
  });
  app.get('/admin/foi/:id/print', async (req, reply) => {
    const { d, text } = await sentLetter(req);
    return reply.page((c) => <PrintPage ctx={c} text={text} id={d.row.id} />);
  });
  // A file the applicant supplied with an online 补正: to the case's handlers only, never public.
  app.get('/admin/foi/:id/supplement-files/:fileId', async (req, reply) => {
    const p = req.params as { id: string; fileId: string };
    const d = await caseDetail(foiCtx(deps, req), idParam(p.id));
    const fileId = idParam(p.fileId);
    const supplied = d.canHandle ? suppliedOf(d.events)?.files.find((f) => f.fileId === fileId) : undefined;
    const file = supplied ? await getFileById(db, fileId) : null;
    const bytes = file ? await readFileBytes(db, file.sha256) : null;
    if (!supplied || !file || !bytes) throw notFound('文件');
    return sendPrivateFile(reply, file, bytes, supplied.name);
  });
  app.get('/admin/foi/:id/proof', async (req, reply) => {
    const d = await caseDetail(foiCtx(deps, req), idParam((req.params as { id: string }).id));
    if (!d.canHandle || !d.row.idProofFileId) throw notFound('文件');
    const file = await getFileById(db, d.row.idProofFileId);
    const bytes = file ? await readFileBytes(db, file.sha256) : null;
    if (!file || !bytes) throw notFound('文件');
    return sendPrivateFile(reply, file, bytes, `身份证明-${d.row.code}.${file.ext}`);
  });
}
