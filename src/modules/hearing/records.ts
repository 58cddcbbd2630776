// What the meeting leaves: materials delivered before it (warned when later than the office's
// number of days), the minutes (笔录: text and an optional file), the report, and each opinion raised
// at it, entered into the consultation's one list of opinions (participation's recordOpinion), so
// it gets a decision and a row in the feedback report like an online comment.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { hasRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, invalid } from '../../core/errors.js';
import type { FileReader } from '../../core/module.js';
import { markFilesPublic, storeFile, type StoreInput } from '../../core/files/index.js';
import { opinionsOf, recordOpinion } from '../participation/opinions.js';
import { splitArticles } from '../participation/articles.js';
import { loadConsultation } from '../participation/consultations.js';
import { hearMeetings, hearOpinions, PARTICIPANT_CATEGORIES, type ParticipantCategory } from './schema.js';
import { meetingForReading, meetingForRunning, type MeetingRow } from './policy.js';
import { getHearSettings } from './settings.js';
import { CATEGORY_LABELS } from './labels.js';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_MATERIALS = 10;
export const MAX_MINUTES = 200_000;
export const MAX_REPORT = 100_000;
export const MAX_OPINION = 20_000;
const DAY = 86_400_000;

/** The latest time materials may be published to reach participants the set number of days before. */
export const materialsDueAt = (m: Pick<MeetingRow, 'startsAt'>, days: number): Date => new Date(m.startsAt.getTime() - days * DAY);
/** Whether materials were (or, unpublished, would now be) later than the rule. */
export const materialsLate = (m: Pick<MeetingRow, 'startsAt' | 'materialsPublishedAt'>, days: number, now = new Date()): boolean => (m.materialsPublishedAt ?? now) > materialsDueAt(m, days);

/** Uploads a material; private until the materials are published (then public at once). */
export async function addMaterial(ctx: Ctx, meetingId: number, file: StoreInput): Promise<void> {
  const { m } = await meetingForRunning(ctx.db, ctx.actor, meetingId);
  if (m.materials.length >= MAX_MATERIALS) throw invalid(`会议材料最多 ${MAX_MATERIALS} 个。`);
  const stored = await storeFile(ctx, file, { maxBytes: MAX_FILE_BYTES });
  await ctx.db.transaction(async (tx) => {
    const { actor, m: locked } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    const name = file.filename.slice(0, 200);
    await tx.update(hearMeetings).set({ materials: [...locked.materials, { fileId: stored.id, name }] }).where(eq(hearMeetings.id, meetingId));
    if (locked.materialsPublishedAt) await markFilesPublic(tx, [stored.id]);
    await recordAudit(tx, auditActor(actor), { action: 'hearing.material_added', targetType: 'hear_meeting', targetId: meetingId, after: { fileId: stored.id, name } });
  });
}

export async function removeMaterial(ctx: Ctx, meetingId: number, fileId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (m.materialsPublishedAt) throw conflict('published', '会议材料已经发布，不能删除；如有更正，请上传更正后的材料。');
    await tx.update(hearMeetings).set({ materials: m.materials.filter((x) => x.fileId !== fileId) }).where(eq(hearMeetings.id, meetingId));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.material_removed', targetType: 'hear_meeting', targetId: meetingId, before: { fileId } });
  });
}

/** Publishes the materials to the participants and the public; says whether that is later than the rule. */
export async function publishMaterials(ctx: Ctx, meetingId: number, now = new Date()): Promise<{ late: boolean; days: number }> {
  return ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (m.state !== 'announced') throw conflict('not_announced', '请先发布会议公告。');
    if (m.materialsPublishedAt) throw conflict('published', '会议材料已经发布。');
    if (!m.materials.length) throw invalid('请先上传会议材料。');
    const { materialsDays: days } = await getHearSettings(tx);
    const late = materialsLate({ startsAt: m.startsAt, materialsPublishedAt: now }, days);
    await tx.update(hearMeetings).set({ materialsPublishedAt: now }).where(eq(hearMeetings.id, meetingId));
    await markFilesPublic(tx, m.materials.map((x) => x.fileId));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.materials_published', targetType: 'hear_meeting', targetId: meetingId, after: { files: m.materials.length, late, days } });
    return { late, days };
  });
}

