/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007): as BG/NBD, but the customer may also drop
 * out at time 0, right after the first purchase. Parameters: r, alpha, a, b (all > 0).
 */
import type { LikelihoodModel } from '../model.ts';
import { subsampleRfm, totalWeight, type RfmData } from '../rfm.ts';
import { digamma, lgamma } from '../special.ts';
import { meanT, type BgnbdParams } from './bgnbd.ts';
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
  const wantGrad = grad !== undefined;
  const X = d.x;
  const TX = d.tx;
  const TT = d.T;
  const W = d.w;
  let rx = r;
  for (let i = 0; i < X.length; i++) {
    const x = X[i]!;
    const w = W[i]!;
    if (x !== lastX) {
      lastX = x;
      rx = r + x;
      cx = lgamma(rx) - lgR + r * logAlpha + lgAB + lgamma(b + x + 1) - lgB - lgamma(a + b + x + 1);
      logA4 = logA - Math.log(b + x);
      inv4 = 1 / (b + x);
      if (wantGrad) {
        const psiABX = digamma(a + b + x + 1);
        cR = digamma(rx) - psiR + logAlpha;
        cA = psiAB - psiABX;
        cB = psiAB + digamma(b + x + 1) - psiB - psiABX;
      }
    }
    const aT = alpha + TT[i]!;
    const tx = TX[i]!;
    const at = alpha + tx;
    const lT = Math.log(aT);
    // customers without repeat purchases (t_x = 0) share log(α)
    const lt = tx === 0 ? logAlpha : Math.log(at);
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
  }
  if (grad) {
    grad[0] = gR;
    grad[1] = gAl;
    grad[2] = gA;
    grad[3] = gB;
  }
  return ll;
}

/** MBG/NBD as a {@link LikelihoodModel} over {@link RfmData}. */
export const mbgnbd: LikelihoodModel<RfmData> = {
  id: 'mbgnbd',
  label: 'MBG/NBD',
  paramNames: ['r', 'alpha', 'a', 'b'],
  logLik,
  start: (d) => Float64Array.of(1, Math.max(1e-3, meanT(d)), 1, 1),
  customers: totalWeight,
  rows: (d) => d.x.length,
  subsample: subsampleRfm,
};

/** P(alive at T | x, t_x, T) under MBG/NBD, in [0, 1] (below 1 even for x = 0). */
export function mbgnbdProbAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  const logOdds =
    Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Unconditional E[X(t)] of a new customer under MBG/NBD (may drop out at time 0 with chance p). */
export function mbgnbdExpected(p: BgnbdParams, t: number): number {
  return (p.b / (p.a + p.b)) * aliveExpectedTransactions(p.r, p.alpha, p.a, p.b + 1, t);
}

/** E[X(T, T + t) | x, t_x, T] under MBG/NBD. */
export function mbgnbdConditionalExpected(
  p: BgnbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return mbgnbdProbAlive(p, x, tx, T) * aliveExpectedTransactions(p.r + x, p.alpha + T, p.a, p.b + x + 1, t);
}
