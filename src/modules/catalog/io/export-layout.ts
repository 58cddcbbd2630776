import type { CatalogItemInput } from '../types.js';
import { formatChannels } from './channels.js';

/**
 * One exported column. `group` is the first header row; `sub` the second, or null when the
 * group header spans both rows. Consecutive columns with the same group share a merged header.
 */
export type ExportColumn = {
  group: string;
  sub: string | null;
  width: number;
  mark: boolean;
  value: (item: CatalogItemInput, index: number) => string;
};

const tick = (on: boolean): string => (on ? '√' : '');

/** The national template's columns; 事项编码, 三级事项 and 村级 only when some item uses them. */
export function exportColumns(items: readonly CatalogItemInput[]): ExportColumn[] {
  const hasCode = items.some((i) => i.itemCode);
  const hasLevel3 = items.some((i) => i.level3);
  const hasVillage = items.some((i) => i.levels.includes('village'));
  const text = (group: string, width: number, value: ExportColumn['value'], sub: string | null = null): ExportColumn => ({
    group,
    sub,
    width,
    mark: false,
    value,
  });
  const box = (group: string, sub: string, value: (item: CatalogItemInput) => boolean): ExportColumn => ({
    group,
    sub,
    width: 7,
    mark: true,
    value: (item) => tick(value(item)),
  });

  return [
    text('序号', 6, (_, index) => String(index + 1)),
    ...(hasCode ? [text('事项编码', 10, (i) => i.itemCode ?? '')] : []),
    text('公开事项', 14, (i) => i.level1, '一级事项'),
    text('公开事项', 16, (i) => i.level2, '二级事项'),
    ...(hasLevel3 ? [text('公开事项', 16, (i) => i.level3 ?? '', '三级事项')] : []),
    text('公开内容（要素）', 40, (i) => i.content),
    text('公开依据', 32, (i) => i.basis),
    text('公开时限', 20, (i) => i.timeLimitText),
    text('公开主体', 20, (i) => i.subject),
    text('公开渠道和载体', 30, (i) => formatChannels(i.channels, i.otherChannels)),
    box('公开对象', '全社会', (i) => i.audiencePublic),
    box('公开对象', '特定群体', (i) => i.audienceSpecific),
    box('公开方式', '主动', (i) => i.modeActive),
    box('公开方式', '依申请', (i) => i.modeOnRequest),
    box('公开层级', '县级', (i) => i.levels.includes('county')),
    box('公开层级', '乡级', (i) => i.levels.includes('township')),
    ...(hasVillage ? [box('公开层级', '村级', (i) => i.levels.includes('village'))] : []),
  ];
}

/** The two header rows as plain text, a group's label only over its first column (as Excel saves merged cells). */
export function headerRows(columns: readonly ExportColumn[]): [string[], string[]] {
  const top = columns.map((c, j) => (j > 0 && c.sub !== null && columns[j - 1]?.group === c.group ? '' : c.group));
  const sub = columns.map((c) => c.sub ?? '');
  return [top, sub];
}
