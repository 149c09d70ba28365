/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007): as BG/NBD, but the customer may also drop
 * out at time 0, right after the first purchase. Parameters: r, alpha, a, b (all > 0).
 */
import { declared, type LikelihoodModel } from '../model.ts';
import { subsampleRfm, totalWeight, type RfmData } from '../rfm.ts';
import { bgFamilyLogLik } from './bgFamily.ts';
import { meanT, type BgnbdParams } from './bgnbd.ts';
import { aliveExpectedTransactions } from './nbdAlive.ts';

/** MBG/NBD as a {@link LikelihoodModel} over {@link RfmData}. */
export const mbgnbd: LikelihoodModel<RfmData, 'mbgnbd'> = {
  ...declared('mbgnbd'),
  logLik: (params, d, grad) => bgFamilyLogLik(params, d, grad, 1),
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
