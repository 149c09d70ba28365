/** Server-side rendering of a chart definition to an SVG string (no DOM), for the report. */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { measureTextWidth } from './textWidth.ts';

// No canvas on the server: label and legend layout need text widths as the browser will draw them.
echarts.setPlatformAPI({
  measureText: (text, font) => ({ width: measureTextWidth(text ?? '', font ?? '12px sans-serif') }),
});

/** Renders `option` to an SVG string of `width` x `height` pixels. */
export function renderSvg(option: EChartsOption, width = 800, height = 400): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
