import type { CatalogItemInput, Level } from '../types.js';
import { parseChannels } from './channels.js';
import type { MarkField, TextField } from './columns.js';
import { cell, isBlankRow, type Grid } from './grid.js';
import type { Column, Layout } from './layout.js';
import { parseMark } from './marks.js';
import { FILE_COLUMN, MAX_CELL_CHARS, MAX_DATA_ROWS, type FileHints, type ImportError, type ImportResult } from './result.js';

const REQUIRED: readonly TextField[] = ['level1', 'level2', 'content', 'timeLimitText', 'subject'];
const LEVEL_ORDER: readonly Level[] = ['county', 'township', 'village'];
/** Beyond this the list stops helping anyone fix the file. */
const MAX_REPORTED_ERRORS = 200;

/** "同上", "同", "同上。": the cell repeats the one above it. */
export function isSameAsAbove(text: string): boolean {
  const t = text.replace(/[\s。.．]/g, '');
  return t === '同上' || t === '同';
}

type RowValues = Partial<Record<TextField, string>>;

/** Turns the data rows under a recognised header into items, or refuses the whole sheet. */
export function readRows(grid: Grid, layout: Layout, sheetName: string | null = null): ImportResult {
  const dataIndexes: number[] = [];
  for (let i = layout.firstDataIndex; i < grid.length; i++) if (!isBlankRow(grid[i])) dataIndexes.push(i);
  if (dataIndexes.length > MAX_DATA_ROWS) {
    const message = `数据行共${dataIndexes.length}行，超过单次导入上限${MAX_DATA_ROWS}行，请拆分后分批导入`;
    return { ok: false, errors: [{ row: 0, column: '数据行', message }] };
  }

  const errors: ImportError[] = [];
  const items: CatalogItemInput[] = [];
  const domainCells: FileHints['domainCells'] = [];
  let previous: RowValues | undefined;
  for (const i of dataIndexes) {
    const values = readTexts(grid, i, layout.columns, previous, errors);
    items.push(toItem(grid, i, layout, values, errors));
    if (values.domain) domainCells.push({ row: i + 1, value: values.domain });
    previous = values;
  }
  if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
  const titleLines = grid
    .slice(0, layout.headerRow - 1)
    .map((r) => r.filter((c) => c !== '').join(' '))
    .filter((l) => l !== '');
  return { ok: true, items, warnings: layout.warnings, hints: { titleLines, sheetName, domainCells } };
}

function readTexts(
  grid: Grid,
  i: number,
  columns: Column[],
  previous: RowValues | undefined,
  errors: ImportError[],
): RowValues {
  const values: RowValues = {};
  for (const col of columns) {
    if (col.kind !== 'text') continue;
    let v = cell(grid, i, col.index);
    if ([...v].length > MAX_CELL_CHARS) {
      errors.push({ row: i + 1, column: col.label, message: `内容超过${MAX_CELL_CHARS}字（共${[...v].length}字）` });
    }
    if (isSameAsAbove(v)) {
      if (previous) v = previous[col.field] ?? '';
      else errors.push({ row: i + 1, column: col.label, message: '第一条数据不能填写「同上」，上方没有可沿用的内容' });
    }
    values[col.field] = v;
  }
  for (const col of columns) {
    if (col.kind !== 'text' || !REQUIRED.includes(col.field) || values[col.field] !== '') continue;
    // A 同上 that resolved to nothing was already reported on the row above (or as a first-row 同上).
    if (!isSameAsAbove(cell(grid, i, col.index))) {
      errors.push({ row: i + 1, column: col.label, message: `「${col.label}」不能为空` });
    }
  }
  return values;
}

function toItem(grid: Grid, i: number, layout: Layout, values: RowValues, errors: ImportError[]): CatalogItemInput {
  const { marks, levels } = readMarks(grid, i, layout, errors);
  const { channels, otherChannels } = parseChannels(values.channels ?? '');
  return {
    level1: values.level1 ?? '',
    level2: values.level2 ?? '',
    level3: values.level3 || null,
    itemCode: values.itemCode || null,
    content: values.content ?? '',
    basis: values.basis ?? '',
    timeLimitText: values.timeLimitText ?? '',
    subject: values.subject ?? '',
    channels,
    otherChannels,
    ...marks,
    levels,
  };
}

function readMarks(grid: Grid, i: number, layout: Layout, errors: ImportError[]) {
  const marks: Record<MarkField, boolean> = { audiencePublic: false, audienceSpecific: false, modeActive: false, modeOnRequest: false };
  const levels = new Set<Level>();
  const unreadable = new Set<MarkField | 'level'>();
  for (const col of layout.columns) {
    if (col.kind === 'text') continue;
    const raw = cell(grid, i, col.index);
    const checked = parseMark(raw);
    if (checked === null) {
      unreadable.add(col.kind === 'mark' ? col.field : 'level');
      errors.push({ row: i + 1, column: col.label, message: `无法识别的标记「${raw.slice(0, 20)}」：勾选请填 √，不勾选请留空` });
    } else if (checked) {
      if (col.kind === 'mark') marks[col.field] = true;
      else levels.add(col.level);
    }
  }
  // An unreadable mark is already reported; "nothing ticked" on top of it would only confuse.
  const none = (a: MarkField, b: MarkField) => !marks[a] && !marks[b] && !unreadable.has(a) && !unreadable.has(b);
  const { audience, mode } = layout.groupLabels;
  if (none('audiencePublic', 'audienceSpecific')) {
    errors.push({ row: i + 1, column: audience, message: `「${audience}」未勾选：全社会、特定群体至少勾选一项` });
  }
  if (none('modeActive', 'modeOnRequest')) {
    errors.push({ row: i + 1, column: mode, message: `「${mode}」未勾选：主动、依申请至少勾选一项` });
  }
  return { marks, levels: LEVEL_ORDER.filter((l) => levels.has(l)) };
}

function capErrors(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const rest = errors.length - MAX_REPORTED_ERRORS;
  const more = { row: 0, column: FILE_COLUMN, message: `另有${rest}处错误未列出，请先修改以上错误` };
  return [...errors.slice(0, MAX_REPORTED_ERRORS), more];
}
