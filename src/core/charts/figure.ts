import { h, type SafeHtml } from '../render/jsx.js';
import { barChart, lineChart, pieChart } from './charts.js';
import { ChartTable, type ChartTableProps } from './table.js';
import { isPie } from './types.js';

export type FigureKind = 'bar' | 'line' | 'pie';

/**
 * A chart with its data table in one <figure>: the SVG for sighted users, the table for screen
 * readers and for exact numbers. The table stays in the page (not collapsed) so it is always read.
 */
export function chartFigure(kind: FigureKind, props: ChartTableProps): SafeHtml {
  let svg: SafeHtml;
  if (isPie(props)) {
    if (kind !== 'pie') throw new TypeError('饼图数据只能画成饼图');
    svg = pieChart(props);
  } else {
    if (kind === 'pie') throw new TypeError('饼图需要 items 数据');
    svg = kind === 'bar' ? barChart(props) : lineChart(props);
  }
  return h('figure', { class: 'chart-figure' }, svg, ChartTable(props));
}
