// Messages from the public, and the public service other modules call to file one on someone's
// behalf (an online interview's unanswered question). Every submission gets a code and a check
// key or a clear refusal; a sensitive word holds it for staff (the writer is told), never drops it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { sensitiveHits } from '../../core/text/sensitive.js';
import { sensitiveWords } from '../participation/settings.js';
import { MESSAGE_KINDS, msgEvents, msgMailboxes, msgMessages, type MessageKind, type MessageOrigin, type MessageState } from './schema.js';
import { getMsgSettings } from './settings.js';
import { hasUnreadable } from '../../core/text/normalise.js';

export const MAX_NAME = 50;
export const MAX_PHONE = 30;
export const MAX_TITLE = 100;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const rand = (n: number) => [...randomBytes(n)].map((x) => ALPHABET[x % 32]).join('');
// Control characters other than tab and newline (NUL included) are refused, not stored.

export type MessageInput = {
  /** An agency of the site's government, or a 领导信箱 (then its owning agency handles it). */
  agencyId?: number | string; mailboxId?: number | string;
  kind: string; isPublic: boolean | string; name: string; phone: string; title: string; body: string;
  submitKey?: string;
};
export type Filed = { code: string; checkKey: string; state: MessageState; held: boolean };

async function step(tx: Exec, messageId: number, s: string, extra: { from?: number | null; to?: number | null; note?: string } = {}, at = new Date()) {
  await tx.insert(msgEvents).values({ messageId, step: s, fromAgencyId: extra.from ?? null, toAgencyId: extra.to ?? null, note: extra.note ?? '', at });
}
export { step as recordStep };

/**
 * Files a message. `govId` limits the target to one government's site (public forms pass the
 * site's); `origin` records where it came from (e.g. { type: 'interview', id }) for messages filed
 * on someone's behalf by another module. The same submitKey twice returns the first message.
 */
export async function fileMessage(ctx: Ctx, input: MessageInput, opts: { origin?: MessageOrigin; govId?: number | null; now?: Date } = {}): Promise<Filed> {
  const now = opts.now ?? new Date();
  const settings = await getMsgSettings(ctx.db);
  const p = new FieldProblems();
  const str = (v: unknown) => (typeof v === 'string' ? v : '').replace(/\r\n/g, '\n').trim();
  const name = str(input.name), phone = str(input.phone), title = str(input.title), body = str(input.body);
  for (const [k, v] of Object.entries({ name, phone, title, body })) if (hasUnreadable(v)) p.add(k, '内容含有无法识别的字符，请删除后重新提交。');
  if (!name) p.add('name', '请填写姓名，仅供工作人员联系，不会公开。');
  else if (name.length > MAX_NAME) p.add('name', `姓名不超过 ${MAX_NAME} 个字。`);
  if (!phone) p.add('phone', '请填写联系电话，仅供工作人员联系，不会公开。');
  else if (phone.length > MAX_PHONE || !/^\+?[\d\s\-()（）]{5,30}$/.test(phone)) p.add('phone', '联系电话格式不正确，请填写手机号码或固定电话（可含区号和“-”）。');
  if (!title) p.add('title', '请填写留言标题。');
  else if (title.length > MAX_TITLE) p.add('title', `标题不超过 ${MAX_TITLE} 个字，本次 ${title.length} 个字。`);
  if (!body) p.add('body', '请填写留言内容。');
  else if (body.length > settings.maxBody) p.add('body', `留言内容不超过 ${settings.maxBody} 个字，本次 ${body.length} 个字。`);
  const kind = input.kind as MessageKind;
  if (!MESSAGE_KINDS.includes(kind)) p.add('kind', '请选择留言类别。');
  const isPublic = input.isPublic === true || input.isPublic === 'yes' || input.isPublic === 'true';
  if (![true, false, 'yes', 'no', 'true', 'false'].includes(input.isPublic as never)) p.add('isPublic', '请选择是否公开。');
  const id = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null);
  let agencyId = id(input.agencyId);
  const mailboxId = id(input.mailboxId);
  if (mailboxId != null) {
    const [mb] = await ctx.db.select().from(msgMailboxes).where(and(eq(msgMailboxes.id, mailboxId), eq(msgMailboxes.active, true)));
    if (!mb || (opts.govId != null && mb.govId !== opts.govId)) p.add('mailboxId', '请选择信箱。');
    else agencyId = mb.agencyId;
  }
  let govId: number | null = null;
  if (agencyId != null) {
    const [a] = await ctx.db.select({ govId: agencies.govId }).from(agencies).where(eq(agencies.id, agencyId));
    if (a?.govId != null && (opts.govId == null || a.govId === opts.govId)) govId = a.govId;
  }
  if (govId == null) p.add(mailboxId != null ? 'mailboxId' : 'agencyId', '请选择留言对象。');
  p.done();
  const rawKey = str(input.submitKey);
  const submitKey = /^[A-Za-z0-9_-]{8,64}$/.test(rawKey) ? rawKey : null;
  if (submitKey) {
    const [first] = await ctx.db.select().from(msgMessages).where(eq(msgMessages.submitKey, submitKey));
    if (first) return { code: first.code, checkKey: first.checkKey, state: first.state, held: first.state === 'held' };
  }
  const hits = sensitiveHits(await sensitiveWords(ctx.db), `${title}\n${body}`);
  const state: MessageState = hits.length ? 'held' : 'received';
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.insert(msgMessages).values({
      code: `LY-${rand(10)}`, checkKey: rand(6), submitKey, govId: govId!, agencyId: agencyId!, mailboxId, kind, isPublic,
      name, phone, title, body, state, heldWords: hits, origin: opts.origin ?? null, createdAt: now,
    }).returning();
    await step(tx, m!.id, 'received', { to: agencyId }, now);
    if (hits.length) await step(tx, m!.id, 'held', { note: '留言正在审核中，审核后转交办理。' }, now);
    await recordAudit(tx, auditActor(ctx.actor), { action: 'messages.filed', targetType: 'msg_message', targetId: m!.id, after: { code: m!.code, agencyId, kind, isPublic, state, origin: opts.origin ?? null } });
    return { code: m!.code, checkKey: m!.checkKey, state, held: hits.length > 0 };
  });
}

