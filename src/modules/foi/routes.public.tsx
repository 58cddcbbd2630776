import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { KIND_LABELS } from '../org/service.js';
import { eq } from 'drizzle-orm';
import { agencies as agencyTable } from '../../core/org/schema.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { siteScopeOf } from '../../web/context.js';
import type { Db } from '../../db/client.js';
import { z } from 'zod';
import { formBody, field } from '../../web/form.js';
import { documentRoute } from '../../core/api.js';
import { ApplicationInput } from './validate.js';
import { contentDisposition, findFile, readFileBytes, sendPrivateFile, type StoreInput } from '../../core/files/index.js';
import { APPLICABLE_KINDS, disclosedFile, dueIfConfirmedOn, followApplication, MAX_PROOF_BYTES, MAX_SUPPLEMENT_FILES, MAX_SUPPLEMENT_TEXT, submitApplication, supplyOnline, type FoiCtx } from './intake.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { letterFromText } from './letter.js';
import { replyPdf } from './reply-pdf.js';
import { DOCX_MIME, replyDocx, replyDocxFilename } from './reply-docx.js';
import { ApplyPage, fieldErrorsOf, FollowForm, LetterPage, FollowPage, IntroPage, ReceiptMissing, SubmittedPage, type FormValues } from './views/public.js';

const FORM_FIELDS = ['agencyId', 'applicantType', 'orgCategory', 'name', 'idType', 'idNumber', 'contactPerson', 'phone', 'email', 'address', 'postcode', 'content', 'docNumber', 'purpose', 'form', 'delivery', 'submitKey'];

export const foiCtx = (deps: AppDeps, req: FastifyRequest): FoiCtx => ({ db: deps.db, actor: req.actor, key: deps.config.foiDataKey, countStartDay: deps.config.deadlineCountStartDay });

/** Reads the multipart application form: its fields (each bounded) and at most one ID-proof file. */
async function readForm(req: FastifyRequest): Promise<{ values: FormValues; proof?: StoreInput }> {
  if (!req.isMultipart()) {
    const b = formBody(req);
    return { values: Object.fromEntries(FORM_FIELDS.map((k) => [k, field(b, k, 4000)])) };
  }
  const values: FormValues = {};
  let proof: StoreInput | undefined;
  try {
    for await (const part of req.parts({ limits: { fields: 40, files: 1, fileSize: MAX_PROOF_BYTES, fieldSize: 16_000 } })) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'proof' && part.filename && buffer.length) proof = { buffer, filename: part.filename };
      } else if (FORM_FIELDS.includes(part.fieldname) && typeof part.value === 'string' && part.value !== '') values[part.fieldname] = part.value.slice(0, 4000);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 413, `身份证明文件不能超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB。`);
    if (code?.startsWith('FST_')) throw invalid('提交的表单格式不正确，请刷新页面后重试。');
    throw e;
  }
  return { values, proof };
}

/** Reads the multipart 补正 form: its text and up to MAX_SUPPLEMENT_FILES files, each bounded. */
async function readSupplement(req: FastifyRequest): Promise<{ text: string; files: StoreInput[] }> {
  if (!req.isMultipart()) return { text: field(formBody(req), 'text', MAX_SUPPLEMENT_TEXT + 1000), files: [] };
  let text = '';
  const files: StoreInput[] = [];
  try {
    for await (const part of req.parts({ limits: { fields: 10, files: MAX_SUPPLEMENT_FILES + 1, fileSize: MAX_PROOF_BYTES, fieldSize: 16_000 } })) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'files' && part.filename && buffer.length) files.push({ buffer, filename: part.filename });
      } else if (part.fieldname === 'text' && typeof part.value === 'string') text = part.value;
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 413, `每个文件不能超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB。`, { fields: { files: `每个文件不能超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB。` } });
    if (code === 'FST_FILES_LIMIT') throw invalid(`补正材料最多 ${MAX_SUPPLEMENT_FILES} 个文件。`, { fields: { files: `补正材料最多 ${MAX_SUPPLEMENT_FILES} 个文件。` } });
    if (code?.startsWith('FST_')) throw invalid('提交的表单格式不正确，请刷新页面后重试。');
    throw e;
  }
  return { text, files };
}

