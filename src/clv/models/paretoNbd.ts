/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): Poisson purchasing at rate
 * λ ~ Gamma(r, α), exponential lifetime at rate μ ~ Gamma(s, β).
 * Parameters: r, alpha, s, beta (all > 0).
 *
 * Likelihood: Γ(r+x)α^r β^s / Γ(r) · [(α+T)^{-(r+x)} (β+T)^{-s} + s ∫_{t_x}^{T} (α+τ)^{-(r+x)} (β+τ)^{-(s+1)} dτ].
 * The integral is G(t_x) - G(T) with G(t) = ∫_t^∞ …, written with a hypergeometric series
 * whose terms decrease monotonically (see hyp2f1.ts), or for z near 1 its near-one form
 * (hyp2f1One.ts); all in log space.
 */
import type { ParamsOf } from '../../core/index.ts';
import { declared, type LikelihoodModel } from '../model.ts';
import { subsampleRfm, totalWeight, type RfmData } from '../rfm.ts';
import { digamma, lgamma } from '../special.ts';
import { meanT } from './bgnbd.ts';
import type { Hyp2f1Out } from './hyp2f1.ts';
import { hyp2f1One } from './hyp2f1One.ts';

/** log G(t) and its gradient in (r, α, s, β). */
interface LogG {
  v: number;
  dr: number;
  da: number;
  ds: number;
  db: number;
}

const h: Hyp2f1Out = { logF: 0, dF: 0, dC: 0, dZ: 0, terms: 0 };

/**
 * log ∫_t^∞ (α+τ)^{-(r+x)} (β+τ)^{-(s+1)} dτ, with its gradient when `derivs`;
 * la = log(α+t), lb = log(β+t), logA = log(r+s+x) are passed in (the caller has them).
 */
function logGWith(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  la: number,
  lb: number,
  logA: number,
  out: LogG,
  derivs: boolean,
): void {
  const A = r + s + x;
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + t);
    hyp2f1One(r + x, A + 1, z, (beta + t) / (alpha + t), h, derivs);
    out.v = -(r + x) * la - s * lb - logA + h.logF;
    if (derivs) {
      const common = -1 / A + h.dC;
      out.dr = -la + common + h.dF;
      out.ds = -lb + common;
      out.da = -(r + x) / (alpha + t) + (h.dZ * (beta + t)) / ((alpha + t) * (alpha + t));
      out.db = -s / (beta + t) - h.dZ / (alpha + t);
    }
  } else {
    const z = (beta - alpha) / (beta + t);
    hyp2f1One(s + 1, A + 1, z, (alpha + t) / (beta + t), h, derivs);
    out.v = -(r + x - 1) * la - (s + 1) * lb - logA + h.logF;
    if (derivs) {
      const common = -1 / A + h.dC;
      out.dr = -la + common;
      out.ds = -lb + common + h.dF;
      out.da = -(r + x - 1) / (alpha + t) - h.dZ / (beta + t);
      out.db = -(s + 1) / (beta + t) + (h.dZ * (alpha + t)) / ((beta + t) * (beta + t));
    }
  }
}

/** {@link logGWith} computing the logs itself. */
function logG(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  out: LogG,
  derivs: boolean,
): void {
  logGWith(
    r,
    alpha,
    s,
    beta,
    x,
    t,
    Math.log(alpha + t),
    Math.log(beta + t),
    Math.log(r + s + x),
    out,
    derivs,
  );
}

/** The two log terms of a customer's likelihood (without the constant), with gradients. */
interface Terms {
  /** log of the "alive at T" term. */
  l1: number;
  /** log of the "died between t_x and T" term (-Infinity when t_x = T). */
  l2: number;
  /** gradient of l1 and l2 (r, α, s, β). */
  g1: Float64Array;
  g2: Float64Array;
}

const gT: LogG = { v: 0, dr: 0, da: 0, ds: 0, db: 0 };

