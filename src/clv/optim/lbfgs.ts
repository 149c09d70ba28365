/**
 * A small limited-memory BFGS minimiser with a strong-Wolfe line search
 * (Nocedal & Wright, algorithms 7.4, 3.5 and 3.6). Unconstrained: callers handle bounds by
 * reparameterising (the CLV models optimise log-parameters).
 */

/** Objective: returns f(x) and writes ∇f(x) into `grad`. Must not keep `x` or `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options for {@link minimize}. */
export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ gradTol. Default 1e-8. */
  gradTol?: number;
  /** Stop when |Δf| ≤ fTol · max(1, |f|). Default 1e-13. */
  fTol?: number;
  /** Iteration limit. Default 500. */
  maxIterations?: number;
  /** Number of correction pairs kept. Default 8. */
  memory?: number;
  /**
   * Initial inverse Hessian (n × n row-major, symmetric positive definite), e.g. from a fit
   * on a subsample; default: the usual scaled identity.
   */
  initialInverseHessian?: Float64Array;
}

/** Outcome of {@link minimize}. */
export interface LbfgsResult {
  /** The minimiser found. */
  x: Float64Array;
  /** f at x. */
  f: number;
  /** ∇f at x. */
  grad: Float64Array;
  /** Iterations done (outer steps). */
  iterations: number;
  /** Objective evaluations, line searches included. */
  evaluations: number;
  /** True when a convergence test (gradient or function change) was met. */
  converged: boolean;
  /** Why it stopped, for people. */
  message: string;
  /** Why it stopped, as data: the gradient or function-change test met, the iteration limit, or a line search with no lower point. */
  stop: LbfgsStop;
}

/** Why L-BFGS stopped. */
export type LbfgsStop = 'gradient' | 'functionChange' | 'iterationLimit' | 'lineSearch';

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

interface LinePoint {
  step: number;
  f: number;
  slope: number;
}

/** Minimises `fn` from `x0` (not modified). */
export function minimize(fn: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const gradTol = options.gradTol ?? 1e-8;
  const fTol = options.fTol ?? 1e-13;
  const maxIterations = options.maxIterations ?? 500;
  const m = options.memory ?? 8;
  const n = x0.length;
  let evaluations = 0;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialG = new Float64Array(n);
  const eval_ = (xx: Float64Array, gg: Float64Array): number => {
    evaluations++;
    const v = fn(xx, gg);
    for (let i = 0; i < n; i++) if (!Number.isFinite(gg[i]!)) return Infinity;
    return Number.isFinite(v) ? v : Infinity;
  };
  let f = eval_(x, g);
  if (!Number.isFinite(f)) throw new Error('lbfgs: objective is not finite at the starting point');
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rhoList: number[] = [];
  const d = new Float64Array(n);
  const alphaTmp = new Float64Array(m);
  let iterations = 0;
  let message = 'iteration limit reached';
  let stop: LbfgsStop = 'iterationLimit';
  let converged = false;
  if (maxAbs(g) <= gradTol)
    return {
      x,
      f,
      grad: g,
      iterations,
      evaluations,
      converged: true,
      message: 'gradient below tolerance',
      stop: 'gradient',
    };
  while (iterations < maxIterations) {
    iterations++;
    // two-loop recursion: d = -H g
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    const k = sList.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rhoList[j]! * dot(sList[j]!, d);
      alphaTmp[j] = a;
      const y = yList[j]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * y[i]!;
    }
    const h0 = options.initialInverseHessian;
    if (h0) {
      const q = Float64Array.from(d);
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += h0[i * n + j]! * q[j]!;
        d[i] = v;
      }
    } else if (k > 0) {
      const gamma = dot(sList[k - 1]!, yList[k - 1]!) / dot(yList[k - 1]!, yList[k - 1]!);
      for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
    } else {
      const scale = 1 / Math.max(1, maxAbs(g));
      for (let i = 0; i < n; i++) d[i] = d[i]! * scale;
    }
    for (let j = 0; j < k; j++) {
      const b = rhoList[j]! * dot(yList[j]!, d);
      const s = sList[j]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! + s[i]! * (alphaTmp[j]! - b);
    }
    let slope0 = dot(g, d);
    if (!(slope0 < 0)) {
      // not a descent direction: restart with steepest descent
      sList.length = yList.length = rhoList.length = 0;
      const scale = 1 / Math.max(1, maxAbs(g));
      for (let i = 0; i < n; i++) d[i] = -g[i]! * scale;
      slope0 = dot(g, d);
    }
    const step = lineSearch(eval_, x, f, slope0, d, trialX, trialG);
    if (step === null) {
      // no lower point along a descent direction: f is flat to rounding here
      message = 'line search found no lower point (at the precision of f)';
      stop = 'lineSearch';
      converged = maxAbs(g) <= Math.max(gradTol * 1000, 1e-6);
      break;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = trialX[i]! - x[i]!;
      y[i] = trialG[i]! - g[i]!;
    }
    const fOld = f;
    x.set(trialX);
    g.set(trialG);
    f = step.f;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rhoList.shift();
      }
      sList.push(s);
      yList.push(y);
      rhoList.push(1 / sy);
    }
    if (maxAbs(g) <= gradTol) {
      message = 'gradient below tolerance';
      stop = 'gradient';
      converged = true;
      break;
    }
    if (Math.abs(fOld - f) <= fTol * Math.max(1, Math.abs(f))) {
      message = 'function change below tolerance';
      stop = 'functionChange';
      converged = true;
      break;
    }
  }
  return { x, f, grad: g, iterations, evaluations, converged, message, stop };
}

