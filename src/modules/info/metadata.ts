/** 主题分类: the 22 categories of the gov.cn theme classification, with their sub-categories. */
export const THEMES: [string, string[]][] = [
  ['国务院组织机构', ['国务院', '国务院办公厅', '国务院组成部门', '国务院直属特设机构', '国务院直属机构', '国务院办事机构', '国务院直属事业单位', '国务院部委管理的国家局', '国务院议事协调机构', '其他']],
  ['综合政务', ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他']],
  ['国民经济管理、国有资产监管', ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他']],
  ['财政、金融、审计', ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他']],
  ['国土资源、能源', ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他']],
  ['农业、林业、水利', ['农业、畜牧业、渔业', '林业', '水利', '其他']],
  ['工业、交通', ['机械制造与重工业', '轻工纺织', '化工', '国防工业', '航天、航空', '信息产业（含电信）', '公路', '水运', '铁路', '民航', '邮政', '其他']],
  ['商贸、海关、旅游', ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他']],
  ['市场监管、安全生产监管', ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他']],
  ['城乡建设、环境保护', ['城市规划', '城乡建设（含住房）', '环境监测、保护与治理', '节能与资源综合利用', '气象、水文、测绘、地震', '其他']],
  ['科技、教育', ['科技', '教育', '知识产权', '其他']],
  ['文化、广电、新闻出版', ['文化', '文物', '新闻出版', '广播、电影、电视', '其他']],
  ['卫生、体育', ['卫生', '医药管理', '体育', '其他']],
  ['人口与计划生育、妇女儿童工作', ['人口与计划生育', '妇女儿童', '其他']],
  ['劳动、人事、监察', ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他']],
  ['公安、安全、司法', ['公安', '国家安全', '司法', '其他']],
  ['民政、扶贫、救灾', ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他']],
  ['民族、宗教', ['民族事务', '宗教事务']],
  ['对外事务', ['外交、外事', '国际条约、国际组织', '其他']],
  ['港澳台侨工作', ['港澳工作', '对台工作', '侨务工作']],
  ['国防', ['国防建设', '国防动员']],
  ['其他', []],
];

/** Stored as `一级\二级` (or the first level alone for 其他), as gov.cn does. */
export const THEME_VALUES: string[] = THEMES.flatMap(([l1, subs]) => (subs.length ? subs.map((s) => `${l1}\\${s}`) : [l1]));

/** 公文种类: the 15 kinds of 《党政机关公文处理工作条例》 (中办发〔2012〕14号) art. 8, plus common non-公文 genres. */
export const DOC_KINDS = ['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
export const OTHER_GENRES = ['政策解读', '工作动态', '行政许可决定', '行政处罚决定', '行政强制决定', '规划计划', '统计信息', '其他'] as const;
export const ALL_KINDS: string[] = [...DOC_KINDS, ...OTHER_GENRES];
export const INTERPRETATION_KIND = '政策解读';

/** The 15 items of Article 20 of the 2019 regulation (国务院令第711号): what must be disclosed proactively. */
export const ARTICLE_20 = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
] as const;

/** 组配分类: no national list exists; this default is one county's practice; the office edits it (settings.ts). */
export const ASSEMBLY_DEFAULTS = ['机构概况', '政策法规', '规划计划', '应急管理', '业务工作', '动态信息', '财政信息', '统计信息', '人事信息', '其他'];

export const VALIDITY_LABELS = { valid: '有效', expired: '失效', abolished: '废止', amended: '已修订' } as const;
export type Validity = keyof typeof VALIDITY_LABELS;

export const DISCLOSURE_LABELS = { active: '主动公开', on_request: '依申请公开', not_public: '不予公开' } as const;
export type Disclosure = keyof typeof DISCLOSURE_LABELS;
/** The marking printed on the document (seed 000 二(二)1). */
export const DISCLOSURE_MARKING: Record<Disclosure, string> = { active: '此件公开发布', on_request: '此件依申请公开', not_public: '此件不予公开' };

// GB/T 9704-2012 7.2.5: 机关代字 + 〔YYYY〕 + 序号 (no leading zero, no 第) + 号; 令-style numbers separately.
const DOC_NUMBER = /^[\u4e00-\u9fa5A-Za-z]+〔(19|20)\d{2}〕[1-9]\d{0,5}号$/;
const ORDER_NUMBER = /^[\u4e00-\u9fa5]+令第[1-9]\d{0,5}号$/;

/** Null when the 文号 is well formed; otherwise what is wrong with it, in Chinese. */
export function docNumberProblem(v: string): string | null {
  if (DOC_NUMBER.test(v) || ORDER_NUMBER.test(v)) return null;
  if (/[[(（【]\s*\d{4}\s*[\])）】]/.test(v)) return '年份应使用六角括号“〔〕”，如 示政办〔2026〕12号。';
  if (/〔\d{4}〕第/.test(v)) return '发文顺序号前不加“第”字，如 示政办〔2026〕12号。';
  if (/〔\d{4}〕0\d/.test(v)) return '发文顺序号不编虚位（1 不编为 01）。';
  if (!/号$/.test(v)) return '文号应以“号”字结尾。';
  return '文号格式应为“机关代字〔年份〕序号号”，如 示政办〔2026〕12号。';
}

