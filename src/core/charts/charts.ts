import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { SafeHtml } from '../render/jsx.js';
import { chartSize, emptyOption, renderChart, titleOption, TEXT_COLOR, type ChartOption } from './render.js';
import { isEmpty, num, type CartesianChartInput, type PieChartInput } from './types.js';

/** Long category names are cut with "…" on the axis; the full name stays in the data table. */
const LABEL_WIDTH = 120;
/** Down the side of horizontal bars there is room for longer names (up to about 16 characters). */
const sideLabelWidth = (chartWidth: number): number => Math.min(200, Math.round(chartWidth * 0.3));

function cartesianOption(input: CartesianChartInput, kind: 'bar' | 'line', width: number): ChartOption {
  const series = input.series.map((s) => ({ name: s.name, data: input.categories.map((_, i) => num(s.data[i])) }));
  const integers = series.every((s) => s.data.every(Number.isInteger));
  const horizontal = kind === 'bar' && input.horizontal === true;
  const legend = series.length > 1;
  const category = {
    type: 'category' as const,
    data: [...input.categories],
    inverse: horizontal,
    axisTick: { alignWithLabel: true },
    axisLabel: {
      interval: 0,
      color: TEXT_COLOR,
      width: horizontal ? sideLabelWidth(width) : LABEL_WIDTH,
      overflow: 'truncate' as const,
      ellipsis: '…',
      rotate: !horizontal && input.categories.length > 8 ? 45 : 0,
    },
  };
  const value = { type: 'value' as const, minInterval: integers ? 1 : 0, axisLabel: { color: TEXT_COLOR } };
  const label = { show: true, position: horizontal ? ('right' as const) : ('top' as const), color: TEXT_COLOR };
  return {
    title: titleOption(input.title, width),
    legend: legend ? { top: 36, textStyle: { color: TEXT_COLOR } } : undefined,
    grid: { left: 16, right: 32, top: legend ? 72 : 48, bottom: 16 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: series.map((s): BarSeriesOption | LineSeriesOption =>
      kind === 'bar'
        ? { type: 'bar', name: s.name, data: s.data, label, silent: true, emphasis: { disabled: true } }
        : { type: 'line', name: s.name, data: s.data, label, silent: true, emphasis: { disabled: true } },
    ),
  };
}

function cartesian(input: CartesianChartInput, kind: 'bar' | 'line'): SafeHtml {
  const { width, height } = chartSize(input);
  const option = isEmpty(input) ? emptyOption(input.title, width) : cartesianOption(input, kind, width);
  return renderChart(option, input.title, width, height);
}

/** A bar chart as an inline <svg role="img">; one bar per category and series. */
export const barChart = (input: CartesianChartInput): SafeHtml => cartesian(input, 'bar');

/** A line chart as an inline <svg role="img">; one line per series. */
export const lineChart = (input: Omit<CartesianChartInput, 'horizontal'>): SafeHtml => cartesian(input, 'line');

/** A pie chart as an inline <svg role="img">; slices labelled with name, value and share. */
export function pieChart(input: PieChartInput): SafeHtml {
  const { width, height } = chartSize(input);
  if (isEmpty(input)) return renderChart(emptyOption(input.title, width), input.title, width, height);
  const series: PieSeriesOption = {
    type: 'pie',
    radius: '55%',
    center: ['50%', '56%'],
    // Zero slices are invisible and their labels would pile up; the data table still lists them.
    data: input.items.map((i) => ({ name: i.name, value: Math.max(0, num(i.value)) })).filter((i) => i.value > 0),
    // A function, not a '{b}：{c}' template: a name containing "{c}" must not be substituted.
    label: { formatter: (p) => `${p.name}：${String(p.value)}（${p.percent ?? 0}%）`, color: TEXT_COLOR, width: LABEL_WIDTH + 60, overflow: 'truncate', ellipsis: '…' },
    silent: true,
    emphasis: { disabled: true },
  };
  return renderChart({ title: titleOption(input.title, width), series: [series] }, input.title, width, height);
}
