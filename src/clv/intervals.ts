/**
 * Intervals from parameter uncertainty: parameter sets drawn from the MLE's asymptotic normal
 * distribution (the inverse of the observed information, the Hessian the standard errors
 * come from), in log-parameters so every draw is positive; any prediction evaluated on each
 * draw gives an interval per customer and for a total (the quantiles over the draws).
 * Sampling noise of the customers' own futures is not in it: the interval is for the
 * expectation (expected purchases, CLV), as lifetimes' and CLVTools' bootstrap intervals are.
 */
import { CLV_MODELS, type ClvModelId, type ParamsOf } from '../core/index.ts';
import type { LikelihoodModel } from './model.ts';
import { invert, numericalHessian } from './optim/hessian.ts';
import { Random } from './random.ts';

/**
 * `draws` parameter sets (by name) from N(log θ̂, Σ_log) with Σ_log = diag(1/θ̂) Σ diag(1/θ̂)
 * (the delta method) and Σ the inverse observed information at θ̂; null when the Hessian is
 * not negative definite (no interval can be given). Seeded: the same draws every run. Each draw
 * is the model's typed parameters ({@link ParamsOf}), named by its declaration.
 */
export function parameterDraws<D, M extends ClvModelId>(
  model: LikelihoodModel<D, M>,
  data: D,
  values: Float64Array,
  draws: number,
  seed: number,
): ParamsOf<M>[] | null {
  const names = CLV_MODELS[model.id].params;
  const n = values.length;
  if (n !== names.length)
    throw new Error(`parameterDraws: ${n} values for ${model.id}'s ${names.length} parameters`);
  const cov = logCovariance(model, data, values);
  if (!cov) return null;
  const L = cholesky(cov, n);
  if (!L) return null;
  const rnd = new Random(seed);
  const z = new Float64Array(n);
  const out: ParamsOf<M>[] = [];
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < n; i++) z[i] = rnd.normal();
    const p: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += L[i * n + k]! * z[k]!;
      p[names[i]!] = values[i]! * Math.exp(s);
    }
    // one value for each declared name (the count checked above): the model's typed parameters
    out.push(p as ParamsOf<M>);
  }
  return out;
}

/**
 * Σ_log = diag(1/θ̂) Σ diag(1/θ̂) (n × n, row-major): the covariance of the log-parameters by the
 * delta method, with Σ the inverse observed information at the estimates θ̂ (`values`); null
 * when the Hessian is not negative definite there (no interval can be given).
 */
export function logCovariance<D>(
  model: LikelihoodModel<D>,
  data: D,
  values: Float64Array,
): Float64Array | null {
  const n = values.length;
  const h = numericalHessian((q, g) => void model.logLik(q, data, g), values);
  for (let i = 0; i < h.length; i++) h[i] = -h[i]!;
  const cov = invert(h, n);
  if (!cov) return null;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) cov[i * n + j] = cov[i * n + j]! / (values[i]! * values[j]!);
  return cholesky(cov, n) ? cov : null;
}

/** Lower-triangular L with L Lᵀ = a (n × n, row-major); null when a is not positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j]!;
    }
  }
  return L;
}

/** A central interval per customer and for the total over customers. */
export interface Intervals {
  /** Level of the intervals (0.9: from the 5% to the 95% quantile of the draws). */
  level: number;
  lo: Float64Array;
  hi: Float64Array;
  totalLo: number;
  totalHi: number;
}

/**
 * The central `level` interval of `evaluate` (one value per customer, `customers` long) over
 * the parameter draws: per customer and for the sum over customers (quantiles by linear
 * interpolation between order statistics).
 */
export function drawIntervals<P>(
  draws: readonly P[],
  customers: number,
  evaluate: (params: P) => Float64Array,
  level = 0.9,
): Intervals {
  if (!(level > 0 && level < 1)) throw new Error(`drawIntervals: level ${level} is not in (0, 1)`);
  const D = draws.length;
  const values = new Float64Array(D * customers);
  const totals = new Float64Array(D);
  draws.forEach((p, d) => {
    const v = evaluate(p);
    let s = 0;
    for (let i = 0; i < customers; i++) {
      values[i * D + d] = v[i]!;
      s += v[i]!;
    }
    totals[d] = s;
  });
  const qLo = (1 - level) / 2;
  const qHi = 1 - qLo;
  const lo = new Float64Array(customers);
  const hi = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const col = values.subarray(i * D, (i + 1) * D).sort();
    lo[i] = quantileSorted(col, qLo);
    hi[i] = quantileSorted(col, qHi);
  }
  totals.sort();
  return { level, lo, hi, totalLo: quantileSorted(totals, qLo), totalHi: quantileSorted(totals, qHi) };
}

/** The q-quantile of sorted values (linear between order statistics, as numpy's default). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const k = Math.floor(pos);
  const f = pos - k;
  return k + 1 < sorted.length ? sorted[k]! * (1 - f) + sorted[k + 1]! * f : sorted[k]!;
}
