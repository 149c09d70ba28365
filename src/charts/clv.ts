/**
 * Lifetime value charts as ECharts options: the CLV distribution (histogram, per decile),
 * P(alive), and the fit diagnostics (repeat-purchase histogram and cumulative tracking,
 * actual against the model).
 */
import type { EChartsOption } from 'echarts';
import { formatCount, formatMoneyCompact, formatNumber, formatShare, type Lang } from './format.ts';
import { chartWord } from './labels.ts';

/** A histogram bar: values in [from, to); the first and last bars hold everything beyond. */
export interface ValueBin {
  from: number;
  to: number;
  customers: number;
}

const BLUE = '#1f4e79';
const RED = '#b3261e';
const ORANGE = '#e69500';

/** Customers per band of profit CLV; bands below zero in red. */
export function clvHistogramOption(bins: ValueBin[], lang: Lang, currency = 'EUR'): EChartsOption {
  const money = (v: number) => formatMoneyCompact(v, lang, currency);
  const label = (b: ValueBin, i: number) =>
    i === 0
      ? `< ${money(b.to)}`
      : i === bins.length - 1
        ? `≥ ${money(b.from)}`
        : `${money(b.from)} – ${money(b.to)}`;
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 40, bottom: 90 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: bins.map(label),
      name: chartWord('clvProfit', lang),
      nameLocation: 'middle',
      nameGap: 75,
      axisLabel: { rotate: 40, fontSize: 10 },
    },
    // The axis name sits above the axis: the grid's top leaves it room inside the chart.
    yAxis: { type: 'value', name: chartWord('customersCount', lang), minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: chartWord('customersCount', lang),
        data: bins.map((b) => ({ value: b.customers, itemStyle: { color: b.to <= 0 ? RED : BLUE } })),
      },
    ],
  };
}

/** Total profit CLV per decile of customers (1 = highest CLV), exact decimal strings. */
export function clvDecileOption(
  deciles: { decile: number; clvProfit: string }[],
  lang: Lang,
  currency = 'EUR',
): EChartsOption {
  return {
    animation: false,
    grid: { left: 80, right: 20, top: 20, bottom: 50 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatMoneyCompact(Number(v), lang, currency),
    },
    xAxis: {
      type: 'category',
      data: deciles.map((d) => String(d.decile)),
      name: chartWord('clvDecile', lang),
      nameLocation: 'middle',
      nameGap: 30,
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) } },
    series: [
      {
        type: 'bar',
        name: chartWord('clvProfit', lang),
        data: deciles.map((d) => ({
          value: Number(d.clvProfit),
          itemStyle: { color: Number(d.clvProfit) < 0 ? RED : BLUE },
        })),
      },
    ],
  };
}

/** Customers per tenth of P(alive). */
export function pAliveOption(bins: ValueBin[], lang: Lang): EChartsOption {
  const pct = (x: number) => formatShare(x, lang, 0);
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 40, bottom: 50 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: bins.map((b) => `${pct(b.from)}–${pct(b.to)}`),
      name: chartWord('pAlive', lang),
      nameLocation: 'middle',
      nameGap: 30,
    },
    // The axis name sits above the axis: the grid's top leaves it room inside the chart.
    yAxis: { type: 'value', name: chartWord('customersCount', lang), minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: chartWord('customersCount', lang),
        itemStyle: { color: BLUE },
        data: bins.map((b) => b.customers),
      },
    ],
  };
}

/** Customers with 0, 1, …, 7+ repeat purchases: actual against the fitted model (side by side). */
export function frequencyFitOption(
  rows: { x: number; actual: number; expected: number }[],
  lang: Lang,
): EChartsOption {
  const last = rows.length - 1;
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 40, bottom: 50 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatNumber(Number(v), lang, 1),
    },
    xAxis: {
      type: 'category',
      data: rows.map((r, i) => (i === last ? `${r.x}+` : String(r.x))),
      name: chartWord('repeatPurchases', lang),
      nameLocation: 'middle',
      nameGap: 30,
    },
    yAxis: {
      type: 'value',
      name: chartWord('customersCount', lang),
      axisLabel: { formatter: (v: number) => formatCount(v, lang) },
    },
    series: [
      {
        type: 'bar',
        name: chartWord('actual', lang),
        itemStyle: { color: BLUE },
        data: rows.map((r) => r.actual),
      },
      {
        type: 'bar',
        name: chartWord('model', lang),
        itemStyle: { color: ORANGE },
        data: rows.map((r) => Math.round(r.expected * 10) / 10),
      },
    ],
  };
}

/** Cumulative repeat purchases week by week: actual (solid) against the model (dashed). */
export function trackingOption(
  rows: { week: number; actual: number; expected: number }[],
  lang: Lang,
): EChartsOption {
  return {
    animation: false,
    grid: { left: 70, right: 20, top: 40, bottom: 50 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatCount(Number(v), lang) },
    xAxis: {
      type: 'value',
      min: 0,
      max: rows.length ? rows[rows.length - 1]!.week : 1,
      name: chartWord('weekSinceStart', lang),
      nameLocation: 'middle',
      nameGap: 30,
    },
    yAxis: {
      type: 'value',
      name: chartWord('cumulativeRepeat', lang),
      axisLabel: { formatter: (v: number) => formatCount(v, lang) },
    },
    series: [
      {
        type: 'line',
        name: chartWord('actual', lang),
        showSymbol: false,
        lineStyle: { width: 2, color: BLUE },
        itemStyle: { color: BLUE },
        data: rows.map((r) => [r.week, r.actual]),
      },
      {
        type: 'line',
        name: chartWord('model', lang),
        showSymbol: false,
        lineStyle: { width: 2, type: 'dashed', color: ORANGE },
        itemStyle: { color: ORANGE },
        data: rows.map((r) => [r.week, Math.round(r.expected * 10) / 10]),
      },
    ],
  };
}
