/**
 * 90% intervals of CLV and expected purchases for any number of customers, by the delta
 * method on the purchase model's log-parameters. Why not parameter draws at scale: a draw
 * recomputes every customer's curves (100 draws = 100 CLV runs, about 12 ms CPU per
 * customer) and keeps draws × customers values to take quantiles from (800 MB at 1M
 * customers). Here each distinct history (x, t_x, T) is evaluated at the estimates and once
 * per parameter nudged in log space (1 + p evaluations, p = 4; histories rounded to whole
 * weeks share them), which gives the gradient of its discounted purchase and alive sums; a customer's CLV is linear in those sums (its
 * margin per order and fixed cost per step are held at their estimates), so its variance is
 * gᵀ Σ g with Σ the covariance of the log-parameters, and the total's gradient is the sum of
 * the customers' gradients. The coverage is checked on simulated data (test/clv/intervals.test.ts).
 */
import type { ParamsOf, PurchaseModelId } from '../core/index.ts';
import { clvSchedule, sortedHistories, type ClvCustomers, type ClvSettings } from './clv.ts';
import type { PurchaseForecaster } from './forecast.ts';
import { UNIT_DAYS } from './prepare.ts';

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
  /** Variance of these customers' total expected purchases over the horizon (purchases²). */
  totalPurchasesVariance: number;
  /**
   * Per part of the customers (`parts` of {@link clvIntervals}; empty without): the variance of
   * the part's total profit CLV and of its total expected purchases, each from the gradient of
   * that total (the sum of its customers' gradients), never from the customers' bounds: all
   * customers move with the same parameters, so their errors neither add up in full nor cancel.
   */
  partProfitVariance: Float64Array;
  partPurchasesVariance: Float64Array;
}

