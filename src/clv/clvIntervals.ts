/**
 * 90% intervals of CLV and expected purchases for any number of customers, by the delta
 * method on the purchase model's log-parameters. Why not parameter draws at scale: a draw
 * recomputes every customer's curves (100 draws = 100 CLV runs, about 12 ms CPU per
 * customer) and keeps draws × customers values to take quantiles from (800 MB at 1M
 * customers). Here each distinct history (x, t_x, T) is evaluated at the estimates and once
 * per parameter nudged in log space (1 + p evaluations, p = 4), which gives the gradient of
 * its discounted purchase and alive sums; a customer's CLV is linear in those sums (its
 * margin per order and fixed cost per step are held at their estimates), so its variance is
 * gᵀ Σ g with Σ the covariance of the log-parameters, and the total's gradient is the sum of
 * the customers' gradients. The coverage is checked on simulated data (test/clv/intervals.test.ts).
 */
import { clvSchedule, type ClvCustomers, type ClvSettings } from './clv.ts';
import type { PurchaseForecaster } from './forecast.ts';

/** z of the central 90% interval of a normal distribution (its 95% quantile). */
const Z90 = 1.6448536269514722;
/** Step in log-parameters for the forward differences (relative step 1e-5 in each parameter). */
const LOG_STEP = 1e-5;

/** Per-customer 90% intervals and the variance of the total, from one fit's parameter uncertainty. */
export interface ClvIntervals {
  /** Level of the intervals: 0.9 (point ± 1.645 standard errors). */
  level: number;
  /** Profit CLV, point ± z·se (it may be negative, so the interval is symmetric). */
  profitLo: Float64Array;
  profitHi: Float64Array;
  /** Expected purchases over the horizon, point × exp(± z·se / point) (a positive quantity: log-normal). */
  purchasesLo: Float64Array;
  purchasesHi: Float64Array;
  /** Variance of these customers' total profit CLV (money²): add variances of independent fits. */
  totalProfitVariance: number;
}

/** Discounted sums of one history's curves at one parameter set. */
interface Sums {
  /** Σ discount × purchases in the step: CLV per unit of margin per order. */
  purchases: number;
  /** Σ discount × mean P(alive) in the step: CLV per unit of fixed cost per step. */
  alive: number;
  /** Expected purchases over the whole horizon (not discounted). */
  total: number;
}

/**
 * Delta-method intervals for `c` under `forecaster` with estimates `params` and `covLog`, the
 * covariance of the log-parameters (p × p, row-major, in `forecaster.paramNames` order).
 */
export function clvIntervals(
  forecaster: PurchaseForecaster,
  params: Readonly<Record<string, number>>,
  covLog: Float64Array,
  c: ClvCustomers,
  s: ClvSettings,
): ClvIntervals {
  const { steps, times, disc } = clvSchedule(forecaster, params, s);
  const names = forecaster.paramNames;
  const p = names.length;
  if (covLog.length !== p * p)
    throw new Error(`clvIntervals: covariance has ${covLog.length} entries, expected ${p * p}`);
  const k = times.length;
  const curveE = new Float64Array(k);
  const curveA = new Float64Array(k);
  const sums = (q: Readonly<Record<string, number>>, x: number, tx: number, T: number): Sums => {
    let prevA = forecaster.curves(q, x, tx, T, times, curveE, curveA);
    let prevE = 0;
    let purchases = 0;
    let alive = 0;
    for (let j = 0; j < k; j++) {
      purchases += disc[j]! * (curveE[j]! - prevE);
      alive += disc[j]! * 0.5 * (prevA + curveA[j]!);
      prevE = curveE[j]!;
      prevA = curveA[j]!;
    }
    return { purchases, alive, total: prevE };
  };
  const nudged = names.map((name) => ({ ...params, [name]: params[name]! * Math.exp(LOG_STEP) }));

  const n = c.x.length;
  const out: ClvIntervals = {
    level: 0.9,
    profitLo: new Float64Array(n),
    profitHi: new Float64Array(n),
    purchasesLo: new Float64Array(n),
    purchasesHi: new Float64Array(n),
    totalProfitVariance: 0,
  };
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => c.x[i]! - c.x[j]! || c.tx[i]! - c.tx[j]! || c.T[i]! - c.T[j]!,
  );
  const at = (v: Float64Array | number, i: number) => (typeof v === 'number' ? v : v[i]!);
  // gradients in log-parameters of the history's three sums
  const gP = new Float64Array(p);
  const gA = new Float64Array(p);
  const gE = new Float64Array(p);
  const g = new Float64Array(p);
  const total = new Float64Array(p);
  let base: Sums = { purchases: 0, alive: 0, total: 0 };
  let prev = -1;
  for (const i of order) {
    if (prev < 0 || c.x[i] !== c.x[prev] || c.tx[i] !== c.tx[prev] || c.T[i] !== c.T[prev]) {
      base = sums(params, c.x[i]!, c.tx[i]!, c.T[i]!);
      for (let m = 0; m < p; m++) {
        const up = sums(nudged[m]!, c.x[i]!, c.tx[i]!, c.T[i]!);
        gP[m] = (up.purchases - base.purchases) / LOG_STEP;
        gA[m] = (up.alive - base.alive) / LOG_STEP;
        gE[m] = (up.total - base.total) / LOG_STEP;
      }
    }
    prev = i;
    const perOrder = at(c.spend, i) * at(c.marginRate, i) - at(c.variableCostPerOrder, i);
    const fixedPerStep = at(c.fixedCostPerYear, i) / steps;
    const profit = perOrder * base.purchases - fixedPerStep * base.alive;
    for (let m = 0; m < p; m++) {
      g[m] = perOrder * gP[m]! - fixedPerStep * gA[m]!;
      total[m] = total[m]! + g[m]!;
    }
    const se = Math.sqrt(quadratic(covLog, g, p));
    out.profitLo[i] = profit - Z90 * se;
    out.profitHi[i] = profit + Z90 * se;
    const e = base.total;
    const seE = Math.sqrt(quadratic(covLog, gE, p));
    const spread = e > 0 ? Math.exp((Z90 * seE) / e) : 1;
    out.purchasesLo[i] = e / spread;
    out.purchasesHi[i] = e * spread;
  }
  out.totalProfitVariance = quadratic(covLog, total, p);
  return out;
}

/** vᵀ M v for a p × p row-major M (non-negative for a covariance; clipped at 0 against rounding). */
function quadratic(m: Float64Array, v: Float64Array, p: number): number {
  let s = 0;
  for (let a = 0; a < p; a++) {
    let row = 0;
    for (let b = 0; b < p; b++) row += m[a * p + b]! * v[b]!;
    s += v[a]! * row;
  }
  return Math.max(s, 0);
}

/** The central 90% interval of a total with variance `variance` around `point`. */
export function totalInterval(point: number, variance: number): { lo: number; hi: number } {
  const se = Math.sqrt(variance);
  return { lo: point - Z90 * se, hi: point + Z90 * se };
}
