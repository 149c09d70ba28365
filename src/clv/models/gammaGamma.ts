/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, note 025): spend per transaction ~
 * Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with at least one repeat purchase,
 * from their number of repeat purchases x and mean repeat spend m > 0.
 * Parameters: p, q, gamma (all > 0).
 */
import type { ParamsOf } from '../../core/index.ts';
import { declared, type LikelihoodModel } from '../model.ts';
import { digamma, lgamma } from '../special.ts';

/**
 * Spend data: one row per customer (or distinct pattern) with x ≥ 1 and m > 0, sorted by x, and
 * the rows of each x as a group. The likelihood's terms that do not depend on the spend scale
 * γ are summed per group once, here; an evaluation only sums log(x m + γ) and 1/(x m + γ) over
 * the rows (the one loop over all rows, kept small so V8 compiles it early and cheaply).
 */
export interface SpendData {
  /**
   * x · m per row (x repeat purchases ≥ 1, m their mean spend > 0 in the input's money unit): the
   * customer's repeat spend in total; rows in ascending x, a row's x is its group's.
   */
  xm: Float64Array;
  /** Customers per row. */
  w: Float64Array;
  /** The distinct x, ascending: one per group. */
  groupX: Float64Array;
  /** The row after each group's last (group g is rows groupEnd[g - 1] (0 for g = 0) to groupEnd[g]). */
  groupEnd: Int32Array;
  /** Customers per group (sum of w). */
  groupW: Float64Array;
  /** Sum of w · log(m) per group. */
  groupWLogM: Float64Array;
  /** Sum of w · m per group (for the start by moments). */
  groupWM: Float64Array;
  /** Sum of w · m² per group (for the start by moments). */
  groupWM2: Float64Array;
}

/** Spend data of n rows in the given number of groups, every array zero. */
function empty(n: number, groups: number): SpendData {
  return {
    xm: new Float64Array(n),
    w: new Float64Array(n),
    groupX: new Float64Array(groups),
    groupEnd: new Int32Array(groups),
    groupW: new Float64Array(groups),
    groupWLogM: new Float64Array(groups),
    groupWM: new Float64Array(groups),
    groupWM2: new Float64Array(groups),
  };
}

/** Groups rows already sorted by x into {@link SpendData}: x · m and the group sums, in one pass. */
function grouped(x: Float64Array, m: Float64Array, w: Float64Array): SpendData {
  const n = x.length;
  let groups = 0;
  for (let i = 0; i < n; i++) if (i === 0 || x[i] !== x[i - 1]) groups++;
  const d = { ...empty(0, groups), w, xm: new Float64Array(n) };
  let g = -1;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const mi = m[i]!;
    const wi = w[i]!;
    if (i === 0 || xi !== x[i - 1]) d.groupX[++g] = xi;
    d.groupEnd[g] = i + 1;
    d.xm[i] = xi * mi;
    d.groupW[g]! += wi;
    d.groupWLogM[g]! += wi * Math.log(mi);
    d.groupWM[g]! += wi * mi;
    d.groupWM2[g]! += wi * mi * mi;
  }
  return d;
}

/**
 * Builds {@link SpendData} from customers with x ≥ 1 (rows with x = 0 are skipped), sorted by x:
 * a stable counting sort (x is a whole count; a few distinct values), not a comparison sort.
 * One pass counts the rows of each x (the counts grow with the largest x met), notes whether
 * every x is whole and finds the first row with x ≥ 1 whose mean spend is not above 0 (handed to
 * `refuse`, which should throw; without it such a row is kept and the likelihood is -Infinity);
 * a second places the rows and sums each group. Plain loops over the columns, no callback per
 * row: a fit's first passes over 1,000,000 rows run in V8's interpreter until they are compiled,
 * so fewer, simpler loops are what a cold fit saves.
 */
export function spendData(
  x: Float64Array,
  m: Float64Array,
  w?: Float64Array,
  refuse?: (row: number) => void,
): SpendData {
  let n = 0;
  let whole = true;
  let bad = -1;
  let count = new Int32Array(64);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v > 0)) continue;
    n++;
    if (bad < 0 && !(m[i]! > 0)) bad = i;
    if (!whole) continue;
    if (Math.floor(v) !== v || v > 1e6) {
      whole = false;
      continue;
    }
    if (v >= count.length) {
      const grown = new Int32Array(Math.max(2 * count.length, v + 1));
      grown.set(count);
      count = grown;
    }
    count[v]!++;
  }
  if (bad >= 0) refuse?.(bad);
  // whole counts of a sane size go by bucket; anything else (a fraction, a huge count) by comparison
  return whole ? bucketed(x, m, w, count, n) : sorted(x, m, w, n);
}

