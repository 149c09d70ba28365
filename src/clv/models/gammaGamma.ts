/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, note 025): spend per transaction ~
 * Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with at least one repeat purchase,
 * from their number of repeat purchases x and mean repeat spend m > 0.
 * Parameters: p, q, gamma (all > 0).
 */
import type { ParamsOf } from '../../core/index.ts';
import { declared, type LikelihoodModel } from '../model.ts';
import { digamma, lgamma } from '../special.ts';

/** Spend data: one row per customer (or distinct pattern) with x ≥ 1 and m > 0, sorted by x for speed. */
export interface SpendData {
  /** Repeat purchases, integer ≥ 1. */
  x: Float64Array;
  /** Mean spend per repeat purchase, > 0 (money unit of the input). */
  m: Float64Array;
  /** Customers per row. */
  w: Float64Array;
  /** log(m), precomputed. */
  logM: Float64Array;
}

/**
 * Builds {@link SpendData} from customers with x ≥ 1 (rows with x = 0 are skipped), sorted by x:
 * a stable counting sort (x is a whole count; a few distinct values), not a comparison sort.
 */
export function spendData(x: Float64Array, m: Float64Array, w?: Float64Array): SpendData {
  let maxX = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++)
    if (x[i]! > 0) {
      n++;
      if (x[i]! > maxX) maxX = x[i]!;
    }
  const out: SpendData = {
    x: new Float64Array(n),
    m: new Float64Array(n),
    w: new Float64Array(n),
    logM: new Float64Array(n),
  };
  // whole counts of a sane size go by bucket; anything else (a fraction, a huge count) by comparison
  const whole = maxX <= 1e6 && x.every((v) => v <= 0 || Number.isInteger(v));
  const order = whole ? countingOrder(x, maxX, n) : comparisonOrder(x, n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    out.x[k] = x[i]!;
    out.m[k] = m[i]!;
    out.w[k] = w ? w[i]! : 1;
    out.logM[k] = Math.log(m[i]!);
  }
  return out;
}

/** Indices of the rows with x > 0 in ascending x, stable, for whole x in 1..maxX. */
function countingOrder(x: Float64Array, maxX: number, n: number): Int32Array {
  const start = new Int32Array(maxX + 2);
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) start[x[i]! + 1]!++;
  for (let v = 1; v <= maxX + 1; v++) start[v]! += start[v - 1]!;
  const order = new Int32Array(n);
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) order[start[x[i]!]!++] = i;
  return order;
}

/** Indices of the rows with x > 0 in ascending x (stable comparison sort). */
function comparisonOrder(x: Float64Array, n: number): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) idx.push(i);
  idx.sort((i, j) => x[i]! - x[j]!);
  return Int32Array.from(idx.slice(0, n));
}

/**
 * A start by the method of moments (Fader & Hardie's model: z ~ Gamma(p, ν), ν ~ Gamma(q, γ)):
 * mean spend μ = pγ/(q-1) and, for customers with x repeat purchases, the variance of their mean
 * spend a + b/x with a = μ²/(q-2), b = μγ/(q-2). a and b come from a weighted least-squares line
 * of the squared deviations on 1/x; null when they do not give q > 2 and positive p, γ (a
 * spend without a finite variance, or too few distinct x): the caller falls back.
 */
function momentStart(d: SpendData): Float64Array | null {
  let sw = 0;
  let sm = 0;
  for (let i = 0; i < d.m.length; i++) {
    sw += d.w[i]!;
    sm += d.w[i]! * d.m[i]!;
  }
  if (!(sw > 0)) return null;
  const mu = sm / sw;
  // least squares of (m - μ)² on u = 1/x, weighted by customers
  let su = 0;
  let sy = 0;
  let suu = 0;
  let suy = 0;
  for (let i = 0; i < d.m.length; i++) {
    const w = d.w[i]!;
    const u = 1 / d.x[i]!;
    const y = (d.m[i]! - mu) ** 2;
    su += w * u;
    sy += w * y;
    suu += w * u * u;
    suy += w * u * y;
  }
  const det = sw * suu - su * su;
  if (!(det > 1e-12 * sw * suu)) return null;
  const b = (sw * suy - su * sy) / det;
  const a = (sy - b * su) / sw;
  if (!(a > 0 && b > 0)) return null;
  const q = 2 + (mu * mu) / a;
  const gamma = (b * (q - 2)) / mu;
  const p = (mu * (q - 1)) / gamma;
  const start = Float64Array.of(p, q, gamma);
  return start.every((v) => Number.isFinite(v) && v > 1e-6 && v < 1e6) ? start : null;
}

