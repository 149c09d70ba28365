/**
 * Maximum-likelihood fitting for any {@link LikelihoodModel}: L-BFGS on log-parameters
 * (which keeps every parameter positive; a `real` parameter, a covariate's coefficient, as it
 * is) with analytic gradients, then standard errors from the numerical Hessian in the natural
 * parameter space.
 */
import { PARAM_EDGE, unreachable, type ClvModelId, type ParamsOf } from '../core/index.ts';
import type { LikelihoodModel } from './model.ts';
import { minimize, type LbfgsStop } from './optim/lbfgs.ts';
import { invert, inverseInformation, standardErrorsOf, type ParamKind } from './optim/hessian.ts';

/** Estimates outside this range are at the edge of the parameter space (declared in src/core for the dashboard). */
export { PARAM_EDGE };

/**
 * A covariate's coefficient beyond ±10 is at the edge: it scales a rate by e^10 ≈ 22,000 or its
 * inverse (per level of a dummy, per standard deviation of a standardised number), i.e. the
 * level's rate runs off to 0 or infinity (a level without repeat buyers: the optimiser stops
 * somewhere past 15 with the likelihood flat to rounding).
 */
export const COEFFICIENT_EDGE = 10;

/** Parameter j's kind (default positive). */
function kindOf(kinds: readonly ParamKind[] | undefined, j: number): ParamKind {
  return kinds?.[j] ?? 'positive';
}

/** The optimiser's coordinate of a natural value: log for a positive parameter, itself for a real one. */
function toTheta(v: number, kind: ParamKind): number {
  return kind === 'real' ? v : Math.log(v);
}

/** The natural value of an optimiser coordinate. */
function fromTheta(t: number, kind: ParamKind): number {
  return kind === 'real' ? t : Math.exp(t);
}

/** d(natural)/d(coordinate) at natural value v: v for a positive parameter, 1 for a real one. */
function slope(v: number, kind: ParamKind): number {
  return kind === 'real' ? 1 : v;
}

/** Options for {@link fitModel}. */
export interface FitOptions {
  /** Starting parameters (natural scale); default: the model's own start. */
  start?: Float64Array;
  /** Stop when the largest gradient of the mean log-likelihood w.r.t. log-parameters is below this. Default 1e-8 (the mean log-likelihood is flat to rounding below that on a million customers). */
  gradTol?: number;
  /** Iteration limit. Default 1000. */
  maxIterations?: number;
  /** Compute standard errors (costs one gradient per parameter). Default true. */
  standardErrors?: boolean;
  /** Clock in milliseconds, for `seconds`; default performance.now. */
  now?: () => number;
  /**
   * Above this many rows, first fit a systematic subsample of about this many rows and
   * start the full fit from its estimates (fewer passes over the data). Default 50,000;
   * 0 turns it off.
   */
  warmStartRows?: number;
}

/**
 * A fitted model: estimates, standard errors, log-likelihood and convergence report. `M` is the
 * model's id: a declared model's fit has its typed parameters ({@link ParamsOf}), any other
 * (a model with covariates) parameters by name.
 */
export interface FitResult<M extends string = string> {
  /** Model id, e.g. `bgnbd`. */
  model: M;
  /** Estimates by parameter name: the model's declared parameters, typed by its id. */
  params: M extends ClvModelId ? ParamsOf<M> : Record<string, number>;
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
  /**
   * Whether the fit can be trusted as a maximum: the optimiser met its convergence test and no
   * estimate ran to the edge of the parameter space (a likelihood still rising toward 0 or
   * infinity has no maximum, whatever the optimiser's test says).
   */
  converged: boolean;
  /**
   * True when the estimates should not be acted on: an estimate at the edge of the parameter
   * space, a standard error larger than its estimate, or a Hessian that is not positive
   * definite (no finite standard error). `warnings` says which.
   */
  degenerate: boolean;
  /** Why the optimiser stopped. */
  message: string;
  /** Wall time of the fit in seconds. */
  seconds: number;
  /** The estimates as an array, in the model's parameter order. */
  values: Float64Array;
  /**
   * The estimates' asymptotic covariance (inverse observed information, n × n row-major, natural
   * parameters); null without standard errors or when some variance is not positive.
   */
  covariance: Float64Array | null;
  /** Problems a user should know about (e.g. an estimate running off to 0 or infinity), in English. */
  warnings: string[];
  /** The same problems as data (a stable code and its values), for a sentence in the reader's language. */
  issues: FitIssue[];
}

