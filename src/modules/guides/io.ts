// The provincial exchange shape: one task per item in the groups of the national up_task_* tables
// (basic / extend / material / fee_project / questions), with their column names (task_code,
// task_name, anticipate_day, is_need, fee_stand …, from the public DDL in JluKobe/MyRepo
// TableConstruct/). The national codebooks for the two-character code columns were not found, so
// values are the Chinese words (事项类型 “行政给付”, 必要性 “必要”…). A few columns the DDL lacks are
// local extensions, marked below. Import is all or nothing: every row is checked first, and any
// problem is reported by sheet and row with nothing written.
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { validateGuide, type GuideData } from './elements.js';
import { listPublishedGuides, publishedGuide } from './public.js';
import { canonical, CODE_RE, createItem, getItem, saveDraft } from './service.js';
import { GUIDE_LEVELS, guideItems } from './schema.js';

export type Task = { basic: Record<string, unknown>; extend: Record<string, unknown>; material: Record<string, unknown>[]; handle_flow: Record<string, unknown>[]; fee_project: Record<string, unknown>[]; questions: Record<string, unknown>[] };
export type Exchange = { format: 'up_task'; version: 1; tasks: Task[] };

/** Column → label, per group, in export order. `*` marks local extensions (not in the national DDL). */
export const COLUMNS = {
  basic: {
    task_code: '实施编码', task_name: '事项名称', catalog_code: '基本编码', parent_code: '上级实施编码*', task_level: '层级*', task_type: '事项类型', dept_name: '实施主体',
    by_law: '设定依据', accept_condition: '受理条件', anticipate_day: '法定办结时限', anticipate_type: '法定办结时限单位', anticipate_explain: '法定办结时限说明',
    promise_day: '承诺办结时限', promise_type: '承诺办结时限单位', promise_explain: '承诺办结时限说明', server_type: '服务对象', project_type: '办件类型',
    transact_addr: '办理地点', transact_time: '办理时间', link_way: '咨询方式', supervise_way: '监督投诉方式', limit_scene_num: '到办事现场次数', link_addr: '在线办理地址',
    review_dept: '行政复议*', litigation_dept: '行政诉讼*', rights: '依法享有的权利*', duties: '依法履行的义务*', domain_code: '公开领域*',
  },
  extend: { task_code: '实施编码', limit_scene_explain: '必须现场办理原因说明', online_handle_depth: '网上办理深度', result_name: '审批结果名称', user_topic_type: '面向自然人事项主题分类', corp_topic_type: '面向法人事项主题分类' },
  material: {
    task_code: '实施编码', order_num: '排序', material_name: '材料名称', is_need: '材料必要性', material_format: '材料形式', original_num: '原件份数*', copy_num: '复印件份数*',
    page_format: '纸质材料规格', source_type: '来源渠道', source_explain: '来源渠道说明', fill_explain: '填报须知', by_law: '要求提供材料的依据', form_guid: '空白表格', example_guid: '示例样表', remark: '备注',
  },
  handle_flow: { task_code: '实施编码', order_num: '排序', step_name: '环节名称', step_explain: '环节说明', is_special: '是否特别程序', special_type: '特别程序种类', step_limit: '时限', is_count_limit: '是否计入办结时限', by_law: '依据' },
  fee_project: { task_code: '实施编码', order_num: '排序', fee_name: '收费项目名称', fee_stand: '收费标准', by_law: '收费依据', is_desc: '是否允许减免', desc_explain: '允许减免依据' },
  questions: { task_code: '实施编码', order_num: '排序', question: '问题', answer: '答案' },
} as const;
export type Group = keyof typeof COLUMNS;
export const SHEETS: Record<Group, string> = { basic: '基本信息', extend: '扩展信息', material: '申请材料', handle_flow: '办理流程', fee_project: '收费项目', questions: '常见问题' };

const yes = (b: boolean) => (b ? '是' : '否');
const list = (a: string[]) => a.join('、');

