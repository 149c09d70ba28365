/** Lifetime value: which model, how well it fits, and how the value on profit is spread over the customers. */
import { useMemo } from 'react';
import {
  clvDecileOption,
  clvHistogramOption,
  formatCount,
  formatMoney,
  formatNumber,
  formatShare,
  frequencyFitOption,
  modelName,
  pAliveOption,
  trackingOption,
} from '../../charts/index.ts';
import { atParamEdge, HOLDOUT_TIE, unreachable } from '../../core/index.ts';
import type { LeftOutReason } from '../../value/index.ts';
import {
  clvUndeterminedText,
  covariateComparisonText,
  modelChoiceText,
  shellWord,
  significant,
  storedClvWarningText,
} from '../../words/index.ts';
import { Chart } from '../Chart.tsx';
import { ExportButtons } from '../ExportButtons.tsx';
import { useApi } from '../api.ts';
import { useLang } from '../i18n.ts';
import { useCurrency, useWorkspace } from '../meta.ts';
import type { FittedModel, LifetimeValue } from '../types.ts';
import { Figure, Status } from './parts.tsx';

/**
 * The fit's doubts, when it has any: a caption that says not to act on it, then each warning,
 * said in the page's language from its code and values (a run stored before they were kept has
 * English sentences only: shown as they are, marked so on a Dutch page).
 */
function FitWarnings({ fit, testId }: { fit: FittedModel; testId: string }) {
  const { lang, t } = useLang();
  const said = fit.warningData !== null;
  const warnings = fit.warningData ? fit.warningData.map((w) => storedClvWarningText(lang, w)) : fit.warnings;
  if (!fit.degenerate && warnings.length === 0) return null;
  return (
    <div className="warning" data-testid={testId}>
      {fit.degenerate && <strong>{t('degenerateFit')}</strong>}
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      {!said && lang !== 'en' && <p className="muted">{t('warningsInEnglish')}</p>}
    </div>
  );
}

type ClvData = Extract<LifetimeValue, { available: true }>;

/** The stored model choice, the holdout check of the model in use and the per-segment fits. */
function ModelChoiceCaption({ data }: { data: ClvData }) {
  const { lang, t } = useLang();
  const c = data.choice;
  const used = c?.candidates.find((k) => k.model === c.model)?.holdout ?? null;
  return (
    <>
      {c && (
        <p className="muted" data-testid="clv-choice">
          {t('modelReason', { reason: modelChoiceText(lang, c, modelName, HOLDOUT_TIE) ?? c.reason })}
        </p>
      )}
      {c?.covariates?.map((k) => (
        <p className="muted" data-testid="clv-covariates" key={k.model}>
          {covariateComparisonText(lang, k, modelName)}
        </p>
      ))}
      {used && used.error !== null && (
        <p className={Math.abs(used.error) > 0.05 ? 'warning' : 'muted'} data-testid="clv-holdout">
          {t('holdoutCaption', {
            date: used.calibrationEnd,
            expected: formatCount(Math.round(used.expected), lang),
            weeks: formatCount(Math.round(used.weeks), lang),
            actual: formatCount(Math.round(used.actual), lang),
            gap: `${used.error > 0 ? '+' : ''}${formatShare(used.error, lang, 1)}`,
          })}
        </p>
      )}
      {used && used.groups.length > 1 && (
        <div className="muted" data-testid="clv-holdout-segments">
          {t('holdoutSegmentsHead', { column: data.groupedBy ?? '' })}
          <ul>
            {used.groups.map((g) => (
              <li
                key={g.name}
                className={
                  (g.warn ??
                  (g.error !== null && used.warnAbove !== undefined && Math.abs(g.error) > used.warnAbove))
                    ? 'warning'
                    : undefined
                }
              >
                {t(g.warnAbove === undefined ? 'holdoutSegment' : 'holdoutSegmentBand', {
                  name: g.name || t('noGroupValue'),
                  expected: formatCount(Math.round(g.expected), lang),
                  actual: formatCount(Math.round(g.actual), lang),
                  gap: g.error === null ? '–' : `${g.error > 0 ? '+' : ''}${formatShare(g.error, lang, 1)}`,
                  // the group's own limit: what chance gives for its size (runs before the band have none)
                  band: g.warnAbove === undefined ? '' : formatShare(g.warnAbove, lang, 1),
                })}
              </li>
            ))}
          </ul>
          {used.groups.some((g) => g.warnAbove !== undefined) && (
            <p data-testid="clv-holdout-band">{t('holdoutBandNote')}</p>
          )}
        </div>
      )}
      {data.groupedBy !== null && data.groupFits.length > 0 && (
        <p className="muted" data-testid="clv-groups">
          {t('segmentFits', {
            column: data.groupedBy,
            groups: data.groupFits.map((g) => g.group).join(', '),
          })}
        </p>
      )}
    </>
  );
}

