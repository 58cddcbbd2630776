// 办事一本通: editions of a government's compiled handbook, built in the background from the
// published guides. A staff request (or the guides changing since the last edition) queues an
// edition; the job claims it, counts its progress item by item, stores the PDF and DOCX through
// the files module and makes them public. Scope: a person reads the handbook of their own
// government; the office and the administrator of that government request editions.
import { createHash } from 'node:crypto';
import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../../db/client.js';
import { requireRole } from '../../../core/auth/actor.js';
import { recordAudit } from '../../../core/audit/service.js';
import { auditActor, type Ctx } from '../../../core/context.js';
import { invalid, notFound } from '../../../core/errors.js';
import { errorSummary } from '../../../core/log.js';
import { agencies } from '../../../core/org/schema.js';
import { inReach } from '../../../core/org/scope.js';
import { fileUrl, getFileById, markFilesPublic, storeGeneratedFile } from '../../../core/files/index.js';
import { qrPng } from '../../../core/render/qr.js';
import { todayInShanghai } from '../../../core/calendar/dates.js';
import { printedUrlOf } from '../../portal/site.js';
import { ENTERPRISE_THEMES, PERSON_THEMES } from '../elements.js';
import { listPublishedGuides, publishedGuide, type GuideSummary } from '../public.js';
import { arrange, handbookItem, type HandbookContent, type HandbookItem } from './content.js';
import { handbookDocx } from './docx.js';
import { handbookPdf, type ItemImages } from './pdf.js';
import { HANDBOOK_ARRANGEMENTS, handbookEditions, type EditionRow, type HandbookArrangement } from './schema.js';

export const HANDBOOK_READ_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export const HANDBOOK_ACT_ROLES = ['office', 'admin'] as const;
/** A build that has run this long was cut off (the process stopped): it is queued again. */
const STUCK_MS = 15 * 60_000;

/** The published guide versions a handbook is built from, as one short string. */
export const fingerprintOf = (guides: readonly Pick<GuideSummary, 'id' | 'version'>[]): string =>
  createHash('sha256').update(guides.map((g) => `${g.id}:${g.version}`).sort().join(',')).digest('hex').slice(0, 32);

/**
 * The address of a guide's full page on its government's site (the QR code's target): the site's
 * own domain when it has one, else the origin the edition was requested from and the site's prefix.
 */
export async function guidePageUrl(db: Db, govId: number, origin: string, code: string): Promise<string> {
  return printedUrlOf(db, govId, `/banshi/${encodeURIComponent(code)}`, origin);
}

async function govName(db: Exec, govId: number): Promise<string> {
  const [g] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, govId));
  return g?.name ?? '';
}

async function governmentInReach(ctx: Ctx, govId: number) {
  const actor = requireRole(ctx.actor, ...HANDBOOK_READ_ROLES);
  const [g] = await ctx.db.select({ id: agencies.id, path: agencies.path, govId: agencies.govId }).from(agencies).where(eq(agencies.id, govId));
  if (!g || !inReach(actor, g)) throw notFound();
  return actor;
}

export type EditionView = Pick<EditionRow, 'id' | 'govId' | 'arrangement' | 'state' | 'reason' | 'number' | 'total' | 'done' | 'error' | 'createdAt' | 'startedAt' | 'finishedAt'> & {
  pdf: { url: string; size: number } | null; docx: { url: string; size: number } | null;
};

async function viewOf(db: Exec, e: EditionRow, name: string): Promise<EditionView> {
  const file = async (id: number | null, ext: string) => {
    if (id == null) return null;
    const f = await getFileById(db, id);
    return f ? { url: fileUrl(f.sha256, `${name}办事一本通-${e.arrangement === 'department' ? '按部门' : '按主题'}-第${e.number}版.${ext}`), size: f.size } : null;
  };
  const { id, govId, arrangement, state, reason, number, total, done, error, createdAt, startedAt, finishedAt } = e;
  return { id, govId, arrangement, state, reason, number, total, done, error, createdAt, startedAt, finishedAt, pdf: await file(e.pdfFileId, 'pdf'), docx: await file(e.docxFileId, 'docx') };
}

export type ArrangementStatus = { arrangement: HandbookArrangement; current: EditionView | null; active: EditionView | null; stale: boolean };
export type HandbookOverview = { govId: number; govName: string; published: number; mayAct: boolean; arrangements: ArrangementStatus[]; history: EditionView[] };

