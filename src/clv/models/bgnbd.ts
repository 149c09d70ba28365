/**
 * BG/NBD (Fader, Hardie & Lee 2005): Poisson purchasing at rate λ ~ Gamma(r, α); after each
 * purchase the customer drops out with probability p ~ Beta(a, b).
 * Parameters: r, alpha, a, b (all > 0); time in the summary's unit.
 */
import type { LikelihoodModel } from '../model.ts';
import { subsampleRfm, totalWeight, type RfmData } from '../rfm.ts';
import { digamma, lgamma } from '../special.ts';
import { aliveExpectedTransactions } from './nbdAlive.ts';

function logLik(params: Float64Array, d: RfmData, grad?: Float64Array): number {
  const r = params[0]!;
  const alpha = params[1]!;
  const a = params[2]!;
  const b = params[3]!;
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const rOverAlpha = r / alpha;
  const invA = 1 / a;
  const X = d.x;
  const TX = d.tx;
  const TT = d.T;
  const W = d.w;
  const n = X.length;
  const wantGrad = grad !== undefined;
  // per-row sums; the terms that depend on x only are added once per row as w · c(x)
  let ll = 0;
  let gR = 0;
  let gAl = 0;
  let gA = 0;
  let gB = 0;
  let lastX = -1;
  let cx = 0;
  let cR = 0;
  let cA = 0;
  let cB = 0;
  let logA4 = 0;
  let inv4 = 0;
  let rx = r;
  for (let i = 0; i < n; i++) {
    const x = X[i]!;
    const w = W[i]!;
    if (x !== lastX) {
      lastX = x;
      rx = r + x;
      cx = lgamma(rx) - lgR + r * logAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
      if (x > 0) {
        logA4 = logA - Math.log(b + x - 1);
        inv4 = 1 / (b + x - 1);
      }
      if (wantGrad) {
        const psiABX = digamma(a + b + x);
        cR = digamma(rx) - psiR + logAlpha;
        cA = psiAB - psiABX;
        cB = psiAB + digamma(b + x) - psiB - psiABX;
      }
    }
    const aT = alpha + TT[i]!;
    const lT = Math.log(aT);
    if (x > 0) {
      const at = alpha + TX[i]!;
      const lt = Math.log(at);
      // log of (term with drop-out after the last purchase) / (term alive at T)
      const dl = logA4 + rx * (lT - lt);
      let soft: number;
      let w4: number;
      if (dl > 0) {
        const e = Math.exp(-dl);
        soft = dl + Math.log1p(e);
        w4 = 1 / (1 + e);
      } else {
        const e = Math.exp(dl);
        soft = Math.log1p(e);
        w4 = e / (1 + e);
      }
      ll += w * (cx - rx * lT + soft);
      if (wantGrad) {
        gR += w * (cR - lT + w4 * (lT - lt));
        gAl += w * (rOverAlpha - rx * ((1 - w4) / aT + w4 / at));
        gA += w * (cA + w4 * invA);
        gB += w * (cB - w4 * inv4);
      }
    } else {
      ll += w * (cx - rx * lT);
      if (wantGrad) {
        gR += w * (cR - lT);
        gAl += w * (rOverAlpha - rx / aT);
        gA += w * cA;
        gB += w * cB;
      }
    }
  }
  if (grad) {
    grad[0] = gR;
    grad[1] = gAl;
    grad[2] = gA;
    grad[3] = gB;
  }
  return ll;
}

/** BG/NBD as a {@link LikelihoodModel} over {@link RfmData}. */
export const bgnbd: LikelihoodModel<RfmData> = {
  id: 'bgnbd',
  label: 'BG/NBD',
  paramNames: ['r', 'alpha', 'a', 'b'],
  logLik,
  start: (d) => Float64Array.of(1, Math.max(1e-3, meanT(d)), 1, 1),
  customers: totalWeight,
  rows: (d) => d.x.length,
  subsample: subsampleRfm,
};

/** Weighted mean of T (used for starting values). */
export function meanT(d: RfmData): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < d.T.length; i++) {
    s += d.T[i]! * d.w[i]!;
    w += d.w[i]!;
  }
  return w > 0 ? s / w : 1;
}

/** BG/NBD parameters by name. */
export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * P(alive at T | x, t_x, T) under BG/NBD, in [0, 1]; 1 when x = 0 (no purchase after the
 * first, so no chance to drop out yet).
 */
export function bgnbdProbAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds =
    Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Unconditional E[X(t)]: expected repeat purchases of a new customer in (0, t]. */
export function bgnbdExpected(p: BgnbdParams, t: number): number {
  return aliveExpectedTransactions(p.r, p.alpha, p.a, p.b, t);
}

/** E[X(T, T + t) | x, t_x, T]: expected purchases in the next t time units given the history. */
export function bgnbdConditionalExpected(
  p: BgnbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return bgnbdProbAlive(p, x, tx, T) * aliveExpectedTransactions(p.r + x, p.alpha + T, p.a, p.b + x, t);
}