/**
 * Strong-Wolfe line search along d; on success trialX/trialG hold the accepted point.
 * c1 = 1e-4, c2 = 0.9 (the usual quasi-Newton choices).
 */
function lineSearch(
  eval_: (x: Float64Array, g: Float64Array) => number,
  x: Float64Array,
  f0: number,
  slope0: number,
  d: Float64Array,
  trialX: Float64Array,
  trialG: Float64Array,
): LinePoint | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  const at = (step: number): LinePoint => {
    for (let i = 0; i < n; i++) trialX[i] = x[i]! + step * d[i]!;
    const f = eval_(trialX, trialG);
    return { step, f, slope: Number.isFinite(f) ? dot(trialG, d) : NaN };
  };
  let prev: LinePoint = { step: 0, f: f0, slope: slope0 };
  let step = 1;
  for (let i = 0; i < 40; i++) {
    const cur = at(step);
    if (!Number.isFinite(cur.f)) {
      // stepped outside where the objective is finite: shrink towards the last good step
      step = prev.step + (step - prev.step) * 0.1;
      continue;
    }
    if (i > 0 && cur.f === prev.f && cur.f === f0) return null;
    if (cur.f > f0 + c1 * step * slope0 || (i > 0 && cur.f >= prev.f))
      return zoom(at, f0, slope0, prev, cur, c1, c2);
    if (Math.abs(cur.slope) <= -c2 * slope0) return cur;
    if (cur.slope >= 0) return zoom(at, f0, slope0, cur, prev, c1, c2);
    prev = cur;
    step *= 2;
  }
  return null;
}

function zoom(
  at: (step: number) => LinePoint,
  f0: number,
  slope0: number,
  lo: LinePoint,
  hi: LinePoint,
  c1: number,
  c2: number,
): LinePoint | null {
  for (let i = 0; i < 12; i++) {
    // cubic interpolation between lo and hi, safeguarded to the middle 80 %
    let step = cubicMin(lo, hi);
    const a = Math.min(lo.step, hi.step);
    const b = Math.max(lo.step, hi.step);
    const margin = 0.1 * (b - a);
    if (!Number.isFinite(step) || step < a + margin || step > b - margin) step = 0.5 * (a + b);
    const cur = at(step);
    // differences at the rounding level of f carry no information: stop here
    if (Math.abs(cur.f - f0) <= 1e-15 * Math.abs(f0)) break;
    if (!Number.isFinite(cur.f) || cur.f > f0 + c1 * step * slope0 || cur.f >= lo.f) {
      hi = cur;
    } else {
      if (Math.abs(cur.slope) <= -c2 * slope0) return cur;
      if (cur.slope * (hi.step - lo.step) >= 0) hi = lo;
      lo = cur;
    }
    if (Math.abs(hi.step - lo.step) < 1e-10 * Math.max(1, lo.step)) break;
  }
  if (lo.step > 0 && lo.f < f0 - 1e-15 * Math.abs(f0)) {
    // accept the best point found even without the curvature condition
    return at(lo.step);
  }
  return null;
}

function cubicMin(p: LinePoint, q: LinePoint): number {
  if (!Number.isFinite(q.f) || !Number.isFinite(q.slope)) return NaN;
  const d1 = p.slope + q.slope - (3 * (p.f - q.f)) / (p.step - q.step);
  const disc = d1 * d1 - p.slope * q.slope;
  if (disc < 0) return NaN;
  const d2 = Math.sign(q.step - p.step) * Math.sqrt(disc);
  return q.step - ((q.step - p.step) * (q.slope + d2 - d1)) / (q.slope - p.slope + 2 * d2);
}
