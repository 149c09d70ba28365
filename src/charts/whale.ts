/** The whale curve as an ECharts option: cumulative contribution share against customer share. */
import type { EChartsOption } from 'echarts';
import { formatShare, type Lang } from './format.ts';
import { chartWord } from './labels.ts';

/** A point of the whale curve (fractions). */
export interface WhaleCurvePoint {
  customerShare: number;
  contributionShare: number;
}

/** ECharts option for the whale curve, with the 100% line and the peak marked. */
export function whaleOption(points: WhaleCurvePoint[], lang: Lang): EChartsOption {
  const peak = points.reduce(
    (best, p) => (p.contributionShare > best.contributionShare ? p : best),
    points[0] ?? { customerShare: 0, contributionShare: 0 },
  );
  const pct = (v: number) => formatShare(v, lang, 0);
  return {
    animation: false,
    grid: { left: 70, right: 30, top: 30, bottom: 60 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatShare(Number(v), lang) },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: chartWord('customersShare', lang),
      nameLocation: 'middle',
      nameGap: 30,
      // The first label starts at the origin rather than centred on it, clear of the y axis' 0%.
      axisLabel: { formatter: pct, alignMinLabel: 'left' },
    },
    yAxis: {
      type: 'value',
      min: 0,
      name: chartWord('contributionShare', lang),
      nameLocation: 'middle',
      nameGap: 50,
      axisLabel: { formatter: pct },
    },
    series: [
      {
        type: 'line',
        name: chartWord('whale', lang),
        // The label of the 100% line sits inside the plot (at its end it ran past the edge: "Totaa").
        showSymbol: false,
        lineStyle: { width: 3, color: '#1f4e79' },
        areaStyle: { color: 'rgba(31,78,121,0.08)' },
        data: points.map((p) => [p.customerShare, p.contributionShare]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#888' },
          // At the end of the line, unless the peak is in the right half (a company without loss-makers
          // peaks at its last customer): then at the start, clear of the peak's label.
          data: [
            {
              yAxis: 1,
              label: {
                formatter: chartWord('total', lang),
                position: peak.customerShare > 0.5 ? 'insideStartTop' : 'insideEndTop',
              },
            },
          ],
        },
        markPoint: {
          symbol: 'circle',
          symbolSize: 10,
          itemStyle: { color: '#b3261e' },
          label: {
            position: 'top',
            formatter: `${chartWord('peak', lang)} ${formatShare(peak.contributionShare, lang, 0)}`,
            color: '#b3261e',
          },
          data: [{ name: 'peak', coord: [peak.customerShare, peak.contributionShare] }],
        },
      },
    ],
  };
}
