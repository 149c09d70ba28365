/** Trends: the company's or one segment's P&L by month or quarter, and the cohort table of contribution. */
import { useState } from 'react';
import { formatCount, formatMoney } from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { filterParams, NotFiltered, useFilters } from '../filters.tsx';
import { useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { AnalysisResult, Cohort, TrendAnswer } from '../types.ts';
import { OutsidePeriodNotice } from './OutsidePeriod.tsx';
import { Status } from './parts.tsx';
import { GrainSwitch, TrendPanel, type TrendGrain } from './TrendPanel.tsx';

/** The Trends page; `initial` holds the address's `grain` and `segment`. */
export function TrendsPage({ initial }: { initial: URLSearchParams }) {
  const { t } = useLang();
  const [grain, setGrain] = useState<TrendGrain>(initial.get('grain') === 'quarter' ? 'quarter' : 'month');
  const [segment, setSegment] = useState(initial.get('segment') ?? '');
  const filters = useFilters();
  // The page's own segment choice narrows the global filters further (the same customer attribute: the page's wins).
  const trend = useApi<TrendAnswer>('/api/trend', {
    ...filterParams(filters),
    grain,
    segment: segment || filters.segment,
  });
  const summary = useApi<AnalysisResult>('/api/summary');
  const choose = (g: TrendGrain, s: string) => {
    setGrain(g);
    setSegment(s);
    // In the address, so the view can be shared and comes back on reload.
    const qs = new URLSearchParams({
      ...(g === 'quarter' ? { grain: g } : {}),
      ...(s ? { segment: s } : {}),
    });
    history.replaceState(null, '', `#/trends${qs.size ? `?${qs}` : ''}`);
  };
  return (
    <div className="page" data-testid="trends">
      <h1>{t('trends')}</h1>
      {summary.data && <OutsidePeriodNotice summary={summary.data} />}
      <div className="card">
        <h2>{t('trendTitle')}</h2>
        <div className="filters">
          <select
            value={segment}
            onChange={(e) => choose(grain, e.target.value)}
            data-testid="trend-segment"
            aria-label={t('segment')}
          >
            <option value="">{t('allCustomers')}</option>
            {(trend.data?.segments ?? []).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <GrainSwitch grain={grain} onChange={(g) => choose(g, segment)} testId="trend-grain" />
        </div>
        {trend.data ? <TrendPanel trend={trend.data.trend} testId="trend" /> : <Status error={trend.error} />}
        <p className="muted">{t('trendNote')}</p>
      </div>
      <Cohorts />
    </div>
  );
}

function Cohorts() {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const { data, error } = useApi<{ cohorts: Cohort[] }>('/api/cohorts');
  if (!data) return <Status error={error} />;
  const width = Math.max(0, ...data.cohorts.flatMap((c) => c.cells.map((x) => x.monthsSince))) + 1;
  const columns = Array.from({ length: width }, (_, i) => i);
  return (
    <div className="card">
      <h2>{t('cohortsTitle')}</h2>
      <NotFiltered part />
      <div className="scroll sticky-first" data-testid="cohorts-scroll">
        <table className="grid" data-testid="cohorts">
          <thead>
            <tr>
              <th className="nowrap">{t('cohort')}</th>
              <th className="num">{t('customerCount')}</th>
              {columns.map((i) => (
                <th key={i} className="num" data-testid="cohort-month-head">
                  {t('monthsSince', { n: String(i) })}
                </th>
              ))}
              <th className="num">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {data.cohorts.map((c) => {
              const byMonth = new Map(c.cells.map((x) => [x.monthsSince, x]));
              return (
                <tr key={c.cohort} data-testid="cohort-row">
                  <td className="nowrap">{c.cohort}</td>
                  <td className="num">{formatCount(c.customers, lang)}</td>
                  {columns.map((i) => {
                    const cell = byMonth.get(i);
                    return (
                      <td key={i} className={`num${cell && Number(cell.contribution) < 0 ? ' bad' : ''}`}>
                        {cell ? formatMoney(cell.contribution, lang, currency) : ''}
                      </td>
                    );
                  })}
                  <td className="num">{formatMoney(c.contribution, lang, currency)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('cohortsNote')}</p>
    </div>
  );
}
