/**
 * BG/BB (Fader, Hardie & Shang 2010): discrete purchase opportunities; at each one an alive
 * customer buys with probability p ~ Beta(α, β) and, before it, drops out with probability
 * θ ~ Beta(γ, δ). Parameters: alpha, beta, gamma, delta (all > 0).
 */
import type { ParamsOf } from '../../core/index.ts';
import { declared, type LikelihoodModel } from '../model.ts';
import { digamma, lbeta } from '../special.ts';

/** Discrete summaries: x purchases in n opportunities, the last at opportunity t_x (0 when x = 0). */
export interface DiscreteData {
  /** Purchases in the calibration opportunities, integer 0..n. */
  x: Float64Array;
  /** Opportunity of the last purchase, integer x..n (0 when x = 0). */
  tx: Float64Array;
  /** Opportunities observed, integer ≥ 1. */
  n: Float64Array;
  /** Customers per row. */
  w: Float64Array;
}

/** log B(a+u, b+v) - log B(a, b) and its derivatives in a and b. */
function lbetaRatio(a: number, b: number, u: number, v: number, g: Float64Array | null, off: number): number {
  if (g) {
    const pab = digamma(a + b);
    const puv = digamma(a + b + u + v);
    g[off] = digamma(a + u) - puv - (digamma(a) - pab);
    g[off + 1] = digamma(b + v) - puv - (digamma(b) - pab);
  }
  return lbeta(a + u, b + v) - lbeta(a, b);
}

const ga = new Float64Array(4);

/** log-likelihood of one pattern, gradient (α, β, γ, δ) into `g` when given. */
function rowLogLik(p: Float64Array, x: number, tx: number, n: number, g: Float64Array | null): number {
  const [al, be, ga_, de] = [p[0]!, p[1]!, p[2]!, p[3]!];
  // alive through all n opportunities
  let lMax = lbetaRatio(al, be, x, n - x, g ? ga : null, 0) + lbetaRatio(ga_, de, 0, n, g ? ga : null, 2);
  const logs: number[] = [lMax];
  const grads: number[][] = g ? [Array.from(ga)] : [];
  for (let i = 0; i <= n - tx - 1; i++) {
    const l =
      lbetaRatio(al, be, x, tx - x + i, g ? ga : null, 0) + lbetaRatio(ga_, de, 1, tx + i, g ? ga : null, 2);
    logs.push(l);
    if (g) grads.push(Array.from(ga));
    if (l > lMax) lMax = l;
  }
  let s = 0;
  const e = logs.map((l) => Math.exp(l - lMax));
  for (const v of e) s += v;
  if (g) {
    g.fill(0);
    e.forEach((v, k) => {
      for (let j = 0; j < 4; j++) g[j] = g[j]! + (v / s) * grads[k]![j]!;
    });
  }
  return lMax + Math.log(s);
}

function logLik(params: Float64Array, d: DiscreteData, grad?: Float64Array): number {
  let ll = 0;
  const g = grad ? new Float64Array(4) : null;
  if (grad) grad.fill(0);
  for (let i = 0; i < d.x.length; i++) {
    const w = d.w[i]!;
    ll += w * rowLogLik(params, d.x[i]!, d.tx[i]!, d.n[i]!, g);
    if (grad && g) for (let j = 0; j < 4; j++) grad[j] = grad[j]! + w * g[j]!;
  }
  return ll;
}

/** BG/BB as a {@link LikelihoodModel} over {@link DiscreteData}. */
export const bgbb: LikelihoodModel<DiscreteData, 'bgbb'> = {
  ...declared('bgbb'),
  logLik,
  start: () => Float64Array.of(1, 1, 1, 1),
  customers: (d) => d.w.reduce((s, v) => s + v, 0),
};

/** The model's parameters by name, as declared in src/core. */
export type BgbbParams = ParamsOf<'bgbb'>;

function arr(p: BgbbParams): Float64Array {
  return Float64Array.of(p.alpha, p.beta, p.gamma, p.delta);
}

/** P(alive at opportunity n + 1 | x, t_x, n), in [0, 1]. */
export function bgbbProbAlive(p: BgbbParams, x: number, tx: number, n: number): number {
  const l =
    lbeta(p.alpha + x, p.beta + n - x) -
    lbeta(p.alpha, p.beta) +
    lbeta(p.gamma, p.delta + n + 1) -
    lbeta(p.gamma, p.delta);
  return Math.exp(l - rowLogLik(arr(p), x, tx, n, null));
}

/** Expected purchases in the next `future` opportunities given (x, t_x, n). */
export function bgbbConditionalExpected(
  p: BgbbParams,
  future: number,
  x: number,
  tx: number,
  n: number,
): number {
  const ll = rowLogLik(arr(p), x, tx, n, null);
  const lp = lbeta(p.alpha + x + 1, p.beta + n - x) - lbeta(p.alpha, p.beta) - lbeta(p.gamma, p.delta);
  let s = 0;
  for (let k = 1; k <= future; k++) s += Math.exp(lp + lbeta(p.gamma, p.delta + n + k) - ll);
  return s;
}

/** Unconditional E[X(n)]: expected purchases of a new customer in its first n opportunities. */
export function bgbbExpected(p: BgbbParams, n: number): number {
  let s = 0;
  for (let k = 1; k <= n; k++) s += Math.exp(lbeta(p.gamma, p.delta + k) - lbeta(p.gamma, p.delta));
  return (p.alpha / (p.alpha + p.beta)) * s;
}

/** P(a new customer makes exactly x purchases in n opportunities), for in-sample fit checks. */
export function bgbbPmf(p: BgbbParams, x: number, n: number): number {
  // alive throughout, or dies after opportunity i (x ≤ i < n) having bought x times in i
  let s = Math.exp(
    lbeta(p.alpha + x, p.beta + n - x) -
      lbeta(p.alpha, p.beta) +
      lbeta(p.gamma, p.delta + n) -
      lbeta(p.gamma, p.delta) +
      lchoose(n, x),
  );
  for (let i = x; i < n; i++) {
    s += Math.exp(
      lbeta(p.alpha + x, p.beta + i - x) -
        lbeta(p.alpha, p.beta) +
        lbeta(p.gamma + 1, p.delta + i) -
        lbeta(p.gamma, p.delta) +
        lchoose(i, x),
    );
  }
  return s;
}

function lchoose(n: number, k: number): number {
  return -Math.log(n + 1) - lbeta(n - k + 1, k + 1);
}