/** A guide as a task of the exchange. */
export function toTask(g: { code: string; parentCode: string | null; level: string; agencyName: string; domainCode: string; data: GuideData }): Task {
  const d = g.data;
  return {
    basic: {
      task_code: g.code, task_name: d.name, catalog_code: g.code.slice(0, 12), parent_code: g.parentCode ?? '', task_level: g.level, task_type: d.itemType, dept_name: g.agencyName,
      by_law: d.basis, accept_condition: d.conditions, anticipate_day: d.legalLimit.value, anticipate_type: d.legalLimit.unit, anticipate_explain: d.legalLimit.note,
      promise_day: d.promisedLimit.value, promise_type: d.promisedLimit.unit, promise_explain: d.promisedLimit.note, server_type: d.serviceObject, project_type: d.handleType,
      transact_addr: d.place, transact_time: d.hours, link_way: d.consult, supervise_way: d.complaint, limit_scene_num: d.visits, link_addr: d.onlineUrl,
      review_dept: d.reviewBody, litigation_dept: d.litigationBody, rights: d.rights, duties: d.duties, domain_code: g.domainCode,
    },
    extend: { task_code: g.code, limit_scene_explain: d.visitsReason, online_handle_depth: list(d.onlineDepth), result_name: d.result, user_topic_type: list(d.personThemes), corp_topic_type: list(d.enterpriseThemes) },
    material: d.materials.map((m, i) => ({
      task_code: g.code, order_num: i + 1, material_name: m.name, is_need: m.necessity, material_format: m.form, original_num: m.originals, copy_num: m.copies, page_format: m.size,
      source_type: m.source, source_explain: m.sourceNote, fill_explain: m.requirement, by_law: m.basis, form_guid: m.blankFileId ?? '', example_guid: m.sampleFileId ?? '', remark: m.note,
    })),
    handle_flow: d.steps.map((s, i) => ({ task_code: g.code, order_num: i + 1, step_name: s.name, step_explain: s.description, is_special: yes(s.special), special_type: s.specialKind, step_limit: s.limit, is_count_limit: yes(s.countsInLimit), by_law: s.basis })),
    fee_project: d.fees.map((f, i) => ({ task_code: g.code, order_num: i + 1, fee_name: f.name, fee_stand: f.standard, by_law: f.basis, is_desc: yes(f.reducible), desc_explain: f.reductionBasis })),
    questions: d.faqs.map((q, i) => ({ task_code: g.code, order_num: i + 1, question: q.question, answer: q.answer })),
  };
}

const ordered = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => Number(a.order_num ?? 0) - Number(b.order_num ?? 0));
/** A task back to the element shape (unvalidated: validateGuide checks it). */
export function fromTask(t: Task): Record<string, unknown> {
  const b = t.basic ?? {}, e = t.extend ?? {};
  return {
    name: b.task_name, itemType: b.task_type, basis: b.by_law, conditions: b.accept_condition,
    legalLimit: { value: b.anticipate_day, unit: b.anticipate_type, note: b.anticipate_explain ?? '' }, promisedLimit: { value: b.promise_day, unit: b.promise_type, note: b.promise_explain ?? '' },
    serviceObject: b.server_type, handleType: b.project_type, place: b.transact_addr, hours: b.transact_time, consult: b.link_way, complaint: b.supervise_way,
    visits: b.limit_scene_num, visitsReason: e.limit_scene_explain ?? '', onlineDepth: e.online_handle_depth ?? '', onlineUrl: b.link_addr ?? '',
    reviewBody: b.review_dept, litigationBody: b.litigation_dept, result: e.result_name ?? '', rights: b.rights ?? '', duties: b.duties ?? '',
    personThemes: e.user_topic_type ?? '', enterpriseThemes: e.corp_topic_type ?? '',
    steps: ordered(t.handle_flow ?? []).map((s) => ({ name: s.step_name, description: s.step_explain ?? '', special: s.is_special, specialKind: s.special_type ?? '', limit: s.step_limit ?? '', countsInLimit: s.is_count_limit ?? '是', basis: s.by_law ?? '' })),
    // form_guid / example_guid name files in the province's (or another installation's) store, never
    // one of ours: taking them as our file ids would let an import publish someone else's file.
    // Blank forms and samples are uploaded here, on the guide's form.
    materials: ordered(t.material ?? []).map((m) => ({
      name: m.material_name, necessity: m.is_need, form: m.material_format, originals: m.original_num ?? 1, copies: m.copy_num ?? 0, size: m.page_format ?? '', source: m.source_type,
      sourceNote: m.source_explain ?? '', requirement: m.fill_explain ?? '', basis: m.by_law ?? '', blankFileId: '', sampleFileId: '', note: m.remark ?? '',
    })),
    fees: ordered(t.fee_project ?? []).map((f) => ({ name: f.fee_name, standard: f.fee_stand, basis: f.by_law, reducible: f.is_desc, reductionBasis: f.desc_explain ?? '' })),
    faqs: ordered(t.questions ?? []).map((q) => ({ question: q.question, answer: q.answer })),
  };
}

