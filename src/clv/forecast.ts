/**
 * Per-customer purchase forecasts over future times, one implementation per
 * non-contractual model, looked up by model id (no branching on names elsewhere).
 */
import { bgnbdExpected, bgnbdProbAlive, type BgnbdParams } from './models/bgnbd.ts';
import { mbgnbdExpected, mbgnbdProbAlive } from './models/mbgnbd.ts';
import { aliveCurves } from './models/nbdAlive.ts';
import {
  paretoAliveExpected,
  paretoAliveSurvival,
  paretoNbdExpected,
  paretoNbdProbAlive,
  type ParetoNbdParams,
} from './models/paretoNbd.ts';
import { simulateBgnbd, simulateParetoNbd, type Simulated } from './simulate.ts';

/** Forecasts for a customer with history (x, t_x, T). */
export interface PurchaseForecaster {
  /** Model id the forecaster belongs to. */
  readonly id: string;
  /** Parameter names it reads from the fitted params. */
  readonly paramNames: readonly string[];
  /**
   * For increasing future times t_k (after T, same unit as T), writes the expected
   * cumulative purchases E[X(T, T + t_k) | history] into `purchases` and the probability of
   * being alive at T + t_k into `alive`; returns P(alive at T).
   */
  curves(
    params: Readonly<Record<string, number>>,
    x: number,
    tx: number,
    T: number,
    times: Float64Array,
    purchases: Float64Array,
    alive: Float64Array,
  ): number;
  /** Unconditional E[X(t)]: expected repeat purchases of a new customer in (0, t]. */
  expected(params: Readonly<Record<string, number>>, t: number): number;
  /** Seeded simulation of customers observed for T[i] (plus a holdout window) under the model. */
  simulate(
    params: Readonly<Record<string, number>>,
    T: Float64Array,
    seed: number,
    holdout: number,
  ): Simulated;
}

function scale(k: number, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    a[i] = a[i]! * k;
    b[i] = b[i]! * k;
  }
}

const bg: PurchaseForecaster = {
  id: 'bgnbd',
  paramNames: ['r', 'alpha', 'a', 'b'],
  curves(p, x, tx, T, times, purchases, alive) {
    const q = p as unknown as BgnbdParams;
    const pa = bgnbdProbAlive(q, x, tx, T);
    aliveCurves(q.r + x, q.alpha + T, q.a, q.b + x, times, purchases, alive);
    scale(pa, purchases, alive);
    return pa;
  },
  expected: (p, t) => bgnbdExpected(p as unknown as BgnbdParams, t),
  simulate: (p, T, seed, holdout) =>
    simulateBgnbd(p as unknown as BgnbdParams, T.length, { tMin: 0, tMax: 0, T, holdout }, seed),
};

const mbg: PurchaseForecaster = {
  id: 'mbgnbd',
  paramNames: ['r', 'alpha', 'a', 'b'],
  curves(p, x, tx, T, times, purchases, alive) {
    const q = p as unknown as BgnbdParams;
    const pa = mbgnbdProbAlive(q, x, tx, T);
    aliveCurves(q.r + x, q.alpha + T, q.a, q.b + x + 1, times, purchases, alive);
    scale(pa, purchases, alive);
    return pa;
  },
  expected: (p, t) => mbgnbdExpected(p as unknown as BgnbdParams, t),
  simulate: (p, T, seed, holdout) =>
    simulateBgnbd(p as unknown as BgnbdParams, T.length, { tMin: 0, tMax: 0, T, holdout }, seed, true),
};

const pnbd: PurchaseForecaster = {
  id: 'pareto-nbd',
  paramNames: ['r', 'alpha', 's', 'beta'],
  curves(p, x, tx, T, times, purchases, alive) {
    const q = p as unknown as ParetoNbdParams;
    const pa = paretoNbdProbAlive(q, x, tx, T);
    for (let k = 0; k < times.length; k++) {
      purchases[k] = pa * paretoAliveExpected(q.r + x, q.alpha + T, q.s, q.beta + T, times[k]!);
      alive[k] = pa * paretoAliveSurvival(q.s, q.beta + T, times[k]!);
    }
    return pa;
  },
  expected: (p, t) => paretoNbdExpected(p as unknown as ParetoNbdParams, t),
  simulate: (p, T, seed, holdout) =>
    simulateParetoNbd(p as unknown as ParetoNbdParams, T.length, { tMin: 0, tMax: 0, T, holdout }, seed),
};

/** Forecasters by model id: bgnbd, mbgnbd, pareto-nbd. */
export const FORECASTERS: ReadonlyMap<string, PurchaseForecaster> = new Map(
  [bg, mbg, pnbd].map((f) => [f.id, f]),
);
