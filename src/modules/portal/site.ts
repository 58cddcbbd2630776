import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
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
export const topAgency = (all: readonly Agency[]): Agency | undefined =>
  all.find((a) => a.parentId == null && (a.kind === 'county' || a.kind === 'city' || a.kind === 'province')) ?? all.find((a) => a.parentId == null);

/** The government's general office directly under it (where the 政务公开办 usually sits), if there is one. */
export const generalOffice = (all: readonly Agency[], top: Agency | undefined): Agency | undefined =>
  top ? all.find((a) => a.parentId === top.id && a.kind === 'department' && /政府办公室$/.test(a.name)) : undefined;

/** What a site shows before it is saved: the government runs it, its general office operates it. */
export function defaultIdentity(all: readonly Agency[], gov: Agency | undefined = topAgency(all)): SiteIdentity {
  if (!gov) return DEFAULT_SITE;
  const office = generalOffice(all, gov) ?? gov;
  return {
    ...DEFAULT_SITE,
    name: gov.name,
    sponsor: gov.name,
    organizer: office.name,
    address: office.address || gov.address,
    phone: office.phone || gov.phone,
    description: `${gov.name}政务公开：法定主动公开内容、基层政务公开标准目录、依申请公开和机构信息。`,
    keywords: `${gov.name},政务公开,政府信息公开,依申请公开`,
  };
}

/** A government's site as requests use it: its place in the tree, how it is reached, its identity. */
export type Site = {
  /** The portal_site row (null: not saved yet, showing the defaults). */
  id: number | null;
  governmentId: number | null;
  govPath: string;
  /** The path segment it is reached by ('' for none). */
  prefix: string;
  identity: SiteIdentity;
  root: boolean;
};

/** Every site of the installation, as one request resolves its own from them (no query per request). */
export type SiteTable = { root: Site; sites: Site[]; byPrefix: Map<string, Site>; byHost: Map<string, Site> };

const GOVERNMENT = new Set(['province', 'city', 'county']);

async function readSites(db: Exec): Promise<SiteTable> {
  const [all, rows] = await Promise.all([db.select().from(agencies).orderBy(asc(agencies.sort), asc(agencies.id)), db.select().from(portalSite).orderBy(asc(portalSite.id))]);
  const byId = new Map(all.map((a) => [a.id, a]));
  const top = topAgency(all);
  const siteOf = (row: (typeof rows)[number]): Site => {
    const { id, governmentId, prefix, updatedAt: _u, ...identity } = row;
    const gov = governmentId != null ? byId.get(governmentId) : undefined;
    // Row 1 with no government is the single site of an installation seeded before its agencies: the root's.
    const root = governmentId == null ? id === 1 : governmentId === top?.id;
    const govId = root ? (top?.id ?? null) : governmentId;
    return { id, governmentId: govId, govPath: (govId != null ? byId.get(govId)?.path : undefined) ?? gov?.path ?? '', prefix: root ? '' : prefix, identity, root };
  };
  const sites = rows.map(siteOf);
  const root = sites.find((x) => x.root) ?? { id: null, governmentId: top && GOVERNMENT.has(top.kind) ? top.id : (top?.id ?? null), govPath: top?.path ?? '', prefix: '', identity: defaultIdentity(all, top), root: true };
  const lower = sites.filter((x) => !x.root && x.governmentId != null);
  return {
    root,
    sites: [root, ...lower],
    byPrefix: new Map(lower.filter((x) => x.prefix).map((x) => [x.prefix, x])),
    byHost: new Map([root, ...lower].filter((x) => x.identity.domain).map((x) => [x.identity.domain.toLowerCase(), x])),
  };
}

// The sites are read on every request, so they are kept in memory per database: refreshed at once
// after a save on this instance, and re-read after TTL_MS so other instances' saves (and a renamed
// government, for the defaults) show within seconds.
const TTL_MS = 30_000;
const tables = new WeakMap<object, { at: number; table: SiteTable; loading: Promise<SiteTable> | null }>();
const EMPTY: SiteTable = { root: { id: null, governmentId: null, govPath: '', prefix: '', identity: DEFAULT_SITE, root: true }, sites: [], byPrefix: new Map(), byHost: new Map() };

