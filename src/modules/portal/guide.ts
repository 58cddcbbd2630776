import { and, asc, eq } from 'drizzle-orm';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { forbidden, invalid, notFound } from '../../core/errors.js';
import type { Db, Exec } from '../../db/client.js';
import { agencies } from '../../core/org/schema.js';
import type { Agency } from '../org/service.js';
import { portalDisclosureTexts } from './schema.js';
import { generalOffice, topAgency } from './site.js';
import { officeActs } from '../../core/org/scope.js';

/**
 * 政府信息公开指南 (条例 Art. 12) and 政府信息公开制度, one of each per agency. Each is a set of
 * structured plain-text fields, shown escaped with its line breaks: no markup is stored. Until an
 * agency publishes its own, the public reads one prefilled from the agency's registered facts and
 * from how this platform works, so no installation shows an empty column.
 */
export type Part = 'guide' | 'rules';
export const PART_LABELS: Record<Part, string> = { guide: '政府信息公开指南', rules: '政府信息公开制度' };

/** 示范县人民政府 + 政府信息公开指南 reads 示范县人民政府信息公开指南, as such titles are written. */
export const agencyTitle = (name: string, label: string): string => (name.endsWith('政府') && label.startsWith('政府') ? name + label.slice(2) : name + label);

/** The parts Article 12 names, field by field. */
export type GuideFields = {
  classification: string;
  activeHow: string;
  applyHow: string;
  officeName: string;
  address: string;
  officeHours: string;
  phone: string;
  fax: string;
  email: string;
  postcode: string;
  remedies: string;
};

export const GUIDE_FIELDS: readonly { key: keyof GuideFields; label: string; max: number; long?: boolean; required?: boolean }[] = [
  { key: 'classification', label: '政府信息的分类和编排体系', max: 4000, long: true, required: true },
  { key: 'activeHow', label: '主动公开信息的获取方式', max: 4000, long: true, required: true },
  { key: 'applyHow', label: '依申请公开的渠道和办理程序', max: 6000, long: true, required: true },
  { key: 'officeName', label: '政府信息公开工作机构名称', max: 100, required: true },
  { key: 'address', label: '办公地址', max: 200, required: true },
  { key: 'officeHours', label: '办公时间', max: 200, required: true },
  { key: 'phone', label: '联系电话', max: 100, required: true },
  { key: 'fax', label: '传真号码', max: 100 },
  { key: 'email', label: '电子邮箱', max: 100 },
  { key: 'postcode', label: '邮政编码', max: 6 },
  { key: 'remedies', label: '监督和救济', max: 4000, long: true, required: true },
];

export type RuleItem = { title: string; body: string };
export type RulesFields = { items: RuleItem[] };
export const MAX_RULES = 20;
export const RULE_TITLE_MAX = 60;
export const RULE_BODY_MAX = 8000;

/** Agencies that keep a guide: the 行政机关 (county, departments, townships, streets), not villages. */
export const hasGuide = (a: Pick<Agency, 'kind'>): boolean => a.kind === 'province' || a.kind === 'city' || a.kind === 'county' || a.kind === 'department' || a.kind === 'township' || a.kind === 'street';

const allAgencies = (db: Exec): Promise<Agency[]> => db.select().from(agencies).orderBy(asc(agencies.sort), asc(agencies.id));

/** Who answers for an agency's guide: the county's general office answers for the county government. */
function officeOf(all: readonly Agency[], a: Agency): Agency {
  return a.kind === 'county' || a.kind === 'city' || a.kind === 'province' ? (generalOffice(all, a) ?? a) : a;
}