/** Records the minutes (笔录) after the meeting has begun: the text, and a file when there is one. */
export async function recordMinutes(ctx: Ctx, meetingId: number, text: string, file: StoreInput | null, now = new Date()): Promise<void> {
  const body = text.replace(/\r\n/g, '\n');
  if (!body.trim()) throw invalid('请填写会议笔录。', { fields: { minutesText: '请填写会议笔录。' } });
  if (body.length > MAX_MINUTES) throw invalid(`会议笔录不超过 ${MAX_MINUTES} 个字符。`, { fields: { minutesText: `不超过 ${MAX_MINUTES} 个字符。` } });
  const { m } = await meetingForRunning(ctx.db, ctx.actor, meetingId);
  if (m.state !== 'announced' || now < m.startsAt) throw conflict('not_held', '会议召开后才能录入笔录。');
  if (m.minutesPublishedAt) throw conflict('published', '会议笔录已经公开，不能再修改。');
  const stored = file ? await storeFile(ctx, file, { maxBytes: MAX_FILE_BYTES }) : null;
  await ctx.db.transaction(async (tx) => {
    const { actor, m: locked } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    const minutesFile = stored ? { fileId: stored.id, name: file!.filename.slice(0, 200) } : locked.minutesFile;
    await tx.update(hearMeetings).set({ minutesText: body, minutesFile, minutesAt: locked.minutesAt ?? now }).where(eq(hearMeetings.id, meetingId));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.minutes_recorded', targetType: 'hear_meeting', targetId: meetingId, after: { chars: body.length, fileId: minutesFile?.fileId ?? null } });
  });
}

/** Attaches the signed minutes as a file (a scan, say) to minutes already recorded. */
export async function setMinutesFile(ctx: Ctx, meetingId: number, file: StoreInput): Promise<void> {
  const { m } = await meetingForRunning(ctx.db, ctx.actor, meetingId);
  if (!m.minutesAt) throw conflict('no_minutes', '请先录入会议笔录的文字，再上传笔录文件。');
  if (m.minutesPublishedAt) throw conflict('published', '会议笔录已经公开，不能再修改。');
  await recordMinutes(ctx, meetingId, m.minutesText, file, new Date(Math.max(Date.now(), m.startsAt.getTime())));
}

export async function publishMinutes(ctx: Ctx, meetingId: number, now = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (!m.minutesAt) throw conflict('no_minutes', '请先录入会议笔录。');
    if (m.minutesPublishedAt) throw conflict('published', '会议笔录已经公开。');
    await tx.update(hearMeetings).set({ minutesPublishedAt: now }).where(eq(hearMeetings.id, meetingId));
    if (m.minutesFile) await markFilesPublic(tx, [m.minutesFile.fileId]);
    await recordAudit(tx, auditActor(actor), { action: 'hearing.minutes_published', targetType: 'hear_meeting', targetId: meetingId });
  });
}

/** The meeting report (听证报告 / 座谈会情况报告), written after the minutes; saved, then published. */
export async function saveReport(ctx: Ctx, meetingId: number, text: string, publish: boolean, now = new Date()): Promise<void> {
  const body = text.replace(/\r\n/g, '\n');
  if (!body.trim()) throw invalid('请填写会议报告。', { fields: { reportText: '请填写会议报告。' } });
  if (body.length > MAX_REPORT) throw invalid(`会议报告不超过 ${MAX_REPORT} 个字符。`, { fields: { reportText: `不超过 ${MAX_REPORT} 个字符。` } });
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (!m.minutesAt) throw conflict('no_minutes', '请先录入会议笔录，再形成会议报告。');
    if (m.reportPublishedAt) throw conflict('published', '会议报告已经公开，不能再修改。');
    await tx.update(hearMeetings).set({ reportText: body, reportPublishedAt: publish ? now : null }).where(eq(hearMeetings.id, meetingId));
    await recordAudit(tx, auditActor(actor), { action: publish ? 'hearing.report_published' : 'hearing.report_saved', targetType: 'hear_meeting', targetId: meetingId, after: { chars: body.length } });
  });
}