/** Reads the sites now (at start, after a save; a failed read keeps the table there was). */
export async function refreshSites(db: Db): Promise<SiteTable> {
  const held = tables.get(db);
  if (held?.loading) return held.loading;
  const loading = readSites(db);
  tables.set(db, { at: held?.at ?? 0, table: held?.table ?? EMPTY, loading });
  try {
    const table = await loading;
    tables.set(db, { at: Date.now(), table, loading: null });
    return table;
  } catch (e) {
    tables.set(db, { at: held?.at ?? 0, table: held?.table ?? EMPTY, loading: null });
    throw e;
  }
}

/**
 * The sites as last read, synchronously (the URL is rewritten before any hook can wait), and
 * whether they should be read again: after TTL_MS, or while the installation has no government
 * yet (its first agency names the site at once).
 */
export function currentSites(db: Db, now = Date.now()): { table: SiteTable; stale: boolean } {
  const held = tables.get(db);
  if (!held) return { table: EMPTY, stale: true };
  return { table: held.table, stale: !held.loading && (now - held.at >= TTL_MS || held.table.root.governmentId == null) };
}

/**
 * Which site a request is for: a site bound to the host name; else a site whose path prefix is
 * the first segment of the path (the prefix is then cut from the URL the router sees); else the
 * root government's. Returns the site, the prefix cut ('' or '/nanxian') and the URL to route.
 */
export function resolveSite(table: SiteTable, host: string, url: string): { site: Site; prefix: string; url: string } {
  const h = host.toLowerCase();
  const byHost = table.byHost.get(h) ?? table.byHost.get(h.replace(/:\d+$/, ''));
  if (byHost && !byHost.root) return { site: byHost, prefix: '', url };
  const m = /^\/([a-z0-9-]{1,40})(?=\/|\?|$)/.exec(url);
  const site = m ? table.byPrefix.get(m[1]!) : undefined;
  if (site) {
    const rest = url.slice(m![0].length);
    return { site, prefix: m![0], url: rest.startsWith('/') ? rest : `/${rest}` };
  }
  return { site: table.root, prefix: '', url };
}

/** A path segment a site may not take: the first segment of any route (set from the route table at start). */
const reserved = new Set(['admin', 'api', 'static', 'files', 'login', 'logout', 'prefs']);
export const reserveSegment = (segment: string): void => void reserved.add(segment.toLowerCase());

/**
 * The portal_site row of a government's site. The root's may still be row 1 without a government
 * (an installation seeded before its agencies, or from before sites were per government).
 */
const rowOfGovernment = (govId: number, root: boolean) =>
  root ? or(eq(portalSite.governmentId, govId), and(eq(portalSite.id, 1), isNull(portalSite.governmentId))) : eq(portalSite.governmentId, govId);

async function governmentOf(db: Exec, govId: number): Promise<{ all: Agency[]; gov: Agency | undefined }> {
  const all = await db.select().from(agencies).orderBy(asc(agencies.sort), asc(agencies.id));
  return { all, gov: all.find((a) => a.id === govId) };
}

/** A government's site as its administrator edits it: saved, or the defaults it shows until then. */
async function readSite(db: Exec, govId: number): Promise<{ identity: SiteIdentity; prefix: string; saved: boolean; root: boolean; governmentName: string }> {
  const { all, gov } = await governmentOf(db, govId);
  const top = topAgency(all);
  const root = gov?.id === top?.id;
  // Row 1 of an installation from before sites were per government is the root's, if the migration found no government.
  const [row] = await db.select().from(portalSite).where(rowOfGovernment(govId, root));
  if (!row) return { identity: defaultIdentity(all, gov), prefix: '', saved: false, root, governmentName: gov?.name ?? '' };
  const { id: _id, governmentId: _g, prefix, updatedAt: _u, ...identity } = row;
  return { identity, prefix, saved: true, root, governmentName: gov?.name ?? '' };
}

