import type { Level } from '../types.js';
import { levelOfLabel } from './marks.js';

/** Text fields of CatalogItemInput that come straight from one cell (plus 序号, read and dropped). */
export type TextField =
  | 'seq'
  | 'itemCode'
  | 'level1'
  | 'level2'
  | 'level3'
  | 'content'
  | 'basis'
  | 'timeLimitText'
  | 'subject'
  | 'channels'
  | 'domain';
export type MarkField = 'audiencePublic' | 'audienceSpecific' | 'modeActive' | 'modeOnRequest';
export type Group = 'items' | 'audience' | 'mode' | 'level';

export type Role =
  | { kind: 'text'; field: TextField }
  | { kind: 'mark'; field: MarkField }
  | { kind: 'level'; level: Level }
  | { kind: 'group'; group: Group };

/** Header text compared without spaces and with ASCII brackets: counties type both forms. */
export function normLabel(label: string): string {
  return label.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

const text = (field: TextField): Role => ({ kind: 'text', field });
const mark = (field: MarkField): Role => ({ kind: 'mark', field });
const group = (g: Group): Role => ({ kind: 'group', group: g });

const PATTERNS: readonly (readonly [RegExp, Role])[] = [
  [/^序号$/, text('seq')],
  [/^(事项)?(编码|代码)$|^事项编号$|^目录编码$/, text('itemCode')],
  [/^公开事项(名称)?$/, group('items')],
  [/^一级(事项|目录)?$/, text('level1')],
  [/^二级(事项|目录)?$/, text('level2')],
  [/^三级(事项|目录)?$/, text('level3')],
  [/^公开内容/, text('content')],
  [/^公开依据/, text('basis')],
  [/^公开时限/, text('timeLimitText')],
  [/^公开主体/, text('subject')],
  [/^公开渠道/, text('channels')],
  // Some county sheets start with the domain in a column of its own (农村集体土地征收领域 …).
  [/^(所属)?(领域|试点领域)(名称)?$/, text('domain')],
  [/^公开对象$/, group('audience')],
  [/^公开方式$/, group('mode')],
  [/^公开层级$/, group('level')],
  [/^全社会$/, mark('audiencePublic')],
  [/^特定(群体|群众|对象|人群)$/, mark('audienceSpecific')],
  [/^主动(公开)?$/, mark('modeActive')],
  [/^依申请(公开)?$/, mark('modeOnRequest')],
];

export function classifyLabel(label: string, within?: Group): Role | null {
  const t = normLabel(label);
  if (within === 'level') {
    const level = levelOfLabel(t);
    if (level) return { kind: 'level', level };
  }
  for (const [re, role] of PATTERNS) if (re.test(t)) return role;
  return null;
}

/** Labels that only appear in the second header row; used to tell that row from data. */
export function isSubHeaderLabel(label: string): boolean {
  const role = classifyLabel(label);
  if (!role) return false;
  if (role.kind === 'mark') return true;
  return role.kind === 'text' && (role.field === 'level1' || role.field === 'level2' || role.field === 'level3');
}