/**
 * An opinion raised at the meeting, entered by staff: the speaker's category, the article it is
 * about, the text. It becomes an opinion of the consultation (method 听证会 or 座谈会, source
 * hearing:<id>) in the same transaction as the link that keeps the speaker's category.
 */
export async function addMeetingOpinion(ctx: Ctx, meetingId: number, raw: { category?: string; article?: string; body?: string }, now = new Date()): Promise<number> {
  const category = raw.category as ParticipantCategory;
  const body = (raw.body ?? '').replace(/\r\n/g, '\n').trim();
  const articleRaw = (raw.article ?? '0').trim() || '0';
  if (!PARTICIPANT_CATEGORIES.includes(category)) throw invalid('请选择发言人类别。', { fields: { category: '请选择发言人类别。' } });
  if (!body) throw invalid('请填写意见内容。', { fields: { body: '请填写意见内容。' } });
  if (body.length > MAX_OPINION) throw invalid(`意见内容不超过 ${MAX_OPINION} 个字。`, { fields: { body: `不超过 ${MAX_OPINION} 个字。` } });
  return ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (m.state !== 'announced' || now < m.startsAt) throw conflict('not_held', '会议召开后才能录入会上提出的意见。');
    const c = await loadConsultation(tx, m.consultationId);
    const article = /^\d{1,4}$/.test(articleRaw) ? Number(articleRaw) : -1;
    if (article < 0 || (article > 0 && !splitArticles(c.draftText).some((a) => a.no === article))) throw invalid('所选条款不在草案中，请重新选择。', { fields: { article: '所选条款不在草案中。' } });
    const opinionId = await recordOpinion({ db: tx as unknown as Db, actor }, m.consultationId, { method: m.kind, source: `hearing:${m.id}`, body, article, name: `${CATEGORY_LABELS[category]}（${m.title}）`.slice(0, 50) });
    await tx.insert(hearOpinions).values({ opinionId, meetingId, category });
    await recordAudit(tx, auditActor(actor), { action: 'hearing.opinion_entered', targetType: 'hear_meeting', targetId: meetingId, after: { opinionId, category, article } });
    return opinionId;
  });
}

/** The opinions entered from the meeting, with their decisions as participation keeps them. */
export async function meetingOpinions(db: Exec, m: Pick<MeetingRow, 'id' | 'consultationId'>) {
  const [links, all] = await Promise.all([db.select().from(hearOpinions).where(eq(hearOpinions.meetingId, m.id)).orderBy(asc(hearOpinions.createdAt)), opinionsOf(db, m.consultationId)]);
  const byId = new Map(all.map((o) => [o.id, o]));
  return links.flatMap((l) => { const o = byId.get(l.opinionId); return o ? [{ ...o, category: l.category }] : []; });
}

/** Staff who may read the meeting may read its unpublished files (materials, the minutes' file). */
export const mayReadMeetingFile: FileReader = async (ctx, fileId) => {
  if (!(['editor', 'reviewer', 'office', 'admin'] as const).some((r) => hasRole(ctx.actor, r))) return false;
  const rows = await ctx.db.select({ id: hearMeetings.id }).from(hearMeetings)
    .where(sql`${hearMeetings.materials} @> ${JSON.stringify([{ fileId }])}::jsonb or (${hearMeetings.minutesFile} ->> 'fileId')::int = ${fileId}`).limit(20);
  for (const r of rows) if (await meetingForReading(ctx.db, ctx.actor, r.id).then(() => true, () => false)) return true;
  return false;
};