/**
 * The rows with x ≥ 1 placed by their x's bucket (`count[v]`: rows with x = v), with x · m and
 * the group sums in the same pass (a group per bucket that holds rows).
 */
function bucketed(
  x: Float64Array,
  m: Float64Array,
  w: Float64Array | undefined,
  count: Int32Array,
  n: number,
): SpendData {
  let groups = 0;
  for (let v = 1; v < count.length; v++) if (count[v]! > 0) groups++;
  const d = empty(n, groups);
  // next[v]: where the next row with x = v goes; group[v]: its group
  const next = new Int32Array(count.length);
  const group = new Int32Array(count.length);
  for (let v = 1, at = 0, g = 0; v < count.length; v++) {
    if (count[v] === 0) continue;
    next[v] = at;
    group[v] = g;
    at += count[v]!;
    d.groupX[g] = v;
    d.groupEnd[g++] = at;
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v > 0)) continue;
    const k = next[v]!++;
    const g = group[v]!;
    const mi = m[i]!;
    const wi = w ? w[i]! : 1;
    d.w[k] = wi;
    d.xm[k] = v * mi;
    d.groupW[g]! += wi;
    d.groupWLogM[g]! += wi * Math.log(mi);
    d.groupWM[g]! += wi * mi;
    d.groupWM2[g]! += wi * mi * mi;
  }
  return d;
}

/** The rows with x > 0 sorted by x with a comparison sort (x not a whole count of a sane size). */
function sorted(x: Float64Array, m: Float64Array, w: Float64Array | undefined, n: number): SpendData {
  const order = comparisonOrder(x);
  const ox = new Float64Array(n);
  const om = new Float64Array(n);
  const ow = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    ox[k] = x[i]!;
    om[k] = m[i]!;
    ow[k] = w ? w[i]! : 1;
  }
  return grouped(ox, om, ow);
}

/** Indices of the rows with x > 0 in ascending x (stable comparison sort). */
function comparisonOrder(x: Float64Array): number[] {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) idx.push(i);
  return idx.sort((i, j) => x[i]! - x[j]!);
}

/**
 * A start by the method of moments (Fader & Hardie's model: z ~ Gamma(p, ν), ν ~ Gamma(q, γ)):
 * mean spend μ = pγ/(q-1) and, for customers with x repeat purchases, the variance of their mean
 * spend a + b/x with a = μ²/(q-2), b = μγ/(q-2). a and b come from a weighted least-squares line
 * of the squared deviations on 1/x (per group: Σw(m - μ)² = Σwm² - 2μΣwm + μ²Σw, 1/x the same
 * for a group's rows); null when they do not give q > 2 and positive p, γ (a spend without a
 * finite variance, or too few distinct x): the caller falls back.
 */
function momentStart(d: SpendData): Float64Array | null {
  let sw = 0;
  let sm = 0;
  for (let g = 0; g < d.groupX.length; g++) {
    sw += d.groupW[g]!;
    sm += d.groupWM[g]!;
  }
  if (!(sw > 0)) return null;
  const mu = sm / sw;
  // least squares of (m - μ)² on u = 1/x, weighted by customers
  let su = 0;
  let sy = 0;
  let suu = 0;
  let suy = 0;
  for (let g = 0; g < d.groupX.length; g++) {
    const w = d.groupW[g]!;
    const u = 1 / d.groupX[g]!;
    const y = d.groupWM2[g]! - 2 * mu * d.groupWM[g]! + mu * mu * w;
    su += w * u;
    sy += y;
    suu += w * u * u;
    suy += u * y;
  }
  const det = sw * suu - su * su;
  if (!(det > 1e-12 * sw * suu)) return null;
  const b = (sw * suy - su * sy) / det;
  const a = (sy - b * su) / sw;
  if (!(a > 0 && b > 0)) return null;
  const q = 2 + (mu * mu) / a;
  const gamma = (b * (q - 2)) / mu;
  const p = (mu * (q - 1)) / gamma;
  const start = Float64Array.of(p, q, gamma);
  return start.every((v) => Number.isFinite(v) && v > 1e-6 && v < 1e6) ? start : null;
}

/** Sums over rows from..to-1 of w · log(x m + γ) (into `out[0]`) and w / (x m + γ) (into `out[1]`). */
function rowSums(
  xm: Float64Array,
  w: Float64Array,
  from: number,
  to: number,
  v: number,
  out: Float64Array,
): void {
  let l = 0;
  let r = 0;
  for (let i = from; i < to; i++) {
    const s = xm[i]! + v;
    const wi = w[i]!;
    l += wi * Math.log(s);
    r += wi / s;
  }
  out[0] = l;
  out[1] = r;
}

