/**
 * Predictions of a fitted model for customer summaries (`worth clv predict`): expected
 * purchases over a horizon, P(alive) now, expected spend per order (with a Gamma-Gamma fit)
 * and CLV on revenue (discounted expected purchases × expected spend), with 90% intervals
 * from the purchase model's parameter uncertainty when its covariance is known.
 */
import {
  clvModelKind,
  isPurchaseModelId,
  PURCHASE_MODEL_IDS,
  purchaseFit,
  typedParams,
  WorthError,
  type PurchaseFit,
  type PurchaseModelId,
} from '../core/index.ts';
import {
  customerLifetimeValue,
  expectedSpend,
  type ClvCustomers,
  type ClvResult,
  type ClvSettings,
} from './clv.ts';
import { clvIntervals, totalInterval, type ClvIntervals } from './clvIntervals.ts';
import type { StoredFit } from './fitFile.ts';
import { FORECASTERS } from './forecast.ts';
import type { TimeUnit } from './prepare.ts';
import type { CustomerSummary } from './summaryData.ts';

/** Horizon, discounting and time unit of a prediction. */
export interface PredictSettings {
  /** Horizon in years, 0 < years <= 100. */
  horizonYears: number;
  /** Horizon in the summary's time units instead (e.g. 52 weeks), when given. */
  horizonUnits?: number;
  /** Yearly discount rate, 0 <= r < 1. */
  discountRate: number;
  /** Unit of recency and T in the summary. */
  unit: TimeUnit;
}

/** Per-customer predictions (summary order); interval arrays are null without a covariance, spend and CLV null without a spend fit. */
export interface Predictions {
  purchases: Float64Array;
  purchasesLo: Float64Array | null;
  purchasesHi: Float64Array | null;
  /** P(alive) at the end of the summary's period. */
  pAlive: Float64Array;
  /** Expected spend per future order (Gamma-Gamma). */
  spend: Float64Array | null;
  /** Discounted expected revenue over the horizon. */
  clv: Float64Array | null;
  clvLo: Float64Array | null;
  clvHi: Float64Array | null;
  /** Totals over customers: expected purchases, CLV and its 90% interval (null where not available). */
  totals: { purchases: number; clv: number | null; clvLo: number | null; clvHi: number | null };
}

/** Predicts for every customer in `s` with a purchase model fit and, optionally, a Gamma-Gamma fit. */
export function predictCustomers(
  purchase: StoredFit,
  spendFit: StoredFit | null,
  s: CustomerSummary,
  o: PredictSettings,
): Predictions {
  if (!isPurchaseModelId(purchase.model))
    throw new WorthError(
      'input',
      { path: '--fit' },
      purchase.model,
      `a purchase model fit (${PURCHASE_MODEL_IDS.join(', ')})`,
    );
  if (spendFit && clvModelKind(spendFit.model) !== 'spend')
    throw new WorthError('input', { path: '--fit' }, spendFit.model, 'a gamma-gamma fit for the spend');
  const spend = spendFit
    ? expectedSpend(typedParams('gamma-gamma', spendFit.params), s.x, s.m ?? new Float64Array(s.x.length))
    : null;
  const customers = {
    x: s.x,
    tx: s.tx,
    T: s.T,
    spend: spend ?? 0,
    marginRate: 1,
    variableCostPerOrder: 0,
    fixedCostPerYear: 0,
  };
  const settings = {
    discountRate: o.discountRate,
    horizonYears: o.horizonYears,
    unit: o.unit,
    ...(o.horizonUnits === undefined ? {} : { horizonUnits: o.horizonUnits }),
  };
  const { point, iv } = pointAndIntervals(
    purchaseFit(purchase.model, purchase.params),
    purchase.logCovariance,
    customers,
    settings,
  );
  let purchases = 0;
  let clv = 0;
  for (let i = 0; i < s.x.length; i++) {
    purchases += point.purchases[i]!;
    clv += point.revenue[i]!;
  }
  const total = iv && spend ? totalInterval(clv, iv.totalProfitVariance) : null;
  // revenue cannot be negative: a symmetric interval wider than its value stops at 0
  if (iv) for (let i = 0; i < iv.profitLo.length; i++) iv.profitLo[i] = Math.max(0, iv.profitLo[i]!);
  return {
    purchases: point.purchases,
    purchasesLo: iv?.purchasesLo ?? null,
    purchasesHi: iv?.purchasesHi ?? null,
    pAlive: point.aliveNow,
    spend,
    clv: spend ? point.revenue : null,
    clvLo: spend ? (iv?.profitLo ?? null) : null,
    clvHi: spend ? (iv?.profitHi ?? null) : null,
    totals: {
      purchases,
      clv: spend ? clv : null,
      clvLo: total ? Math.max(0, total.lo) : null,
      clvHi: total?.hi ?? null,
    },
  };
}

/** The CLV of `customers` under `fit`, with its intervals when the fit's covariance is known. */
function pointAndIntervals<K extends PurchaseModelId>(
  fit: PurchaseFit<K>,
  logCovariance: Float64Array | null | undefined,
  customers: ClvCustomers,
  settings: ClvSettings,
): { point: ClvResult; iv: ClvIntervals | null } {
  const forecaster = FORECASTERS[fit.model];
  const point = customerLifetimeValue(forecaster, fit.params, customers, settings);
  const iv = logCovariance
    ? clvIntervals(forecaster, fit.params, logCovariance, customers, settings, point)
    : null;
  return { point, iv };
}
