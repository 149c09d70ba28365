/** The what-if's two whale curves in money: cumulative contribution now and with the tried rates. */
import type { EChartsOption } from 'echarts';
import { formatCount, formatMoney, formatMoneyCompact, type Lang } from './format.ts';
import { chartWord } from './labels.ts';

/** A point of a whale curve in money: after `customers` customers (most profitable first), the running contribution. */
export interface MoneyWhalePoint {
  customers: number;
  cumulative: string;
}

/** ECharts option: two lines (now dashed, with the new rates solid) over the number of customers. */
export function whatIfWhaleOption(
  before: MoneyWhalePoint[],
  after: MoneyWhalePoint[],
  lang: Lang,
  currency = 'EUR',
): EChartsOption {
  const line = (points: MoneyWhalePoint[]) => points.map((p) => [p.customers, Number(p.cumulative)]);
  return {
    animation: false,
    grid: { left: 90, right: 30, top: 40, bottom: 60 },
    legend: { top: 0, data: [chartWord('now', lang), chartWord('withNewRates', lang)] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => formatMoney(String(Number(v).toFixed(2)), lang, currency, 0),
    },
    xAxis: {
      type: 'value',
      min: 0,
      // Customers are counted in whole numbers: no tick at 1.5 customers shown as "2".
      minInterval: 1,
      name: chartWord('customersByContribution', lang),
      nameLocation: 'middle',
      nameGap: 30,
      axisLabel: { formatter: (v: number) => formatCount(v, lang) },
    },
    yAxis: {
      type: 'value',
      name: chartWord('cumulativeContribution', lang),
      nameLocation: 'middle',
      nameGap: 70,
      axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) },
    },
    series: [
      {
        type: 'line',
        name: chartWord('now', lang),
        showSymbol: false,
        lineStyle: { width: 2, type: 'dashed', color: '#888' },
        itemStyle: { color: '#888' },
        data: line(before),
      },
      {
        type: 'line',
        name: chartWord('withNewRates', lang),
        showSymbol: false,
        lineStyle: { width: 3, color: '#1f4e79' },
        itemStyle: { color: '#1f4e79' },
        data: line(after),
      },
    ],
  };
}
