/**
 * The first two moments of an alive customer's purchase count N in the next t time units,
 * given its history: what chance alone spreads a holdout count by (the holdout check's band).
 * Alive at T, the posterior of the purchase rate is λ ~ Gamma(R, A) (R = r + x, A = α + T) in
 * every model here; they differ in how the customer drops out.
 */
import { lgamma } from '../special.ts';

/** E[N] and E[N²] of an alive customer. */
export interface CountMoments {
  mean: number;
  second: number;
}

/**
 * BG/NBD family (MBG/NBD with B one larger): drop-out chance p ~ Beta(a, B) after each purchase
 * (B = b + x for BG/NBD). With K ~ Poisson(λt) purchase chances and G ~ Geometric(p) the purchase
 * after which the customer leaves, N = min(K, G), so P(N ≥ k) = P(K ≥ k) E[(1 - p)^(k-1)]:
 * K is negative binomial under the Gamma mixture, E[(1 - p)^(k-1)] a ratio of Beta functions
 * (a running product), and E[N] = Σ P(N ≥ k), E[N²] = Σ (2k - 1) P(N ≥ k). Summed until the
 * tail of K is below 1e-15 past its mean (at most 10 million terms).
 */
export function bgAliveCountMoments(R: number, A: number, a: number, B: number, t: number): CountMoments {
  if (!(t > 0)) return { mean: 0, second: 0 };
  const logQ = Math.log(t / (A + t));
  const log1mQ = Math.log(A / (A + t));
  const meanK = (R * t) / A;
  let mean = 0;
  let second = 0;
  // tail = P(K >= k), starting at k = 1: 1 - P(K = 0)
  let tail = -Math.expm1(R * log1mQ);
  let survive = 1; // E[(1 - p)^(k-1)]
  // P(K = k) by its recurrence from P(K = 0); in logs where P(K = 0) underflows (a large R)
  const p0 = Math.exp(R * log1mQ);
  const q = t / (A + t);
  let pk = p0;
  for (let k = 1; k < 10_000_000; k++) {
    const term = tail * survive;
    mean += term;
    second += (2 * k - 1) * term;
    if (k > meanK && (tail < 1e-15 || term < 1e-17 * mean)) break;
    pk =
      p0 > 1e-290
        ? (pk * (R + k - 1) * q) / k
        : Math.exp(lgamma(R + k) - lgamma(R) - lgamma(k + 1) + R * log1mQ + k * logQ);
    tail = Math.max(0, tail - pk);
    survive *= (B + k - 1) / (a + B + k - 1);
  }
  return { mean, second };
}

/** (e^(cL) - 1) / c, L at c = 0: ∫₀ᴸ e^(cv) dv. */
function expIntegral(c: number, L: number): number {
  return c === 0 ? L : Math.expm1(c * L) / c;
}

/**
 * Pareto/NBD: the remaining lifetime τ ~ Exp(μ), μ ~ Gamma(S, Bt) (S = s, Bt = β + T) independent
 * of λ, and N ~ Poisson(λ m), m = min(τ, t). So E[N] = E[λ] E[m] and E[N²] = E[λ] E[m] + E[λ²] E[m²],
 * with E[m] = ∫₀ᵗ P(τ > u) du and E[m²] = ∫₀ᵗ 2u P(τ > u) du, P(τ > u) = (Bt / (Bt + u))^S; in
 * v = log(1 + u / Bt) both are exponential integrals (closed form, no singularity at S = 1 or 2).
 */
export function paretoAliveCountMoments(
  R: number,
  A: number,
  S: number,
  Bt: number,
  t: number,
): CountMoments {
  if (!(t > 0)) return { mean: 0, second: 0 };
  const L = Math.log1p(t / Bt);
  const m1 = Bt * expIntegral(1 - S, L);
  const m2 = 2 * Bt * Bt * (expIntegral(2 - S, L) - expIntegral(1 - S, L));
  const l1 = R / A;
  const l2 = (R * (R + 1)) / (A * A);
  return { mean: l1 * m1, second: l1 * m1 + l2 * m2 };
}
