import { h, type SafeHtml } from '../render/jsx.js';
import { isPie, num, NO_DATA, type CartesianChartInput, type ChartInput, type PieChartInput } from './types.js';

export type ChartTableProps = ChartInput & {
  /** Heading of the first column (the categories or item names); 项目 by default. */
  categoryHeader?: string;
};

const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
export const formatNumber = (v: number): string => NUMBER.format(num(v));
export const formatShare = (v: number, total: number): string => (total > 0 ? `${((num(v) / total) * 100).toFixed(1)}%` : '—');

const col = (text: string) => h('th', { scope: 'col' }, text);
const rowHead = (text: string) => h('th', { scope: 'row' }, text);
const cell = (text: string) => h('td', null, text);
const noData = (span: number) => h('tr', null, h('td', { colspan: span }, NO_DATA));

function cartesianTable(p: CartesianChartInput, first: string): SafeHtml[] {
  const head = h('thead', null, h('tr', null, col(first), p.series.map((s) => col(s.name))));
  const rows =
    p.categories.length === 0 || p.series.length === 0
      ? [noData(1 + p.series.length)]
      : p.categories.map((c, i) => h('tr', null, rowHead(c), p.series.map((s) => cell(formatNumber(num(s.data[i]))))));
  return [head, h('tbody', null, rows)];
}

function pieTable(p: PieChartInput, first: string): SafeHtml[] {
  const total = p.items.reduce((s, i) => s + Math.max(0, num(i.value)), 0);
  const head = h('thead', null, h('tr', null, col(first), col('数量'), col('占比')));
  if (p.items.length === 0) return [head, h('tbody', null, noData(3))];
  const rows = p.items.map((i) => {
    const v = Math.max(0, num(i.value));
    return h('tr', null, rowHead(i.name), cell(formatNumber(v)), cell(formatShare(v, total)));
  });
  const foot = h('tfoot', null, h('tr', null, rowHead('合计'), cell(formatNumber(total)), cell(total > 0 ? '100%' : '—')));
  return [head, h('tbody', null, rows), foot];
}

/**
 * The data of a chart as an accessible <table> (caption = chart title), for screen readers, users
 * without SVG and anyone who wants the exact numbers. Usable as a function or as <ChartTable .../>.
 */
export function ChartTable(props: ChartTableProps): SafeHtml {
  const first = props.categoryHeader ?? '项目';
  const parts = isPie(props) ? pieTable(props, first) : cartesianTable(props, first);
  return h('table', { class: 'chart-table' }, h('caption', null, props.title), parts);
}
