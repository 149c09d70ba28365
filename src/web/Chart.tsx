/** An ECharts chart in the page (SVG renderer, like the report), resized with its box. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/**
 * Renders `option`; `testId` marks the box for end-to-end tests; `drawnFor` is written to the box's
 * `data-drawn-for` once the chart for it is drawn (so a test can tell one customer's chart from the
 * one before it); `onClick` gets the data index of a clicked bar or point.
 */
export function Chart({
  option,
  height = 380,
  testId,
  drawnFor,
  onClick,
}: {
  option: EChartsOption;
  height?: number;
  testId?: string;
  drawnFor?: string;
  onClick?: (dataIndex: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  // The latest handler, so a new one does not rebuild the chart.
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    if (drawnFor != null) el.dataset.drawnFor = drawnFor;
    chart.on('click', (p) => {
      if (typeof p.dataIndex === 'number') click.current?.(p.dataIndex);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option, drawnFor]);
  return (
    <div
      ref={box}
      className={`chart${onClick ? ' clickable' : ''}`}
      style={{ height }}
      data-testid={testId}
    />
  );
}