/**
 * One problem of a fit: `edge` (an estimate outside {@link PARAM_EDGE}), `noStandardError`
 * (the Hessian is not positive definite there), `standardErrorLarge` (larger than the
 * estimate), `notConverged` (the optimiser's test failed; `message` says why).
 */
export type FitIssue =
  | { code: 'edge'; param: string; value: number }
  | { code: 'noStandardError'; param: string }
  | { code: 'standardErrorLarge'; param: string; value: number; standardError: number }
  | { code: 'notConverged'; stop: LbfgsStop; message: string };

/** A fit problem in English (the words of `warnings`). */
export function fitIssueText(i: FitIssue): string {
  switch (i.code) {
    case 'edge':
      return `${i.param} = ${i.value.toPrecision(3)} is at the edge of the parameter space: the data do not identify this model well (too few customers or purchases?)`;
    case 'noStandardError':
      return `no standard error for ${i.param}: the log-likelihood is flat or not concave there (the Hessian is not positive definite)`;
    case 'standardErrorLarge':
      return `the standard error of ${i.param} (${i.standardError.toPrecision(3)}) is larger than the estimate (${i.value.toPrecision(3)}): the data hardly pin it down`;
    case 'notConverged':
      return `the optimiser did not converge: ${i.message}`;
    default:
      return unreachable(i, 'fit issue');
  }
}

/** Fits `model` to `data` by maximum likelihood. */
export function fitModel<D, M extends string>(
  model: LikelihoodModel<D, M>,
  data: D,
  options: FitOptions = {},
): FitResult<M> {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const n = model.paramNames.length;
  const kinds = Array.from({ length: n }, (_, j) => kindOf(model.paramKinds, j));
  const customers = model.customers(data);
  const scale = 1 / Math.max(customers, 1);
  const p = new Float64Array(n);
  const gp = new Float64Array(n);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    for (let i = 0; i < n; i++) p[i] = fromTheta(theta[i]!, kinds[i]!);
    const ll = model.logLik(p, data, gp);
    for (let i = 0; i < n; i++) grad[i] = -gp[i]! * slope(p[i]!, kinds[i]!) * scale;
    return -ll * scale;
  };
  let start = options.start ?? model.start(data);
  const warm = options.warmStartRows ?? 50_000;
  const rows = model.rows?.(data) ?? 0;
  let h0: Float64Array | undefined;
  if (warm > 0 && model.subsample && rows > 2 * warm) {
    // Fit a systematic subsample first; its estimates and its curvature (Hessian of the
    // mean log-likelihood in log-parameters, which the full data share up to sampling
    // noise) make the full fit a few quasi-Newton steps.
    const sample = model.subsample(data, Math.ceil(rows / warm));
    const pre = fitModel(model, sample, {
      start,
      gradTol: 1e-7,
      maxIterations: options.maxIterations,
      standardErrors: false,
      warmStartRows: 0,
    });
    start = pre.values;
    h0 = inverseHessianLog(model, sample, start) ?? undefined;
  }
  const theta0 = start.map((v, i) => toTheta(v, kinds[i]!));
  const res = minimize(objective, theta0, {
    gradTol: options.gradTol ?? 1e-8,
    maxIterations: options.maxIterations ?? 1000,
    initialInverseHessian: h0,
  });
  const values = res.x.map((v, i) => fromTheta(v, kinds[i]!));
  const ll = -res.f / scale;
  let se: Float64Array = new Float64Array(n).fill(NaN);
  let covariance: Float64Array | null = null;
  if (options.standardErrors !== false) {
    // gradient of the total log-likelihood at the estimates: from the optimiser's last evaluation
    const g0 = res.grad.map((v, i) => -v / (slope(values[i]!, kinds[i]!) * scale));
    const inv = inverseInformation((q, g) => void model.logLik(q, data, g), values, g0, kinds);
    se = standardErrorsOf(inv, n);
    covariance = se.every((v) => Number.isFinite(v)) ? inv : null;
  }
  const params: Record<string, number> = {};
  const ses: Record<string, number> = {};
  const issues: FitIssue[] = [];
  let atEdge = false;
  let poorlyIdentified = false;
  model.paramNames.forEach((name, i) => {
    params[name] = values[i]!;
    ses[name] = se[i]!;
    const v = values[i]!;
    const real = kinds[i] === 'real';
    if (real ? !(Math.abs(v) <= COEFFICIENT_EDGE) : v < PARAM_EDGE.min || v > PARAM_EDGE.max) {
      atEdge = true;
      issues.push({ code: 'edge', param: name, value: v });
    } else if (options.standardErrors !== false && !Number.isFinite(se[i]!)) {
      poorlyIdentified = true;
      issues.push({ code: 'noStandardError', param: name });
    } else if (!real && options.standardErrors !== false && se[i]! > v) {
      // (a coefficient near 0 with a larger standard error is an effect not shown, not a degenerate fit)
      poorlyIdentified = true;
      issues.push({ code: 'standardErrorLarge', param: name, value: v, standardError: se[i]! });
    }
  });
  if (!res.converged) issues.push({ code: 'notConverged', stop: res.stop, message: res.message });
  return {
    model: model.id,
    // one value for each of the model's parameter names (a declared model's are its declaration's,
    // test/habits/modelRegistry.test.ts): its typed parameters
    params: params as FitResult<M>['params'],
    standardErrors: ses,
    logLikelihood: ll,
    customers,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged && !atEdge,
    degenerate: atEdge || poorlyIdentified,
    message: res.message,
    seconds: (now() - t0) / 1000,
    values,
    covariance,
    warnings: issues.map(fitIssueText),
    issues,
  };
}

