/**
 * The report's trend page: the company's P&L by quarter as a chart and as a table with
 * the year's total, and contribution per segment and quarter, from the read model (the same
 * figures as the dashboard's Trends page).
 */
import { formatMoney, periodLabel, trendOption, type Lang } from '../charts/index.ts';
import { readTrend, trendSegments, type Trend } from '../readmodel/index.ts';
import type { WorkspaceReader } from '../readmodel/index.ts';
import { esc, table } from './html.ts';
import { inlineSvg } from './svg.ts';
import { shownValue, word } from './words.ts';

/** The trends the page shows, or null when the run stored no months (an older analysis). */
async function readTrends(reader: WorkspaceReader): Promise<{ quarters: Trend; segments: Trend[] } | null> {
  return reader.read(async (engine) => {
    if (!(await engine.tableExists('pnl_monthly_segment'))) return null;
    const segments: Trend[] = [];
    for (const segment of await trendSegments(engine))
      segments.push(await readTrend(engine, { grain: 'quarter', segment }));
    return {
      quarters: await readTrend(engine, { grain: 'quarter' }),
      segments,
    };
  });
}

/** The trend section's HTML (its own page in print). */
export async function trendSection(
  reader: WorkspaceReader,
  o: { lang: Lang; currency: string },
): Promise<string> {
  const w = (k: Parameters<typeof word>[1]) => esc(word(o.lang, k));
  const head = `<section class="page-break"><h2>${w('trend')}</h2>`;
  const trends = await readTrends(reader);
  if (!trends) return `${head}<p class="muted">${w('trendMissing')}</p></section>`;
  const money = (v: string) =>
    `<span${Number(v) < 0 ? ' class="bad"' : ''}>${esc(formatMoney(v, o.lang, o.currency, 0))}</span>`;
  const q = trends.quarters;
  // The page is "by quarter": the chart shows the quarters the table lists (sums of months in cents).
  const chart = inlineSvg(trendOption(q.periods, o.lang, o.currency), 880, 360);
  const quarterTable = periodTable(q, o.lang, money);
  const periods = q.periods.map((p) => p.period);
  const segmentTable = trends.segments.length
    ? `<h3>${w('trendSegments')}</h3>` +
      table(
        [w('segment'), ...periods.map((p) => esc(periodLabel(p, o.lang))), w('total')],
        trends.segments.map((s) => {
          const by = new Map(s.periods.map((p) => [p.period, p.contribution]));
          return [
            esc(shownValue(o.lang, s.segment)),
            ...periods.map((p) => money(by.get(p) ?? '0.00')),
            money(s.total.contribution),
          ];
        }),
        new Set(Array.from({ length: periods.length + 1 }, (_, i) => i + 1)),
      )
    : '';
  return `${head}<div class="chart">${chart}</div>${quarterTable}<p class="muted">${w('trendNote')}</p>${segmentTable}</section>`;
}

/** A trend's periods and total as a table: net sales, gross margin, cost to serve and contribution per period. */
export function periodTable(t: Trend, lang: Lang, money: (v: string) => string): string {
  const w = (k: Parameters<typeof word>[1]) => word(lang, k);
  const rows = [
    ...t.periods.map((p) => ({ ...p, label: esc(periodLabel(p.period, lang)) })),
    { ...t.total, label: `<strong>${esc(w('total'))}</strong>` },
  ].map((p) => [
    p.label,
    money(p.net_sales),
    money(p.gross_margin),
    money(p.cost_to_serve),
    money(p.contribution),
  ]);
  return table(
    [w('quarter'), w('netSales'), w('grossMargin'), w('costToServe'), w('contribution')],
    rows,
    new Set([1, 2, 3, 4]),
  );
}
