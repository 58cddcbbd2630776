/** Inputs of the chart helpers. Titles, category and item names may come from users: they are escaped on output. */
export type ChartSeries = { name: string; data: readonly number[] };

export type CartesianChartInput = {
  title: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  width?: number;
  height?: number;
  /** Bars grow to the right with categories down the side (better for long category names). */
  horizontal?: boolean;
};

export type PieItem = { name: string; value: number };

export type PieChartInput = {
  title: string;
  items: readonly PieItem[];
  width?: number;
  height?: number;
};

export type ChartInput = CartesianChartInput | PieChartInput;

export const isPie = (input: ChartInput): input is PieChartInput => 'items' in input;

/** Finite numbers only; anything else is shown as 0. */
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** True when there is nothing to draw: no categories, no series, or a pie whose total is 0. */
export function isEmpty(input: ChartInput): boolean {
  if (isPie(input)) return input.items.reduce((s, i) => s + Math.max(0, num(i.value)), 0) === 0;
  return input.categories.length === 0 || input.series.length === 0;
}

export const NO_DATA = '暂无数据';
