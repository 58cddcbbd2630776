// How applications arrive: online from the public (form and API), or registered by staff from a
// letter, a counter visit, a fax or an email, each with the receipt date Article 31 gives.
import { and, eq, ne } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, invalid } from '../../core/errors.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { isIsoDate, todayInShanghai, toShanghaiDate, type IsoDate } from '../../core/calendar/dates.js';
import { checkPublicUpload, storePublicUpload, type CheckedFile, type StoreInput } from '../../core/files/index.js';
import { getAgency } from '../org/service.js';
import { applicantKeyOf, downloadValid, encryptText, hashSecret, newCode, newSecret, secretMatches, signDownload } from './crypto.js';
import { appendEvent, caseById, clockOf, eventsOf, lockCase, placeOfAgency, setState, type CaseRow, type EventRow } from './repository.js';
import { foiApplications } from './schema.js';
import { ApplicationInput, contentKeyOf, parseInput, parseInputs, Registration } from './validate.js';
import { REPLY_WORKDAYS } from './clock.js';
import { suppliedOf } from './supplied.js';
import { handles, HANDLER_ROLES, refusal } from './policy.js';

/** What a service function of this module runs with: the key for personal data and the counting rule. */
export type FoiCtx = Ctx & { key: Buffer; countStartDay: boolean };

export { HANDLER_ROLES } from './policy.js';
/** Agencies that can be applied to (Art. 27): governments and their departments, not villages. */
export const APPLICABLE_KINDS = ['province', 'city', 'county', 'department', 'township', 'street'];
export const MAX_PROOF_BYTES = 5 * 1024 * 1024;

export type Submitted = { code: string; secret: string; receivedOn: IsoDate | null; dueOn: IsoDate | null; state: CaseRow['state']; agencyName: string };

async function applicableAgency(db: Db, id: number) {
  const agency = await getAgency(db, id).catch(() => null);
  if (!agency || !APPLICABLE_KINDS.includes(agency.kind)) throw invalid('请选择受理申请的行政机关。', { fields: { agencyId: '请选择受理申请的行政机关。' } });
  return agency;
}

function rowValues(ctx: FoiCtx, v: ApplicationInput) {
  return {
    agencyId: v.agencyId,
    applicantCategory: v.applicantType === 'natural' ? 'natural' : v.orgCategory!,
    applicantName: v.name,
    idType: v.applicantType === 'natural' ? v.idType! : '统一社会信用代码',
    idNumberEnc: encryptText(ctx.key, v.idNumber),
    applicantKey: applicantKeyOf(ctx.key, v.idNumber),
    orgCode: v.applicantType === 'org' ? v.idNumber : null,
    contactPerson: v.contactPerson, phone: v.phone, email: v.email, address: v.address, postcode: v.postcode,
    content: v.content, docNumber: v.docNumber, purpose: v.purpose, form: v.form, delivery: v.delivery,
    contentKey: contentKeyOf(v.content + (v.docNumber ?? '')),
  };
}

/** Inserts with a fresh random code; a collision (1 in 32^8 per pair) just draws again. */
async function insertCase(tx: Exec, values: Omit<typeof foiApplications.$inferInsert, 'code' | 'secretHash'>, secret: string): Promise<CaseRow> {
  const year = Number(todayInShanghai().slice(0, 4));
  for (let i = 0; i < 5; i++) {
    const [row] = await tx.insert(foiApplications).values({ ...values, code: newCode(year), secretHash: hashSecret(secret) }).onConflictDoNothing({ target: foiApplications.code }).returning();
    if (row) return row;
  }
  throw new Error('could not draw a unique application code');
}

/** Art. 35/36: the same applicant already asked for the same information and got an answer. */
async function flagRepeat(tx: Exec, row: CaseRow, on: IsoDate): Promise<void> {
  const [prev] = await tx
    .select({ id: foiApplications.id, code: foiApplications.code })
    .from(foiApplications)
    .where(and(eq(foiApplications.applicantKey, row.applicantKey), eq(foiApplications.contentKey, row.contentKey), ne(foiApplications.id, row.id)))
    .limit(1);
  if (!prev) return;
  await tx.update(foiApplications).set({ repeatOf: prev.id }).where(eq(foiApplications.id, row.id));
  await appendEvent(tx, row.id, { kind: 'flagged', on, data: { repeatOf: prev.id, repeatCode: prev.code }, visible: false });
}

/**
 * An online application from the public. It is stored before the answer goes out, so a code the
 * applicant has seen always exists. The day of receipt is the day the office confirms it (Art. 31 (三)).
 */
