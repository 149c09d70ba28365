/** A trend with its month/quarter switch: the chart and the table of its periods with their total (the figures to check). */
import { ExportButtons } from '../ExportButtons.tsx';
import { useMemo } from 'react';
import { formatMoney, periodLabel, trendOption } from '../../charts/index.ts';
import { Chart } from '../Chart.tsx';
import { useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { Trend } from '../types.ts';

/** The grains a trend is shown in. */
export type TrendGrain = 'month' | 'quarter';

/** The month/quarter switch; `testId` prefixes its buttons (`<testId>-month`, `<testId>-quarter`). */
export function GrainSwitch({
  grain,
  onChange,
  testId,
}: {
  grain: TrendGrain;
  onChange: (g: TrendGrain) => void;
  testId: string;
}) {
  const { t } = useLang();
  const grains: [TrendGrain, 'byMonth' | 'byQuarter'][] = [
    ['month', 'byMonth'],
    ['quarter', 'byQuarter'],
  ];
  return (
    <div className="switch" role="group">
      {grains.map(([g, key]) => (
        <button
          key={g}
          type="button"
          className={grain === g ? 'active' : ''}
          aria-pressed={grain === g}
          data-testid={`${testId}-${g}`}
          onClick={() => onChange(g)}
        >
          {t(key)}
        </button>
      ))}
    </div>
  );
}

/** The chart and table of one trend; `testId` marks the chart (`<testId>-chart`), the table (`<testId>-table`) and its total row. */
export function TrendPanel({ trend, testId }: { trend: Trend; testId: string }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const option = useMemo(() => trendOption(trend.periods, lang, currency), [trend, lang, currency]);
  const money = (v: string) => formatMoney(v, lang, currency);
  return (
    <>
      <Chart option={option} height={300} testId={`${testId}-chart`} />
      <ExportButtons target={`${testId}-table`} name={testId} />
      <table className="grid" data-testid={`${testId}-table`}>
        <thead>
          <tr>
            <th>{t('periodColumn')}</th>
            <th className="num">{t('netSales')}</th>
            <th className="num">{t('grossMargin')}</th>
            <th className="num">{t('costToServe')}</th>
            <th className="num">{t('contribution')}</th>
          </tr>
        </thead>
        <tbody>
          {trend.periods.map((p) => (
            <tr key={p.period} data-testid={`${testId}-row`} data-contribution={p.contribution}>
              <td className="nowrap">{periodLabel(p.period, lang)}</td>
              <td className="num">{money(p.net_sales)}</td>
              <td className="num">{money(p.gross_margin)}</td>
              <td className="num">{money(p.cost_to_serve)}</td>
              <td className="num">{money(p.contribution)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid={`${testId}-total`} data-contribution={trend.total.contribution}>
            <th>{t('total')}</th>
            <th className="num">{money(trend.total.net_sales)}</th>
            <th className="num">{money(trend.total.gross_margin)}</th>
            <th className="num">{money(trend.total.cost_to_serve)}</th>
            <th className="num">{money(trend.total.contribution)}</th>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
