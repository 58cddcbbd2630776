import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { raw, type SafeHtml } from '../render/jsx.js';
import { cleanSvg } from './svg.js';
import { NO_DATA } from './types.js';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption
>;

export const FONT_FAMILY = 'PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, sans-serif';
/** Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphical objects). */
export const PALETTE = ['#1f5fbf', '#c0392b', '#1e8449', '#b9770e', '#7d3c98', '#117a8b', '#a04000', '#5d6d7e'];
export const TEXT_COLOR = '#333333';

export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 360;

const size = (v: number | undefined, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(2000, Math.max(120, Math.round(v))) : fallback;

export const chartSize = (input: { width?: number; height?: number }) => ({
  width: size(input.width, DEFAULT_WIDTH),
  height: size(input.height, DEFAULT_HEIGHT),
});

export function titleOption(title: string, width: number): TitleComponentOption {
  return {
    text: title,
    left: 'center',
    top: 8,
    textStyle: { fontSize: 16, fontWeight: 'bold', color: TEXT_COLOR, width: width - 32, overflow: 'truncate', ellipsis: '…' },
  };
}

/** A chart holding only its title and 暂无数据 in the middle. */
export const emptyOption = (title: string, width: number): ChartOption => ({
  title: [
    titleOption(title, width),
    { text: NO_DATA, left: 'center', top: 'middle', textStyle: { fontSize: 14, fontWeight: 'normal', color: '#666666' } },
  ],
});

/** Renders an option with ECharts' server-side SVG renderer into safe, CSP-friendly markup. */
export function renderChart(option: ChartOption, title: string, width: number, height: number): SafeHtml {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: 'ZH' });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT_FAMILY, color: TEXT_COLOR },
      ...option,
    });
    return raw(cleanSvg(chart.renderToSVGString(), title));
  } finally {
    chart.dispose();
  }
}
