/**
 * The contract every CLV model fulfils, so fitting, standard errors, the CLI and the
 * benchmark work on any model without knowing which one it is.
 */

import { CLV_MODELS, type ClvModelId } from '../core/index.ts';
import type { ParamKind } from './optim/hessian.ts';

/** A model's id, name and parameter names, taken from its one declaration in src/core ({@link CLV_MODELS}). */
export function declared<M extends ClvModelId>(
  id: M,
): { id: M; label: string; paramNames: (typeof CLV_MODELS)[M]['params'] } {
  const d = CLV_MODELS[id];
  return { id, label: d.label, paramNames: d.params };
}

/**
 * A likelihood model over data of type D with positive parameters; `M` is its id, a declared
 * model's ({@link ClvModelId}: its parameters are typed by the declaration) or any other text
 * (a model built at run time, e.g. one with covariates).
 */
export interface LikelihoodModel<D, M extends string = string> {
  /** Registry key, e.g. `bgnbd`. */
  readonly id: M;
  /** Human name, e.g. `BG/NBD`. */
  readonly label: string;
  /** Parameter names in order, e.g. `['r', 'alpha', 'a', 'b']`. All parameters are > 0 unless `paramKinds` says otherwise. */
  readonly paramNames: readonly string[];
  /**
   * Per parameter, `positive` (fitted on its log) or `real` (fitted as it is: a covariate's
   * coefficient); default every parameter positive.
   */
  readonly paramKinds?: readonly ParamKind[];
  /**
   * Total (weighted) log-likelihood at `params`; when `grad` is given, also writes the
   * gradient with respect to the natural parameters into it.
   */
  logLik(params: Float64Array, data: D, grad?: Float64Array): number;
  /** A starting point for the optimiser. */
  start(data: D): Float64Array;
  /** Number of customers the data describes (sum of weights). */
  customers(data: D): number;
  /** Rows in the data (after compression); with `subsample`, lets large fits warm-start. */
  rows?(data: D): number;
  /** Every `stride`-th row (a systematic sample; rows are sorted by frequency, so it is stratified). */
  subsample?(data: D, stride: number): D;
}