/** The guide as the agency's facts and this platform's procedures make it, before anyone edits it. */
export function prefillGuide(all: readonly Agency[], a: Agency): GuideFields {
  const office = officeOf(all, a);
  // The agency's own government supervises its disclosure work (a county's office, not the city's).
  const top = all.find((x) => x.id === a.govId) ?? topAgency(all);
  const supervisor = top ? generalOffice(all, top) ?? top : a;
  const countyName = top?.name ?? a.name;
  return {
    classification: [
      `${a.name}主动公开的政府信息，按《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的法定主动公开内容分类，并按基层政务公开标准目录的领域和事项编排。`,
      '每条信息标注索引号、发布机构、组配分类、主题分类、名称、文号、成文日期、发布日期和有效性，可按发布机构、公文种类、主题分类、年份和有效性查找。',
      '行政规范性文件单独编排，并与其政策解读相互关联；已失效、废止或修订的文件标明其有效性。',
    ].join('\n'),
    activeHow: [
      `${a.name}主动公开的政府信息，自该信息形成或者变更之日起 20 个工作日内，在本网站“政府信息公开”栏目公开；法律、法规对公开期限另有规定的，从其规定。`,
      '公众可以通过本网站的信息公开目录、基层政务公开标准目录、站内搜索和信息订阅（RSS/Atom）查阅，也可以到本机关办公地点查阅。',
    ].join('\n'),
    applyHow: [
      `公民、法人或者其他组织可以向${a.name}申请获取本机关主动公开以外的政府信息。申请应当包括：申请人的姓名或者名称、身份证明、联系方式；所需政府信息的名称、文号或者便于查询的其他特征性描述；获取信息的方式和途径。`,
      '申请渠道：',
      '1. 在线申请：在本网站“依申请公开”栏目填写申请表提交，以双方确认之日为收到申请之日。',
      '2. 信函申请：将申请书邮寄至本指南所列办公地址，信封注明“政府信息公开申请”，以本机关签收之日为收到申请之日。',
      '3. 当面申请：在办公时间到本指南所列办公地址当面提交申请书，以提交之日为收到申请之日。',
      '办理期限：能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限不超过 20 个工作日。申请内容不明确的，本机关一次性告知需要补正的事项和合理的补正期限，答复期限自收到补正的申请之日起计算。',
      '收费：提供政府信息原则上不收取费用；申请数量、频次明显超过合理范围的，可以依照国家规定收取信息处理费。',
      '申请人可以凭查询码在本网站“依申请公开”栏目查询办理进度和答复。',
    ].join('\n'),
    officeName: a.kind === 'county' && office !== a ? `${office.name}（政务公开办公室）` : a.name,
    address: office.address || a.address,
    officeHours: office.officeHours || a.officeHours,
    phone: office.phone || a.phone,
    fax: '',
    email: '',
    postcode: '',
    remedies: `公民、法人或者其他组织认为${a.name}在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者${agencyTitle(countyName, '政府信息公开工作主管部门')}（${supervisor.name}）投诉、举报，也可以依法申请行政复议或者提起行政诉讼。`,
  };
}

/** The 制度 this platform's own workflow carries out, until the agency publishes its own text. */
export function prefillRules(a: Agency): RulesFields {
  return {
    items: [
      { title: '政府信息主动公开制度', body: `${a.name}对应当主动公开的政府信息，按照基层政务公开标准目录确定公开事项、公开内容、公开时限和公开渠道，自信息形成或者变更之日起 20 个工作日内公开，并对公开时效逐条统计。` },
      { title: '政府信息公开保密审查制度', body: '拟公开的政府信息由信息编辑起草，经信息审核人员审核并作出保密审查结论后方可发布；审核未通过的退回修改。审核和发布的每一步均留有记录。' },
      { title: '政策解读制度', body: '行政规范性文件与其政策解读同步起草、同步审核、同步发布，解读与文件相互关联。' },
      { title: '依申请公开办理制度', body: '申请通过网上、信函或者当面提交后登记，按法定期限办理并答复；需要补正、征求第三方意见、延长答复期限的，依法书面告知申请人。办理过程逐项记录，答复书载明依据和救济途径。' },
      { title: '不予公开信息年度评估制度', body: '对因涉及国家秘密、商业秘密、个人隐私等原因不予公开的政府信息，每年进行评估，可以公开的及时公开。' },
      { title: '政府信息公开工作年度报告制度', body: '每年 1 月 31 日前编制上一年度政府信息公开工作年度报告，并向社会公布。' },
    ],
  };
}

export type PartView<T> = {
  fields: T;
  /** Published by staff (true), or the prefilled text (false). */
  published: boolean;
  publishedAt: Date | null;
};

type Row = typeof portalDisclosureTexts.$inferSelect;