function terms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  out: Terms,
  derivs: boolean,
  gAtTx: LogG,
  logA = Math.log(r + s + x),
  logS = Math.log(s),
  gAtT?: LogG,
): void {
  const laT = Math.log(alpha + T);
  const lbT = Math.log(beta + T);
  out.l1 = -(r + x) * laT - s * lbT;
  if (derivs) {
    out.g1[0] = -laT;
    out.g1[1] = -(r + x) / (alpha + T);
    out.g1[2] = -lbT;
    out.g1[3] = -s / (beta + T);
  }
  if (!(T > tx)) {
    out.l2 = -Infinity;
    return;
  }
  let gAt: LogG = gT;
  if (gAtT) gAt = gAtT;
  else logGWith(r, alpha, s, beta, x, T, laT, lbT, logA, gT, derivs);
  const d = gAt.v - gAtTx.v;
  if (!(d < -1e-15)) {
    out.l2 = -Infinity;
    return;
  }
  const q = Math.exp(d);
  out.l2 = logS + gAtTx.v + Math.log1p(-q);
  if (derivs) {
    const k = 1 / (1 - q);
    out.g2[0] = (gAtTx.dr - q * gAt.dr) * k;
    out.g2[1] = (gAtTx.da - q * gAt.da) * k;
    out.g2[2] = 1 / s + (gAtTx.ds - q * gAt.ds) * k;
    out.g2[3] = (gAtTx.db - q * gAt.db) * k;
  }
}

const tt: Terms = { l1: 0, l2: 0, g1: new Float64Array(4), g2: new Float64Array(4) };

/**
 * G(t) of one likelihood evaluation for the rows of one x, once per distinct t: G depends on
 * (x, t) only, and a customer needs it at t_x and at T, so customers of one x share it wherever
 * their t_x or T meet (at 1,000,000 workspace customers 404,950 distinct histories need about
 * 810,000 G values when each is computed in turn, against 34,406 distinct (x, t)). The values are
 * the very ones {@link logGWith} gives (same arguments, same arithmetic): the log-likelihood is
 * the same to the last bit.
 */
class GCache {
  // open addressing on the bits of t: a slot holds t, its entry in `pool`, and the generation it
  // was written in (a slot of an older generation is empty, so clearing costs nothing)
  private cap = 1 << 12;
  private keys = new Float64Array(this.cap);
  private entry = new Int32Array(this.cap);
  private stamp = new Int32Array(this.cap);
  private generation = 1;
  private readonly pool: LogG[] = [];
  private poolKeys = new Float64Array(1 << 12);
  private used = 0;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  /** Forgets every value (a new x, or new parameters). */
  clear(): void {
    this.generation++;
    this.used = 0;
  }

