/**
 * Scenario charts as ECharts options: the J-curve (cumulative extra cash of the initiative
 * against the baseline, year by year, with the P5–P95 band of the draws) and the tornado
 * (NPV with one effect at its P10 and P90, the others at their means).
 */
import type { EChartsOption } from 'echarts';
import { formatMoney, formatMoneyCompact, formatNumber, type Lang } from './format.ts';
import { chartWord, effectName } from './labels.ts';

/** The J-curve's input: money as exact decimal strings (cents). */
export interface JCurveInput {
  /** One-off cost paid at the start (year 0), positive. */
  oneOff: string;
  /** Cumulative extra cash at each year end, one-off included (the expected projection). */
  years: { year: number; cumulative: string }[];
  /** P5/P50/P95 of the cumulative cash per year over the draws; empty when nothing is uncertain. */
  band: { year: number; p5: string; p95: string }[];
}

const BLUE = '#1f4e79';
const RED = '#b3261e';

/** The J-curve: cumulative extra cash from year 0 (the one-off) to the horizon; the zero line is break-even. */
export function jCurveOption(input: JCurveInput, lang: Lang, currency = 'EUR'): EChartsOption {
  const start = -Number(input.oneOff);
  const years = ['0', ...input.years.map((y) => String(y.year))];
  const expected = [start, ...input.years.map((y) => Number(y.cumulative))];
  const money = (v: number) => formatMoneyCompact(v, lang, currency);
  const series: NonNullable<EChartsOption['series']> = [];
  if (input.band.length) {
    const lower = [start, ...input.band.map((b) => Number(b.p5))];
    const width = [0, ...input.band.map((b) => Number(b.p95) - Number(b.p5))];
    series.push(
      {
        type: 'line',
        name: 'p5',
        stack: 'band',
        stackStrategy: 'all',
        showSymbol: false,
        silent: true,
        lineStyle: { opacity: 0 },
        data: lower,
        tooltip: { show: false },
      },
      {
        type: 'line',
        name: chartWord('cashBand', lang),
        stack: 'band',
        stackStrategy: 'all',
        showSymbol: false,
        silent: true,
        lineStyle: { opacity: 0 },
        itemStyle: { color: 'rgba(31,78,121,0.35)' },
        areaStyle: { color: 'rgba(31,78,121,0.15)' },
        data: width,
      },
    );
  }
  series.push({
    type: 'line',
    name: chartWord('expectedCash', lang),
    symbolSize: 7,
    lineStyle: { width: 3, color: BLUE },
    itemStyle: { color: BLUE },
    data: expected,
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { type: 'dashed', color: '#888' },
      label: { formatter: chartWord('breakEven', lang), position: 'insideEndTop' },
      data: [{ yAxis: 0 }],
    },
  });
  return {
    animation: false,
    grid: { left: 80, right: 30, top: 40, bottom: 50 },
    legend: {
      top: 0,
      data: [chartWord('expectedCash', lang), ...(input.band.length ? [chartWord('cashBand', lang)] : [])],
    },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatMoney(String(v), lang, currency, 0) },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: years,
      name: chartWord('year', lang),
      nameLocation: 'middle',
      nameGap: 30,
    },
    yAxis: {
      type: 'value',
      name: chartWord('cumulativeCash', lang),
      nameLocation: 'middle',
      nameGap: 65,
      axisLabel: { formatter: money },
    },
    series,
  };
}

/** One tornado bar: the effect's P10 and P90 and the NPV at each (money as decimal strings). */
export interface TornadoInput {
  effect: string;
  low: number;
  high: number;
  npvLow: string;
  npvHigh: string;
}

/** Tornado: per effect (widest swing on top), a bar from the lower to the higher NPV, split at the expected NPV. */
export function tornadoOption(
  bars: TornadoInput[],
  expectedNpv: string,
  lang: Lang,
  currency = 'EUR',
): EChartsOption {
  const e = Number(expectedNpv);
  const rows = [...bars].reverse();
  const lo = rows.map((b) => Math.min(Number(b.npvLow), Number(b.npvHigh), e));
  const hi = rows.map((b) => Math.max(Number(b.npvLow), Number(b.npvHigh), e));
  const label = (b: TornadoInput) =>
    `${effectName(b.effect, lang)}: ${formatNumber(b.low, lang, 1)} … ${formatNumber(b.high, lang, 1)}`;
  return {
    animation: false,
    grid: { left: 20, right: 40, top: 30, bottom: 50, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps) => {
        const i = (Array.isArray(ps) ? ps[0] : ps)?.dataIndex ?? 0;
        const b = rows[i]!;
        const m = (v: string) => formatMoney(v, lang, currency, 0);
        return `${effectName(b.effect, lang)}<br>${chartWord('npvAtLow', lang)} (${formatNumber(b.low, lang, 1)}): ${m(b.npvLow)}<br>${chartWord('npvAtHigh', lang)} (${formatNumber(b.high, lang, 1)}): ${m(b.npvHigh)}`;
      },
    },
    xAxis: {
      type: 'value',
      scale: true,
      name: chartWord('npv', lang),
      // Under the axis's middle: at its end the name lay over the last amount and past the edge.
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => formatMoneyCompact(v, lang, currency) },
    },
    yAxis: { type: 'category', data: rows.map(label), axisLabel: { fontSize: 11 } },
    series: [
      {
        type: 'bar',
        stack: 't',
        stackStrategy: 'all',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: lo,
      },
      {
        type: 'bar',
        stack: 't',
        stackStrategy: 'all',
        itemStyle: { color: RED },
        data: lo.map((l) => e - l),
      },
      {
        type: 'bar',
        stack: 't',
        stackStrategy: 'all',
        itemStyle: { color: BLUE },
        data: hi.map((h) => h - e),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#333' },
          label: { formatter: formatMoneyCompact(e, lang, currency) },
          data: [{ xAxis: e }],
        },
      },
    ],
  };
}