async function rowOf(db: Exec, agencyId: number, part: Part): Promise<Row | undefined> {
  const [row] = await db.select().from(portalDisclosureTexts).where(and(eq(portalDisclosureTexts.agencyId, agencyId), eq(portalDisclosureTexts.part, part)));
  return row;
}

const prefill = (all: readonly Agency[], a: Agency, part: Part) => (part === 'guide' ? prefillGuide(all, a) : prefillRules(a));

// Stored JSON is read through the same cleaning as input, so a field added later reads as ''.
const asGuide = (v: Record<string, unknown>): GuideFields => Object.fromEntries(GUIDE_FIELDS.map((f) => [f.key, typeof v[f.key] === 'string' ? v[f.key] : ''])) as GuideFields;
const asRules = (v: Record<string, unknown>): RulesFields => ({ items: Array.isArray(v.items) ? (v.items as RuleItem[]).filter((i) => i && typeof i.title === 'string' && typeof i.body === 'string').map((i) => ({ title: i.title, body: i.body })) : [] });
const asPart = (part: Part, v: Record<string, unknown>) => (part === 'guide' ? asGuide(v) : asRules(v));

async function guideAgency(db: Exec, agencyId: number): Promise<{ all: Agency[]; agency: Agency }> {
  const all = await allAgencies(db);
  const agency = all.find((a) => a.id === agencyId);
  if (!agency || !hasGuide(agency)) throw notFound('机构');
  return { all, agency };
}

/** The government whose column this is: the site's (govId), else the installation's top. */
const columnTop = (all: readonly Agency[], govId: number | null) => (govId == null ? topAgency(all) : all.find((a) => a.id === govId));
const ofColumn = (all: readonly Agency[], govId: number | null) => (govId == null ? all : all.filter((a) => a.govId === govId));

/**
 * Public: the agencies that keep a guide on this site (its government's; every one when govId is
 * null), the government first, each saying whether it published its own.
 */
export async function guideAgencies(db: Db, govId: number | null = null): Promise<{ agency: Agency; guide: boolean; rules: boolean }[]> {
  const [all, rows] = await Promise.all([allAgencies(db), db.select({ agencyId: portalDisclosureTexts.agencyId, part: portalDisclosureTexts.part, publishedAt: portalDisclosureTexts.publishedAt }).from(portalDisclosureTexts)]);
  const done = new Set(rows.filter((r) => r.publishedAt).map((r) => `${r.agencyId}:${r.part}`));
  const top = columnTop(all, govId);
  const list = ofColumn(all, govId).filter(hasGuide).sort((a, b) => Number(b.id === top?.id) - Number(a.id === top?.id));
  return list.map((agency) => ({ agency, guide: done.has(`${agency.id}:guide`), rules: done.has(`${agency.id}:rules`) }));
}

/** The top agency's id, whose guide the column shows first (null in an empty installation). */
export async function topAgencyId(db: Db, govId: number | null = null): Promise<number | null> {
  const all = await allAgencies(db);
  const top = columnTop(all, govId);
  if (top && hasGuide(top)) return top.id;
  return ofColumn(all, govId).find(hasGuide)?.id ?? null;
}

/** Public: an agency's guide or 制度 as published, else as prefilled. */
export async function publicPart<P extends Part>(db: Db, agencyId: number, part: P, govId: number | null = null): Promise<{ agency: Agency } & PartView<P extends 'guide' ? GuideFields : RulesFields>> {
  const { all, agency } = await guideAgency(db, agencyId);
  // Another government's guide is not on this site.
  if (govId != null && agency.govId !== govId) throw notFound('机构');
  const row = await rowOf(db, agencyId, part);
  const fields = row?.published ? asPart(part, row.published) : prefill(all, agency, part);
  return { agency, fields: fields as never, published: Boolean(row?.published), publishedAt: row?.publishedAt ?? null };
}