/** Customers split into parts (e.g. segments) whose totals get intervals of their own. */
export interface ClvParts {
  /** Per customer: its part (0 ≤ part < `count`), or -1 for none. */
  of: Int32Array;
  /** Number of parts. */
  count: number;
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

/** A computed CLV the intervals are put around (e.g. {@link customerLifetimeValue}'s result). */
export interface ClvPoint {
  /** Profit CLV per customer. */
  profit: Float64Array;
  /** Expected purchases over the horizon per customer. */
  purchases: Float64Array;
}

/**
 * Delta-method intervals around `point` for customers `c` under `forecaster` with estimates
 * `params` and `covLog`, the covariance of the log-parameters (p × p, row-major, in
 * `forecaster.paramNames` order). The gradients are taken at each history with t_x and T
 * rounded to whole weeks (`unit` decides what a week is): nearby histories have nearly the
 * same sensitivity to the parameters, and a million customers then share a few thousand
 * gradient evaluations instead of needing one each (at 100,000 customers every history was
 * distinct and one evaluation each cost as much as the CLV itself, five times over).
 */
export function clvIntervals<M extends PurchaseModelId>(
  forecaster: PurchaseForecaster<M>,
  params: ParamsOf<M>,
  covLog: Float64Array,
  c: ClvCustomers,
  s: ClvSettings,
  point: ClvPoint,
  parts?: ClvParts,
): ClvIntervals {
  const { stepYears, times, disc } = clvSchedule(forecaster, params, s);
  const names = forecaster.paramNames;
  const p = names.length;
  if (covLog.length !== p * p)
    throw new Error(`clvIntervals: covariance has ${covLog.length} entries, expected ${p * p}`);
  const n = c.x.length;
  if (point.profit.length !== n || point.purchases.length !== n)
    throw new Error(`clvIntervals: ${point.profit.length} points for ${n} customers`);
  if (parts && parts.of.length !== n)
    throw new Error(`clvIntervals: ${parts.of.length} parts for ${n} customers`);
  const k = times.length;
  const nudged = names.map((name): ParamsOf<M> => ({ ...params, [name]: params[name] * Math.exp(LOG_STEP) }));
  /** The estimates, then each parameter nudged: the curves of a history at each. */
  const sets: ParamsOf<M>[] = [params, ...nudged];
  // the alive customer's curves depend on (x, T) only: kept for the last (x, T) at every set
  const aliveE = sets.map(() => new Float64Array(k));
  const aliveA = sets.map(() => new Float64Array(k));
  let curvesX = NaN;
  let curvesT = NaN;
  /** The sums of `forecaster.curves` at set `at` for (x, t_x, T), from the kept alive curves (bit for bit). */
  const sums = (at: number, x: number, tx: number, T: number): Sums => {
    const pa = forecaster.probAlive(sets[at]!, x, tx, T);
    const e = aliveE[at]!;
    const a = aliveA[at]!;
    let prevA = pa;
    let prevE = 0;
    let purchases = 0;
    let alive = 0;
    for (let j = 0; j < k; j++) {
      const ej = e[j]! * pa;
      const aj = a[j]! * pa;
      purchases += disc[j]! * (ej - prevE);
      alive += disc[j]! * 0.5 * (prevA + aj);
      prevE = ej;
      prevA = aj;
    }
    return { purchases, alive, total: prevE };
  };
  const week = 7 / UNIT_DAYS[s.unit ?? 'weeks'];
  /** Gradients (log-parameters) of each rounded history's sums: p values each of purchases, alive, and the relative gradient of the total. */
  const gradients: Float64Array[] = [];
  const index = new Map<string, number>();
  /** Customer i's entry in `gradients`. */
  const gradientOf = new Int32Array(n);
  // visited by (x, T, t_x) (rounding keeps that order), so each rounded (x, T) gets its curves once
  for (const i of sortedHistories(c.x, c.tx, c.T)) {
    const x = c.x[i]!;
    const rtx = Math.round(c.tx[i]! / week) * week;
    const rT = Math.round(c.T[i]! / week) * week;
    const key = `${x}|${rtx}|${rT}`;
    let at = index.get(key);
    if (at === undefined) {
      if (x !== curvesX || rT !== curvesT) {
        sets.forEach((q, m) => forecaster.aliveCurves(q, x, rT, times, aliveE[m]!, aliveA[m]!));
        curvesX = x;
        curvesT = rT;
      }
      const g = new Float64Array(3 * p);
      const base = sums(0, x, rtx, rT);
      for (let m = 0; m < p; m++) {
        const up = sums(m + 1, x, rtx, rT);
        g[m] = (up.purchases - base.purchases) / LOG_STEP;
        g[p + m] = (up.alive - base.alive) / LOG_STEP;
        g[2 * p + m] = base.total > 0 ? (up.total - base.total) / LOG_STEP / base.total : 0;
      }
      at = gradients.length;
      gradients.push(g);
      index.set(key, at);
    }
    gradientOf[i] = at;
  }

  const out: ClvIntervals = {
    level: 0.9,
    profitLo: new Float64Array(n),
    profitHi: new Float64Array(n),
    purchasesLo: new Float64Array(n),
    purchasesHi: new Float64Array(n),
    totalProfitVariance: 0,
    totalPurchasesVariance: 0,
    partProfitVariance: new Float64Array(parts?.count ?? 0),
    partPurchasesVariance: new Float64Array(parts?.count ?? 0),
  };
  const at = (v: Float64Array | number, i: number) => (typeof v === 'number' ? v : v[i]!);
  const g = new Float64Array(p);
  const rel = new Float64Array(p);
  const total = new Float64Array(p);
  const totalPurchases = new Float64Array(p);
  // the gradients of each part's totals: p of profit, then p of purchases, per part
  const partGradients = new Float64Array((parts?.count ?? 0) * 2 * p);
  for (let i = 0; i < n; i++) {
    const gr = gradients[gradientOf[i]!]!;
    const perOrder = at(c.spend, i) * at(c.marginRate, i) - at(c.variableCostPerOrder, i);
    const fixedPerStep = at(c.fixedCostPerYear, i) * stepYears;
    for (let m = 0; m < p; m++) {
      g[m] = perOrder * gr[m]! - fixedPerStep * gr[p + m]!;
      total[m] = total[m]! + g[m]!;
      rel[m] = gr[2 * p + m]!;
      totalPurchases[m] = totalPurchases[m]! + point.purchases[i]! * rel[m]!;
    }
    const part = parts ? parts.of[i]! : -1;
    if (part >= 0) {
      const o = part * 2 * p;
      for (let m = 0; m < p; m++) {
        partGradients[o + m] = partGradients[o + m]! + g[m]!;
        partGradients[o + p + m] = partGradients[o + p + m]! + point.purchases[i]! * rel[m]!;
      }
    }
    const se = Math.sqrt(quadratic(covLog, g, p));
    out.profitLo[i] = point.profit[i]! - Z90 * se;
    out.profitHi[i] = point.profit[i]! + Z90 * se;
    // expected purchases are positive: the interval is log-normal, from the relative standard error
    const spread = Math.exp(Z90 * Math.sqrt(quadratic(covLog, rel, p)));
    out.purchasesLo[i] = point.purchases[i]! / spread;
    out.purchasesHi[i] = point.purchases[i]! * spread;
  }
  out.totalProfitVariance = quadratic(covLog, total, p);
  out.totalPurchasesVariance = quadratic(covLog, totalPurchases, p);
  for (let k = 0; k < (parts?.count ?? 0); k++) {
    const o = k * 2 * p;
    out.partProfitVariance[k] = quadratic(covLog, partGradients.subarray(o, o + p), p);
    out.partPurchasesVariance[k] = quadratic(covLog, partGradients.subarray(o + p, o + 2 * p), p);
  }
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

/**
 * The central 90% interval of a positive total (expected purchases) with variance `variance`
 * around `point`: log-normal, point × exp(± z·se / point), as each customer's; [0, 0] at 0.
 */
export function positiveTotalInterval(point: number, variance: number): { lo: number; hi: number } {
  if (!(point > 0)) return { lo: 0, hi: 0 };
  const spread = Math.exp((Z90 * Math.sqrt(variance)) / point);
  return { lo: point / spread, hi: point * spread };
}
