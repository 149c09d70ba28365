/**
 * Per-customer purchase forecasts over future times, one implementation per
 * non-contractual model, looked up by model id (no branching on names elsewhere).
 */
import { CLV_MODELS, type ParamsOf, type PurchaseModelId } from '../core/index.ts';
import { bgnbdExpected, bgnbdProbAlive } from './models/bgnbd.ts';
import { mbgnbdExpected, mbgnbdProbAlive } from './models/mbgnbd.ts';
import { aliveCurves } from './models/nbdAlive.ts';
import {
  paretoAliveExpected,
  paretoAliveSurvival,
  paretoNbdExpected,
  paretoNbdProbAlive,
} from './models/paretoNbd.ts';
import {
  bgAliveCountMoments,
  paretoAliveCountMoments,
  type CountMoments,
} from './models/aliveCountMoments.ts';
import { simulateBgnbd, simulateParetoNbd, type Simulated } from './simulate.ts';

/**
 * Forecasts of model `M` for a customer with history (x, t_x, T), over the model's parameters
 * typed from its declaration ({@link ParamsOf}: a wrong parameter name or a missing one is a
 * compile error). Look one up with `FORECASTERS[fit.model]` for a `PurchaseFit` (src/core).
 */
export interface PurchaseForecaster<M extends PurchaseModelId> {
  /** Model id the forecaster belongs to. */
  readonly id: M;
  /** Parameter names it reads from the fitted params, in the declaration's order. */
  readonly paramNames: readonly (keyof ParamsOf<M>)[];
  /**
   * For increasing future times t_k (after T, same unit as T), writes the expected
   * cumulative purchases E[X(T, T + t_k) | history] into `purchases` and the probability of
   * being alive at T + t_k into `alive`; returns P(alive at T).
   */
  curves(
    params: ParamsOf<M>,
    x: number,
    tx: number,
    T: number,
    times: Float64Array,
    purchases: Float64Array,
    alive: Float64Array,
  ): number;
  /**
   * P(alive at T) given the history (x, t_x, T): what {@link curves} returns, and the factor
   * its curves are {@link aliveCurves}' times.
   */
  probAlive(params: ParamsOf<M>, x: number, tx: number, T: number): number;
  /**
   * The curves of {@link curves} for a customer known to be alive at T: they depend on x and T
   * only (not t_x), so customers sharing (x, T) share them; `curves` writes these times
   * {@link probAlive} (the same products, bit for bit).
   */
  aliveCurves(
    params: ParamsOf<M>,
    x: number,
    T: number,
    times: Float64Array,
    purchases: Float64Array,
    alive: Float64Array,
  ): void;
  /**
   * E[N] and E[N²] of the purchases in (T, T + t] of a customer known to be alive at T: they
   * depend on x and T only; {@link countMoments} is {@link mixAlive} of these and {@link probAlive}.
   */
  aliveCountMoments(params: ParamsOf<M>, x: number, T: number, t: number): CountMoments;
  /**
   * Mean and variance of the purchases in (T, T + t] given the history: the spread chance alone
   * gives a holdout count (alive or not, the rate and drop-out drawn from their posteriors).
   */
  countMoments(
    params: ParamsOf<M>,
    x: number,
    tx: number,
    T: number,
    t: number,
  ): { mean: number; variance: number };
  /** Unconditional E[X(t)]: expected repeat purchases of a new customer in (0, t]. */
  expected(params: ParamsOf<M>, t: number): number;
  /** Seeded simulation of customers observed for T[i] (plus a holdout window) under the model. */
  simulate(params: ParamsOf<M>, T: Float64Array, seed: number, holdout: number): Simulated;
}

/** One model's forecasts without its id and names (those come from the declaration). */
type TypedForecasts<M extends PurchaseModelId> = Omit<PurchaseForecaster<M>, 'id' | 'paramNames'>;

/** The forecaster of model `id` from its typed forecasts, named by the model's declaration. */
function forecaster<M extends PurchaseModelId>(id: M, typed: TypedForecasts<M>): PurchaseForecaster<M> {
  return { id, paramNames: CLV_MODELS[id].params, ...typed };
}

function scale(k: number, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    a[i] = a[i]! * k;
    b[i] = b[i]! * k;
  }
}

