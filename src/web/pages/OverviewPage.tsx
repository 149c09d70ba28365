/** The Overview: headline figures, the whale curve, the total contribution waterfall, loss-makers. */
import { useMemo } from 'react';
import {
  formatCount,
  formatDate,
  formatMoney,
  formatShare,
  pnlLineName,
  waterfallOption,
  waterfallSteps,
  whaleOption,
} from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { filterParams, NotFiltered, useFilters } from '../filters.tsx';
import { Chart } from '../Chart.tsx';
import { shownValue, text, useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { AnalysisResult, FilteredOverview, WhalePoint } from '../types.ts';
import { OutsidePeriodNotice } from './OutsidePeriod.tsx';
import { Figure, Status } from './parts.tsx';

/** Whether there are net sales without a customer (a money string: any digit but 0). */
const hasUnattributed = (money: string) => /[1-9]/.test(money);

/** The Overview page. */
export function OverviewPage() {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const filters = useFilters();
  const { data, error } = useApi<{
    summary: AnalysisResult;
    whale: WhalePoint[];
    filtered?: FilteredOverview;
  }>('/api/overview', { points: 200, ...filterParams(filters) });
  const whale = useMemo(
    () => (data ? whaleOption(data.filtered?.whale ?? data.whale, lang) : null),
    [data, lang],
  );
  const waterfall = useMemo(() => {
    if (!data) return null;
    const f = data.filtered?.totals.totals;
    // Filtered, the cost to serve is one bar: the cost per activity is not stored by month.
    const totals = f
      ? {
          grossSales: f.gross_sales,
          discounts: f.discounts,
          returns: f.returns,
          rebates: f.rebates,
          netSales: f.net_sales,
          cogs: f.cogs,
          grossMargin: f.gross_margin,
          contribution: f.contribution,
          costs: [{ id: 'cost_to_serve', name: text(lang, 'costToServe'), amount: f.cost_to_serve }],
        }
      : {
          ...data.summary.totals,
          costs: data.summary.activities.map((a) => ({ id: a.id, name: a.name, amount: a.assigned })),
        };
    return waterfallOption(waterfallSteps(totals, lang), lang, currency);
  }, [data, lang, currency]);
  if (!data || !whale || !waterfall) return <Status error={error} />;
  const stored = data.summary;
  const filtered = data.filtered?.totals;
  // The headline figures the filters narrow, from the filtered answer when there is one.
  const s = filtered
    ? {
        ...stored,
        customers: filtered.customers,
        totals: {
          ...stored.totals,
          netSales: filtered.totals.net_sales,
          grossMargin: filtered.totals.gross_margin,
          costToServe: filtered.totals.cost_to_serve,
          contribution: filtered.totals.contribution,
        },
        whale: { ...stored.whale, ...filtered.whale },
        lossMakers: { ...stored.lossMakers, customers: filtered.lossMakers.customers },
      }
    : stored;
  const m = (v: string) => formatMoney(v, lang, currency, 0);
  const cents = (v: string) => formatMoney(v, lang, currency, 2);
  const lineName = (line: string) => pnlLineName(line, s.activities, lang);
  // A summary from before the estimate was tracked has no cogsEstimate: nothing to mark.
  const estimated = s.cogsEstimate !== undefined && s.cogsEstimate.orderLines + s.cogsEstimate.returns > 0;
  const estimatedShare = estimated ? formatShare(s.cogsEstimate.share, lang, 1) : '';
  const unattributed =
    !filtered && hasUnattributed(s.reconciliation.netSales.unattributed) ? s.reconciliation.netSales : null;
  return (
    <div className="page" data-testid="overview">
      <h1>{t('overview')}</h1>
      <p className="muted" data-testid="period">
        {t('period')}: {formatDate(s.period.start, lang)} – {formatDate(s.period.end, lang)}
      </p>
      <OutsidePeriodNotice summary={s} />
      {s.costToServe === false ? (
        <p className="muted" data-testid="no-cost-model">
          {t('noCostModel')}
        </p>
      ) : null}
      <section className="figures">
        <Figure id="customers" label={t('customerCount')} value={formatCount(s.customers, lang)} />
        <Figure
          id="net-sales"
          label={t('netSales')}
          value={m(s.totals.netSales)}
          note={
            // Sales without a customer are not in the customers' figures: said beside them, in cents, so the sum reconciles to the data.
            unattributed
              ? t('netSalesInFile', {
                  customers: cents(unattributed.customers),
                  unattributed: cents(unattributed.unattributed),
                  company: cents(unattributed.company),
                })
              : undefined
          }
        />
        <Figure
          id="gross-margin"
          label={`${t('grossMargin')}${estimated ? ' *' : ''}`}
          value={m(s.totals.grossMargin)}
          note={estimated ? t('cogsEstimatedShort', { share: estimatedShare }) : undefined}
        />
        <Figure id="cost-to-serve" label={t('costToServe')} value={m(s.totals.costToServe)} />
        <Figure id="contribution" label={t('contribution')} value={m(s.totals.contribution)} strong />
        <Figure
          id="unused-capacity"
          label={t('unusedCapacity')}
          value={m(s.totals.unusedCapacity)}
          note={filtered ? t('notFilteredPart') : undefined}
        />
        <Figure
          id="whale-peak"
          label={t('whalePeak')}
          value={s.whale.peak === null ? '–' : formatShare(s.whale.peak, lang, 0)}
          note={`${t('whalePeakNote')} ${formatShare(s.whale.peakCustomerShare, lang, 0)} ${t('ofCustomers')}`}
        />
        <Figure
          id="loss-makers"
          label={t('lossMakers')}
          value={formatCount(s.lossMakers.customers, lang)}
          note={`${formatShare(s.whale.lossMakingShare, lang, 0)} ${t('ofCustomers')}`}
        />
        <Figure id="value-destroyed" label={t('valueDestroyed')} value={m(s.whale.valueDestroyed)} bad />
      </section>
      <section className="charts">
        <div className="card">
          <h2>{t('whaleTitle')}</h2>
          <Chart option={whale} testId="whale-chart" />
        </div>
        <div className="card">
          <h2>{t('waterfallTitle')}</h2>
          <Chart option={waterfall} testId="waterfall-chart" />
          {filtered ? (
            <p className="muted" data-testid="filtered-costs-one-bar">
              {t('filteredCostsOneBar')}
            </p>
          ) : null}
          {estimated && (
            <p className="muted" data-testid="cogs-estimated">
              {t('cogsEstimatedNote', {
                share: estimatedShare,
                customers: formatCount(s.cogsEstimate.customers, lang),
              })}
            </p>
          )}
        </div>
      </section>
      <section className="card">
        <h2>{t('lossDrivers')}</h2>
        <NotFiltered part />
        <ul data-testid="loss-drivers">
          {s.lossMakers.topLines.map((l) => (
            <li key={l.line}>
              {t('lossDriver', { line: lineName(l.line), gap: m(l.gap), n: formatCount(l.customers, lang) })}
            </li>
          ))}
        </ul>
        {s.voiceOfCustomer.mostOverServedSegment && (
          <p>
            {t('mostOverServed')}:{' '}
            <strong>{shownValue(lang, s.voiceOfCustomer.mostOverServedSegment.segment)}</strong> (
            {formatShare(s.voiceOfCustomer.mostOverServedSegment.share, lang, 0)})
          </p>
        )}
      </section>
    </div>
  );
}
