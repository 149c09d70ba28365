/**
 * BG/NBD (Fader, Hardie & Lee 2005): Poisson purchasing at rate λ ~ Gamma(r, α); after each
 * purchase the customer drops out with probability p ~ Beta(a, b).
 * Parameters: r, alpha, a, b (all > 0); time in the summary's unit.
 */
import type { ParamsOf } from '../../core/index.ts';
import { declared, type LikelihoodModel } from '../model.ts';
import { subsampleRfm, totalWeight, type RfmData } from '../rfm.ts';
import { bgFamilyLogLik } from './bgFamily.ts';
import { aliveExpectedTransactions } from './nbdAlive.ts';

/** BG/NBD as a {@link LikelihoodModel} over {@link RfmData}. */
export const bgnbd: LikelihoodModel<RfmData, 'bgnbd'> = {
  ...declared('bgnbd'),
  logLik: (params, d, grad) => bgFamilyLogLik(params, d, grad, 0),
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

/** The model's parameters by name, as declared in src/core. */
export type BgnbdParams = ParamsOf<'bgnbd'>;

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
