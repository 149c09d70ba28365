/**
 * The future of an *alive* BG/NBD-type customer (purchase rate λ ~ Gamma(r, α), drop-out
 * chance p ~ Beta(a, b) after each purchase), by tanh-sinh quadrature over p.
 * The closed forms need the Gauss hypergeometric function near z = 1, where its series
 * converges slowly and with large terms; the quadrature stays accurate for any positive
 * parameters and any horizon, including very large frequencies (posterior b + x).
 */
import { lbeta } from '../special.ts';

// Tanh-sinh nodes on (0, 1), kept in log space so nodes next to 0 and 1 are exact.
const H = 1 / 12;
const U = 8;
const NODES = Math.round((2 * U) / H) + 1;
const LOG_P = new Float64Array(NODES);
const LOG_Q = new Float64Array(NODES);
const P = new Float64Array(NODES);
const LOG_JAC = new Float64Array(NODES);
for (let k = 0; k < NODES; k++) {
  const u = -U + k * H;
  const v = (Math.PI / 2) * Math.sinh(u);
  // p = 1 / (1 + e^{-2v}), 1 - p = 1 / (1 + e^{2v}); dp/du = π cosh(u) p (1 - p)
  const logP = v >= 0 ? -Math.log1p(Math.exp(-2 * v)) : 2 * v - Math.log1p(Math.exp(2 * v));
  const logQ = v <= 0 ? -Math.log1p(Math.exp(2 * v)) : -2 * v - Math.log1p(Math.exp(-2 * v));
  LOG_P[k] = logP;
  LOG_Q[k] = logQ;
  P[k] = Math.exp(logP);
  // the p(1-p) factor of the Jacobian is folded into the Beta exponents below
  LOG_JAC[k] = Math.log(Math.PI * Math.cosh(u) * H);
}

/** Expected purchases in (0, t] of an alive customer with rate λ and drop-out p, averaged over λ: (1 - (α/(α+pt))^r) / p. */
function purchasesGivenP(r: number, alpha: number, p: number, t: number): number {
  if (p * t < 1e-300 * alpha) return (r * t) / alpha;
  return -Math.expm1(-r * Math.log1p((p * t) / alpha)) / p;
}

/**
 * E[X(t)] for an alive customer: E over p ~ Beta(a, b) and λ ~ Gamma(r, α) of
 * (1 - e^{-λpt}) / p. Unit: purchases; t ≥ 0 in the model's time unit.
 */
export function aliveExpectedTransactions(r: number, alpha: number, a: number, b: number, t: number): number {
  if (t <= 0) return 0;
  const lb = lbeta(a, b);
  let s = 0;
  for (let k = 0; k < NODES; k++) {
    const lw = a * LOG_P[k]! + b * LOG_Q[k]! - lb + LOG_JAC[k]!;
    if (lw < -745) continue;
    s += Math.exp(lw) * purchasesGivenP(r, alpha, P[k]!, t);
  }
  return s;
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
  const lb = lbeta(a, b);
  for (let k = 0; k < NODES; k++) {
    const lw = a * LOG_P[k]! + b * LOG_Q[k]! - lb + LOG_JAC[k]!;
    if (lw < -745) continue;
    const wk = Math.exp(lw);
    const p = P[k]!;
    for (let j = 0; j < times.length; j++) {
      const t = times[j]!;
      const l = -r * Math.log1p((p * t) / alpha);
      survival[j] = survival[j]! + wk * Math.exp(l);
      purchases[j] = purchases[j]! + wk * (p * t < 1e-300 * alpha ? (r * t) / alpha : -Math.expm1(l) / p);
    }
  }
}
