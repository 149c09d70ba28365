/** An ECharts chart in the page (SVG renderer, like the report), resized with its box. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** Renders `option`; `testId` marks the box for end-to-end tests. */
export function Chart({ option, height = 380, testId }: { option: EChartsOption; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={box} className="chart" style={{ height }} data-testid={testId} />;
}