/**
 * A public site takes applications for its own government's agencies only (issue 12): an
 * agency of another government (a sibling county, the city from a county's site) is refused
 * with a field error on the agency box. An id that names no agency is left to the intake's check.
 */
async function checkSiteAgency(db: Db, req: FastifyRequest, agencyId: unknown): Promise<void> {
  const { govId } = siteScopeOf(req);
  const s = typeof agencyId === 'number' ? String(agencyId) : typeof agencyId === 'string' ? agencyId.trim() : '';
  if (govId == null || !/^\d{1,10}$/.test(s)) return;
  const [a] = await db.select({ govId: agencyTable.govId }).from(agencyTable).where(eq(agencyTable.id, Number(s)));
  if (!a || a.govId === govId) return;
  const site = req.site?.name || '本网站';
  const message = `所选机关不属于${site}，不能通过本网站申请。请在列表中选择本级的受理机关，或到该机关所属政府的网站提交申请。`;
  throw invalid(message, { fields: { agencyId: message } });
}

const RECEIPT_COOKIE = 'gk_receipt';
const FOLLOW_COOKIE = 'gk_follow';

export function registerFoiPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  // An applicant's code and secret: signed, unreadable to scripts, sent only to /yishenqing pages.
  const privateCookie = { path: '/yishenqing', httpOnly: true, sameSite: 'lax' as const, secure: config.production, signed: true };
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };
  // The site's own government's agencies (issue 12): a county's site lists the county's, the city's the city's.
  const agencyOptions = async (req: FastifyRequest) =>
    (await governmentAgencies(db, siteScopeOf(req).govId)).filter((a) => APPLICABLE_KINDS.includes(a.kind)).map((a) => ({ id: a.id, name: a.name, kindLabel: KIND_LABELS[a.kind] }));
  const newKey = () => randomBytes(12).toString('base64url');

  app.get('/yishenqing', async (_req, reply) => reply.page((ctx) => <IntroPage ctx={ctx} />));

  app.get('/yishenqing/apply', async (req, reply) => {
    const agencies = await agencyOptions(req);
    const pick = String((req.query as { agency?: unknown }).agency ?? '');
    return reply.page((ctx) => <ApplyPage ctx={ctx} agencies={agencies} values={{ agencyId: pick }} errors={[]} submitKey={newKey()} />);
  });

  app.post('/yishenqing/apply', { config: { rateLimit } }, async (req, reply) => {
    const { values, proof } = await readForm(req);
    try {
      await checkSiteAgency(db, req, values.agencyId);
      const s = await submitApplication(foiCtx(deps, req), values, proof);
      // Post/redirect/get: the receipt survives a reload and the back button, and the form is not
      // sent twice. Code and secret stay in this browser (signed, httpOnly cookie), not in a URL.
      reply.setCookie(RECEIPT_COOKIE, `${s.code}:${s.secret}`, { ...privateCookie, maxAge: 24 * 3600 });
      return reply.redirect('/yishenqing/receipt', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      const agencies = await agencyOptions(req);
      return reply.page((ctx) => <ApplyPage ctx={ctx} agencies={agencies} values={values} errors={e.message.split('；')} fieldErrors={fieldErrorsOf(e.details)} submitKey={e.code === 'duplicate_submission' ? newKey() : values.submitKey || newKey()} />);
    }
  });

  app.get('/yishenqing/files/:code/:fileId', async (req, reply) => {
    const { code, fileId } = req.params as { code: string; fileId: string };
    const q = req.query as { exp?: string; sig?: string };
    const f = await disclosedFile(foiCtx(deps, req), String(code).slice(0, 40), Number(fileId), Number(q.exp), String(q.sig ?? ''));
    const bytes = f ? await readFileBytes(db, f.sha256) : null;
    const file = f ? await findFile(db, f.sha256) : null;
    if (!f || !bytes || !file) throw new AppError('not_found', 404, '文件链接无效或已过期，请重新查询办理进度后下载。');
    return sendPrivateFile(reply, file, bytes, f.name);
  });

  /** The code and secret a private cookie holds, if it is there and its signature holds. */
  const fromCookie = (req: FastifyRequest, name: string): { code: string; secret: string } | null => {
    const raw = req.cookies[name];
    if (!raw) return null;
    const u = req.unsignCookie(raw);
    const m = u.valid && u.value ? /^([^:]{1,40}):([^:]{1,64})$/.exec(u.value) : null;
    return m ? { code: m[1]!, secret: m[2]! } : null;
  };

  // The printable receipt (回执) of the application this browser just submitted.
  app.get('/yishenqing/receipt', async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    const held = fromCookie(req, RECEIPT_COOKIE);
    const v = held ? await followApplication(foiCtx(deps, req), held.code, held.secret).catch(() => null) : null;
    if (!held || !v) return reply.page((ctx) => <ReceiptMissing ctx={ctx} />);
    return reply.page((ctx) => <SubmittedPage ctx={ctx} s={{ code: held.code, secret: held.secret, agencyName: v.agencyName, submittedOn: v.submittedOn, receivedOn: v.receivedOn, dueOn: v.dueOn }} />);
  });

  app.get('/yishenqing/follow', async (_req, reply) => reply.page((ctx) => <FollowForm ctx={ctx} />));

  // The progress page: reached after the code and secret were checked, kept for this browser
  // session only, so a reload shows it again and a shared computer forgets it when closed.
  app.get('/yishenqing/progress', async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    const held = fromCookie(req, FOLLOW_COOKIE);
    if (!held) return reply.redirect('/yishenqing/follow', 303);
    try {
      const v = await followApplication(foiCtx(deps, req), held.code, held.secret);
      const notice = (req.query as { notice?: string }).notice === 'supplied' ? '补正已提交。答复期限自今天起重新计算。' : null;
      return reply.page((ctx) => <FollowPage ctx={ctx} v={v} notice={notice} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.clearCookie(FOLLOW_COOKIE, { path: '/yishenqing' });
      return reply.redirect('/yishenqing/follow', 303);
    }
  });
  // The reply letter, for the applicant to keep: PDF (Chinese font embedded) and DOCX.
  const heldLetter = async (req: FastifyRequest) => {
    const held = fromCookie(req, FOLLOW_COOKIE);
    const v = held ? await followApplication(foiCtx(deps, req), held.code, held.secret).catch(() => null) : null;
    if (!v?.reply) throw new AppError('not_found', 404, '没有可下载的答复书。请先查询办理进度；答复作出后可在查询页面下载。');
    const letter = letterFromText(v.reply.text);
    return { letter, name: replyDocxFilename(letter.title, v.code).replace(/\.docx$/, '') };
  };
  app.get('/yishenqing/progress/letter.pdf', async (req, reply) => {
    const { letter, name } = await heldLetter(req);
    const pdf = await replyPdf(letter, { code: name });
    return reply.type('application/pdf').header('content-disposition', contentDisposition('attachment', `${name}.pdf`)).header('cache-control', 'private, no-store').send(pdf);
  });
  app.get('/yishenqing/progress/letter', async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    const { letter } = await heldLetter(req);
    return reply.page((ctx) => <LetterPage ctx={ctx} letter={letter} />);
  });
  app.get('/yishenqing/progress/letter.docx', async (req, reply) => {
    const { letter, name } = await heldLetter(req);
    return reply.type(DOCX_MIME).header('content-disposition', contentDisposition('attachment', `${name}.docx`)).header('cache-control', 'private, no-store').send(await replyDocx(letter));
  });

  // 补正 online: text and files for what the office asked, from the browser holding the follow-up.
  app.post('/yishenqing/progress/supplement', { config: { rateLimit } }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    const held = fromCookie(req, FOLLOW_COOKIE);
    if (!held) return reply.redirect('/yishenqing/follow', 303);
    let text = '';
    try {
      const read = await readSupplement(req);
      text = read.text;
      await supplyOnline(foiCtx(deps, req), held.code, held.secret, { text: read.text }, read.files);
      return reply.redirect('/yishenqing/progress?notice=supplied', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.status === 404) return reply.redirect('/yishenqing/follow', 303);
      reply.status(e.status);
      const v = await followApplication(foiCtx(deps, req), held.code, held.secret);
      return reply.page((ctx) => <FollowPage ctx={ctx} v={v} supplyErrors={fieldErrorsOf(e.details)} supplyMessage={e.message} supplyText={text} />);
    }
  });
  app.post('/yishenqing/progress/forget', async (_req, reply) => {
    reply.clearCookie(FOLLOW_COOKIE, { path: '/yishenqing' });
    reply.clearCookie(RECEIPT_COOKIE, { path: '/yishenqing' });
    return reply.redirect('/yishenqing/follow?notice=forgotten', 303);
  });
  app.post('/yishenqing/follow', { config: { rateLimit: { max: config.publicWriteRateLimit * 3, timeWindow: '1 minute' } } }, async (req, reply) => {
    const b = formBody(req);
    const code = field(b, 'code', 40);
    try {
      const secret = field(b, 'secret', 64);
      const v = await followApplication(foiCtx(deps, req), code, secret);
      reply.setCookie(FOLLOW_COOKIE, `${v.code}:${secret}`, privateCookie);
      return reply.redirect('/yishenqing/progress', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      return reply.page((ctx) => <FollowForm ctx={ctx} error={e.message} code={code} />);
    }
  });

  const Submitted = z.object({ code: z.string(), secret: z.string(), agency: z.string(), status: z.string(), receivedOn: z.string().nullable(), dueOn: z.string().nullable(), dueIfConfirmedToday: z.string() });
  documentRoute(app, {
    method: 'POST', url: '/api/v1/applications', operationId: 'submitApplication', tag: 'foi', security: 'public', summary: '提交政府信息公开申请（条例第二十九条所列内容）；返回查询码、密码、收到申请之日和答复期限', body: ApplicationInput, response: Submitted, status: 201,
    errors: { 409: '重复提交（submitKey 相同）', 413: '内容过大', 429: '提交过于频繁' },
  });
  documentRoute(app, {
    method: 'GET', url: '/api/v1/applications/:code', operationId: 'getApplicationStatus', tag: 'foi', security: 'applicationSecret', summary: '凭查询码和密码（请求头 X-Application-Secret）查询办理状态和过程', params: z.object({ code: z.string() }),
    response: z.object({ code: z.string(), agencyName: z.string(), status: z.string(), receivedOn: z.string().nullable(), dueOn: z.string().nullable(), timeline: z.array(z.object({ on: z.string(), label: z.string(), note: z.string() })) }).passthrough(),
    errors: { 429: '查询过于频繁' },
  });

  // The JSON API: the same content, answered with code, secret and the legal dates.
  app.post('/api/v1/applications', { config: { rateLimit } }, async (req, reply) => {
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('请求体应为 JSON 对象。');
    await checkSiteAgency(db, req, (body as { agencyId?: unknown }).agencyId);
    const s = await submitApplication(foiCtx(deps, req), body);
    const today = todayInShanghai();
    reply.status(201).header('cache-control', 'no-store');
    return {
      code: s.code, secret: s.secret, agency: s.agencyName, status: s.state, receivedOn: s.receivedOn, dueOn: s.dueOn,
      // Online applications are received on the day the office confirms them (Art. 31 (三)).
      dueIfConfirmedToday: await dueIfConfirmedOn(db, today, config.deadlineCountStartDay),
    };
  });

  app.get('/api/v1/applications/:code', { config: { rateLimit: { max: config.publicWriteRateLimit * 3, timeWindow: '1 minute' } } }, async (req, reply) => {
    const secret = req.headers['x-application-secret'] ?? (req.query as { secret?: unknown }).secret;
    const v = await followApplication(foiCtx(deps, req), (req.params as { code: string }).code, typeof secret === 'string' ? secret : '');
    reply.header('cache-control', 'no-store');
    return v;
  });
}