/** The published guides of the person's government in the exchange shape. */
export async function exportTasks(ctx: Ctx): Promise<Exchange> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const tasks: Task[] = [];
  for (const s of await listPublishedGuides(ctx.db, actor.placement.govId)) {
    const g = await publishedGuide(ctx.db, s.id);
    if (g) tasks.push(toTask(g));
  }
  return { format: 'up_task', version: 1, tasks };
}

export async function toXlsx(x: Exchange): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [group, cols] of Object.entries(COLUMNS) as [Group, Record<string, string>][]) {
    const ws = wb.addWorksheet(SHEETS[group]);
    ws.addRow(Object.entries(cols).map(([k, label]) => `${label}(${k})`));
    ws.getRow(1).font = { bold: true };
    for (const t of x.tasks) {
      const rows = group === 'basic' || group === 'extend' ? [t[group]] : t[group];
      for (const r of rows) ws.addRow(Object.keys(cols).map((k) => { const v = r[k]; return v == null ? '' : typeof v === 'number' ? v : String(v); }));
    }
    ws.columns.forEach((c) => { c.width = 18; });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const MAX_TASKS = 2000;
const cellText = (v: ExcelJS.CellValue): unknown => {
  if (v == null) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return v.result ?? '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v;
};

/** Reads an exchange workbook; a sheet or header that is not the exchange shape is refused with its name. */
export async function fromXlsx(buf: Buffer): Promise<Exchange> {
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.load(buf as unknown as ArrayBuffer); } catch { throw invalid('文件不是有效的 Excel（.xlsx）工作簿。'); }
  const byCode = new Map<string, Task>();
  const task = (code: string) => { let t = byCode.get(code); if (!t) { t = { basic: {}, extend: {}, material: [], handle_flow: [], fee_project: [], questions: [] }; byCode.set(code, t); } return t; };
  const problems: string[] = [];
  for (const [group, cols] of Object.entries(COLUMNS) as [Group, Record<string, string>][]) {
    const ws = wb.getWorksheet(SHEETS[group]);
    if (!ws) { if (group === 'basic') problems.push(`缺少工作表“${SHEETS.basic}”。`); continue; }
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => /\(([a-z_]+)\)\s*$/.exec(String(cellText(v) ?? ''))?.[1] ?? '');
    if (!header.includes('task_code')) { problems.push(`工作表“${SHEETS[group]}”第 1 行缺少“实施编码(task_code)”列。`); continue; }
    const unknown = header.filter((h) => h && !(h in cols));
    if (unknown.length) problems.push(`工作表“${SHEETS[group]}”有无法识别的列：${unknown.join('、')}。`);
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const rec: Record<string, unknown> = { _row: n };
      header.forEach((h, i) => { if (h) rec[h] = cellText(row.getCell(i + 1).value); });
      const code = String(rec.task_code ?? '').trim();
      if (!code) { if (Object.entries(rec).some(([k, v]) => k !== '_row' && String(v).trim())) problems.push(`工作表“${SHEETS[group]}”第 ${n} 行：缺少实施编码。`); return; }
      if (byCode.size >= MAX_TASKS && !byCode.has(code)) { problems.push(`一次最多导入 ${MAX_TASKS} 个事项。`); return; }
      const t = task(code);
      if (group === 'basic' || group === 'extend') {
        if (Object.keys(t[group]).length) problems.push(`工作表“${SHEETS[group]}”第 ${n} 行：实施编码 ${code} 重复。`);
        t[group] = rec;
      } else t[group].push(rec);
    });
  }
  if (problems.length) throw invalid(problems.slice(0, 50).join('\n'), { rows: problems.slice(0, 200) });
  return { format: 'up_task', version: 1, tasks: [...byCode.values()] };
}

/** Parses an exchange JSON text. */
export function fromJson(text: string): Exchange {
  let x: unknown;
  try { x = JSON.parse(text); } catch { throw invalid('文件不是有效的 JSON。', { rows: ['文件不是有效的 JSON。'] }); }
  const tasks = (x as { tasks?: unknown })?.tasks;
  if (!Array.isArray(tasks) || tasks.some((t) => !t || typeof t !== 'object' || !(t as Task).basic || typeof (t as Task).basic !== 'object')) throw invalid('JSON 应为 {"tasks": [{"basic": {…}, "extend": {…}, "material": […], …}]} 的格式。', { rows: ['JSON 格式不符合事项清单交换格式。'] });
  if (tasks.length > MAX_TASKS) throw invalid(`一次最多导入 ${MAX_TASKS} 个事项。`, { rows: [`一次最多导入 ${MAX_TASKS} 个事项。`] });
  const arr = (v: unknown) => (Array.isArray(v) ? v.filter((r) => r && typeof r === 'object') : []);
  return { format: 'up_task', version: 1, tasks: (tasks as Task[]).map((t) => ({ basic: t.basic, extend: t.extend && typeof t.extend === 'object' ? t.extend : {}, material: arr(t.material), handle_flow: arr(t.handle_flow), fee_project: arr(t.fee_project), questions: arr(t.questions) })) };
}

