/**
 * Standard errors of maximum-likelihood estimates: the Hessian of the log-likelihood by
 * central differences of its analytic gradient, in the natural parameter space, then the
 * inverse of the observed information.
 */

/** Gradient of the log-likelihood (natural parameters) written into `grad`. */
export type GradientFn = (params: Float64Array, grad: Float64Array) => void;

/** Where a parameter lives: `positive` (> 0, steps relative to its size) or `real` (any sign, a covariate's coefficient). */
export type ParamKind = 'positive' | 'real';

/**
 * Numerical Hessian (n × n, row-major) of the function whose gradient is `gradient`, at
 * `params`. Central differences with step 1e-5 · max(|p_j|, 1e-8) (relative, so it suits
 * parameters of any size); when the gradient at `params` is given (`g0`), forward
 * differences with step 1e-6 · |p_j|, half the gradient evaluations. Symmetrised. A `real`
 * parameter (`kinds`; default all positive) steps by the same factors times max(|p_j|, 1) to
 * both sides (it may be 0 or negative).
 */
export function numericalHessian(
  gradient: GradientFn,
  params: Float64Array,
  g0?: Float64Array,
  kinds?: readonly ParamKind[],
): Float64Array {
  const n = params.length;
  const h = new Float64Array(n * n);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const p = Float64Array.from(params);
  for (let j = 0; j < n; j++) {
    const real = kinds?.[j] === 'real';
    if (g0) {
      const step = 1e-6 * Math.max(Math.abs(params[j]!), real ? 1 : 1e-8);
      p[j] = params[j]! + step;
      gradient(p, gp);
      p[j] = params[j]!;
      for (let i = 0; i < n; i++) h[i * n + j] = (gp[i]! - g0[i]!) / step;
      continue;
    }
    const step = 1e-5 * Math.max(Math.abs(params[j]!), real ? 1 : 1e-8);
    // never step a positive parameter to a non-positive value
    const lo = real ? params[j]! - step : Math.max(params[j]! - step, params[j]! * 0.5);
    const hi = params[j]! + step;
    p[j] = hi;
    gradient(p, gp);
    p[j] = lo;
    gradient(p, gm);
    p[j] = params[j]!;
    for (let i = 0; i < n; i++) h[i * n + j] = (gp[i]! - gm[i]!) / (hi - lo);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (h[i * n + j]! + h[j * n + i]!);
      h[i * n + j] = v;
      h[j * n + i] = v;
    }
  }
  return h;
}

/** Inverse of an n × n row-major matrix by Gauss-Jordan with partial pivoting; null if singular. */
export function invert(matrix: Float64Array, n: number): Float64Array | null {
  const a = Float64Array.from(matrix);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[piv * n + c]!)) piv = r;
    const pv = a[piv * n + c]!;
    if (!(Math.abs(pv) > 0) || !Number.isFinite(pv)) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        let t = a[c * n + k]!;
        a[c * n + k] = a[piv * n + k]!;
        a[piv * n + k] = t;
        t = inv[c * n + k]!;
        inv[c * n + k] = inv[piv * n + k]!;
        inv[piv * n + k] = t;
      }
    }
    for (let k = 0; k < n; k++) {
      a[c * n + k] = a[c * n + k]! / pv;
      inv[c * n + k] = inv[c * n + k]! / pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const fct = a[r * n + c]!;
      if (fct === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] = a[r * n + k]! - fct * a[c * n + k]!;
        inv[r * n + k] = inv[r * n + k]! - fct * inv[c * n + k]!;
      }
    }
  }
  return inv;
}

/**
 * Standard errors from the Hessian of the log-likelihood at its maximum: sqrt of the
 * diagonal of (-H)^-1. NaN entries when the information matrix is singular or not
 * positive definite there. `g0`, the gradient at `params`, switches to forward differences.
 */
export function standardErrors(gradient: GradientFn, params: Float64Array, g0?: Float64Array): Float64Array {
  return standardErrorsOf(inverseInformation(gradient, params, g0), params.length);
}

/**
 * The inverse observed information (-H)^-1 at `params` (n × n, row-major): at a maximum, the
 * asymptotic covariance of the estimates; null when H is singular. Not checked to be positive
 * definite (see {@link standardErrorsOf}). `g0` switches to forward differences; `kinds` as in
 * {@link numericalHessian}.
 */
export function inverseInformation(
  gradient: GradientFn,
  params: Float64Array,
  g0?: Float64Array,
  kinds?: readonly ParamKind[],
): Float64Array | null {
  const h = numericalHessian(gradient, params, g0, kinds);
  for (let i = 0; i < h.length; i++) h[i] = -h[i]!;
  return invert(h, params.length);
}

/** sqrt of the diagonal of a covariance matrix; NaN where an entry is not positive (or no matrix). */
export function standardErrorsOf(cov: Float64Array | null, n: number): Float64Array {
  const se = new Float64Array(n).fill(NaN);
  if (!cov) return se;
  for (let i = 0; i < n; i++) {
    const v = cov[i * n + i]!;
    se[i] = v > 0 ? Math.sqrt(v) : NaN;
  }
  return se;
}