export async function submitApplication(ctx: FoiCtx, raw: unknown, proof?: StoreInput): Promise<Submitted> {
  const v = parseInput(ApplicationInput, raw);
  const agency = await applicableAgency(ctx.db, v.agencyId);
  const secret = newSecret();
  const today = todayInShanghai();
  const checked = proof ? await checkPublicUpload(proof, { maxBytes: MAX_PROOF_BYTES }) : null; // before the transaction: it takes time
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const file = checked ? await storePublicUpload(tx, checked) : null;
      const created = await insertCase(tx, { ...rowValues(ctx, v), channel: 'online', state: 'pending_confirmation', submitKey: v.submitKey || null, idProofFileId: file?.id ?? null }, secret);
      await appendEvent(tx, created.id, { kind: 'submitted', on: today, publicNote: `已通过网上平台提交，等待${agency.name}确认受理。` });
      await flagRepeat(tx, created, today);
      return created;
    });
    return { code: row.code, secret, receivedOn: null, dueOn: null, state: row.state, agencyName: agency.name };
  } catch (e) {
    if (isUniqueViolation(e, 'submit_key')) throw conflict('duplicate_submission', '这份申请已经提交过了，请使用第一次提交时得到的查询码查看进度，不要重复提交。');
    throw e;
  }
}

const isUniqueViolation = (e: unknown, column: string): boolean => {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string; constraint?: string } };
  const code = err.code ?? err.cause?.code;
  const text = `${err.message ?? ''} ${err.cause?.message ?? ''} ${err.cause?.constraint ?? ''}`;
  return code === '23505' && text.includes(column);
};

/** Staff register an application that arrived by letter, in person, by fax or by email. */
export async function registerApplication(ctx: FoiCtx, raw: unknown & Record<string, unknown>): Promise<Submitted> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES);
  const [v, r] = parseInputs(raw, ApplicationInput, Registration);
  if (r.channel === 'online') throw invalid('网上申请由申请人在线提交，请选择信函、当面、传真或电子邮件。');
  if (v.agencyId !== actor.agencyId) throw invalid('只能登记本机关收到的申请。');
  if (r.receivedOn > todayInShanghai()) throw invalid('收到申请日期不能晚于今天。');
  const agency = await applicableAgency(ctx.db, v.agencyId);
  const secret = newSecret();
  const row = await ctx.db.transaction(async (tx) => {
    const created = await insertCase(tx, { ...rowValues(ctx, v), channel: r.channel, state: 'in_progress', createdBy: actor.userId, receivedOn: r.receivedOn, submitKey: v.submitKey || null }, secret);
    await appendEvent(tx, created.id, { kind: 'received', on: r.receivedOn, actorId: actor.userId, data: { channel: r.channel }, publicNote: `${agency.name}已收到申请。` });
    await flagRepeat(tx, created, r.receivedOn);
    await recordAudit(tx, auditActor(actor), { action: 'foi.registered', targetType: 'foi_application', targetId: created.id, after: { code: created.code, channel: r.channel, receivedOn: r.receivedOn } });
    return created;
  }).catch((e: unknown) => {
    // The same registration form sent twice (a double click, the back button).
    throw isUniqueViolation(e, 'submit_key') ? conflict('duplicate_submission', '这份申请已经登记过了，请在申请办理列表中查看，不要重复登记。') : e;
  });
  const clock = await clockOf(ctx.db, await eventsOf(ctx.db, row.id), ctx.countStartDay);
  return { code: row.code, secret, receivedOn: r.receivedOn, dueOn: clock.dueOn, state: row.state, agencyName: agency.name };
}

/**
 * Who may act on a case: handling staff of the agency it is addressed to. The office that may
 * read it (its own government's or a lower one's) is refused as read-only; anyone else is told
 * the case does not exist. `db` is the transaction the case is locked in.
 */
export async function requireHandler(db: Exec, ctx: Ctx, row: CaseRow) {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES);
  if (handles(actor, row)) return actor;
  throw refusal(actor, row, await placeOfAgency(db, row.agencyId));
}

/** The office confirms an online application; that day is the day of receipt (Art. 31 (三)). */
export async function confirmReceipt(ctx: FoiCtx, id: number, input: { on?: string } = {}): Promise<void> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES);
  const on = input.on || todayInShanghai();
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, id);
    await requireHandler(tx, ctx, row);
    if (row.state !== 'pending_confirmation') throw conflict('already_confirmed', '该申请已确认受理。');
    if (!isIsoDate(on) || on > todayInShanghai() || on < toShanghaiDate(row.submittedAt)) throw invalid('确认日期应在提交日期与今天之间。');
    await appendEvent(tx, id, { kind: 'received', on, actorId: actor.userId, publicNote: '已确认收到申请，答复期限自本日起计算。' });
    await setState(tx, id, 'in_progress', { receivedOn: on });
    await recordAudit(tx, auditActor(actor), { action: 'foi.confirmed', targetType: 'foi_application', targetId: id, after: { receivedOn: on } });
  });
}

