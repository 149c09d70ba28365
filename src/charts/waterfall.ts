/**
 * The contribution waterfall (gross sales down to contribution after cost to serve) as data
 * and as an ECharts option, for the company or one customer.
 */
import type { EChartsOption } from 'echarts';
import { CHART_WORDS, fill } from '../words/index.ts';
import { formatMoney, formatMoneyCompact, type Lang } from './format.ts';
import { activityName, chartWord } from './labels.ts';

/** One bar of the waterfall. `amount` is an exact decimal string: a level for totals, a signed change for steps. */
export interface WaterfallStep {
  key: string;
  label: string;
  kind: 'total' | 'step';
  amount: string;
}

/** The waterfall's input: P&L lines as exact decimal strings (deductions positive) and each activity's cost. */
export interface WaterfallInput {
  grossSales: string;
  discounts: string;
  returns: string;
  rebates: string;
  netSales: string;
  cogs: string;
  grossMargin: string;
  contribution: string;
  costs: { id: string; name: string; amount: string }[];
}

const neg = (v: string) => (v.startsWith('-') ? v.slice(1) : v === '0' || /^0(\.0+)?$/.test(v) ? v : `-${v}`);

/** The bars: gross sales, discounts, returns, rebates, net sales, cogs, gross margin, every cost, contribution. */
export function waterfallSteps(w: WaterfallInput, lang: Lang): WaterfallStep[] {
  const total = (
    key: 'grossSales' | 'netSales' | 'grossMargin' | 'contribution',
    amount: string,
  ): WaterfallStep => ({ key, label: chartWord(key, lang), kind: 'total', amount });
  const step = (key: 'discounts' | 'returns' | 'rebates' | 'cogs', amount: string): WaterfallStep => ({
    key,
    label: chartWord(key, lang),
    kind: 'step',
    amount: neg(amount),
  });
  return [
    total('grossSales', w.grossSales),
    step('discounts', w.discounts),
    step('returns', w.returns),
    step('rebates', w.rebates),
    total('netSales', w.netSales),
    step('cogs', w.cogs),
    total('grossMargin', w.grossMargin),
    ...w.costs.map((c): WaterfallStep => ({
      key: `cost_${c.id}`,
      label: activityName(c.id, c.name, lang),
      kind: 'step',
      amount: neg(c.amount),
    })),
    total('contribution', w.contribution),
  ];
}

/**
 * The step the labels are rounded to: three significant digits of the largest bar (€ 19,5 mln
 * beside it, never € 19,52874 mln), never finer than a cent. Labels are rounded on the running
 * level ({@link waterfallLabelValues}), so they add up as the bars do; the exact amount of each
 * bar is in its tooltip (and in the P&L table beside the chart).
 */
export function labelUnit(steps: readonly WaterfallStep[]): number {
  const largest = Math.max(0, ...steps.map((s) => Math.abs(Number(s.amount))));
  if (largest < 0.005) return 0.01;
  return Math.max(0.01, 10 ** (Math.floor(Math.log10(largest)) - 2));
}

/**
 * A label's text: the rounded amount (a multiple of `unit`) in the compact money format
 * (`€ 19,5 mln`, `-€ 670K`, `£1.85K`), or for a bar that is not zero but rounds to zero, that
 * it is smaller than the unit (`< € 100K`): rounded to zero it would read as no cost at all.
 */
export function waterfallLabelText(
  shown: number,
  exact: number,
  unit: number,
  lang: Lang,
  currency = 'EUR',
): string {
  if (shown === 0 && Math.abs(exact) >= 0.005)
    return fill(CHART_WORDS.belowUnit[lang], { unit: formatMoneyCompact(unit, lang, currency, unit) });
  return formatMoneyCompact(shown, lang, currency, unit);
}

/** Where a reader finds a waterfall's exact amounts: the bar's tooltip (dashboard) or a table beside the chart (report). */
export type ExactAmountsIn = 'tooltip' | 'table';