/** `curves` from its two parts: the alive customer's curves (x, T) times P(alive) (x, t_x, T). */
function aliveParts<M extends PurchaseModelId>(
  probAlive: TypedForecasts<M>['probAlive'],
  alive: TypedForecasts<M>['aliveCurves'],
): Pick<TypedForecasts<M>, 'curves' | 'probAlive' | 'aliveCurves'> {
  return {
    probAlive,
    aliveCurves: alive,
    curves(p, x, tx, T, times, purchases, survival) {
      const pa = probAlive(p, x, tx, T);
      alive(p, x, T, times, purchases, survival);
      scale(pa, purchases, survival);
      return pa;
    },
  };
}

/** The moments of a count that is the alive customer's with probability `alive`, else 0. */
export function mixAlive(alive: number, m: CountMoments): { mean: number; variance: number } {
  const mean = alive * m.mean;
  return { mean, variance: Math.max(0, alive * m.second - mean * mean) };
}

const bg = forecaster('bgnbd', {
  ...aliveParts<'bgnbd'>(
    (q, x, tx, T) => bgnbdProbAlive(q, x, tx, T),
    (q, x, T, times, purchases, alive) =>
      aliveCurves(q.r + x, q.alpha + T, q.a, q.b + x, times, purchases, alive),
  ),
  aliveCountMoments: (q, x, T, t) => bgAliveCountMoments(q.r + x, q.alpha + T, q.a, q.b + x, t),
  countMoments: (q, x, tx, T, t) =>
    mixAlive(bgnbdProbAlive(q, x, tx, T), bgAliveCountMoments(q.r + x, q.alpha + T, q.a, q.b + x, t)),
  expected: (q, t) => bgnbdExpected(q, t),
  simulate: (q, T, seed, holdout) => simulateBgnbd(q, T.length, { tMin: 0, tMax: 0, T, holdout }, seed),
});

const mbg = forecaster('mbgnbd', {
  ...aliveParts<'mbgnbd'>(
    (q, x, tx, T) => mbgnbdProbAlive(q, x, tx, T),
    (q, x, T, times, purchases, alive) =>
      aliveCurves(q.r + x, q.alpha + T, q.a, q.b + x + 1, times, purchases, alive),
  ),
  aliveCountMoments: (q, x, T, t) => bgAliveCountMoments(q.r + x, q.alpha + T, q.a, q.b + x + 1, t),
  countMoments: (q, x, tx, T, t) =>
    mixAlive(mbgnbdProbAlive(q, x, tx, T), bgAliveCountMoments(q.r + x, q.alpha + T, q.a, q.b + x + 1, t)),
  expected: (q, t) => mbgnbdExpected(q, t),
  simulate: (q, T, seed, holdout) => simulateBgnbd(q, T.length, { tMin: 0, tMax: 0, T, holdout }, seed, true),
});

const pnbd = forecaster('pareto-nbd', {
  ...aliveParts<'pareto-nbd'>(
    (q, x, tx, T) => paretoNbdProbAlive(q, x, tx, T),
    (q, x, T, times, purchases, alive) => {
      for (let k = 0; k < times.length; k++) {
        purchases[k] = paretoAliveExpected(q.r + x, q.alpha + T, q.s, q.beta + T, times[k]!);
        alive[k] = paretoAliveSurvival(q.s, q.beta + T, times[k]!);
      }
    },
  ),
  aliveCountMoments: (q, x, T, t) => paretoAliveCountMoments(q.r + x, q.alpha + T, q.s, q.beta + T, t),
  countMoments: (q, x, tx, T, t) =>
    mixAlive(
      paretoNbdProbAlive(q, x, tx, T),
      paretoAliveCountMoments(q.r + x, q.alpha + T, q.s, q.beta + T, t),
    ),
  expected: (q, t) => paretoNbdExpected(q, t),
  simulate: (q, T, seed, holdout) => simulateParetoNbd(q, T.length, { tMin: 0, tMax: 0, T, holdout }, seed),
});

/**
 * Forecasters by model id, one for each purchase model declared in src/core (a missing one fails
 * the build); `FORECASTERS[fit.model]` of a `PurchaseFit` (src/core) takes `fit.params`.
 */
export const FORECASTERS: { readonly [K in PurchaseModelId]: PurchaseForecaster<K> } = {
  bgnbd: bg,
  mbgnbd: mbg,
  'pareto-nbd': pnbd,
};