export type PublicTimelineItem = { on: IsoDate; label: string; note: string };
export type PublicView = {
  code: string; agencyName: string; status: string; submittedOn: IsoDate; receivedOn: IsoDate | null; dueOn: IsoDate | null;
  supplementDueOn: IsoDate | null; paymentDueOn: IsoDate | null; clockNote: string; timeline: PublicTimelineItem[];
  reply: { outcome: string; text: string; on: IsoDate; files: { name: string; url: string }[] } | null; content: string;
  /** The 补正 asked for: what to supply and by when; `open` while it can still be supplied online. */
  supplement: { items: string; dueOn: IsoDate; askedOn: IsoDate; open: boolean } | null;
  supplied: { on: IsoDate; channel: 'online' | 'staff'; text: string; files: string[] } | null;
};

export const STATE_LABELS: Record<CaseRow['state'], string> = {
  pending_confirmation: '待确认受理', in_progress: '办理中', awaiting_supplement: '待补正', consulting: '征求意见中',
  awaiting_payment: '待缴纳信息处理费', closed: '已办结', archived: '已办结',
};

export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交申请', received: '收到申请', assigned: '分配承办人', transferred: '转交办理', supplement_requested: '告知补正',
  supplement_received: '收到补正材料', supplement_expired: '逾期未补正', consultation_started: '征求意见', consultation_ended: '征求意见结束',
  extended: '延长答复期限', fee_notice: '收费通知', fee_paid: '缴纳费用', fee_expired: '逾期未缴费', replied: '作出答复',
  delivered: '送达', archived: '归档', note: '备注', flagged: '提示', file_attached: '附加随答复提供的文件',
};

/** The case a code and its secret name; a wrong code and a wrong secret give the same answer. */
export async function caseByCodeAndSecret(db: Exec, code: unknown, secret: unknown): Promise<CaseRow> {
  const c = String(code ?? '').trim().toUpperCase().slice(0, 40);
  const [row] = await db.select().from(foiApplications).where(eq(foiApplications.code, c));
  if (!row || !secretMatches(row.secretHash, String(secret ?? '').slice(0, 64))) throw new AppError('not_found', 404, '查询码或密码不正确，请核对后重试。');
  return row;
}

/**
 * What the applicant sees with code and secret: the state, the legal dates and the visible steps.
 * Wrong code and wrong secret give the same answer, and nothing of any other application is read.
 */
export async function followApplication(ctx: FoiCtx, code: string, secret: string): Promise<PublicView> {
  const row = await caseByCodeAndSecret(ctx.db, code, secret);
  const events = await eventsOf(ctx.db, row.id);
  const clock = await clockOf(ctx.db, events, ctx.countStartDay);
  const agency = await getAgency(ctx.db, row.agencyId);
  const replied = [...events].reverse().find((e) => e.kind === 'replied');
  const asked = events.find((e) => e.kind === 'supplement_requested');
  const supplied = suppliedOf(events);
  const clockNote =
    clock.status === 'paused' ? '征求第三方或其他机关意见、等待缴费期间，答复期限暂停计算。'
    : clock.status === 'awaiting_supplement' ? '答复期限自收到补正后的申请之日起重新计算。'
    : clock.status === 'not_received' ? `确认受理后，答复期限为 ${REPLY_WORKDAYS} 个工作日（不含收到申请当日，遇法定节假日顺延）。`
    : '';
  return {
    code: row.code, agencyName: agency.name, status: STATE_LABELS[row.state], submittedOn: todayInShanghai(row.submittedAt), receivedOn: row.receivedOn,
    dueOn: clock.status === 'stopped' ? null : clock.dueOn, supplementDueOn: clock.supplementDueOn, paymentDueOn: clock.paymentDueOn, clockNote,
    timeline: events.filter((e) => e.visible).map((e) => ({ on: e.on, label: EVENT_LABELS[e.kind] ?? e.kind, note: e.publicNote })),
    reply: replied ? { outcome: String(replied.data.outcome), text: String(replied.data.text ?? ''), on: replied.on, files: disclosedFiles(ctx.key, row.code, events) } : null,
    content: row.content,
    supplement: asked ? { items: String(asked.data.items ?? ''), dueOn: String(asked.data.dueOn ?? ''), askedOn: asked.on, open: row.state === 'awaiting_supplement' } : null,
    supplied: supplied ? { on: supplied.on, channel: supplied.channel, text: supplied.text, files: supplied.files.map((f) => f.name) } : null,
  };
}