/**
 * Inverse Hessian of the mean negative log-likelihood in the optimiser's coordinates (log-parameters, real ones as they are) at `params`, by
 * central differences of the analytic gradient; null when not positive definite.
 */
function inverseHessianLog<D>(model: LikelihoodModel<D>, data: D, params: Float64Array): Float64Array | null {
  const n = params.length;
  const kinds = Array.from({ length: n }, (_, j) => kindOf(model.paramKinds, j));
  const scale = 1 / Math.max(model.customers(data), 1);
  const gradTheta = (theta: Float64Array, out: Float64Array): void => {
    const p = theta.map((v, i) => fromTheta(v, kinds[i]!));
    const g = new Float64Array(n);
    model.logLik(p, data, g);
    for (let i = 0; i < n; i++) out[i] = -g[i]! * slope(p[i]!, kinds[i]!) * scale;
  };
  const theta = params.map((v, i) => toTheta(v, kinds[i]!));
  const h = new Float64Array(n * n);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const step = 1e-4;
  for (let j = 0; j < n; j++) {
    const t = Float64Array.from(theta);
    t[j] = theta[j]! + step;
    gradTheta(t, gp);
    t[j] = theta[j]! - step;
    gradTheta(t, gm);
    for (let i = 0; i < n; i++) h[i * n + j] = (gp[i]! - gm[i]!) / (2 * step);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) h[i * n + j] = h[j * n + i] = 0.5 * (h[i * n + j]! + h[j * n + i]!);
  }
  const inv = invert(h, n);
  if (!inv) return null;
  // positive definite: every diagonal entry of the inverse positive and a Cholesky pass succeeds
  for (let i = 0; i < n; i++) if (!(inv[i * n + i]! > 0)) return null;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let v = h[i * n + j]!;
      for (let k = 0; k < j; k++) v -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(v > 0)) return null;
        l[i * n + i] = Math.sqrt(v);
      } else l[i * n + j] = v / l[j * n + j]!;
    }
  }
  return inv;
}