/** Editors and reviewers of the agency, and the office for every agency, write its guide. */
export const mayWrite = (actor: Actor, a: Pick<Agency, 'id' | 'path' | 'govId'>): boolean => (hasRole(actor, 'office') && officeActs(actor, a)) || (actor.agencyId === a.id && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer')));
/** The agency's reviewers and the office publish it (an agency without a reviewer asks the office). */
export const mayPublish = (actor: Actor, a: Pick<Agency, 'id' | 'path' | 'govId'>): boolean => (hasRole(actor, 'office') && officeActs(actor, a)) || (actor.agencyId === a.id && hasRole(actor, 'reviewer'));

const STAFF_ROLES = ['editor', 'reviewer', 'office'] as const;

export type StaffPart<T> = {
  /** What the editor shows: the draft, else the published text, else the prefill. */
  draft: T;
  savedAt: Date | null;
  savedBy: string;
  published: T | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  /** A saved draft that differs from what the public reads. */
  unpublishedChanges: boolean;
};

/** The agencies whose guide this person may write, with each part's state. */
export async function staffGuideList(ctx: Ctx): Promise<{ agency: Agency; guide: Row | null; rules: Row | null }[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const [all, rows] = await Promise.all([allAgencies(ctx.db), ctx.db.select().from(portalDisclosureTexts)]);
  const by = new Map(rows.map((r) => [`${r.agencyId}:${r.part}`, r]));
  return all.filter((a) => hasGuide(a) && mayWrite(actor, a)).map((agency) => ({ agency, guide: by.get(`${agency.id}:guide`) ?? null, rules: by.get(`${agency.id}:rules`) ?? null }));
}

// Compared in their cleaned form: jsonb does not keep the order of an object's keys.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const samePart = (part: Part, a: Record<string, unknown> | null | undefined, b: Record<string, unknown> | null | undefined) => (a && b ? same(asPart(part, a), asPart(part, b)) : a == b);

/** One agency's guide and 制度 for the editor. Not the person's to write: not found. */
export async function staffGuide(ctx: Ctx, agencyId: number): Promise<{ agency: Agency; guide: StaffPart<GuideFields>; rules: StaffPart<RulesFields>; mayPublish: boolean }> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const { all, agency } = await guideAgency(ctx.db, agencyId);
  if (!mayWrite(actor, agency)) throw notFound('机构');
  const view = async <P extends Part>(part: P) => {
    const row = await rowOf(ctx.db, agencyId, part);
    const published = row?.published ? asPart(part, row.published) : null;
    const draft = row ? asPart(part, row.draft) : prefill(all, agency, part);
    return { draft, savedAt: row?.draftSavedAt ?? null, savedBy: row?.draftSavedBy ?? '', published, publishedAt: row?.publishedAt ?? null, publishedBy: row?.publishedBy ?? null, unpublishedChanges: Boolean(row) && !same(draft, published) };
  };
  return { agency, guide: (await view('guide')) as StaffPart<GuideFields>, rules: (await view('rules')) as StaffPart<RulesFields>, mayPublish: mayPublish(actor, agency) };
}

type Problems = Record<string, string>;
const oneLine = (s: unknown) => (typeof s === 'string' ? s.replace(/[\r\n\t]+/g, ' ').trim() : '');
const text = (s: unknown) => (typeof s === 'string' ? s.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim() : '');

/** Checks a guide in one pass: every Art. 12 part present, each within its limit. */
export function checkGuide(input: Record<string, unknown>): { fields: GuideFields } | { problems: Problems } {
  const problems: Problems = {};
  const fields = {} as GuideFields;
  for (const f of GUIDE_FIELDS) {
    const v = f.long ? text(input[f.key]) : oneLine(input[f.key]);
    fields[f.key] = v;
    if (v.length > f.max) problems[f.key] = `${f.label}不能超过 ${f.max} 个字符（现为 ${v.length} 个）。`;
    else if (f.required && !v) problems[f.key] = `请填写${f.label}（《政府信息公开条例》第十二条规定指南应当包括此项）。`;
  }
  if (!problems.postcode && fields.postcode && !/^\d{6}$/.test(fields.postcode)) problems.postcode = '邮政编码为 6 位数字。';
  if (!problems.email && fields.email && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(fields.email)) problems.email = '电子邮箱格式不正确，如 zwgk@example.gov.cn。';
  for (const k of ['phone', 'fax'] as const) {
    if (!problems[k] && fields[k] && !/^[0-9０-９\-－()（）、,，;； 转]*$/.test(fields[k])) problems[k] = `${k === 'phone' ? '联系电话' : '传真号码'}只能包含数字、连字符、括号和分隔符。`;
  }
  return Object.keys(problems).length ? { problems } : { fields };
}