/** The settings page's view: the administrator's own government's site, and whether it was ever saved. */
export async function siteSettings(ctx: Ctx): Promise<{ identity: SiteIdentity; prefix: string; saved: boolean; root: boolean; governmentName: string }> {
  const actor = requireRole(ctx.actor, 'admin');
  return readSite(ctx.db, actor.placement.govId);
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

const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * The administrator sets their own government's site: its identity and how it is reached (host
 * name, path prefix). The root government's site answers every other request and takes no
 * prefix; any other site needs a prefix or a host name. Audited with before and after, used at once.
 */
export async function updateSiteIdentity(ctx: Ctx, input: Record<string, unknown>): Promise<SiteIdentity> {
  const actor = requireRole(ctx.actor, 'admin');
  const govId = actor.placement.govId;
  const checked = checkIdentity(input);
  const problems: Record<string, string> = 'problems' in checked ? { ...checked.problems } : {};
  const prefix = typeof input.prefix === 'string' ? input.prefix.trim().toLowerCase().replace(/^\/+|\/+$/g, '') : '';
  const current = await readSite(ctx.db, govId);
  if (current.root && prefix) problems.prefix = '本网站是平台的主站，从根路径访问，不设访问路径。';
  else if (prefix && !PREFIX.test(prefix)) problems.prefix = '访问路径只能由小写字母、数字和连字符组成（1 至 40 个字符，不以连字符开头或结尾），如 nanxian。';
  else if (prefix && reserved.has(prefix)) problems.prefix = `访问路径「${prefix}」已被平台的页面使用，请换一个。`;
  else if (!current.root && !prefix && !('identity' in checked && checked.identity.domain)) problems.prefix = '请填写访问路径或网站域名（至少一项），公众才能访问本网站。';
  if (Object.keys(problems).length) throw invalid(Object.values(problems).join(''), { fields: problems });
  const next = (checked as { identity: SiteIdentity }).identity;
  const saved = await ctx.db.transaction(async (tx) => {
    const clash = await tx
      .select({ id: portalSite.id, prefix: portalSite.prefix, domain: portalSite.domain, governmentId: portalSite.governmentId })
      .from(portalSite)
      .where(or(prefix ? eq(portalSite.prefix, prefix) : sql`false`, next.domain ? eq(portalSite.domain, next.domain) : sql`false`));
    const other = clash.find((c) => c.governmentId !== govId && !(current.root && c.id === 1 && c.governmentId == null));
    if (other) {
      const fields: Record<string, string> = other.prefix === prefix && prefix ? { prefix: `访问路径「${prefix}」已被另一个网站使用。` } : { domain: `网站域名「${next.domain}」已被另一个网站使用。` };
      throw invalid(Object.values(fields).join(''), { fields });
    }
    const before = await readSite(tx, govId);
    const values = { ...next, prefix, governmentId: govId, updatedAt: new Date() };
    const [row] = await tx.select({ id: portalSite.id }).from(portalSite).where(rowOfGovernment(govId, current.root));
    let id = row?.id;
    if (id != null) await tx.update(portalSite).set(values).where(eq(portalSite.id, id));
    else [{ id }] = (await tx.insert(portalSite).values({ ...values, id: sql`(select coalesce(max(${portalSite.id}), 0) + 1 from ${portalSite})` }).returning({ id: portalSite.id })) as [{ id: number }];
    await recordAudit(tx, auditActor(actor), { action: 'portal.site_updated', targetType: 'portal_site', targetId: id!, before: before.saved ? { ...before.identity, prefix: before.prefix } : null, after: { ...next, prefix } });
    return next;
  });
  await refreshSites(ctx.db);
  return saved;
}

