/**
 * Synthetic customers drawn from known parameters (for benchmarks and simulation checks).
 * Every customer makes a first purchase at time 0 and is observed for T time units.
 */
import type { BgnbdParams } from './models/bgnbd.ts';
import type { GammaGammaParams } from './models/gammaGamma.ts';
import type { ParetoNbdParams } from './models/paretoNbd.ts';
import { Random } from './random.ts';
import type { RfmData } from './rfm.ts';

/** Simulated summaries plus the holdout count of purchases in (T, T + holdout]. */
export interface Simulated extends RfmData {
  /** Repeat purchases in the holdout window (0 when no holdout was asked for). */
  xStar: Float64Array;
}

/** Observation lengths: T uniform on [tMin, tMax] (e.g. 27..39 weeks for a quarter's cohort), or given per customer. */
export interface Window {
  tMin: number;
  tMax: number;
  /** T per customer; when given, tMin/tMax are ignored and n must equal its length. */
  T?: Float64Array;
  /** Length of the holdout window after T; default 0. */
  holdout?: number;
}

function observe(win: Window, i: number, rnd: Random): number {
  return win.T ? win.T[i]! : win.tMin + (win.tMax - win.tMin) * rnd.uniform();
}

function alloc(n: number): Simulated {
  return {
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    w: new Float64Array(n).fill(1),
    xStar: new Float64Array(n),
  };
}

/**
 * BG/NBD customers (MBG/NBD when `dropAtStart`: may also drop right after the first
 * purchase): rate λ ~ Gamma(r, α), drop-out p ~ Beta(a, b) after each repeat purchase.
 */
export function simulateBgnbd(
  p: BgnbdParams,
  n: number,
  win: Window,
  seed: number,
  dropAtStart = false,
): Simulated {
  const rnd = new Random(seed);
  const out = alloc(n);
  const hold = win.holdout ?? 0;
  for (let i = 0; i < n; i++) {
    const T = observe(win, i, rnd);
    const lambda = rnd.gamma(p.r, p.alpha);
    const drop = rnd.beta(p.a, p.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    let xs = 0;
    let alive = !(dropAtStart && rnd.uniform() < drop);
    while (alive) {
      t += rnd.exponential(lambda);
      if (t > T + hold) break;
      if (t <= T) {
        x++;
        tx = t;
      } else xs++;
      if (rnd.uniform() < drop) alive = false;
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = T;
    out.xStar[i] = xs;
  }
  return out;
}

/** Pareto/NBD customers: rate λ ~ Gamma(r, α), lifetime ~ Exp(μ), μ ~ Gamma(s, β). */
export function simulateParetoNbd(p: ParetoNbdParams, n: number, win: Window, seed: number): Simulated {
  const rnd = new Random(seed);
  const out = alloc(n);
  const hold = win.holdout ?? 0;
  for (let i = 0; i < n; i++) {
    const T = observe(win, i, rnd);
    const lambda = rnd.gamma(p.r, p.alpha);
    const life = rnd.exponential(rnd.gamma(p.s, p.beta));
    const end = Math.min(life, T + hold);
    let t = 0;
    let x = 0;
    let tx = 0;
    let xs = 0;
    for (;;) {
      t += rnd.exponential(lambda);
      if (t > end) break;
      if (t <= T) {
        x++;
        tx = t;
      } else xs++;
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = T;
    out.xStar[i] = xs;
  }
  return out;
}

/**
 * Gamma-Gamma mean spend for customers with the given repeat purchase counts (x ≥ 1):
 * ν ~ Gamma(q, γ), each amount ~ Gamma(p, ν), so the mean of x amounts ~ Gamma(p x, ν) / x.
 */
export function simulateSpend(g: GammaGammaParams, x: Float64Array, seed: number): Float64Array {
  const rnd = new Random(seed);
  const m = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const nu = rnd.gamma(g.q, g.gamma);
    m[i] = x[i]! > 0 ? rnd.gamma(g.p * x[i]!, nu) / x[i]! : 0;
  }
  return m;
}

/**
 * BG/BB customers over `n` opportunities: p ~ Beta(α, β) purchase chance, θ ~ Beta(γ, δ)
 * chance of dying before each opportunity. Returns (x, t_x, n) per customer with weight 1.
 */
export function simulateBgbb(
  p: { alpha: number; beta: number; gamma: number; delta: number },
  customers: number,
  n: number,
  seed: number,
): { x: Float64Array; tx: Float64Array; n: Float64Array; w: Float64Array } {
  const rnd = new Random(seed);
  const out = {
    x: new Float64Array(customers),
    tx: new Float64Array(customers),
    n: new Float64Array(customers).fill(n),
    w: new Float64Array(customers).fill(1),
  };
  for (let i = 0; i < customers; i++) {
    const buy = rnd.beta(p.alpha, p.beta);
    const die = rnd.beta(p.gamma, p.delta);
    let x = 0;
    let tx = 0;
    for (let t = 1; t <= n; t++) {
      if (rnd.uniform() < die) break;
      if (rnd.uniform() < buy) {
        x++;
        tx = t;
      }
    }
    out.x[i] = x;
    out.tx[i] = tx;
  }
  return out;
}

/** A contract cohort under sBG: customers alive at the start of periods 0..periods (θ ~ Beta(α, β) churn chance per period). */
export function simulateSbg(
  p: { alpha: number; beta: number },
  customers: number,
  periods: number,
  seed: number,
): Float64Array {
  const rnd = new Random(seed);
  const alive = new Float64Array(periods + 1);
  for (let i = 0; i < customers; i++) {
    const churn = rnd.beta(p.alpha, p.beta);
    alive[0] = alive[0]! + 1;
    for (let t = 1; t <= periods; t++) {
      if (rnd.uniform() < churn) break;
      alive[t] = alive[t]! + 1;
    }
  }
  return alive;
}
