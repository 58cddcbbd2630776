export { barChart, lineChart, pieChart } from './charts.js';
export { ChartTable, formatNumber, formatShare, type ChartTableProps } from './table.js';
export { chartFigure } from './figure.js';
export { FONT_FAMILY, PALETTE } from './render.js';
export { NO_DATA, type CartesianChartInput, type ChartInput, type ChartSeries, type PieChartInput, type PieItem } from './types.js';