/** The message under its code and check key (both needed: the code alone reveals nothing). */
export async function messageByCode(db: Exec, code: string, checkKey: string) {
  const c = String(code ?? '').trim().toUpperCase();
  const k = String(checkKey ?? '').trim().toUpperCase();
  if (!/^LY-[A-Z0-9]{10}$/.test(c) || !/^[A-Z0-9]{6}$/.test(k)) throw notFound('留言');
  const [m] = await db.select().from(msgMessages).where(eq(msgMessages.code, c));
  if (!m || !timingSafeEqual(Buffer.from(m.checkKey), Buffer.from(k))) throw notFound('留言');
  return m;
}

/** What the writer sees under the code: every step, with the transfer chain, without any staff name. */
export async function messageStatus(db: Exec, code: string, checkKey: string) {
  const m = await messageByCode(db, code, checkKey);
  const steps = await db.select().from(msgEvents).where(eq(msgEvents.messageId, m.id)).orderBy(asc(msgEvents.id));
  const names = new Map((await db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]));
  return {
    code: m.code, kind: m.kind, title: m.title, body: m.body, isPublic: m.isPublic, state: m.state,
    screenResult: m.screenResult, screenReason: m.screenReason, turnTo: m.turnTo, acceptedOn: m.acceptedOn, dueOn: m.dueOn,
    replyText: m.replyText, replyAgency: m.replyAgencyId ? names.get(m.replyAgencyId) ?? '' : '', repliedOn: m.repliedOn,
    rating: m.rating, ratingComment: m.ratingComment, mayReopen: m.state === 'closed' && m.rating === 'unsatisfied' && m.reopenCount < 1,
    steps: steps.map((s) => ({ step: s.step, at: s.at, from: s.fromAgencyId ? names.get(s.fromAgencyId) ?? '' : '', to: s.toAgencyId ? names.get(s.toAgencyId) ?? '' : '', note: s.note })),
  };
}
export { conflict };
