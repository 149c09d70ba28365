/**
 * Shifted-beta-geometric (Fader & Hardie 2007): contract customers each churn at the end of
 * a period with probability θ ~ Beta(α, β). Input: customers alive at the start of each
 * period (period 0 = the whole cohort). Parameters: alpha, beta (> 0).
 */
import type { ParamsOf } from '../../core/index.ts';
import { declared, type LikelihoodModel } from '../model.ts';
import { digamma, lbeta } from '../special.ts';

/** Cohort survival counts: alive[k] customers still active at the start of period k. */
export interface CohortData {
  /** Non-increasing counts, alive[0] = cohort size. */
  alive: Float64Array;
}

function logLik(params: Float64Array, d: CohortData, grad?: Float64Array): number {
  const a = params[0]!;
  const b = params[1]!;
  const lb0 = lbeta(a, b);
  const pab = digamma(a + b);
  const pa = digamma(a);
  const pb = digamma(b);
  let ll = 0;
  let gA = 0;
  let gB = 0;
  const n = d.alive.length - 1;
  for (let t = 1; t <= n; t++) {
    const churned = d.alive[t - 1]! - d.alive[t]!;
    if (churned === 0) continue;
    // P(T = t) = B(α + 1, β + t - 1) / B(α, β)
    ll += churned * (lbeta(a + 1, b + t - 1) - lb0);
    const ps = digamma(a + b + t);
    gA += churned * (digamma(a + 1) - ps - pa + pab);
    gB += churned * (digamma(b + t - 1) - ps - pb + pab);
  }
  const survivors = d.alive[n]!;
  if (survivors > 0) {
    // S(n) = B(α, β + n) / B(α, β)
    ll += survivors * (lbeta(a, b + n) - lb0);
    const ps = digamma(a + b + n);
    gA += survivors * (pa - ps - pa + pab);
    gB += survivors * (digamma(b + n) - ps - pb + pab);
  }
  if (grad) {
    grad[0] = gA;
    grad[1] = gB;
  }
  return ll;
}

/** sBG as a {@link LikelihoodModel} over {@link CohortData}. */
export const sbg: LikelihoodModel<CohortData, 'sbg'> = {
  ...declared('sbg'),
  logLik,
  start: () => Float64Array.of(1, 1),
  customers: (d) => d.alive[0] ?? 0,
};

/** The model's parameters by name, as declared in src/core. */
export type SbgParams = ParamsOf<'sbg'>;

/** S(t): share of the cohort still active after t periods, B(α, β + t) / B(α, β), in [0, 1]. */
export function sbgSurvival(p: SbgParams, t: number): number {
  return Math.exp(lbeta(p.alpha, p.beta + t) - lbeta(p.alpha, p.beta));
}

/** Retention rate from period t - 1 to t (t ≥ 1): (β + t - 1) / (α + β + t - 1). */
export function sbgRetention(p: SbgParams, t: number): number {
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

/** Expected customers of a cohort of `size` still active after t periods. */
export function sbgExpectedAlive(p: SbgParams, size: number, t: number): number {
  return size * sbgSurvival(p, t);
}