function logLik(params: Float64Array, d: SpendData, grad?: Float64Array): number {
  const p = params[0]!;
  const q = params[1]!;
  const v = params[2]!;
  const lgQ = lgamma(q);
  const logV = Math.log(v);
  const psiQ = digamma(q);
  let ll = 0;
  let gP = 0;
  let gQ = 0;
  let gV = 0;
  let lastX = -1;
  let cx = 0;
  let logX = 0;
  let psiPXQ = 0;
  let psiPX = 0;
  const wantGrad = grad !== undefined;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i]!;
    const w = d.w[i]!;
    if (x !== lastX) {
      lastX = x;
      logX = Math.log(x);
      cx = lgamma(p * x + q) - lgamma(p * x) - lgQ + q * logV + p * x * logX;
      if (wantGrad) {
        psiPXQ = digamma(p * x + q);
        psiPX = digamma(p * x);
      }
    }
    const m = d.m[i]!;
    const lm = d.logM[i]!;
    const s = x * m + v;
    const ls = Math.log(s);
    ll += w * (cx + (p * x - 1) * lm - (p * x + q) * ls);
    if (wantGrad) {
      gP += w * x * (psiPXQ - psiPX + lm + logX - ls);
      gQ += w * (psiPXQ - psiQ + logV - ls);
      gV += w * (q / v - (p * x + q) / s);
    }
  }
  if (grad) {
    grad[0] = gP;
    grad[1] = gQ;
    grad[2] = gV;
  }
  return ll;
}

/** Gamma-Gamma as a {@link LikelihoodModel} over {@link SpendData}. */
export const gammaGamma: LikelihoodModel<SpendData, 'gamma-gamma'> = {
  ...declared('gamma-gamma'),
  logLik,
  start: (d) => {
    const moments = momentStart(d);
    if (moments) return moments;
    let s = 0;
    let w = 0;
    for (let i = 0; i < d.m.length; i++) {
      s += d.m[i]! * d.w[i]!;
      w += d.w[i]!;
    }
    const mean = w > 0 ? s / w : 1;
    // with q = 3 the population mean p γ / (q - 1) equals the data mean at p = 1
    return Float64Array.of(1, 3, Math.max(1e-6, 2 * mean));
  },
  customers: (d) => {
    let s = 0;
    for (let i = 0; i < d.w.length; i++) s += d.w[i]!;
    return s;
  },
  rows: (d) => d.x.length,
  subsample: (d, stride) => {
    const n = Math.ceil(d.x.length / stride);
    const out: SpendData = {
      x: new Float64Array(n),
      m: new Float64Array(n),
      w: new Float64Array(n),
      logM: new Float64Array(n),
    };
    for (let k = 0, i = 0; i < d.x.length; i += stride, k++) {
      out.x[k] = d.x[i]!;
      out.m[k] = d.m[i]!;
      out.w[k] = d.w[i]!;
      out.logM[k] = d.logM[i]!;
    }
    return out;
  },
};

/** The model's parameters by name, as declared in src/core. */
export type GammaGammaParams = ParamsOf<'gamma-gamma'>;

/**
 * E[spend per transaction | x, m]: the customer's mean shrunk toward the population mean
 * p γ / (q - 1) (requires q > 1; the population mean of a new customer when x = 0).
 */
export function gammaGammaConditionalSpend(g: GammaGammaParams, x: number, m: number): number {
  return (g.p * (g.gamma + x * m)) / (g.p * x + g.q - 1);
}