/** Checks a list of 制度: empty rows dropped, each kept one with a title and text within limits. */
export function checkRules(items: { title: unknown; body: unknown }[]): { fields: RulesFields } | { problems: Problems } {
  const problems: Problems = {};
  const kept: RuleItem[] = [];
  items.forEach((it, i) => {
    const title = oneLine(it.title);
    const body = text(it.body);
    if (!title && !body) return;
    if (!title) problems[`title${i}`] = `第 ${i + 1} 项制度缺少名称。`;
    else if (title.length > RULE_TITLE_MAX) problems[`title${i}`] = `第 ${i + 1} 项制度的名称不能超过 ${RULE_TITLE_MAX} 个字符。`;
    if (!body) problems[`body${i}`] = `第 ${i + 1} 项制度缺少内容。`;
    else if (body.length > RULE_BODY_MAX) problems[`body${i}`] = `第 ${i + 1} 项制度的内容不能超过 ${RULE_BODY_MAX} 个字符（现为 ${body.length} 个）。`;
    kept.push({ title, body });
  });
  if (kept.length > MAX_RULES) problems.items = `最多 ${MAX_RULES} 项制度。`;
  if (!kept.length && !Object.keys(problems).length) problems.items = '至少填写一项制度。';
  return Object.keys(problems).length ? { problems } : { fields: { items: kept } };
}

const AUDIT = { guide: { saved: 'portal.guide_saved', published: 'portal.guide_published' }, rules: { saved: 'portal.rules_saved', published: 'portal.rules_published' } } as const;

/**
 * Saves the agency's draft of one part; with `publish`, the public reads it from now on. Both are
 * audited (the draft's text before and after, and what was published).
 */
export async function savePart(ctx: Ctx, agencyId: number, part: Part, input: Record<string, unknown> | { title: unknown; body: unknown }[], opts: { publish?: boolean } = {}): Promise<void> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const { agency } = await guideAgency(ctx.db, agencyId);
  if (!mayWrite(actor, agency)) throw notFound('机构');
  if (opts.publish && !mayPublish(actor, agency)) throw forbidden('发布须由本机关的信息审核人员或政务公开办办理，请先保存草稿。');
  const checked = part === 'guide' ? checkGuide(input as Record<string, unknown>) : checkRules(input as { title: unknown; body: unknown }[]);
  if ('problems' in checked) throw invalid(Object.values(checked.problems).join(''), { fields: checked.problems });
  const fields = checked.fields as unknown as Record<string, unknown>;
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    const before = await rowOf(tx, agencyId, part);
    const publish = opts.publish ? { published: fields, publishedAt: now, publishedBy: actor.name } : {};
    await tx
      .insert(portalDisclosureTexts)
      .values({ agencyId, part, draft: fields, draftSavedAt: now, draftSavedBy: actor.name, ...publish })
      .onConflictDoUpdate({ target: [portalDisclosureTexts.agencyId, portalDisclosureTexts.part], set: { draft: fields, draftSavedAt: now, draftSavedBy: actor.name, ...publish } });
    const target = { targetType: part === 'guide' ? 'portal_guide' : 'portal_rules', targetId: agencyId };
    if (!before || !samePart(part, before.draft, fields)) await recordAudit(tx, auditActor(actor), { action: AUDIT[part].saved, ...target, before: before?.draft ?? null, after: fields });
    if (opts.publish) await recordAudit(tx, auditActor(actor), { action: AUDIT[part].published, ...target, before: before?.published ?? null, after: fields });
  });
}

/** Drafts saved but not yet published, for the worklist of whoever may publish them. */
export async function unpublishedDrafts(ctx: Ctx): Promise<{ agency: Agency; part: Part; savedAt: Date; savedBy: string }[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const [all, rows] = await Promise.all([allAgencies(ctx.db), ctx.db.select().from(portalDisclosureTexts)]);
  const byId = new Map(all.map((a) => [a.id, a]));
  return rows
    .filter((r) => byId.has(r.agencyId) && mayPublish(actor, byId.get(r.agencyId)!) && !samePart(r.part, r.draft, r.published))
    .map((r) => ({ agency: byId.get(r.agencyId)!, part: r.part, savedAt: r.draftSavedAt, savedBy: r.draftSavedBy }));
}
