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

/** Builds {@link SpendData} from customers with x ≥ 1 (rows with x = 0 are skipped), sorted by x. */
export function spendData(x: Float64Array, m: Float64Array, w?: Float64Array): SpendData {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) idx.push(i);
  idx.sort((i, j) => x[i]! - x[j]!);
  const n = idx.length;
  const out: SpendData = {
    x: new Float64Array(n),
    m: new Float64Array(n),
    w: new Float64Array(n),
    logM: new Float64Array(n),
  };
  idx.forEach((i, k) => {
    out.x[k] = x[i]!;
    out.m[k] = m[i]!;
    out.w[k] = w ? w[i]! : 1;
    out.logM[k] = Math.log(m[i]!);
  });
  return out;
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
