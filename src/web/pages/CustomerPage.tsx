/** One customer: the waterfall, cost lines against the segment median, loss reasons, feedback and contacts. */
import { useMemo, useState } from 'react';
import {
  activityName,
  formatDate,
  historyOption,
  pnlLineName,
  quadrantName,
  formatMoney,
  formatNumber,
  formatShare,
  waterfallOption,
  waterfallSteps,
} from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { Chart } from '../Chart.tsx';
import { ExportButtons } from '../ExportButtons.tsx';
import { shownValue, useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import { clvUndeterminedText } from '../../words/index.ts';
import type { CustomerDetail, Trend } from '../types.ts';
import { Status } from './parts.tsx';
import { GrainSwitch, TrendPanel, type TrendGrain } from './TrendPanel.tsx';
import { CostDrillPanel } from './CostDrillPanel.tsx';
import { DrillPanel } from './DrillPanel.tsx';
import { CustomerProductMargin } from './ProductMargin.tsx';

type Detail = CustomerDetail & { activities: { id: string; name: string }[] };

/** The customer page for `id`. */
export function CustomerPage({ id }: { id: string }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const { data, error } = useApi<Detail>(`/api/customers/${encodeURIComponent(id)}`);
  const [drill, setDrill] = useState<{ line: string; title: string } | null>(null);
  const steps = useMemo(() => {
    if (!data) return null;
    const p = data.pnl;
    const s = (k: string) => String(p[k] ?? '0');
    const costs = data.activities.map((a) => ({ id: a.id, name: a.name, amount: s(`cost_${a.id}`) }));
    return waterfallSteps(
      {
        grossSales: s('gross_sales'),
        discounts: s('discounts'),
        returns: s('returns'),
        rebates: s('rebates'),
        netSales: s('net_sales'),
        cogs: s('cogs'),
        grossMargin: s('gross_margin'),
        contribution: s('contribution'),
        costs,
      },
      lang,
    );
  }, [data, lang]);
  const option = useMemo(
    () => (steps ? waterfallOption(steps, lang, currency) : null),
    [steps, lang, currency],
  );
  // A bar's step key -> the customer_pnl column whose source rows it drills to.
  const drillable: Record<string, string> = {
    grossSales: 'gross_sales',
    discounts: 'discounts',
    returns: 'returns',
    rebates: 'rebates',
    cogs: 'cogs',
  };
  const onBar = (i: number) => {
    const step = steps?.[i];
    // A cost bar (`cost_<activity>`) drills to its events.
    const line = step ? (step.key.startsWith('cost_') ? step.key : drillable[step.key]) : undefined;
    if (step && line) setDrill({ line, title: step.label });
  };
  const history = useMemo(
    () => (data && data.history.length ? historyOption(data.history, lang, currency) : null),
    [data, lang, currency],
  );
  if (!data || !option) return <Status error={error} />;
  const money = (v: unknown) =>
    v === null || v === undefined ? '–' : formatMoney(String(v), lang, currency);
  const medians = data.segmentMedians;
  const lines = [
    { id: 'gross_margin', name: t('grossMargin') },
    ...data.activities.map((a) => ({ id: `cost_${a.id}`, name: activityName(a.id, a.name, lang) })),
  ];
  return (
    <div className="page" data-testid="customer">
      <p>
        <a href="#/customers">← {t('back')}</a>
      </p>
      <h1 data-testid="customer-title">
        {String(data.customer.name ?? data.customer.customer_id)}
        {/* The id beside the name, unless there is no name (then the id is the title): never "43 43". */}
        {data.customer.name != null && String(data.customer.name) !== String(data.customer.customer_id) && (
          <>
            {' '}
            <span className="muted">{String(data.customer.customer_id)}</span>
          </>
        )}
      </h1>
      <p className="muted">
        {shownValue(lang, data.customer.segment == null ? null : String(data.customer.segment))}{' '}
        {data.matrix ? `· ${t('matrixQuadrant')}: ${quadrantName(String(data.matrix.quadrant), lang)}` : ''}{' '}
        {data.voiceOfCustomer
          ? `· ${t('vocQuadrant')}: ${quadrantName(String(data.voiceOfCustomer.quadrant), lang)}`
          : ''}
      </p>
      {data.pnl.cogs_estimated === true && (
        <p className="muted" data-testid="customer-cogs-estimated">
          {t('customerCogsEstimated')}
        </p>
      )}
      <section className="figures">
        <div className={`figure strong${Number(data.pnl.contribution) < 0 ? ' bad' : ''}`}>
          <div className="label">{t('contribution')}</div>
          <div className="value" data-testid="customer-contribution">
            {money(data.pnl.contribution)}
          </div>
        </div>
        <div className="figure">
          <div className="label">{t('netSales')}</div>
          <div className="value">{money(data.pnl.net_sales)}</div>
        </div>
        <div className="figure">
          <div className="label">{t('costToServe')}</div>
          <div className="value">{money(data.pnl.cost_to_serve)}</div>
        </div>
        {data.lifetimeValue && (
          <div className={`figure${data.lifetimeValue.loss_making ? ' bad' : ''}`}>
            <div className="label">{t('clvProfit')}</div>
            <div className="value" data-testid="customer-clv">
              {data.lifetimeValue.clv_undetermined != null || data.lifetimeValue.clv_profit == null
                ? '–'
                : money(data.lifetimeValue.clv_profit)}
            </div>
            {data.lifetimeValue.clv_undetermined != null && (
              <div className="note" data-testid="customer-clv-undetermined">
                {clvUndeterminedText(lang, String(data.lifetimeValue.clv_undetermined))}
              </div>
            )}
            {data.lifetimeValue.clv_profit_lo != null && data.lifetimeValue.clv_profit_hi != null && (
              <div className="note" data-testid="customer-clv-interval">
                {t('clvInterval', {
                  lo: money(data.lifetimeValue.clv_profit_lo),
                  hi: money(data.lifetimeValue.clv_profit_hi),
                })}
              </div>
            )}
          </div>
        )}
        {data.lifetimeValue && data.lifetimeValue.p_alive != null && (
          <div className="figure">
            <div className="label">{t('pAlive')}</div>
            <div className="value">{formatShare(Number(data.lifetimeValue.p_alive), lang, 0)}</div>
          </div>
        )}
        {data.lifetimeValue && data.lifetimeValue.expected_purchases != null && (
          <div className="figure">
            <div className="label">{t('customerExpectedPurchases')}</div>
            <div className="value" data-testid="customer-expected-purchases">
              {formatNumber(Number(data.lifetimeValue.expected_purchases), lang, 2)}
            </div>
            {data.lifetimeValue.expected_purchases_lo != null &&
              data.lifetimeValue.expected_purchases_hi != null && (
                <div className="note" data-testid="customer-expected-purchases-interval">
                  {t('clvInterval', {
                    lo: formatNumber(Number(data.lifetimeValue.expected_purchases_lo), lang, 2),
                    hi: formatNumber(Number(data.lifetimeValue.expected_purchases_hi), lang, 2),
                  })}
                </div>
              )}
          </div>
        )}
        {data.voiceOfCustomer?.satisfaction != null && (
          <div className="figure">
            <div className="label">{t('satisfaction')}</div>
            <div className="value">{formatShare(Number(data.voiceOfCustomer.satisfaction), lang, 0)}</div>
          </div>
        )}
      </section>
      <div className="card">
        <h2>{t('waterfallTitle')}</h2>
        <Chart
          option={option}
          testId="customer-waterfall"
          drawnFor={String(data.customer.customer_id)}
          onClick={onBar}
        />
        <p className="muted">
          {t('drillHint')} {t('drillCostNote')}
        </p>
      </div>
      {drill && drill.line.startsWith('cost_') && (
        <CostDrillPanel
          key={drill.line}
          id={id}
          line={drill.line}
          title={drill.title}
          onClose={() => setDrill(null)}
        />
      )}
      {drill && !drill.line.startsWith('cost_') && (
        <DrillPanel
          key={drill.line}
          id={id}
          line={drill.line}
          title={drill.title}
          onClose={() => setDrill(null)}
        />
      )}
      <CustomerTrend id={id} />
      <CustomerProductMargin id={id} />
      {history && (
        <div className="card">
          <h2>{t('history')}</h2>
          <Chart option={history} height={280} testId="customer-history" />
        </div>
      )}
      {medians && (
        <div className="card">
          <h2>{t('costLines')}</h2>
          <ExportButtons target="customer-cost-lines" name={`customer-${id}-cost-lines`} />
          <table className="grid" data-testid="customer-cost-lines">
            <thead>
              <tr>
                <th>{t('line')}</th>
                <th className="num">{t('thisCustomer')}</th>
                <th className="num">{t('segmentMedian')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.name}</td>
                  <td className="num" data-value={String(data.pnl[l.id] ?? '')}>
                    {money(data.pnl[l.id])}
                  </td>
                  <td className="num" data-value={String(medians[`m_${l.id}`] ?? '')}>
                    {money(medians[`m_${l.id}`])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.lossExplanations.length > 0 && (
        <div className="card">
          <h2>{t('whyLoss')}</h2>
          <ul data-testid="loss-explanations">
            {data.lossExplanations.map((l) => (
              <li key={String(l.line)}>
                {pnlLineName(String(l.line), data.activities, lang)}: {money(l.customer_value)} /{' '}
                {money(l.segment_median)} (+{money(l.gap)})
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="card">
        <h2>{t('feedback')}</h2>
        {data.feedback.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('date')}</th>
                <th>{t('kind')}</th>
                <th className="num">{t('score')}</th>
                <th>{t('text')}</th>
              </tr>
            </thead>
            <tbody>
              {data.feedback.map((f, i) => (
                <tr key={i}>
                  <td>{formatDate(String(f.feedback_date), lang)}</td>
                  <td>{String(f.kind ?? '')}</td>
                  <td className="num">
                    {formatNumber(Number(f.score), lang, 0)} / {String(f.scale_max ?? '')}
                  </td>
                  <td>{String(f.text ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2>{t('contacts')}</h2>
        {data.serviceContacts.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('date')}</th>
                <th>{t('channel')}</th>
                <th className="num">{t('minutes')}</th>
                <th>{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {data.serviceContacts.map((c, i) => (
                <tr key={i}>
                  <td>{formatDate(String(c.contact_date), lang)}</td>
                  <td>{String(c.channel ?? '')}</td>
                  <td className="num">{c.minutes == null ? '' : formatNumber(Number(c.minutes), lang, 0)}</td>
                  <td>{String(c.reason ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

/** The customer's P&L by month or quarter (what the months add up to is the waterfall above). */
function CustomerTrend({ id }: { id: string }) {
  const { t } = useLang();
  const [grain, setGrain] = useState<TrendGrain>('month');
  const { data, error } = useApi<Trend>(`/api/customers/${encodeURIComponent(id)}/trend`, { grain });
  return (
    <div className="card">
      <h2>{t('customerTrend')}</h2>
      <div className="filters">
        <GrainSwitch grain={grain} onChange={setGrain} testId="customer-trend-grain" />
      </div>
      {data ? <TrendPanel trend={data} testId="customer-trend" /> : <Status error={error} />}
    </div>
  );
}