/** The handbook of the person's government: the current edition of each arrangement, any build under way, and whether the guides changed since. */
export async function handbookOverview(ctx: Ctx): Promise<HandbookOverview> {
  const actor = requireRole(ctx.actor, ...HANDBOOK_READ_ROLES);
  const govId = actor.placement.govId;
  const name = await govName(ctx.db, govId);
  const guides = await listPublishedGuides(ctx.db, govId);
  const fp = fingerprintOf(guides);
  const rows = await ctx.db.select().from(handbookEditions).where(eq(handbookEditions.govId, govId)).orderBy(desc(handbookEditions.id)).limit(60);
  const arrangements: ArrangementStatus[] = [];
  for (const a of HANDBOOK_ARRANGEMENTS) {
    const mine = rows.filter((r) => r.arrangement === a);
    const current = mine.find((r) => r.state === 'done');
    const active = mine.find((r) => r.state === 'queued' || r.state === 'running');
    arrangements.push({ arrangement: a, current: current ? await viewOf(ctx.db, current, name) : null, active: active ? await viewOf(ctx.db, active, name) : null, stale: !!current && current.fingerprint !== fp });
  }
  const history = await Promise.all(rows.slice(0, 12).map((r) => viewOf(ctx.db, r, name)));
  return { govId, govName: name, published: guides.length, mayAct: actor.roles.some((r) => (HANDBOOK_ACT_ROLES as readonly string[]).includes(r.role)), arrangements, history };
}

/** One edition's state and progress (the staff page polls it while a build runs). */
export async function editionStatus(ctx: Ctx, id: number): Promise<EditionView> {
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  const [e] = await ctx.db.select().from(handbookEditions).where(eq(handbookEditions.id, id));
  if (!e) throw notFound();
  await governmentInReach(ctx, e.govId);
  return viewOf(ctx.db, e, await govName(ctx.db, e.govId));
}

async function enqueue(tx: Exec, govId: number, arrangement: HandbookArrangement, o: { origin: string; reason: EditionRow['reason']; requestedBy: number | null; fingerprint: string }): Promise<{ row: EditionRow; created: boolean }> {
  // One build at a time per government and arrangement: a second request joins the first.
  await tx.execute(sql`select pg_advisory_xact_lock(727315, ${govId})`);
  const [active] = await tx.select().from(handbookEditions)
    .where(and(eq(handbookEditions.govId, govId), eq(handbookEditions.arrangement, arrangement), inArray(handbookEditions.state, ['queued', 'running']))).limit(1);
  if (active) return { row: active, created: false };
  const [row] = await tx.insert(handbookEditions).values({ govId, arrangement, reason: o.reason, origin: o.origin, requestedBy: o.requestedBy, fingerprint: o.fingerprint }).returning();
  return { row: row!, created: true };
}

const ORIGIN_RE = /^https?:\/\/[A-Za-z0-9.[\]:-]{1,260}$/;

/** Queues an edition of the person's government's handbook (the office or the administrator); a build already queued or running is returned instead. */
export async function requestEdition(ctx: Ctx, input: { arrangement: unknown; origin: string }): Promise<number> {
  const actor = requireRole(ctx.actor, ...HANDBOOK_ACT_ROLES);
  const arrangement = HANDBOOK_ARRANGEMENTS.find((a) => a === input.arrangement);
  if (!arrangement) throw invalid('请选择编排方式：按部门或按主题。');
  const origin = ORIGIN_RE.test(input.origin) ? input.origin : 'http://localhost';
  const govId = actor.placement.govId;
  const fingerprint = fingerprintOf(await listPublishedGuides(ctx.db, govId));
  return ctx.db.transaction(async (tx) => {
    const { row, created } = await enqueue(tx, govId, arrangement, { origin, reason: 'manual', requestedBy: actor.userId, fingerprint });
    if (created) await recordAudit(tx, auditActor(actor), { action: 'guides.handbook_requested', targetType: 'handbook_edition', targetId: row.id, after: { govId, arrangement } });
    return row.id;
  });
}

/** The latest done edition of each government (or the one given) and arrangement. */
function currentEditions(db: Db, govId: number | null): Promise<EditionRow[]> {
  return db.selectDistinctOn([handbookEditions.govId, handbookEditions.arrangement]).from(handbookEditions)
    .where(and(eq(handbookEditions.state, 'done'), govId == null ? undefined : eq(handbookEditions.govId, govId)))
    .orderBy(handbookEditions.govId, handbookEditions.arrangement, desc(handbookEditions.id));
}

/** Queues a rebuild of every arrangement whose current edition no longer matches the published guides. Returns the editions queued. */
export async function queueStaleRebuilds(db: Db): Promise<number[]> {
  const rows = await currentEditions(db, null);
  const queued: number[] = [];
  const byGov = new Map<number, string>();
  for (const r of rows) {
    if (!byGov.has(r.govId)) byGov.set(r.govId, fingerprintOf(await listPublishedGuides(db, r.govId)));
    const fp = byGov.get(r.govId)!;
    if (fp === r.fingerprint) continue;
    const id = await db.transaction(async (tx) => {
      const { row, created } = await enqueue(tx, r.govId, r.arrangement, { origin: r.origin, reason: 'stale', requestedBy: null, fingerprint: fp });
      return created ? row.id : null;
    });
    if (id != null) queued.push(id);
  }
  return queued;
}

