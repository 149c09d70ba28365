/**
 * The width of the prior that ties group fits to the pooled fit, estimated from the data
 * (empirical Bayes, type II maximum likelihood): the standard deviation of the groups'
 * log-parameters around the pooled fit's that makes the groups' data most likely, each group's
 * parameters integrated out. Groups that differ from the pooled fit well beyond their own noise
 * get a wide prior (each follows its own data); groups that differ by no more than chance get a
 * narrow one (each stays near the pooled fit). A fixed width (1 before) shrank a small group
 * whose customers really do buy differently as much as one that only looked different by chance.
 */
import { fitModel } from './fit.ts';
import { cholesky, logCovariance } from './intervals.ts';
import type { LikelihoodModel } from './model.ts';
import { shrunkToward } from './shrinkage.ts';

/**
 * Candidate prior standard deviations (log scale), 0.05 to 5 in 17 steps of a factor 10^(1/8)
 * (about 1.33): finer than the marginal likelihood of a handful of groups can tell apart.
 */
export const PRIOR_SD_GRID: readonly number[] = Array.from({ length: 17 }, (_, i) => 0.05 * 10 ** (i / 8));

/** The prior width chosen from the data, with the profile it was chosen on. */
export interface PriorWidth {
  /** The standard deviation with the highest marginal log-likelihood (log scale). */
  sd: number;
  /** Its marginal log-likelihood (Laplace approximation, summed over groups). */
  logMarginal: number;
  /**
   * `low`/`high` when the maximum is the grid's first/last point (the groups are as alike as the
   * narrowest prior allows, or as different as the widest); null inside the grid.
   */
  edge: 'low' | 'high' | null;
  /** Every candidate tried, with its marginal log-likelihood (null where the approximation failed: no positive-definite curvature at the mode). */
  profile: { sd: number; logMarginal: number | null }[];
}

/**
 * Laplace approximation of one group's marginal log-likelihood under the prior
 * N(log θ; log `center`, sd² I): log L(m) + log p(m) + (k/2) log 2π + ½ log det Σ, at the
 * posterior mode m with Σ the posterior covariance of the log-parameters. With the prior's
 * normalising constant −(k/2) log 2π − k log sd the 2π terms cancel:
 * log L(m) − k log sd − |log m − log c|² / (2 sd²) + ½ log det Σ. Null when the posterior
 * has no positive-definite curvature at its mode (the approximation does not hold there).
 */
export function groupLogMarginal<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  sd: number,
  data: D,
  start?: Float64Array,
): { logMarginal: number; mode: Float64Array } | null {
  const prior = shrunkToward(model, center, sd);
  const f = fitModel(prior, data, { start: start ?? center, standardErrors: false });
  const k = center.length;
  const cov = logCovariance(prior, data, f.values);
  if (!cov) return null;
  const L = cholesky(cov, k);
  if (!L) return null;
  let halfLogDet = 0;
  for (let j = 0; j < k; j++) halfLogDet += Math.log(L[j * k + j]!);
  let dist2 = 0;
  for (let j = 0; j < k; j++) dist2 += (Math.log(f.values[j]!) - Math.log(center[j]!)) ** 2;
  const value = model.logLik(f.values, data) - k * Math.log(sd) - dist2 / (2 * sd * sd) + halfLogDet;
  return Number.isFinite(value) ? { logMarginal: value, mode: f.values } : null;
}

/**
 * The prior standard deviation on `grid` that maximises the groups' summed marginal
 * log-likelihood (one width for every group and parameter: a handful of groups cannot pin down
 * more). Null when no candidate gives every group a proper approximation. The groups' data
 * must not include customers outside them (the pooled `center` may: it is estimated from all).
 */
export function estimatePriorSd<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  groups: readonly D[],
  grid: readonly number[] = PRIOR_SD_GRID,
): PriorWidth | null {
  if (grid.length === 0 || groups.length === 0) return null;
  // warm start: each group's mode moves little from one width to the next
  const starts: (Float64Array | undefined)[] = groups.map(() => undefined);
  const profile = grid.map((sd) => {
    let total = 0;
    for (let g = 0; g < groups.length; g++) {
      const m = groupLogMarginal(model, center, sd, groups[g]!, starts[g]);
      if (!m) return { sd, logMarginal: null };
      starts[g] = m.mode;
      total += m.logMarginal;
    }
    return { sd, logMarginal: total };
  });
  let best = -1;
  profile.forEach((p, i) => {
    if (p.logMarginal !== null && (best < 0 || p.logMarginal > profile[best]!.logMarginal!)) best = i;
  });
  if (best < 0) return null;
  return {
    sd: grid[best]!,
    logMarginal: profile[best]!.logMarginal!,
    edge: grid.length > 1 && best === 0 ? 'low' : grid.length > 1 && best === grid.length - 1 ? 'high' : null,
    profile,
  };
}