/** Per segment: total and mean CLV and expected purchases, each with its 90% interval (nothing without segments). */
function SegmentTable({ data, money }: { data: ClvData; money: (s: string) => string }) {
  const { lang, t } = useLang();
  if (data.segmentBy === null || data.segments.length === 0) return null;
  const count = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : formatNumber(v, lang, v >= 100 ? 0 : 1);
  const cash = (v: string | null | undefined) => (v === null || v === undefined ? '–' : money(v));
  return (
    <section className="card" data-testid="clv-segments">
      <h2>
        {t('clvBySegment', { column: data.segmentBy })}{' '}
        <ExportButtons target="clv-segment-table" name={`clv-per-${data.segmentBy}`} />
      </h2>
      <p className="muted">{t('clvBySegmentNote')}</p>
      <table className="grid" data-testid="clv-segment-table">
        <thead>
          <tr>
            <th>{data.segmentBy}</th>
            <th className="num">{t('customerCount')}</th>
            <th className="num">{t('clvSegmentTotal')}</th>
            <th className="num">{t('clvLow')}</th>
            <th className="num">{t('clvHigh')}</th>
            <th className="num">{t('clvSegmentMean')}</th>
            <th className="num">{t('clvLow')}</th>
            <th className="num">{t('clvHigh')}</th>
            <th className="num">{t('clvSegmentPurchases')}</th>
            <th className="num">{t('clvLow')}</th>
            <th className="num">{t('clvHigh')}</th>
          </tr>
        </thead>
        <tbody>
          {data.segments.map((s) => (
            <tr key={s.segment ?? ''}>
              <td>{s.segment ?? t('noGroupValue')}</td>
              <td className="num">{formatCount(s.valued, lang)}</td>
              <td className={`num${Number(s.totalProfitClv) < 0 ? ' bad' : ''}`}>{cash(s.totalProfitClv)}</td>
              <td className="num">{cash(s.totalProfitInterval?.lo)}</td>
              <td className="num">{cash(s.totalProfitInterval?.hi)}</td>
              <td className="num">{cash(s.meanProfitClv)}</td>
              <td className="num">{cash(s.meanProfitInterval?.lo)}</td>
              <td className="num">{cash(s.meanProfitInterval?.hi)}</td>
              <td className="num">{count(s.expectedPurchases)}</td>
              <td className="num">{count(s.expectedPurchasesInterval?.lo)}</td>
              <td className="num">{count(s.expectedPurchasesInterval?.hi)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The P&L's customers the fit leaves out, per reason with a few ids (nothing when none, or for a run stored before it was kept). */
function LeftOutCaption({ data }: { data: ClvData }) {
  const { lang, t } = useLang();
  const l = data.leftOut;
  if (!l || l.total === 0) return null;
  const key = (reason: LeftOutReason) => {
    switch (reason) {
      case 'allCancelled':
        return 'clvLeftOutAllCancelled' as const;
      case 'onlyReturns':
        return 'clvLeftOutOnlyReturns' as const;
      case 'afterEnd':
        return 'clvLeftOutAfterEnd' as const;
      case 'noPurchase':
        return 'clvLeftOutNoPurchase' as const;
      default:
        return unreachable(reason, 'left-out reason');
    }
  };
  return (
    <div className="muted" data-testid="clv-left-out">
      {t('clvLeftOut', { n: formatCount(l.total, lang), pnl: formatCount(l.pnlCustomers, lang) })}
      <ul>
        {l.reasons.map((r) => (
          <li key={r.reason} data-reason={r.reason}>
            {t(key(r.reason), {
              n: formatCount(r.customers, lang),
              ids: r.examples.join(', ') + (r.customers > r.examples.length ? ', …' : ''),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ParamTable({ fit, testId }: { fit: FittedModel; testId: string }) {
  const { lang, t } = useLang();
  // significant digits: an estimate of 2.6e27 must not read as 28 digits and four decimals
  const n = (x: number) => significant(x, lang);
  return (
    <table className="grid" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('parameter')}</th>
          <th className="num">{t('estimate')}</th>
          <th className="num">{t('standardError')}</th>
          <th className="num">{t('relativeError')}</th>
        </tr>
      </thead>
      <tbody>
        {fit.params.map((p) => (
          <tr key={p.name}>
            <td>{p.name}</td>
            <td className="num">
              {n(p.value)}
              {atParamEdge(p.value) && (
                <span className="warning" data-testid="param-at-edge">
                  {' '}
                  ({t('paramAtEdge')})
                </span>
              )}
            </td>
            <td className="num">{p.standardError === null ? '–' : n(p.standardError)}</td>
            <td className="num">
              {p.standardError === null || p.value === 0
                ? '–'
                : formatShare(p.standardError / Math.abs(p.value), lang, 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Lifetime value page. */
export function LifetimeValuePage() {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const workspace = useWorkspace();
  const { data, error } = useApi<LifetimeValue>('/api/lifetime-value');
  const charts = useMemo(() => {
    if (!data?.available) return null;
    return {
      histogram: clvHistogramOption(data.histogram, lang, currency),
      deciles: clvDecileOption(data.deciles, lang, currency),
      alive: pAliveOption(data.pAlive, lang),
      frequency: data.frequency.length ? frequencyFitOption(data.frequency, lang) : null,
      tracking: data.tracking.length ? trackingOption(data.tracking, lang) : null,
    };
  }, [data, lang, currency]);
  if (!data) return <Status error={error} />;
  if (!data.available || !charts) {
    return (
      <div className="page" data-testid="lifetime-value">
        <h1>{t('lifetimeValue')}</h1>
        <div className="card" data-testid="clv-missing">
          <p>{t('clvMissing')}</p>
          <pre data-testid="clv-command">worth clv {shellWord(workspace || '.')}</pre>
        </div>
      </div>
    );
  }
  const m = (v: string) => formatMoney(v, lang, currency, 0);
  const pm = data.purchaseModel;
  const fitWords = (f: FittedModel) =>
    t('fitLine', {
      ll: formatNumber(f.logLikelihood, lang, 1),
      aic: formatNumber(f.aic, lang, 1),
      bic: formatNumber(f.bic, lang, 1),
      n: formatCount(f.customers, lang),
    });
  // The totals over the determined customers: none when not one is (the API's null), and then the
  // reasons above stand in their place, never a total of 0.
  const totals =
    data.determined &&
    data.totalProfitClv !== null &&
    data.totalRevenueClv !== null &&
    data.meanProfitClv !== null &&
    data.lossMakingCustomers !== null &&
    data.lossMakingClv !== null &&
    data.meanPAlive !== null
      ? {
          profit: data.totalProfitClv,
          revenue: data.totalRevenueClv,
          mean: data.meanProfitClv,
          lossMakers: data.lossMakingCustomers,
          lossClv: data.lossMakingClv,
          pAlive: data.meanPAlive,
        }
      : null;
  return (
    <div className="page" data-testid="lifetime-value">
      <h1>{t('lifetimeValue')}</h1>
      <p className="muted" data-testid="clv-settings">
        {data.horizonYears !== null && data.discountRate !== null
          ? t('clvSettings', {
              years: formatCount(data.horizonYears, lang),
              rate: formatShare(data.discountRate, lang, 1),
            })
          : t('clvDefinition')}
      </p>
      {!data.determined && (
        <section className="card warning" data-testid="clv-undetermined">
          <h2>{t('clvUndetermined')}</h2>
          <p>
            {t('clvUndeterminedText', {
              customers: formatCount(data.customers, lang),
              contribution: m(data.historicContribution),
            })}
          </p>
        </section>
      )}
      {data.determined && data.undetermined.customers > 0 && (
        <p className="note bad" data-testid="clv-partly-undetermined">
          {t('clvPartlyUndetermined', {
            customers: formatCount(data.undetermined.customers, lang),
            why: data.undetermined.reasons.map((r) => clvUndeterminedText(lang, r)).join('; '),
          })}
        </p>
      )}
      {totals && (
        <section className="figures">
          <Figure
            id="clv-total"
            label={t('clvTotal')}
            value={m(totals.profit)}
            strong
            note={`${t('clvRevenue')}: ${m(totals.revenue)}${data.totalProfitInterval ? ` · ${t('clvInterval', { lo: m(data.totalProfitInterval.lo), hi: m(data.totalProfitInterval.hi) })}` : ''}`}
          />
          <Figure id="clv-mean" label={t('clvMean')} value={formatMoney(totals.mean, lang, currency)} />
          <Figure
            id="clv-customers"
            label={t('customerCount')}
            value={formatCount(data.customers - data.undetermined.customers, lang)}
          />
          <Figure
            id="clv-top10"
            label={t('clvTop10')}
            value={data.top10Share === null ? '–' : formatShare(data.top10Share, lang, 0)}
            note={
              data.top20Share === null
                ? undefined
                : t('clvTop20', { share: formatShare(data.top20Share, lang, 0) })
            }
          />
          <Figure
            id="clv-loss-makers"
            label={t('clvLossMakers')}
            value={formatCount(totals.lossMakers, lang)}
            note={`${t('together')} ${m(totals.lossClv)}`}
            bad
          />
          <Figure id="p-alive" label={t('meanPAlive')} value={formatShare(totals.pAlive, lang, 0)} />
        </section>
      )}

      {data.determined && <SegmentTable data={data} money={m} />}

      <section className="card" data-testid="clv-model">
        <h2>{t('theModel')}</h2>
        <p data-testid="clv-model-name">
          {t('modelChosen', {
            purchase: modelName(pm.model),
            spend: data.spendModel ? modelName(data.spendModel.model) : '–',
          })}
        </p>
        <p className="muted">{t('modelWhy')}</p>
        <ModelChoiceCaption data={data} />
        <LeftOutCaption data={data} />
        <div className="charts">
          <div>
            <h3>
              {t('purchases')}: {modelName(pm.model)} {pm.converged ? '' : `(${t('notConverged')})`}
            </h3>
            <ParamTable fit={pm} testId="purchase-params" />
            <p className="muted" data-testid="purchase-fit">
              {fitWords(pm)}
            </p>
            <FitWarnings fit={pm} testId="purchase-warnings" />
          </div>
          {data.spendModel && (
            <div>
              <h3>
                {t('spendModel')}: {modelName(data.spendModel.model)}{' '}
                {data.spendModel.converged ? '' : `(${t('notConverged')})`}
              </h3>
              <ParamTable fit={data.spendModel} testId="spend-params" />
              <p className="muted">{fitWords(data.spendModel)}</p>
              <FitWarnings fit={data.spendModel} testId="spend-warnings" />
            </div>
          )}
        </div>
      </section>

      <section className="charts">
        {charts.frequency && (
          <div className="card">
            <h2>{t('frequencyFit')}</h2>
            <p className="muted">{t('frequencyFitNote')}</p>
            <Chart option={charts.frequency} height={320} testId="frequency-chart" />
          </div>
        )}
        {charts.tracking && (
          <div className="card">
            <h2>{t('trackingFit')}</h2>
            <p className="muted">{t('trackingFitNote')}</p>
            <Chart option={charts.tracking} height={320} testId="tracking-chart" />
          </div>
        )}
      </section>
      {!charts.frequency && <p className="muted">{t('noDiagnostics')}</p>}

      {totals && (
        <>
          <section className="charts">
            <div className="card">
              <h2>{t('clvDistribution')}</h2>
              <Chart option={charts.histogram} height={340} testId="clv-histogram" />
            </div>
            <div className="card">
              <h2>{t('clvByDecile')}</h2>
              <Chart option={charts.deciles} height={340} testId="clv-deciles" />
            </div>
          </section>
          <section className="charts">
            <div className="card">
              <h2>{t('pAliveDistribution')}</h2>
              <Chart option={charts.alive} height={300} testId="p-alive-chart" />
            </div>
            <div className="card">
              <table className="grid" data-testid="clv-decile-table">
                <thead>
                  <tr>
                    <th>{t('decile')}</th>
                    <th className="num">{t('customerCount')}</th>
                    <th className="num">{t('clvShort')}</th>
                    <th className="num">{t('meanPAlive')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.deciles.map((d) => (
                    <tr key={d.decile}>
                      <td>{d.decile}</td>
                      <td className="num">{formatCount(d.customers, lang)}</td>
                      <td className={`num${Number(d.clvProfit) < 0 ? ' bad' : ''}`}>{m(d.clvProfit)}</td>
                      <td className="num">{formatShare(d.meanPAlive, lang, 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