  private slotOf(t: number): number {
    this.bits[0] = t;
    let h = Math.imul(this.words[0]! ^ Math.imul(this.words[1]!, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    const mask = this.cap - 1;
    let i = h & mask;
    while (this.stamp[i] === this.generation && this.keys[i] !== t) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    this.cap *= 2;
    this.keys = new Float64Array(this.cap);
    this.entry = new Int32Array(this.cap);
    this.stamp = new Int32Array(this.cap);
    for (let k = 0; k < this.used; k++) {
      const i = this.slotOf(this.poolKeys[k]!);
      this.keys[i] = this.poolKeys[k]!;
      this.entry[i] = k;
      this.stamp[i] = this.generation;
    }
  }

  /** G at t for the x of the current block, computed on first use. */
  at(
    r: number,
    alpha: number,
    s: number,
    beta: number,
    x: number,
    t: number,
    logA: number,
    derivs: boolean,
  ): LogG {
    let i = this.slotOf(t);
    if (this.stamp[i] === this.generation) return this.pool[this.entry[i]!]!;
    if (2 * (this.used + 1) > this.cap) {
      this.grow();
      i = this.slotOf(t);
    }
    if (this.used === this.pool.length) this.pool.push({ v: 0, dr: 0, da: 0, ds: 0, db: 0 });
    if (this.used === this.poolKeys.length) {
      const keys = new Float64Array(2 * this.poolKeys.length);
      keys.set(this.poolKeys);
      this.poolKeys = keys;
    }
    const g = this.pool[this.used]!;
    logGWith(r, alpha, s, beta, x, t, Math.log(alpha + t), Math.log(beta + t), logA, g, derivs);
    this.keys[i] = t;
    this.entry[i] = this.used;
    this.stamp[i] = this.generation;
    this.poolKeys[this.used++] = t;
    return g;
  }
}

const gCache = new GCache();

function logLik(params: Float64Array, d: RfmData, grad?: Float64Array): number {
  const r = params[0]!;
  const alpha = params[1]!;
  const s = params[2]!;
  const beta = params[3]!;
  const wantGrad = grad !== undefined;
  const lgR = lgamma(r);
  const psiR = digamma(r);
  const base = r * Math.log(alpha) + s * Math.log(beta);
  let ll = 0;
  let gR = 0;
  let gA = 0;
  let gS = 0;
  let gB = 0;
  let lastX = -1;
  let cx = 0;
  let cR = 0;
  let logA = 0;
  gCache.clear();
  const logS = Math.log(s);
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const X = d.x;
  const TX = d.tx;
  const TT = d.T;
  const W = d.w;
  for (let i = 0; i < X.length; i++) {
    const x = X[i]!;
    const w = W[i]!;
    const tx = TX[i]!;
    if (x !== lastX) {
      lastX = x;
      cx = lgamma(r + x) - lgR + base;
      logA = Math.log(r + s + x);
      if (wantGrad) cR = digamma(r + x) - psiR + logAlpha;
      gCache.clear();
    }
    const T = TT[i]!;
    // every customer without repeat purchases shares G(0); customers of one x share G(t) where their t_x or T meet
    const gAt = gCache.at(r, alpha, s, beta, x, tx, logA, wantGrad);
    const gAtT = T > tx ? gCache.at(r, alpha, s, beta, x, T, logA, wantGrad) : undefined;
    terms(r, alpha, s, beta, x, tx, T, tt, wantGrad, gAt, logA, logS, gAtT);
    const l1 = tt.l1;
    const l2 = tt.l2;
    const m = l1 > l2 ? l1 : l2;
    const e1 = Math.exp(l1 - m);
    const e2 = Math.exp(l2 - m);
    const sum = e1 + e2;
    ll += w * (cx + m + Math.log(sum));
    if (wantGrad) {
      const w1 = e1 / sum;
      const w2 = e2 / sum;
      const g1 = tt.g1;
      const g2 = tt.g2;
      gR += w * (cR + w1 * g1[0]! + (w2 > 0 ? w2 * g2[0]! : 0));
      gA += w * (r / alpha + w1 * g1[1]! + (w2 > 0 ? w2 * g2[1]! : 0));
      gS += w * (logBeta + w1 * g1[2]! + (w2 > 0 ? w2 * g2[2]! : 0));
      gB += w * (s / beta + w1 * g1[3]! + (w2 > 0 ? w2 * g2[3]! : 0));
    }
  }
  if (grad) {
    grad[0] = gR;
    grad[1] = gA;
    grad[2] = gS;
    grad[3] = gB;
  }
  return ll;
}

/** Pareto/NBD as a {@link LikelihoodModel} over {@link RfmData}. */
export const paretoNbd: LikelihoodModel<RfmData, 'pareto-nbd'> = {
  ...declared('pareto-nbd'),
  logLik,
  start: (d) => Float64Array.of(1, Math.max(1e-3, meanT(d)), 1, Math.max(1e-3, meanT(d))),
  customers: totalWeight,
  rows: (d) => d.x.length,
  subsample: subsampleRfm,
};

/** The model's parameters by name, as declared in src/core. */
export type ParetoNbdParams = ParamsOf<'pareto-nbd'>;

/** P(alive at T | x, t_x, T) under Pareto/NBD, in [0, 1]. */
export function paretoNbdProbAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const g: LogG = { v: 0, dr: 0, da: 0, ds: 0, db: 0 };
  logG(p.r, p.alpha, p.s, p.beta, x, tx, g, false);
  const t: Terms = { l1: 0, l2: 0, g1: new Float64Array(4), g2: new Float64Array(4) };
  terms(p.r, p.alpha, p.s, p.beta, x, tx, T, t, false, g);
  if (t.l2 === -Infinity) return 1;
  return 1 / (1 + Math.exp(t.l2 - t.l1));
}

/**
 * Expected purchases in (0, t] of a customer alive at time 0 with rate ~ Gamma(r, α) and
 * death rate ~ Gamma(s, β): (r/α) β/(s-1) [1 - (β/(β+t))^{s-1}] (the limit at s = 1 included).
 */
export function paretoAliveExpected(r: number, alpha: number, s: number, beta: number, t: number): number {
  const l = Math.log1p(t / beta);
  const sm1 = s - 1;
  const k = Math.abs(sm1 * l) < 1e-8 ? l * (1 - (sm1 * l) / 2) : -Math.expm1(-sm1 * l) / sm1;
  return (r / alpha) * beta * k;
}

/** Probability that a customer alive at time 0 is still alive at t: (β/(β+t))^s. */
export function paretoAliveSurvival(s: number, beta: number, t: number): number {
  return Math.exp(-s * Math.log1p(t / beta));
}

/** Unconditional E[X(t)] of a new customer under Pareto/NBD. */
export function paretoNbdExpected(p: ParetoNbdParams, t: number): number {
  return paretoAliveExpected(p.r, p.alpha, p.s, p.beta, t);
}

/** E[X(T, T + t) | x, t_x, T] under Pareto/NBD. */
export function paretoNbdConditionalExpected(
  p: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return paretoNbdProbAlive(p, x, tx, T) * paretoAliveExpected(p.r + x, p.alpha + T, p.s, p.beta + T, t);
}
