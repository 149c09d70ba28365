/**
 * Model diagnostics: calibration vs holdout by frequency, the calibration frequency
 * histogram against the model, cumulative repeat-transaction tracking, holdout error per
 * customer, and model comparison by log-likelihood, AIC and BIC.
 */
import type { ParamsOf, PurchaseModelId } from '../core/index.ts';
import type { FitResult } from './fit.ts';
import type { PurchaseForecaster } from './forecast.ts';

/** One row of {@link calibrationVsHoldout}. */
export interface FrequencyBin {
  /** Calibration frequency (the last bin holds `censor` and more). */
  x: number;
  /** Customers in the bin. */
  customers: number;
  /** Mean actual holdout purchases. */
  actual: number;
  /** Mean expected holdout purchases. */
  expected: number;
}

/** Conditional expected purchases in (T, T + holdout] for every customer. */
export function conditionalExpectations<M extends PurchaseModelId>(
  f: PurchaseForecaster<M>,
  params: ParamsOf<M>,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  holdout: number,
): Float64Array {
  const times = Float64Array.of(holdout);
  const e = new Float64Array(1);
  const a = new Float64Array(1);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    f.curves(params, x[i]!, tx[i]!, T[i]!, times, e, a);
    out[i] = e[0]!;
  }
  return out;
}

/** Actual vs expected mean holdout purchases by calibration frequency 0, 1, …, censor+ (default 7). */
export function calibrationVsHoldout(
  x: Float64Array,
  xStar: Float64Array,
  expected: Float64Array,
  censor = 7,
): FrequencyBin[] {
  const bins: FrequencyBin[] = Array.from({ length: censor + 1 }, (_, k) => ({
    x: k,
    customers: 0,
    actual: 0,
    expected: 0,
  }));
  for (let i = 0; i < x.length; i++) {
    const b = bins[Math.min(censor, x[i]!)]!;
    b.customers++;
    b.actual += xStar[i]!;
    b.expected += expected[i]!;
  }
  for (const b of bins) {
    if (b.customers > 0) {
      b.actual /= b.customers;
      b.expected /= b.customers;
    }
  }
  return bins;
}

/** Holdout error summary: per-customer errors (expected − actual) and their totals. */
export interface HoldoutError {
  /** expected − actual, per customer. */
  error: Float64Array;
  /** Mean absolute error per customer. */
  mae: number;
  /** Root mean squared error per customer. */
  rmse: number;
  /** Σ expected. */
  totalExpected: number;
  /** Σ actual. */
  totalActual: number;
}

/** Per-customer holdout errors and their summary. */
export function holdoutError(xStar: Float64Array, expected: Float64Array): HoldoutError {
  const n = xStar.length;
  const error = new Float64Array(n);
  let abs = 0;
  let sq = 0;
  let te = 0;
  let ta = 0;
  for (let i = 0; i < n; i++) {
    const e = expected[i]! - xStar[i]!;
    error[i] = e;
    abs += Math.abs(e);
    sq += e * e;
    te += expected[i]!;
    ta += xStar[i]!;
  }
  return { error, mae: n ? abs / n : 0, rmse: n ? Math.sqrt(sq / n) : 0, totalExpected: te, totalActual: ta };
}

/**
 * Calibration frequency histogram against the model: actual customers with x = 0..censor+
 * and the model's expectation, by seeded simulation of `draws` copies of every customer's
 * observation window T.
 */
export function frequencyHistogram<M extends PurchaseModelId>(
  f: PurchaseForecaster<M>,
  params: ParamsOf<M>,
  x: Float64Array,
  T: Float64Array,
  censor = 7,
  draws = 20,
  seed = 1,
): { x: number; actual: number; expected: number }[] {
  const out = Array.from({ length: censor + 1 }, (_, k) => ({ x: k, actual: 0, expected: 0 }));
  for (let i = 0; i < x.length; i++) out[Math.min(censor, x[i]!)]!.actual++;
  const tRep = new Float64Array(T.length * draws);
  for (let d = 0; d < draws; d++) tRep.set(T, d * T.length);
  const sim = f.simulate(params, tRep, seed, 0);
  for (let i = 0; i < sim.x.length; i++) out[Math.min(censor, sim.x[i]!)]!.expected += 1 / draws;
  return out;
}

/**
 * Expected cumulative repeat purchases of a cohort at times τ_k since the cohort's start:
 * Σ_i E[X(τ_k − b_i)] for customers born at b_i = calibrationEnd − T_i (all in the model's unit).
 */
export function trackingCurve<M extends PurchaseModelId>(
  f: PurchaseForecaster<M>,
  params: ParamsOf<M>,
  T: Float64Array,
  calibrationEnd: number,
  times: Float64Array,
): Float64Array {
  const births = new Map<number, number>();
  for (let i = 0; i < T.length; i++) {
    const b = calibrationEnd - T[i]!;
    births.set(b, (births.get(b) ?? 0) + 1);
  }
  const out = new Float64Array(times.length);
  for (const [b, count] of births) {
    for (let k = 0; k < times.length; k++) {
      const t = times[k]! - b;
      if (t > 0) out[k] = out[k]! + count * f.expected(params, t);
    }
  }
  return out;
}

/** One model in a comparison. */
export interface ModelComparison {
  model: string;
  logLikelihood: number;
  /** Number of parameters. */
  k: number;
  /** 2k − 2 LL (lower is better). */
  aic: number;
  /** k ln(n) − 2 LL with n customers (lower is better). */
  bic: number;
}

/** Compares fitted models on the same data, best (lowest BIC) first. */
export function compareModels(fits: readonly FitResult[]): ModelComparison[] {
  return fits
    .map((r) => {
      const k = Object.keys(r.params).length;
      return {
        model: r.model,
        logLikelihood: r.logLikelihood,
        k,
        aic: 2 * k - 2 * r.logLikelihood,
        bic: k * Math.log(r.customers) - 2 * r.logLikelihood,
      };
    })
    .sort((a, b) => a.bic - b.bic);
}

/**
 * Expected number of the customers still alive at T_i + t_k (for each future time t_k, in
 * the model's unit): Σ_i P(alive at T_i + t_k | history_i). The non-contractual
 * counterpart of sBG's expected survivors.
 */
export function expectedAliveCustomers<M extends PurchaseModelId>(
  f: PurchaseForecaster<M>,
  params: ParamsOf<M>,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  times: Float64Array,
): Float64Array {
  const out = new Float64Array(times.length);
  const e = new Float64Array(times.length);
  const a = new Float64Array(times.length);
  for (let i = 0; i < x.length; i++) {
    f.curves(params, x[i]!, tx[i]!, T[i]!, times, e, a);
    for (let k = 0; k < times.length; k++) out[k] = out[k]! + a[k]!;
  }
  return out;
}