/** Scratch for {@link rowSums} (one evaluation at a time: JavaScript runs one at a time). */
const SUMS = new Float64Array(2);

/**
 * The log-likelihood, per group of rows with the same x: A = Σw, B = Σw log m (from the data),
 * L = Σw log(x m + γ), R = Σw / (x m + γ); each customer's term is
 * log Γ(px + q) − log Γ(px) − log Γ(q) + q log γ + px log x + (px − 1) log m − (px + q) log(x m + γ).
 */
function logLik(params: Float64Array, d: SpendData, grad?: Float64Array): number {
  const p = params[0]!;
  const q = params[1]!;
  const v = params[2]!;
  const lgQ = lgamma(q);
  const logV = Math.log(v);
  const psiQ = grad ? digamma(q) : 0;
  let ll = 0;
  let gP = 0;
  let gQ = 0;
  let gV = 0;
  let from = 0;
  for (let g = 0; g < d.groupX.length; g++) {
    const x = d.groupX[g]!;
    const to = d.groupEnd[g]!;
    rowSums(d.xm, d.w, from, to, v, SUMS);
    from = to;
    const a = d.groupW[g]!;
    const b = d.groupWLogM[g]!;
    const l = SUMS[0]!;
    const px = p * x;
    const logX = Math.log(x);
    ll += a * (lgamma(px + q) - lgamma(px) - lgQ + q * logV + px * logX) + (px - 1) * b - (px + q) * l;
    if (grad) {
      const psiPXQ = digamma(px + q);
      gP += x * (a * (psiPXQ - digamma(px) + logX) + b - l);
      gQ += a * (psiPXQ - psiQ + logV) - l;
      gV += (a * q) / v - (px + q) * SUMS[1]!;
    }
  }
  if (grad) {
    grad[0] = gP;
    grad[1] = gQ;
    grad[2] = gV;
  }
  return ll;
}

/** Each row's repeat purchases x and mean spend m (x · m / x), in the data's order: for tests and reports. */
export function spendRows(d: SpendData): { x: Float64Array; m: Float64Array } {
  const x = new Float64Array(d.xm.length);
  const m = new Float64Array(d.xm.length);
  for (let g = 0, i = 0; g < d.groupX.length; g++)
    for (; i < d.groupEnd[g]!; i++) {
      x[i] = d.groupX[g]!;
      m[i] = d.xm[i]! / x[i]!;
    }
  return { x, m };
}

/** Gamma-Gamma as a {@link LikelihoodModel} over {@link SpendData}. */
export const gammaGamma: LikelihoodModel<SpendData, 'gamma-gamma'> = {
  ...declared('gamma-gamma'),
  logLik,
  start: (d) => {
    const moments = momentStart(d);
    if (moments) return moments;
    let s = 0;
    let w = 0;
    for (let g = 0; g < d.groupX.length; g++) {
      s += d.groupWM[g]!;
      w += d.groupW[g]!;
    }
    const mean = w > 0 ? s / w : 1;
    // with q = 3 the population mean p γ / (q - 1) equals the data mean at p = 1
    return Float64Array.of(1, 3, Math.max(1e-6, 2 * mean));
  },
  customers: (d) => {
    let s = 0;
    for (let g = 0; g < d.groupW.length; g++) s += d.groupW[g]!;
    return s;
  },
  rows: (d) => d.xm.length,
  subsample: (d, stride) => {
    const n = Math.ceil(d.xm.length / stride);
    const x = new Float64Array(n);
    const m = new Float64Array(n);
    const w = new Float64Array(n);
    for (let k = 0, i = 0, g = 0; i < d.xm.length; i += stride, k++) {
      while (i >= d.groupEnd[g]!) g++;
      x[k] = d.groupX[g]!;
      m[k] = d.xm[i]! / x[k]!;
      w[k] = d.w[i]!;
    }
    return grouped(x, m, w);
  },
};

/** The model's parameters by name, as declared in src/core. */
export type GammaGammaParams = ParamsOf<'gamma-gamma'>;

/**
 * E[spend per transaction | x, m]: the customer's mean shrunk toward the population mean
 * p γ / (q - 1) (requires q > 1; the population mean of a new customer when x = 0).
 */
export function gammaGammaConditionalSpend(g: GammaGammaParams, x: number, m: number): number {
  return (g.p * (g.gamma + x * m)) / (g.p * x + g.q - 1);
}
