import type { Level } from '../types.js';
import { classifyLabel, isSubHeaderLabel, normLabel, type Group, type MarkField, type Role, type TextField } from './columns.js';
import { cell, type Grid } from './grid.js';
import { HEADER_COLUMN, type ImportError } from './result.js';

export type Column =
  | { kind: 'text'; field: TextField; index: number; label: string }
  | { kind: 'mark'; field: MarkField; index: number; label: string }
  | { kind: 'level'; level: Level; index: number; label: string };

export type Layout = {
  headerRow: number; // 1-based row of the first header row
  firstDataIndex: number; // 0-based grid index of the first data row
  columns: Column[];
  groupLabels: Record<'audience' | 'mode', string>;
  warnings: string[];
};

/** Titles, issuing notes and blank rows sit above the header; a few are normal, dozens are not. */
const HEADER_SEARCH_ROWS = 30;
const REQUIRED: readonly (readonly [TextField, string])[] = [
  ['level1', '一级事项'],
  ['level2', '二级事项'],
  ['content', '公开内容（要素）'],
  ['timeLimitText', '公开时限'],
  ['subject', '公开主体'],
];

/** Finds the header by its content: a row naming 公开事项/一级事项 and 公开内容/公开主体. */
export function findHeaderIndex(grid: Grid): number {
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const labels = (grid[i] ?? []).map(normLabel);
    const hasItems = labels.some((l) => /^(公开事项|一级事项|一级)$/.test(l));
    const hasBody = labels.some((l) => l.startsWith('公开内容') || l.startsWith('公开主体'));
    if (hasItems && hasBody) return i;
  }
  return -1;
}

export function readLayout(grid: Grid): { ok: true; layout: Layout } | { ok: false; errors: ImportError[] } {
  const h = findHeaderIndex(grid);
  if (h < 0) {
    const message = '未找到表头：前30行中没有包含「公开事项」（或「一级事项」）和「公开内容」「公开主体」的行';
    return { ok: false, errors: [{ row: 0, column: HEADER_COLUMN, message }] };
  }
  // The second header row is optional: some sheets put 一级事项/全社会 … straight into the first.
  const hasSub = (grid[h + 1] ?? []).some(isSubHeaderLabel);
  const width = Math.max(grid[h]?.length ?? 0, hasSub ? (grid[h + 1]?.length ?? 0) : 0);
  const columns: Column[] = [];
  const warnings: string[] = [];
  const groupLabels = { audience: '公开对象', mode: '公开方式' };
  let lastGroup: Group | undefined;

  for (let j = 0; j < width; j++) {
    const topText = cell(grid, h, j);
    const subText = hasSub ? cell(grid, h + 1, j) : '';
    const topRole = topText ? classifyLabel(topText) : null;
    // A merged group header fills only its first cell in CSV; the cells to its right belong to it.
    if (topText) lastGroup = topRole?.kind === 'group' ? topRole.group : undefined;
    if (topRole?.kind === 'group' && (topRole.group === 'audience' || topRole.group === 'mode')) {
      groupLabels[topRole.group] = topText;
    }
    const useSub = subText !== '' && normLabel(subText) !== normLabel(topText);
    const label = useSub ? subText : topText;
    if (label === '') continue;
    const role = useSub ? classifyLabel(subText, lastGroup) : topRole;
    const name = useSub && topText ? `${topText}/${subText}` : label;
    if (!role || role.kind === 'group') {
      warnings.push(`已忽略无法识别的列「${name}」（第${j + 1}列）`);
      continue;
    }
    const column = toColumn(role, j, label);
    // Several level columns may name the same tier (乡级 and 镇级); any other repeat is a mistake.
    const field = column.kind === 'level' ? null : column.field;
    if (field !== null && columns.some((c) => c.kind !== 'level' && c.field === field)) {
      warnings.push(`已忽略重复的列「${name}」（第${j + 1}列）`);
      continue;
    }
    columns.push(column);
  }

  const errors = missingColumns(columns, h + 1, groupLabels);
  if (errors.length > 0) return { ok: false, errors };
  if (!columns.some((c) => c.kind === 'level')) warnings.push('表中没有「公开层级」列，各事项的公开层级留空');
  return { ok: true, layout: { headerRow: h + 1, firstDataIndex: h + (hasSub ? 2 : 1), columns, groupLabels, warnings } };
}

function toColumn(role: Exclude<Role, { kind: 'group' }>, index: number, label: string): Column {
  if (role.kind === 'level') return { kind: 'level', level: role.level, index, label };
  if (role.kind === 'mark') return { kind: 'mark', field: role.field, index, label };
  return { kind: 'text', field: role.field, index, label };
}

function missingColumns(columns: Column[], row: number, groups: Layout['groupLabels']): ImportError[] {
  const has = (field: TextField | MarkField): boolean => columns.some((c) => c.kind !== 'level' && c.field === field);
  const errors: ImportError[] = [];
  for (const [field, name] of REQUIRED) {
    if (!has(field)) errors.push({ row, column: HEADER_COLUMN, message: `表头缺少「${name}」列` });
  }
  if (!has('audiencePublic') && !has('audienceSpecific')) {
    errors.push({ row, column: HEADER_COLUMN, message: `表头缺少「${groups.audience}」列（全社会/特定群体）` });
  }
  if (!has('modeActive') && !has('modeOnRequest')) {
    errors.push({ row, column: HEADER_COLUMN, message: `表头缺少「${groups.mode}」列（主动/依申请）` });
  }
  return errors;
}
