/**
 * Maximum-likelihood fitting for any {@link LikelihoodModel}: L-BFGS on log-parameters
 * (which keeps every parameter positive) with analytic gradients, then standard errors
 * from the numerical Hessian in the natural parameter space.
 */
import type { LikelihoodModel } from './model.ts';
import { minimize } from './optim/lbfgs.ts';
import { standardErrors } from './optim/hessian.ts';

/** Options for {@link fitModel}. */
export interface FitOptions {
  /** Starting parameters (natural scale); default: the model's own start. */
  start?: Float64Array;
  /** Stop when the largest gradient of the mean log-likelihood w.r.t. log-parameters is below this. Default 1e-9. */
  gradTol?: number;
  /** Iteration limit. Default 1000. */
  maxIterations?: number;
  /** Compute standard errors (costs 2 gradients per parameter). Default true. */
  standardErrors?: boolean;
  /** Clock in milliseconds, for `seconds`; default performance.now. */
  now?: () => number;
}

/** A fitted model: estimates, standard errors, log-likelihood and convergence report. */
export interface FitResult {
  /** Model id, e.g. `bgnbd`. */
  model: string;
  /** Estimates by parameter name. */
  params: Record<string, number>;
  /** Standard errors by parameter name (NaN when the Hessian is not invertible). */
  standardErrors: Record<string, number>;
  /** Total log-likelihood at the estimates (not a mean). */
  logLikelihood: number;
  /** Customers in the data (sum of weights). */
  customers: number;
  /** Optimiser iterations. */
  iterations: number;
  /** Log-likelihood evaluations (line searches included, Hessian excluded). */
  evaluations: number;
  /** Whether the optimiser met its convergence test. */
  converged: boolean;
  /** Why the optimiser stopped. */
  message: string;
  /** Wall time of the fit in seconds. */
  seconds: number;
  /** The estimates as an array, in the model's parameter order. */
  values: Float64Array;
}

/** Fits `model` to `data` by maximum likelihood. */
export function fitModel<D>(model: LikelihoodModel<D>, data: D, options: FitOptions = {}): FitResult {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const n = model.paramNames.length;
  const customers = model.customers(data);
  const scale = 1 / Math.max(customers, 1);
  const p = new Float64Array(n);
  const gp = new Float64Array(n);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    for (let i = 0; i < n; i++) p[i] = Math.exp(theta[i]!);
    const ll = model.logLik(p, data, gp);
    for (let i = 0; i < n; i++) grad[i] = -gp[i]! * p[i]! * scale;
    return -ll * scale;
  };
  const start = options.start ?? model.start(data);
  const theta0 = start.map((v) => Math.log(v));
  const res = minimize(objective, theta0, { gradTol: options.gradTol ?? 1e-9, maxIterations: options.maxIterations ?? 1000 });
  const values = res.x.map((v) => Math.exp(v));
  const ll = model.logLik(values, data);
  const se =
    options.standardErrors === false
      ? new Float64Array(n).fill(NaN)
      : standardErrors((q, g) => void model.logLik(q, data, g), values);
  const params: Record<string, number> = {};
  const ses: Record<string, number> = {};
  model.paramNames.forEach((name, i) => {
    params[name] = values[i]!;
    ses[name] = se[i]!;
  });
  return {
    model: model.id,
    params,
    standardErrors: ses,
    logLikelihood: ll,
    customers,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    message: res.message,
    seconds: (now() - t0) / 1000,
    values,
  };
}