/** The sites of the governments directly below a site's (a city's counties), for its home page's links. */
export function lowerSites(db: Db, govId: number | null): Site[] {
  const { table } = currentSites(db);
  const here = table.sites.find((s) => s.governmentId === govId);
  if (!here?.govPath) return [];
  const depth = here.govPath.split('/').length;
  return table.sites.filter((s) => s !== here && s.govPath.startsWith(here.govPath) && s.govPath.split('/').length === depth + 1);
}

/**
 * The path a government's site keeps when its government is placed under another (`npm run
 * setup:place`): the site was the root, answering every request; now the upper government's site
 * is, and this one is reached by the prefix (and its host name, if it has one). Audited.
 */
export async function placeSite(db: Db, govId: number, prefix: string): Promise<void> {
  const p = prefix.trim().toLowerCase();
  if (!PREFIX.test(p) || reserved.has(p)) throw invalid(`访问路径「${prefix}」不可用：只能由小写字母、数字和连字符组成，且不能与平台页面的路径相同。`);
  await db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: portalSite.id }).from(portalSite).where(and(eq(portalSite.prefix, p), or(isNull(portalSite.governmentId), sql`${portalSite.governmentId} <> ${govId}`)));
    if (clash) throw invalid(`访问路径「${p}」已被另一个网站使用。`);
    const [row] = await tx.select().from(portalSite).where(rowOfGovernment(govId, true));
    if (row) {
      await tx.update(portalSite).set({ prefix: p, governmentId: govId, updatedAt: new Date() }).where(eq(portalSite.id, row.id));
    } else {
      const { all, gov } = await governmentOf(tx, govId);
      const identity = defaultIdentity(all, gov);
      await tx.insert(portalSite).values({ ...identity, prefix: p, governmentId: govId, id: sql`(select coalesce(max(${portalSite.id}), 0) + 1 from ${portalSite})` });
    }
    await recordAudit(tx, { userId: null, name: '运维命令（setup:place）', agencyId: null }, { action: 'portal.site_updated', targetType: 'portal_site', targetId: row?.id ?? 0, before: row ? { prefix: row.prefix } : null, after: { prefix: p } });
  });
  await refreshSites(db);
}

/** The identity of a government's site (its defaults when it has none saved), for the staff pages of its people. */
export function identityOfGovernment(db: Db, govId: number): SiteIdentity | null {
  return currentSites(db).table.sites.find((s) => s.governmentId === govId)?.identity ?? null;
}

/**
 * A root-relative link of one government's record, as a page of another site must write it: on
 * the same site it stays as it is; else absolute, on the record's own site (its path prefix on
 * this host, or its host name). A government without a site of its own keeps the link.
 */
export function linkOnSiteOf(db: Db, govId: number | null | undefined, url: string, here: number | null, hostOrigin: string): string {
  if (govId == null || govId === here) return url;
  const site = currentSites(db).table.sites.find((s) => s.governmentId === govId);
  if (!site) return url;
  if (site.prefix) return `${hostOrigin}/${site.prefix}${url}`;
  if (site.identity.domain) return `http://${site.identity.domain}${url}`;
  return site.root ? `${hostOrigin}${url}` : url;
}

/**
 * The absolute address of a record's public page on its government's own site, for what leaves the
 * screen — a printed QR code, a notice on a 公开栏, the 一本通: the site's own domain when it has
 * one (served at its root, over https), else this installation's origin with the site's path
 * prefix. A government without a site of its own gets the root site's address.
 */
export async function printedUrlOf(db: Db, govId: number | null, path: string, origin: string): Promise<string> {
  let { table } = currentSites(db);
  if (!table.sites.length) table = await refreshSites(db);
  const site = table.sites.find((s) => s.governmentId === govId) ?? table.root;
  const domain = site.identity.domain.trim().toLowerCase();
  if (domain && /^[a-z0-9.-]+(:\d{1,5})?$/.test(domain)) return `https://${domain}${path}`;
  return `${origin}${site.root || !site.prefix ? '' : `/${site.prefix}`}${path}`;
}
