/** A trend over months or quarters as an ECharts option: net sales and cost to serve as bars, contribution as a line. */
import type { EChartsOption } from 'echarts';
import { formatMoney, formatMoneyCompact, type Lang } from './format.ts';
import { chartWord, periodLabel } from './labels.ts';

/** One period of a trend (money as exact decimal strings). */
export interface TrendPoint {
  /** `2024-03` or `2024-Q1`. */
  period: string;
  net_sales: string;
  cost_to_serve: string;
  contribution: string;
}

/** ECharts option for a trend; the series carry the exact figures as numbers for the chart only (the tables show the strings). */
export function trendOption(points: TrendPoint[], lang: Lang, currency = 'EUR'): EChartsOption {
  const net = chartWord('netSales', lang);
  const cts = chartWord('costToServe', lang);
  const contribution = chartWord('contribution', lang);
  return {
    animation: false,
    grid: { left: 80, right: 30, top: 40, bottom: 40 },
    legend: { top: 0, data: [net, cts, contribution] },
    // The periods along the bottom, not along the zero line (with a loss-making month the zero
    // line runs through the chart), and far enough below it that the first period clears the
    // value axis's lowest label (they touched at the corner).
    xAxis: {
      type: 'category',
      data: points.map((p) => periodLabel(p.period, lang)),
      axisLine: { onZero: false },
      axisLabel: { margin: 12 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) } },
    // Exact figures on hover (the axis is compact).
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? formatMoney(String(v), lang, currency) : ''),
    },
    series: [
      {
        type: 'bar',
        name: net,
        itemStyle: { color: '#9dc3e6' },
        data: points.map((p) => Number(p.net_sales)),
      },
      {
        type: 'bar',
        name: cts,
        itemStyle: { color: '#e6a08a' },
        data: points.map((p) => Number(p.cost_to_serve)),
      },
      {
        type: 'line',
        name: contribution,
        itemStyle: { color: '#1f4e79' },
        lineStyle: { width: 3 },
        data: points.map((p) => Number(p.contribution)),
      },
    ],
  };
}
