/**
 * The future of an *alive* BG/NBD-type customer (purchase rate λ ~ Gamma(r, α), drop-out
 * chance p ~ Beta(a, b) after each purchase), by quadrature over p.
 * The closed forms need the Gauss hypergeometric function near z = 1, where its series
 * converges slowly and with large terms; the quadrature stays accurate for any positive
 * parameters and any horizon, including very large frequencies (posterior b + x).
 *
 * Quadrature: in u = logit(p) the Beta density is smooth, unimodal and log-concave, with its
 * mode at log(a/b) and spread sqrt(ψ'(a) + ψ'(b)). Nodes u = mode + s·sinh(v), s = min(1, spread), on
 * an even grid in v (a sinh-sinh rule: spacing s/12 near the mode, double-exponential reach
 * into the tails, which decay like p^a and (1-p)^b), walked outward until the density has
 * fallen by e^-46.
 */
import { lbeta } from '../special.ts';

const H = 1 / 12;
const MAX_NODES = 512;
const NODE_P = new Float64Array(MAX_NODES);
const NODE_W = new Float64Array(MAX_NODES);

/** ψ'(x), the trigamma function, for x > 0 (recurrence to x ≥ 6, then the asymptotic series). */
export function trigamma(x: number): number {
  let s = 0;
  while (x < 6) {
    s += 1 / (x * x);
    x += 1;
  }
  const x2 = 1 / (x * x);
  return s + 1 / x + x2 / 2 + (x2 / x) * (1 / 6 - x2 * (1 / 30 - x2 * (1 / 42 - x2 / 30)));
}

/** The Beta(a, b) whose nodes NODE_P / NODE_W hold, and their count (NaN: none yet). */
let nodesA = NaN;
let nodesB = NaN;
let nodesN = 0;

/**
 * Fills NODE_P / NODE_W with quadrature nodes and weights for Beta(a, b); returns the count.
 * The same (a, b) as the last call keeps them: a cohort's tracking curve asks for one (a, b)
 * at every birth day and week, and customers visited by x share b + x.
 */
function betaNodes(a: number, b: number): number {
  if (a === nodesA && b === nodesB) return nodesN;
  const n = fillBetaNodes(a, b);
  nodesA = a;
  nodesB = b;
  nodesN = n;
  return n;
}

function fillBetaNodes(a: number, b: number): number {
  // forget the kept (a, b) first: an exception half-way leaves the nodes half-written
  nodesA = NaN;
  const lb = lbeta(a, b);
  const mode = Math.log(a / b);
  // at most 1: the density in u has a kink of width ~1 at its mode when a or b is tiny
  const s = Math.min(1, Math.sqrt(trigamma(a) + trigamma(b)));
  const logDensity = (u: number): number => {
    // log p^a (1-p)^b with p = 1 / (1 + e^{-u}), stable for any u
    const l1p = u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    return a * u - (a + b) * l1p - lb;
  };
  const top = logDensity(mode);
  let n = 0;
  for (const dir of [-1, 1]) {
    for (let k = dir === -1 ? 0 : 1; n < MAX_NODES; k++) {
      const v = dir * k * H;
      const u = mode + s * Math.sinh(v);
      const ld = logDensity(u);
      if (ld < top - 46 && k > 0) break;
      NODE_P[n] = 1 / (1 + Math.exp(-u));
      NODE_W[n] = Math.exp(ld) * s * Math.cosh(v) * H;
      n++;
      if (k * H > 12) break;
    }
  }
  return n;
}

/**
 * E[X(t)] for an alive customer: E over p ~ Beta(a, b) and λ ~ Gamma(r, α) of
 * (1 - e^{-λpt}) / p = (1 - (α/(α+pt))^r) / p. Unit: purchases; t ≥ 0 in the model's time unit.
 */
export function aliveExpectedTransactions(r: number, alpha: number, a: number, b: number, t: number): number {
  if (t <= 0) return 0;
  const n = betaNodes(a, b);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const p = NODE_P[k]!;
    sum +=
      NODE_W[k]! *
      (p * t < 1e-300 * alpha ? (r * t) / alpha : -Math.expm1(-r * Math.log1p((p * t) / alpha)) / p);
  }
  return sum;
}

/**
 * For an alive customer and increasing times t_1 < … < t_n, writes the cumulative expected
 * purchases E[X(t_k)] into `purchases` and the probability of still being alive at t_k,
 * E[(α/(α+pt_k))^r], into `survival`.
 */
export function aliveCurves(
  r: number,
  alpha: number,
  a: number,
  b: number,
  times: Float64Array,
  purchases: Float64Array,
  survival: Float64Array,
): void {
  purchases.fill(0);
  survival.fill(0);
  const n = betaNodes(a, b);
  const nt = times.length;
  const tMax = nt > 0 ? times[nt - 1]! : 0;
  for (let k = 0; k < n; k++) {
    const wk = NODE_W[k]!;
    const p = NODE_P[k]!;
    const pa = p / alpha;
    if (pa * tMax * (1 + r) < 1e-6) {
      // tiny drop-out chance: second-order Taylor terms are exact to double precision
      for (let j = 0; j < nt; j++) {
        const y = pa * times[j]!;
        const l = -r * y * (1 - y / 2);
        const em = l * (1 + l / 2);
        survival[j] = survival[j]! + wk * (1 + em);
        purchases[j] = purchases[j]! + wk * ((r * times[j]!) / alpha) * (1 - ((r + 1) * y) / 2);
      }
      continue;
    }
    for (let j = 0; j < nt; j++) {
      const t = times[j]!;
      // em = (α/(α+pt))^r − 1, accurate for small pt
      const em = Math.expm1(-r * Math.log1p(pa * t));
      survival[j] = survival[j]! + wk * (1 + em);
      purchases[j] = purchases[j]! + wk * (p * t < 1e-300 * alpha ? (r * t) / alpha : -em / p);
    }
  }
}
