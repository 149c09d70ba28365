/** A customer's history as an ECharts option: invoiced sales per month (bars) and orders (line). */
import type { EChartsOption } from 'echarts';
import { formatMoneyCompact, type Lang } from './format.ts';

/** One month of a customer's history (sales as an exact decimal string). */
export interface HistoryMonth {
  month: string;
  orders: number;
  sales: string;
}

/** ECharts option: sales per month on the left axis, orders on the right. */
export function historyOption(months: HistoryMonth[], lang: Lang, currency = 'EUR'): EChartsOption {
  const sales = lang === 'nl' ? 'Gefactureerde omzet' : 'Invoiced sales';
  const orders = lang === 'nl' ? 'Orders' : 'Orders';
  return {
    animation: false,
    grid: { left: 70, right: 50, top: 40, bottom: 40 },
    legend: { top: 0, data: [sales, orders] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) } },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: sales, itemStyle: { color: '#1f4e79' }, data: months.map((m) => Number(m.sales)) },
      {
        type: 'line',
        name: orders,
        yAxisIndex: 1,
        itemStyle: { color: '#e69500' },
        data: months.map((m) => m.orders),
      },
    ],
  };
}