export type ImportResult = { created: number; updated: number; unchanged: number };

/**
 * The office imports the province's list for its government: each task becomes (or updates) a
 * provincial item as a new draft version, to be reviewed and published here. All or nothing.
 */
export async function importTasks(ctx: Ctx, x: Exchange, opts: { today?: string } = {}): Promise<ImportResult> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const govId = actor.placement.govId;
  const depts = await ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, govId));
  const problems: string[] = [];
  const seen = new Set<string>();
  const plan: { code: string; agencyId: number; parentCode: string | null; level: (typeof GUIDE_LEVELS)[number]; domainCode: string; data: GuideData; existing: number | null }[] = [];
  x.tasks.forEach((t, i) => {
    const code = String(t.basic.task_code ?? '').trim();
    const at = `第 ${i + 1} 个事项（实施编码 ${code || '空'}${t.basic._row ? `，基本信息第 ${String(t.basic._row)} 行` : ''}）`;
    if (!CODE_RE.test(code)) { problems.push(`${at}：实施编码只能由数字、字母和连字符组成，不超过 36 位。`); return; }
    if (seen.has(code)) { problems.push(`${at}：实施编码重复。`); return; }
    seen.add(code);
    const dept = depts.find((d) => d.name === String(t.basic.dept_name ?? '').trim());
    if (!dept) problems.push(`${at}：实施主体“${String(t.basic.dept_name ?? '')}”不是本级政府的单位。`);
    const level = GUIDE_LEVELS.find((l) => l === (String(t.basic.task_level ?? '').trim() || 'main'));
    if (!level) problems.push(`${at}：层级应为 main（主项）、sub（子项）或 handle（业务办理项）。`);
    try {
      const data = validateGuide(fromTask(t));
      if (dept && level) plan.push({ code, agencyId: dept.id, parentCode: String(t.basic.parent_code ?? '').trim() || null, level, domainCode: String(t.basic.domain_code ?? '').trim().slice(0, 50), data, existing: null });
    } catch (e) {
      const f = ((e as { details?: { fields?: Record<string, string> } }).details?.fields) ?? {};
      for (const m of Object.values(f)) problems.push(`${at}：${m}`);
    }
  });
  for (const p of plan) {
    if (p.parentCode && !seen.has(p.parentCode)) {
      const [parent] = await ctx.db.select({ id: guideItems.id }).from(guideItems).where(and(eq(guideItems.govId, govId), eq(guideItems.code, p.parentCode)));
      if (!parent) problems.push(`实施编码 ${p.code}：上级实施编码 ${p.parentCode} 既不在文件中，也不是本级政府已有的事项。`);
    }
    const [ex] = await ctx.db.select({ id: guideItems.id }).from(guideItems).where(and(eq(guideItems.govId, govId), eq(guideItems.code, p.code)));
    p.existing = ex?.id ?? null;
  }
  if (problems.length) throw invalid(`导入失败，未导入任何事项：\n${problems.slice(0, 50).join('\n')}`, { rows: problems.slice(0, 200) });
  // Parents before children, so the hierarchy check finds them.
  const rank = { main: 0, sub: 1, handle: 2 } as const;
  plan.sort((a, b) => rank[a.level] - rank[b.level]);
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
  await ctx.db.transaction(async (tx) => {
    const inner: Ctx = { db: tx as unknown as Db, actor };
    for (const p of plan) {
      if (p.existing == null) {
        await createItem(inner, { agencyId: p.agencyId, code: p.code, parentCode: p.parentCode ?? undefined, level: p.level, domainCode: p.domainCode, source: 'provincial', data: p.data }, opts);
        result.created++;
      } else {
        const cur = await getItem(inner, p.existing);
        if (canonical(cur.data) === canonical(p.data)) { result.unchanged++; continue; }
        await tx.update(guideItems).set({ source: 'provincial' }).where(eq(guideItems.id, p.existing));
        await saveDraft(inner, p.existing, { data: p.data, domainCode: p.domainCode }, { ...opts, asProvince: true });
        result.updated++;
      }
    }
    await recordAudit(tx, auditActor(actor), { action: 'guides.imported', targetType: 'guide_import', targetId: govId, after: { ...result, codes: plan.map((p) => p.code).slice(0, 100) } });
  });
  return result;
}