/** The sentence under a waterfall: how its labels are rounded and where the exact amounts are. */
export function waterfallNote(
  unit: number,
  lang: Lang,
  currency = 'EUR',
  exactIn: ExactAmountsIn = 'tooltip',
): string {
  const key = exactIn === 'table' ? 'waterfallRoundingTable' : 'waterfallRoundingTooltip';
  // The unit itself at its own decimals: a small customer's € 0,1 or € 0,01 (said as € 0 before).
  return fill(CHART_WORDS[key][lang], { unit: formatMoneyCompact(unit, lang, currency, unit) });
}

/**
 * The labels' values, rounded so that they add up as the bars do: each total is its level
 * rounded to `unit`, each step the difference between the rounded levels before and after it
 * (rounding the running level, not each bar: the shown steps between two totals sum to the
 * shown difference of those totals exactly).
 */
export function waterfallLabelValues(steps: readonly WaterfallStep[], unit: number): number[] {
  // In whole cents, so a level is exact and a half lands on the same side every time.
  const unitCents = unit * 100;
  const round = (cents: number) => Math.round(cents / unitCents);
  let level = 0;
  return steps.map((s) => {
    const v = Math.round(Number(s.amount) * 100);
    if (s.kind === 'total') {
      level = v;
      return round(v) * unit;
    }
    const shown = (round(level + v) - round(level)) * unit;
    level += v;
    return shown;
  });
}

/** ECharts option: invisible base bars plus visible bars (totals blue, losses red, gains green); labels that add up. */
export function waterfallOption(
  steps: WaterfallStep[],
  lang: Lang,
  currency = 'EUR',
  exactIn: ExactAmountsIn = 'tooltip',
): EChartsOption {
  let level = 0;
  const base: number[] = [];
  const bars: { value: number; itemStyle: { color: string }; label: string }[] = [];
  const unit = labelUnit(steps);
  const shown = waterfallLabelValues(steps, unit);
  for (const [i, s] of steps.entries()) {
    const v = Number(s.amount);
    const label = waterfallLabelText(shown[i]!, v, unit, lang, currency);
    if (s.kind === 'total') {
      level = v;
      base.push(Math.min(0, v));
      bars.push({ value: Math.abs(v), itemStyle: { color: v < 0 ? '#b3261e' : '#1f4e79' }, label });
    } else {
      const next = level + v;
      base.push(Math.min(level, next));
      bars.push({ value: Math.abs(v), itemStyle: { color: v < 0 ? '#d9534f' : '#2e7d32' }, label });
      level = next;
    }
  }
  // The tooltip gives the exact amount of the bar (the labels are rounded).
  const exact = steps.map((s) => `${s.label}: ${formatMoney(s.amount, lang, currency)}`);
  return {
    animation: false,
    grid: { left: 80, right: 20, top: 30, bottom: 150 },
    title: {
      subtext: waterfallNote(unit, lang, currency, exactIn),
      left: 'center',
      bottom: 0,
      subtextStyle: { fontSize: 11, color: '#666' },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : undefined;
        return exact[first?.dataIndex ?? -1] ?? '';
      },
    },
    xAxis: {
      type: 'category',
      data: steps.map((s) => s.label),
      axisLabel: { rotate: 40, interval: 0, fontSize: 11 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) } },
    series: [
      {
        type: 'bar',
        stack: 'w',
        stackStrategy: 'all',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: base,
        tooltip: { show: false },
      },
      {
        type: 'bar',
        stack: 'w',
        stackStrategy: 'all',
        name: chartWord('contribution', lang),
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: b.itemStyle,
          label: { show: true, position: 'top', formatter: b.label, fontSize: 10 },
        })),
        // Many narrow bars (one per activity): labels that would overlap a neighbour move up; one
        // that still would (a narrow chart) is left out rather than drawn over it: its bar's
        // tooltip has the exact amount.
        labelLayout: { moveOverlap: 'shiftY', hideOverlap: true },
      },
    ],
  };
}
