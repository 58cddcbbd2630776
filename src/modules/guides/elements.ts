// The national element set of a service guide (the up_task_* basic / extend / material / fee /
// questions groups, reference §1.3), its code values, and one validator that every entry path
// (the staff form, the provincial JSON and XLSX imports) goes through, with Chinese messages keyed
// by field so a form shows each beside its box and an import names the row.
import { FieldProblems } from '../../core/errors.js';

export const ITEM_TYPES = ['行政许可', '行政给付', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务'] as const;
export const LIMIT_UNITS = ['工作日', '自然日'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export const NECESSITIES = ['必要', '非必要', '容缺后补'] as const;
export const MATERIAL_FORMS = ['纸质', '电子', '纸质+电子'] as const;
export const MATERIAL_SOURCES = ['申请人自备', '政府部门核发', '中介机构出具', '其他'] as const;
export const PAPER_SIZES = ['A4', 'A3', '其他', ''] as const;
/** 网上办理深度, the 7-value multi-select seen in public implementations (no national definition found). */
export const ONLINE_DEPTHS = ['互联网咨询', '收件', '预审', '受理', '办理', '办理结果信息反馈', '电子证照反馈'] as const;
export const SPECIAL_STEPS = ['听证', '公告', '检验检测', '专家评审', '鉴定', '现场勘查', '招标拍卖', '公示', '其他'] as const;
export const SERVICE_OBJECTS = ['自然人', '法人', '自然人、法人'] as const;
export const HANDLE_TYPES = ['即办件', '承诺件'] as const;
/** 主题: life events for individuals and enterprises (国办发〔2025〕24号's 总体清单 headings). */
export const PERSON_THEMES = ['生育收养', '教育', '就业创业', '社会救助', '婚姻登记', '住房保障', '医疗卫生', '养老服务', '残疾人', '出行', '身后事'] as const;
export const ENTERPRISE_THEMES = ['开办企业', '准营准办', '投资建设', '纳税缴费', '人力资源', '扶持政策', '注销退出'] as const;

export type TimeLimit = { value: number; unit: LimitUnit; note: string };
export type Step = { name: string; description: string; special: boolean; specialKind: string; limit: string; countsInLimit: boolean; basis: string };
export type Material = {
  name: string; necessity: (typeof NECESSITIES)[number]; form: (typeof MATERIAL_FORMS)[number]; originals: number; copies: number;
  size: string; source: (typeof MATERIAL_SOURCES)[number]; sourceNote: string; basis: string; requirement: string;
  blankFileId: number | null; sampleFileId: number | null; note: string;
};
export type Fee = { name: string; standard: string; basis: string; reducible: boolean; reductionBasis: string };
export type Faq = { question: string; answer: string };
export type GuideData = {
  name: string; itemType: (typeof ITEM_TYPES)[number]; basis: string; conditions: string;
  legalLimit: TimeLimit; promisedLimit: TimeLimit; serviceObject: (typeof SERVICE_OBJECTS)[number]; handleType: (typeof HANDLE_TYPES)[number];
  steps: Step[]; place: string; hours: string; consult: string; complaint: string;
  visits: number; visitsReason: string; onlineDepth: string[]; onlineUrl: string;
  reviewBody: string; litigationBody: string; result: string;
  rights: string; duties: string;
  personThemes: string[]; enterpriseThemes: string[];
  materials: Material[]; fees: Fee[]; faqs: Faq[];
};

/** The fields the province owns when an item came from its list (local edits of them are refused). */
export const PROVINCIAL_FIELDS = ['name', 'itemType', 'basis', 'conditions', 'legalLimit', 'serviceObject'] as const;

export const FIELD_LABELS: Record<string, string> = {
  name: '事项名称', itemType: '事项类型', basis: '设定依据', conditions: '受理条件', legalLimit: '法定办结时限', promisedLimit: '承诺办结时限',
  serviceObject: '服务对象', handleType: '办件类型', steps: '办理流程', place: '办理地点', hours: '办理时间', consult: '咨询方式', complaint: '监督投诉方式',
  visits: '到办事现场次数', visitsReason: '必须现场办理原因说明', onlineDepth: '网上办理深度', onlineUrl: '网上办理地址', reviewBody: '行政复议机关', litigationBody: '行政诉讼机关',
  result: '审批结果', rights: '依法享有的权利', duties: '依法履行的义务', personThemes: '自然人主题', enterpriseThemes: '法人主题', materials: '申请材料', fees: '收费项目', faqs: '常见问题',
};

const str = (v: unknown): string => (typeof v === 'string' ? v.replace(/\u0000/g, '').trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined => list.find((x) => x === str(v));
const bool = (v: unknown): boolean => v === true || ['1', 'true', '是', 'on', 'yes'].includes(str(v));
const nat = (v: unknown, max: number): number | null => {
  const s = str(v);
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
};
const fileId = (v: unknown): number | null | undefined => {
  const s = str(v);
  if (s === '') return null;
  return /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const textList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : str(v).split(/[、,，;；\n]/).map((s) => s.trim())).filter(Boolean);

/** How a limit compares across units: a working day is at least one calendar day, and 5 working days span 7 calendar days. */
export function limitInCalendarDays(l: TimeLimit): number {
  return l.unit === '自然日' ? l.value : Math.ceil((l.value * 7) / 5);
}
export const limitText = (l: TimeLimit): string => `${l.value} 个${l.unit}${l.note ? `（${l.note}）` : ''}`;

type Limits = { text: number; long: number; maxSteps: number; maxMaterials: number; maxFees: number; maxFaqs: number };
const LIM: Limits = { text: 200, long: 4000, maxSteps: 30, maxMaterials: 60, maxFees: 20, maxFaqs: 40 };

/**
 * Validates a guide's elements from any source (form fields already gathered into this shape, or an
 * import). Throws invalid_input with `fields` keyed like `materials.2.name`, every problem at once.
 */
export function validateGuide(raw: Record<string, unknown>): GuideData {
  const p = new FieldProblems();
  const need = (k: string, max: number, msg: string): string => {
    const v = str(raw[k]);
    if (!v) p.add(k, msg);
    else if (v.length > max) p.add(k, `${FIELD_LABELS[k] ?? k}不能超过 ${max} 字。`);
    return v;
  };
  const opt = (k: string, max: number, src: Record<string, unknown> = raw, key = k): string => {
    const v = str(src[k]);
    if (v.length > max) p.add(key, `${FIELD_LABELS[k] ?? k}不能超过 ${max} 字。`);
    return v;
  };
  const name = need('name', LIM.text, '请填写事项名称。');
  const itemType = oneOf(ITEM_TYPES, raw.itemType);
  if (!itemType) p.add('itemType', `请选择事项类型（${ITEM_TYPES.join('、')}）。`);
  const basis = need('basis', LIM.long, '请填写设定依据（法律、法规、规章名称及条款）。');
  const conditions = need('conditions', LIM.long, '请填写受理条件。');
  const limit = (k: 'legalLimit' | 'promisedLimit', label: string): TimeLimit | null => {
    const o = (raw[k] && typeof raw[k] === 'object' ? raw[k] : {}) as Record<string, unknown>;
    const value = nat(o.value, 3650);
    const unit = oneOf(LIMIT_UNITS, o.unit);
    const note = str(o.note);
    if (value == null) p.add(k, `${label}应为 0 至 3650 之间的整数。`);
    else if (!unit) p.add(k, `请选择${label}的单位（工作日或自然日）。`);
    else if (note.length > LIM.text) p.add(k, `${label}说明不能超过 ${LIM.text} 字。`);
    return value != null && unit ? { value, unit, note } : null;
  };
  const legalLimit = limit('legalLimit', '法定办结时限');
  const promisedLimit = limit('promisedLimit', '承诺办结时限');
  if (legalLimit && promisedLimit && limitInCalendarDays(promisedLimit) > limitInCalendarDays(legalLimit))
    p.add('promisedLimit', `承诺办结时限（${limitText(promisedLimit)}）不能长于法定办结时限（${limitText(legalLimit)}）。`);
  const serviceObject = oneOf(SERVICE_OBJECTS, raw.serviceObject);
  if (!serviceObject) p.add('serviceObject', '请选择服务对象（自然人、法人或两者）。');
  const handleType = oneOf(HANDLE_TYPES, raw.handleType);
  if (!handleType) p.add('handleType', '请选择办件类型（即办件或承诺件）。');
  const place = need('place', LIM.long, '请填写办理地点。');
  const hours = need('hours', LIM.text, '请填写办理时间。');
  const consult = need('consult', LIM.long, '请填写咨询方式（电话、地址等）。');
  const complaint = need('complaint', LIM.long, '请填写监督投诉方式。');
  const visits = nat(raw.visits, 10);
  if (visits == null) p.add('visits', '到办事现场次数应为 0 至 10 之间的整数。');
  const visitsReason = opt('visitsReason', LIM.long);
  if (visits != null && visits > 0 && !visitsReason) p.add('visitsReason', '到办事现场次数不为 0 次的，请填写必须现场办理的原因说明。');
  const onlineDepth = textList(raw.onlineDepth);
  const badDepth = onlineDepth.filter((d) => !(ONLINE_DEPTHS as readonly string[]).includes(d));
  if (badDepth.length) p.add('onlineDepth', `网上办理深度只能从以下选择：${ONLINE_DEPTHS.join('、')}。`);
  const onlineUrl = opt('onlineUrl', 500);
  if (onlineUrl && !/^https?:\/\/[^\s<>"]+$/.test(onlineUrl)) p.add('onlineUrl', '网上办理地址应为 http:// 或 https:// 开头的网址。');
  const reviewBody = need('reviewBody', LIM.long, '请填写行政复议机关（名称、地址、电话）。');
  const litigationBody = need('litigationBody', LIM.long, '请填写行政诉讼机关（人民法院名称、地址）。');
  const result = opt('result', LIM.text), rights = opt('rights', LIM.long), duties = opt('duties', LIM.long);
  const themeList = (k: string, allowed: readonly string[]): string[] => {
    const v = textList(raw[k]);
    if (v.some((x) => !allowed.includes(x))) p.add(k, `${FIELD_LABELS[k]}只能从以下选择：${allowed.join('、')}。`);
    return [...new Set(v.filter((x) => allowed.includes(x)))];
  };
  const personThemes = themeList('personThemes', PERSON_THEMES);
  const enterpriseThemes = themeList('enterpriseThemes', ENTERPRISE_THEMES);

  const stepsRaw = list(raw.steps);
  if (stepsRaw.length > LIM.maxSteps) p.add('steps', `办理流程最多 ${LIM.maxSteps} 个环节。`);
  const steps: Step[] = stepsRaw.slice(0, LIM.maxSteps).map((s0, i) => {
    const s = (s0 && typeof s0 === 'object' ? s0 : {}) as Record<string, unknown>;
    const k = `steps.${i}`;
    const nm = str(s.name);
    if (!nm || nm.length > 100) p.add(`${k}.name`, `第 ${i + 1} 个办理环节：请填写环节名称（100 字以内）。`);
    const special = bool(s.special);
    const specialKind = str(s.specialKind);
    if (special && !(SPECIAL_STEPS as readonly string[]).includes(specialKind)) p.add(`${k}.specialKind`, `第 ${i + 1} 个办理环节是特别程序，请选择其类型（${SPECIAL_STEPS.join('、')}）。`);
    const description = opt('description', LIM.long, s, `${k}.description`), limitT = opt('limit', 100, s, `${k}.limit`), basisS = opt('basis', LIM.text, s, `${k}.basis`);
    return { name: nm, description, special, specialKind: special ? specialKind : '', limit: limitT, countsInLimit: special ? bool(s.countsInLimit) : true, basis: basisS };
  });
  if (!steps.length) p.add('steps', '请至少填写一个办理环节（如受理、审核、决定）。');

  const matRaw = list(raw.materials);
  if (matRaw.length > LIM.maxMaterials) p.add('materials', `申请材料最多 ${LIM.maxMaterials} 项。`);
  const seen = new Set<string>();
  const materials: Material[] = matRaw.slice(0, LIM.maxMaterials).map((m0, i) => {
    const m = (m0 && typeof m0 === 'object' ? m0 : {}) as Record<string, unknown>;
    const k = `materials.${i}`;
    const at = `第 ${i + 1} 项材料`;
    const nm = str(m.name);
    if (!nm || nm.length > 200) p.add(`${k}.name`, `${at}：请填写材料名称（200 字以内）。`);
    else if (seen.has(nm)) p.add(`${k}.name`, `${at}：材料“${nm}”重复。`);
    seen.add(nm);
    const necessity = oneOf(NECESSITIES, m.necessity);
    if (!necessity) p.add(`${k}.necessity`, `${at}：请选择必要性（${NECESSITIES.join('、')}）。`);
    const form = oneOf(MATERIAL_FORMS, m.form);
    if (!form) p.add(`${k}.form`, `${at}：请选择材料形式（${MATERIAL_FORMS.join('、')}）。`);
    const originals = nat(m.originals ?? '0', 20), copies = nat(m.copies ?? '0', 20);
    if (originals == null || copies == null) p.add(`${k}.copies`, `${at}：原件、复印件份数应为 0 至 20 之间的整数。`);
    const source = oneOf(MATERIAL_SOURCES, m.source);
    if (!source) p.add(`${k}.source`, `${at}：请选择来源渠道（${MATERIAL_SOURCES.join('、')}）。`);
    const size = str(m.size);
    if (size.length > 20) p.add(`${k}.size`, `${at}：纸质规格不能超过 20 字。`);
    const blank = fileId(m.blankFileId), sample = fileId(m.sampleFileId);
    if (blank === undefined || sample === undefined) p.add(`${k}.blankFileId`, `${at}：空白表格、示例样表应为文件编号或留空。`);
    return {
      name: nm, necessity: necessity!, form: form!, originals: originals ?? 0, copies: copies ?? 0, size, source: source!,
      sourceNote: opt('sourceNote', LIM.text, m, `${k}.sourceNote`), basis: opt('basis', LIM.text, m, `${k}.basis`), requirement: opt('requirement', LIM.long, m, `${k}.requirement`),
      blankFileId: blank ?? null, sampleFileId: sample ?? null, note: opt('note', LIM.text, m, `${k}.note`),
    };
  });

  const feeRaw = list(raw.fees);
  if (feeRaw.length > LIM.maxFees) p.add('fees', `收费项目最多 ${LIM.maxFees} 项。`);
  const fees: Fee[] = feeRaw.slice(0, LIM.maxFees).map((f0, i) => {
    const f = (f0 && typeof f0 === 'object' ? f0 : {}) as Record<string, unknown>;
    const k = `fees.${i}`;
    const nm = str(f.name), standard = str(f.standard), basisF = str(f.basis);
    if (!nm || nm.length > 200) p.add(`${k}.name`, `第 ${i + 1} 个收费项目：请填写收费项目名称（200 字以内）。`);
    if (!standard || standard.length > LIM.text) p.add(`${k}.standard`, `第 ${i + 1} 个收费项目：请填写收费标准（${LIM.text} 字以内）。`);
    if (!basisF || basisF.length > LIM.long) p.add(`${k}.basis`, `第 ${i + 1} 个收费项目：请填写收费依据。`);
    const reducible = bool(f.reducible);
    return { name: nm, standard, basis: basisF, reducible, reductionBasis: reducible ? opt('reductionBasis', LIM.long, f, `${k}.reductionBasis`) : '' };
  });

  const faqRaw = list(raw.faqs);
  if (faqRaw.length > LIM.maxFaqs) p.add('faqs', `常见问题最多 ${LIM.maxFaqs} 条。`);
  const faqs: Faq[] = faqRaw.slice(0, LIM.maxFaqs).map((q0, i) => {
    const q = (q0 && typeof q0 === 'object' ? q0 : {}) as Record<string, unknown>;
    const question = str(q.question), answer = str(q.answer);
    if (!question || question.length > 500) p.add(`faqs.${i}.question`, `第 ${i + 1} 个常见问题：请填写问题（500 字以内）。`);
    if (!answer || answer.length > LIM.long) p.add(`faqs.${i}.answer`, `第 ${i + 1} 个常见问题：请填写答案。`);
    return { question, answer };
  });
  p.done();
  return {
    name, itemType: itemType!, basis, conditions, legalLimit: legalLimit!, promisedLimit: promisedLimit!, serviceObject: serviceObject!, handleType: handleType!,
    steps, place, hours, consult, complaint, visits: visits!, visitsReason: visits ? visitsReason : '', onlineDepth: [...new Set(onlineDepth)], onlineUrl,
    reviewBody, litigationBody, result, rights, duties, personThemes, enterpriseThemes, materials, fees, faqs,
  };
}