/** The files sent with the reply, each with a signed link that works for an hour. */
function disclosedFiles(key: Buffer, code: string, events: EventRow[]): { name: string; url: string }[] {
  const replied = [...events].reverse().find((e) => e.kind === 'replied');
  const ids = new Set(((replied?.data.fileIds as number[] | undefined) ?? []).map(Number));
  return events
    .filter((e) => e.kind === 'file_attached' && ids.has(Number(e.data.fileId)))
    .map((e) => {
      const fileId = Number(e.data.fileId);
      const { exp, sig } = signDownload(key, code, fileId);
      return { name: String(e.data.name), url: `/yishenqing/files/${encodeURIComponent(code)}/${fileId}?exp=${exp}&sig=${sig}` };
    });
}

/** A disclosed file of a case, if the signed link is valid and the file went out with the reply. */
export async function disclosedFile(ctx: FoiCtx, code: string, fileId: number, exp: number, sig: string): Promise<{ sha256: string; name: string } | null> {
  if (!downloadValid(ctx.key, code, fileId, exp, sig)) return null;
  const [row] = await ctx.db.select({ id: foiApplications.id, code: foiApplications.code }).from(foiApplications).where(eq(foiApplications.code, code));
  if (!row) return null;
  const events = await eventsOf(ctx.db, row.id);
  const replied = [...events].reverse().find((e) => e.kind === 'replied');
  if (!((replied?.data.fileIds as number[] | undefined) ?? []).map(Number).includes(fileId)) return null;
  const att = events.find((e) => e.kind === 'file_attached' && Number(e.data.fileId) === fileId);
  return att ? { sha256: String(att.data.sha256), name: String(att.data.name) } : null;
}

export const MAX_SUPPLEMENT_FILES = 5;
export const MAX_SUPPLEMENT_TEXT = 2000;

/**
 * The applicant supplies what a 补正 request asked for, online: text and files, checked as the
 * application's ID proof is. The reply's 20 working days run again from today, the day it arrives
 * (Art. 30, 31 (三)). Anything refused leaves the case as it was.
 */
export async function supplyOnline(ctx: FoiCtx, code: unknown, secret: unknown, input: { text?: unknown }, uploads: StoreInput[] = []): Promise<{ on: IsoDate }> {
  const found = await caseByCodeAndSecret(ctx.db, code, secret);
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  const errors: Record<string, string> = {};
  if (text.length > MAX_SUPPLEMENT_TEXT) errors.text = `补正说明不能超过 ${MAX_SUPPLEMENT_TEXT} 个字。`;
  if (!text && uploads.length === 0) errors.text = '请填写补正内容或上传补正材料。';
  if (uploads.length > MAX_SUPPLEMENT_FILES) errors.files = `补正材料最多 ${MAX_SUPPLEMENT_FILES} 个文件。`;
  if (Object.keys(errors).length) throw invalid(Object.values(errors).join('；'), { fields: errors });
  const today = todayInShanghai();
  const checked: CheckedFile[] = [];
  for (const u of uploads) {
    checked.push(await checkPublicUpload(u, { maxBytes: MAX_PROOF_BYTES }).catch((e: unknown) => {
      throw e instanceof AppError ? new AppError(e.code, e.status, `“${u.filename.slice(0, 60)}”：${e.message}`, { fields: { files: e.message } }) : e;
    }));
  }
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, found.id);
    if (row.state !== 'awaiting_supplement') throw conflict('no_supplement_pending', '该申请没有待补正事项，或补正已经提交。');
    const files = [];
    for (const [i, u] of uploads.entries()) {
      const stored = await storePublicUpload(tx, checked[i]!);
      files.push({ fileId: stored.id, sha256: stored.sha256, name: u.filename.slice(0, 120) });
    }
    await appendEvent(tx, row.id, {
      kind: 'supplement_received', on: today, data: { channel: 'online', text, files },
      publicNote: `已在线提交补正${files.length ? `（${files.length} 个文件）` : ''}，答复期限自本日起重新计算。`,
    });
    await setState(tx, row.id, 'in_progress');
    await recordAudit(tx, { userId: null, name: '申请人（网上补正）', agencyId: row.agencyId }, { action: 'foi.supplied_online', targetType: 'foi_application', targetId: row.id, after: { on: today, files: files.length } });
  });
  return { on: today };
}

/** For the API's answer: the due date if the office confirmed the application today. */
export async function dueIfConfirmedOn(db: Db, on: IsoDate, countStartDay: boolean): Promise<IsoDate> {
  return addWorkdays(await loadCalendar(db), on, REPLY_WORKDAYS, { countStartDay });
}

export { caseById };