/** Claims the oldest queued edition (SKIP LOCKED: several instances may run the job at once). */
async function claim(db: Db): Promise<EditionRow | null> {
  return db.transaction(async (tx) => {
    const [next] = await tx.select({ id: handbookEditions.id }).from(handbookEditions).where(eq(handbookEditions.state, 'queued')).orderBy(handbookEditions.id).limit(1).for('update', { skipLocked: true });
    if (!next) return null;
    const [row] = await tx.update(handbookEditions).set({ state: 'running', startedAt: new Date(), done: 0, error: '' }).where(and(eq(handbookEditions.id, next.id), eq(handbookEditions.state, 'queued'))).returning();
    return row ?? null;
  });
}

/** Builds one claimed edition: progress after each item, then the two files, stored and made public. */
export async function buildEdition(db: Db, e: EditionRow, opts: { onProgress?: (done: number, total: number) => void | Promise<void> } = {}): Promise<void> {
  try {
    const guides = await listPublishedGuides(db, e.govId);
    const fingerprint = fingerprintOf(guides);
    await db.update(handbookEditions).set({ total: guides.length, fingerprint }).where(eq(handbookEditions.id, e.id));
    const items = new Map<number, HandbookItem>();
    const qr: ItemImages = new Map();
    let done = 0;
    for (const g of guides) {
      const view = await publishedGuide(db, g.id);
      if (view) {
        const url = await guidePageUrl(db, e.govId, e.origin, view.code);
        items.set(g.id, handbookItem(view, url));
        qr.set(g.id, await qrPng(url, 240));
      }
      done++;
      await db.update(handbookEditions).set({ done }).where(eq(handbookEditions.id, e.id));
      await opts.onProgress?.(done, guides.length);
    }
    const [prior] = await db.select({ n: count() }).from(handbookEditions).where(and(eq(handbookEditions.govId, e.govId), eq(handbookEditions.arrangement, e.arrangement), eq(handbookEditions.state, 'done')));
    const number = Number(prior?.n ?? 0) + 1;
    const name = await govName(db, e.govId);
    const content: HandbookContent = {
      title: `${name}办事一本通（${e.arrangement === 'department' ? '按部门' : '按主题'}）`, govName: name, arrangement: e.arrangement, edition: number, compiledOn: todayInShanghai(),
      sections: arrange(guides.filter((g) => items.has(g.id)), e.arrangement, { person: PERSON_THEMES, enterprise: ENTERPRISE_THEMES })
        .map((s) => ({ title: s.title, items: s.ids.map((id) => items.get(id)!) })),
    };
    const [pdf, docx] = [await handbookPdf(content, qr), await handbookDocx(content, qr)];
    await db.transaction(async (tx) => {
      const p = await storeGeneratedFile(tx, { buffer: pdf, filename: 'handbook.pdf' }, { maxBytes: 50 * 1024 * 1024 });
      const d = await storeGeneratedFile(tx, { buffer: docx, filename: 'handbook.docx' }, { maxBytes: 50 * 1024 * 1024 });
      await markFilesPublic(tx, [p.id, d.id]);
      await tx.update(handbookEditions).set({ state: 'done', number, pdfFileId: p.id, docxFileId: d.id, finishedAt: new Date() }).where(eq(handbookEditions.id, e.id));
      await recordAudit(tx, auditActor(null), { action: 'guides.handbook_built', targetType: 'handbook_edition', targetId: e.id, after: { govId: e.govId, arrangement: e.arrangement, number, items: guides.length } });
    });
  } catch (err) {
    await db.update(handbookEditions).set({ state: 'failed', error: errorSummary(err).slice(0, 300), finishedAt: new Date() }).where(eq(handbookEditions.id, e.id));
    throw err;
  }
}

/** The scheduled job: requeue builds cut off, queue stale rebuilds, then build what is queued. */
export async function runHandbookJobs(db: Db, opts: { max?: number } = {}): Promise<number> {
  await db.update(handbookEditions).set({ state: 'queued' }).where(and(eq(handbookEditions.state, 'running'), lt(handbookEditions.startedAt, new Date(Date.now() - STUCK_MS))));
  await queueStaleRebuilds(db);
  let built = 0;
  for (let i = 0; i < (opts.max ?? 4); i++) {
    const e = await claim(db);
    if (!e) break;
    await buildEdition(db, e).catch(() => undefined); // recorded on the row as failed
    built++;
  }
  return built;
}

export type PublicEdition = { govName: string; arrangement: HandbookArrangement; number: number; items: number; finishedOn: string; pdf: { url: string; size: number } | null; docx: { url: string; size: number } | null };

/** The current edition of each arrangement of a government's handbook (null: every government's), for the public site. */
export async function publicEditions(db: Db, govId: number | null): Promise<PublicEdition[]> {
  const rows = await currentEditions(db, govId);
  const out: PublicEdition[] = [];
  for (const e of rows) {
    const name = await govName(db, e.govId);
    const v = await viewOf(db, e, name);
    out.push({ govName: name, arrangement: e.arrangement, number: e.number, items: e.total, finishedOn: e.finishedAt ? todayInShanghai(e.finishedAt) : '', pdf: v.pdf, docx: v.docx });
  }
  return out;
}
