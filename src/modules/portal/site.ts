import { asc, eq } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import type { Db, Exec } from '../../db/client.js';
import { DEFAULT_SITE, type SiteIdentity } from '../../web/context.js';
import { agencies } from '../../core/org/schema.js';
import type { Agency } from '../org/service.js';
import { portalSite } from './schema.js';

export type { SiteIdentity };

/** The fields of the identity, in the order of the settings page, with their limits. */
export const SITE_FIELDS: readonly { key: keyof SiteIdentity; label: string; max: number }[] = [
  { key: 'name', label: '网站名称（政府名称）', max: 60 },
  { key: 'domain', label: '网站域名', max: 100 },
  { key: 'idCode', label: '网站标识码', max: 10 },
  { key: 'icp', label: 'ICP备案号', max: 40 },
  { key: 'police', label: '公安机关备案号', max: 40 },
  { key: 'sponsor', label: '主办单位', max: 100 },
  { key: 'organizer', label: '承办单位', max: 100 },
  { key: 'address', label: '联系地址', max: 200 },
  { key: 'phone', label: '联系电话', max: 100 },
  { key: 'email', label: '电子邮箱', max: 100 },
  { key: 'keywords', label: '网站关键词', max: 200 },
  { key: 'description', label: '网站描述', max: 300 },
];

/** The top of the government tree: the county (or whatever has no parent), first by sort order. */
export const topAgency = (all: readonly Agency[]): Agency | undefined => all.find((a) => a.parentId == null && a.kind === 'county') ?? all.find((a) => a.parentId == null);

/** The government's general office under the top agency (where the 政务公开办 usually sits), if there is one. */
export const generalOffice = (all: readonly Agency[], top: Agency | undefined): Agency | undefined =>
  top ? all.find((a) => a.parentId === top.id && a.kind === 'department' && /政府办公室$/.test(a.name)) : undefined;

/** What a fresh installation shows: the top agency runs the site, its general office operates it. */
export function defaultIdentity(all: readonly Agency[]): SiteIdentity {
  const top = topAgency(all);
  if (!top) return DEFAULT_SITE;
  const office = generalOffice(all, top) ?? top;
  return {
    ...DEFAULT_SITE,
    name: top.name,
    sponsor: top.name,
    organizer: office.name,
    address: office.address || top.address,
    phone: office.phone || top.phone,
    description: `${top.name}政务公开：法定主动公开内容、基层政务公开标准目录、依申请公开和机构信息。`,
    keywords: `${top.name},政务公开,政府信息公开,依申请公开`,
  };
}

async function readIdentity(db: Exec): Promise<{ identity: SiteIdentity; saved: boolean }> {
  const [row] = await db.select().from(portalSite).where(eq(portalSite.id, 1));
  if (!row) return { identity: defaultIdentity(await db.select().from(agencies).orderBy(asc(agencies.sort), asc(agencies.id))), saved: false };
  const { id: _id, updatedAt: _u, ...identity } = row;
  return { identity, saved: true };
}

// The identity is read on every page, so it is kept in memory per database: refreshed at once
// after a save on this instance, and re-read after TTL_MS so other instances' saves (and a renamed
// top agency, for the defaults) show within seconds.
const TTL_MS = 30_000;
const cache = new WeakMap<object, { at: number; value: Promise<SiteIdentity> }>();

/** The site's identity for a page: from memory when fresh, else from the database. */
export function siteIdentity(db: Db, now = Date.now()): Promise<SiteIdentity> {
  const hit = cache.get(db);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const read = readIdentity(db);
  const value = read.then((r) => r.identity);
  cache.set(db, { at: now, value });
  // A failed read is not kept, nor the placeholder name of an installation with no agency yet
  // (its first agency names the site at once): the next page reads again.
  read.then((r) => { if (!r.saved && r.identity === DEFAULT_SITE && cache.get(db)?.value === value) cache.delete(db); }, () => cache.delete(db));
  return value;
}

