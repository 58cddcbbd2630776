/** The fixed checklist of 公开渠道和载体 from the national guide template, in template order. */
export const STANDARD_CHANNELS = [
  '政府网站',
  '政府公报',
  '两微一端',
  '发布会/听证会',
  '广播电视',
  '纸质媒体',
  '公开查阅点',
  '政务服务中心',
  '便民服务站',
  '入户/现场',
  '社区/企事业单位/村公示栏(电子屏)',
  '精准推送',
  '其他',
] as const;
export type StandardChannel = (typeof STANDARD_CHANNELS)[number];

/** 公开层级: 县级 / 乡级 (乡、村级 and 镇(街)级 fold into township) / 村级. */
export type Level = 'county' | 'township' | 'village';
export const LEVEL_LABELS: Record<Level, string> = { county: '县级', township: '乡级', village: '村级' };

/**
 * One catalog item as it is entered, imported or exported: the standard elements of a
 * 基层政务公开标准目录 row. Text is kept exactly as the agency wrote it.
 */
export type CatalogItemInput = {
  level1: string; // 一级事项
  level2: string; // 二级事项
  level3?: string | null; // 三级事项 (some catalogues)
  itemCode?: string | null; // 事项编码 such as "0505"
  content: string; // 公开内容（要素）
  basis: string; // 公开依据
  timeLimitText: string; // 公开时限, original text
  subject: string; // 公开主体
  channels: StandardChannel[]; // checked standard channels
  otherChannels: string[]; // local additions, e.g. 投资项目在线审批监管平台
  audiencePublic: boolean; // 公开对象: 全社会
  audienceSpecific: boolean; // 公开对象: 特定群体/特定群众
  modeActive: boolean; // 公开方式: 主动
  modeOnRequest: boolean; // 公开方式: 依申请(公开)
  levels: Level[]; // 公开层级; empty when the source has no such column
};
