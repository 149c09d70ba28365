/**
 * The voice-of-customer quadrant as an ECharts bubble chart: one bubble per quadrant and
 * segment, at its mean satisfaction (x, 0-1) and contribution per customer (y), sized by
 * its number of customers and coloured by quadrant.
 */
import type { EChartsOption } from 'echarts';
import { formatCount, formatMoneyCompact, formatShare, type Lang } from './format.ts';
import { quadrantName } from './labels.ts';

/** One quadrant x segment group (money as an exact decimal string). */
export interface VocGroup {
  quadrant: string;
  segment: string | null;
  customers: number;
  contribution: string;
  /** Mean satisfaction 0-1; null without feedback (not drawn). */
  meanSatisfaction: number | null;
}

const COLOURS: Record<string, string> = {
  champions: '#2e7d32',
  'at risk': '#e69500',
  'over-served': '#b3261e',
  rest: '#7a8591',
};

/** ECharts option: x satisfaction, y contribution per customer; groups without feedback are left out. */
export function vocOption(groups: VocGroup[], lang: Lang, currency = 'EUR'): EChartsOption {
  const drawn = groups.filter((g) => g.meanSatisfaction !== null && g.customers > 0);
  const max = Math.max(1, ...drawn.map((g) => g.customers));
  const quadrants = [...new Set(drawn.map((g) => g.quadrant))];
  return {
    animation: false,
    grid: { left: 80, right: 30, top: 40, bottom: 50 },
    legend: { top: 0, data: quadrants.map((q) => quadrantName(q, lang)) },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: lang === 'nl' ? 'Tevredenheid' : 'Satisfaction',
      nameLocation: 'middle',
      nameGap: 30,
      // At the bottom, not on the zero line: with losses the zero line runs through the y axis' labels.
      axisLine: { onZero: false },
      axisLabel: { formatter: (v: number) => formatShare(v, lang, 0), alignMinLabel: 'left' },
    },
    yAxis: {
      type: 'value',
      name: lang === 'nl' ? 'Winstbijdrage per klant' : 'Contribution per customer',
      nameLocation: 'middle',
      nameGap: 60,
      axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) },
    },
    series: quadrants.map((q) => ({
      type: 'scatter' as const,
      name: quadrantName(q, lang),
      itemStyle: { color: COLOURS[q] ?? '#1f4e79', opacity: 0.75 },
      data: drawn
        .filter((g) => g.quadrant === q)
        .map((g) => ({
          name: `${quadrantName(q, lang)} · ${g.segment ?? ''} · ${formatCount(g.customers, lang)}`,
          value: [g.meanSatisfaction!, Number(g.contribution) / g.customers],
          symbolSize: 8 + 42 * Math.sqrt(g.customers / max),
        })),
    })),
  };
}