/** The settings page's view: the identity and whether it was ever saved (else it shows the defaults). */
export async function siteSettings(ctx: Ctx): Promise<{ identity: SiteIdentity; saved: boolean }> {
  requireRole(ctx.actor, 'admin');
  return readIdentity(ctx.db);
}

const ID_CODE = /^(\d{10}|bm\d{8})$/;
const ICP = /^[\u4e00-\u9fa5]ICP备\d{6,10}号(-\d{1,3})?$/;
const POLICE = /^[\u4e00-\u9fa5]公网安备 ?\d{14}号$/;
const DOMAIN = /^(?=.{1,100}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(:\d{1,5})?$/i;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const PHONE = /^[0-9０-９\-－()（）、,，;； 转]*$/;

/** The 公安机关备案号's 14 digits, for the link to the national record (beian.gov.cn). */
export const policeRecordCode = (police: string): string => /\d{14}/.exec(police)?.[0] ?? '';

/**
 * Checks every field in one pass. Returns the cleaned identity, or the problems by field name.
 * Text is stored as typed (trimmed); pages escape it when they show it.
 */
export function checkIdentity(input: Record<string, unknown>): { identity: SiteIdentity } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const v = {} as SiteIdentity;
  for (const f of SITE_FIELDS) {
    const raw = input[f.key];
    // One line each: a line break typed into a field would break the footer and the meta tags.
    const s = typeof raw === 'string' ? raw.replace(/[\r\n\t]+/g, ' ').trim() : '';
    v[f.key] = s;
    if (s.length > f.max) problems[f.key] = `${f.label}不能超过 ${f.max} 个字符（现为 ${s.length} 个）。`;
  }
  const bad = (key: keyof SiteIdentity, ok: boolean, message: string) => {
    if (!problems[key] && v[key] && !ok) problems[key] = message;
  };
  if (!problems.name && v.name.length < 2) problems.name = '请填写网站名称（政府名称），至少 2 个字符。';
  v.domain = v.domain.toLowerCase();
  bad('domain', DOMAIN.test(v.domain), '网站域名只填主机名，如 www.example.gov.cn（不含 http:// 和路径）。');
  bad('idCode', ID_CODE.test(v.idCode), '网站标识码为 10 位：地方政府网站为 10 位数字（如 4108230001），国务院部门网站为 bm 加 8 位数字。');
  bad('icp', ICP.test(v.icp), 'ICP备案号的格式如：豫ICP备12345678号 或 豫ICP备12345678号-1。');
  bad('police', POLICE.test(v.police), '公安机关备案号的格式如：豫公网安备 41082302000001号（省份简称、“公网安备”、14 位数字、“号”）。');
  bad('email', EMAIL.test(v.email), '电子邮箱格式不正确，如 zwgk@example.gov.cn。');
  bad('phone', PHONE.test(v.phone), '联系电话只能包含数字、连字符、括号和分隔符。');
  return Object.keys(problems).length ? { problems } : { identity: v };
}

/** The administrator sets the site's identity; audited with before and after, and shown at once. */
export async function updateSiteIdentity(ctx: Ctx, input: Record<string, unknown>): Promise<SiteIdentity> {
  const actor = requireRole(ctx.actor, 'admin');
  const checked = checkIdentity(input);
  if ('problems' in checked) {
    const problems = checked.problems;
    throw invalid(Object.values(problems).join(''), { fields: problems });
  }
  const next = checked.identity;
  const saved = await ctx.db.transaction(async (tx) => {
    const before = await readIdentity(tx);
    await tx.insert(portalSite).values({ id: 1, ...next }).onConflictDoUpdate({ target: portalSite.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'portal.site_updated', targetType: 'portal_site', targetId: 1, before: before.saved ? before.identity : null, after: next });
    return next;
  });
  cache.set(ctx.db, { at: Date.now(), value: Promise.resolve(saved) });
  return saved;
}
