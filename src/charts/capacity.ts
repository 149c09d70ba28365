/** Where each activity's cost pool went, as an ECharts option: charged to customers, unattributed, unused capacity. */
import type { EChartsOption } from 'echarts';
import { formatMoneyCompact, type Lang } from './format.ts';
import { activityName, chartWord } from './labels.ts';

/** One activity's money (exact decimal strings). */
export interface ActivityMoney {
  id: string;
  name: string;
  assigned: string;
  unattributed: string;
  unused: string;
}

/** Horizontal stacked bars, one per activity, in the given order. */
export function capacityOption(activities: ActivityMoney[], lang: Lang, currency = 'EUR'): EChartsOption {
  const names = {
    assigned: chartWord('chargedToCustomers', lang),
    unattributed: chartWord('withoutCustomer', lang),
    unused: chartWord('unusedCapacity', lang),
  };
  const colours = { assigned: '#1f4e79', unattributed: '#7a8591', unused: '#e69500' };
  const rows = [...activities].reverse();
  return {
    animation: false,
    grid: { left: 200, right: 30, top: 40, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) } },
    yAxis: { type: 'category', data: rows.map((a) => activityName(a.id, a.name, lang)) },
    series: (['assigned', 'unattributed', 'unused'] as const).map((k) => ({
      type: 'bar' as const,
      stack: 'pool',
      name: names[k],
      itemStyle: { color: colours[k] },
      data: rows.map((a) => Number(a[k])),
    })),
  };
}
