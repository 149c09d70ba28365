/**
 * The width of the prior that ties group fits to the pooled fit, estimated from the data
 * (empirical Bayes, type II maximum likelihood): the standard deviation of the groups'
 * log-parameters around the pooled fit's that makes the groups' data most likely, each group's
 * parameters integrated out. Groups that differ from the pooled fit well beyond their own noise
 * get a wide prior (each follows its own data); groups that differ by no more than chance get a
 * narrow one (each stays near the pooled fit). A fixed width (1 before) shrank a small group
 * whose customers really do buy differently as much as one that only looked different by chance.
 */
import { fitModel, type FitResult } from './fit.ts';
import { cholesky } from './intervals.ts';
import { invert } from './optim/hessian.ts';
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
  /**
   * Every candidate, with its marginal log-likelihood (null where the approximation failed: no
   * positive-definite curvature at the mode). `exact`: from the groups' fits at that width;
   * otherwise from each group's likelihood expanded to second order at its fit at the nearest
   * exact width (see {@link estimatePriorSd}).
   */
  profile: { sd: number; logMarginal: number | null; exact: boolean }[];
  /** Widths at which every group was fitted (the rest of the profile is the expansion's). */
  fitted: number;
}

/**
 * One group's log-likelihood to second order in its log-parameters u around a posterior mode
 * u0: ℓ(u) ≈ ℓ0 + gᵀ(u − u0) − ½ (u − u0)ᵀ H (u − u0). At a mode under the prior N(c, sd²I)
 * the gradient is g = (u0 − c) / sd² and the information H = Σ⁻¹ − I / sd² (Σ: the posterior
 * covariance), so the fit at one width gives the expansion for free.
 */
interface Expansion {
  u0: Float64Array;
  l0: number;
  g: Float64Array;
  h: Float64Array;
}

/**
 * Laplace approximation of one group's marginal log-likelihood under the prior
 * N(log θ; log `center`, sd² I): log L(m) + log p(m) + (k/2) log 2π + ½ log det Σ, at the
 * posterior mode m with Σ the posterior covariance of the log-parameters. With the prior's
 * normalising constant −(k/2) log 2π − k log sd the 2π terms cancel:
 * log L(m) − k log sd − |log m − log c|² / (2 sd²) + ½ log det Σ. Null when the posterior
 * has no positive-definite curvature at its mode (the approximation does not hold there).
 * Also gives the group's likelihood expanded at that mode ({@link Expansion}).
 */
export function groupLogMarginal<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  sd: number,
  data: D,
  start?: Float64Array,
): { logMarginal: number; mode: Float64Array; expansion: Expansion | null; fit: FitResult } | null {
  const prior = shrunkToward(model, center, sd);
  // the fit's own covariance: forward differences from the optimiser's last gradient (one gradient per parameter)
  const f = fitModel(prior, data, { start: start ?? center });
  const k = center.length;
  if (!f.covariance) return null;
  const cov = f.covariance.map((v, i) => v / (f.values[Math.floor(i / k)]! * f.values[i % k]!));
  const L = cholesky(cov, k);
  if (!L) return null;
  let halfLogDet = 0;
  for (let j = 0; j < k; j++) halfLogDet += Math.log(L[j * k + j]!);
  let dist2 = 0;
  for (let j = 0; j < k; j++) dist2 += (Math.log(f.values[j]!) - Math.log(center[j]!)) ** 2;
  const l0 = model.logLik(f.values, data);
  const value = l0 - k * Math.log(sd) - dist2 / (2 * sd * sd) + halfLogDet;
  if (!Number.isFinite(value)) return null;
  const precision = invert(cov, k);
  let expansion: Expansion | null = null;
  if (precision) {
    const u0 = f.values.map(Math.log);
    const g = u0.map((u, j) => (u - Math.log(center[j]!)) / (sd * sd));
    for (let j = 0; j < k; j++) precision[j * k + j] = precision[j * k + j]! - 1 / (sd * sd);
    expansion = { u0, l0, g, h: precision };
  }
  return { logMarginal: value, mode: f.values, expansion, fit: f };
}

/** The marginal of {@link groupLogMarginal} with the group's likelihood replaced by its expansion (exact for a quadratic one); null without positive-definite posterior curvature. */
function expandedLogMarginal(
  e: Expansion,
  logCenter: Float64Array,
  sd: number,
): { value: number; mode: Float64Array } | null {
  const k = e.u0.length;
  const tau = 1 / (sd * sd);
  // posterior precision P = H + I/sd², mode m = P⁻¹ (H u0 + g + c/sd²)
  const p = Float64Array.from(e.h);
  for (let j = 0; j < k; j++) p[j * k + j] = p[j * k + j]! + tau;
  const L = cholesky(p, k);
  if (!L) return null;
  const rhs = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = e.g[i]! + logCenter[i]! * tau;
    for (let j = 0; j < k; j++) s += e.h[i * k + j]! * e.u0[j]!;
    rhs[i] = s;
  }
  // solve L Lᵀ m = rhs
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = rhs[i]!;
    for (let j = 0; j < i; j++) s -= L[i * k + j]! * y[j]!;
    y[i] = s / L[i * k + i]!;
  }
  const m = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let j = i + 1; j < k; j++) s -= L[j * k + i]! * m[j]!;
    m[i] = s / L[i * k + i]!;
  }
  let lin = 0;
  let quad = 0;
  let dist2 = 0;
  let logDetP = 0;
  for (let i = 0; i < k; i++) {
    const di = m[i]! - e.u0[i]!;
    lin += e.g[i]! * di;
    for (let j = 0; j < k; j++) quad += di * e.h[i * k + j]! * (m[j]! - e.u0[j]!);
    dist2 += (m[i]! - logCenter[i]!) ** 2;
    logDetP += 2 * Math.log(L[i * k + i]!);
  }
  const value = e.l0 + lin - quad / 2 - k * Math.log(sd) - (dist2 * tau) / 2 - logDetP / 2;
  return Number.isFinite(value) ? { value, mode: m } : null;
}

/** An expansion of a sample's log-likelihood as one of the whole data's (`stride` rows of the data per row of the sample). */
function scaled(e: Expansion, stride: number): Expansion {
  return {
    u0: e.u0,
    l0: e.l0 * stride,
    g: e.g.map((v) => v * stride),
    h: e.h.map((v) => v * stride),
  };
}

/** Rows above which a group's first expansion is read from a systematic sample of about this many rows (as `fitModel` warm-starts). */
const SAMPLE_ROWS = 50_000;

/** Widths at which the groups are fitted at most, before the best one fitted so far is taken. */
const MAX_FITTED_WIDTHS = 6;

/**
 * The prior standard deviation on `grid` that maximises the groups' summed marginal
 * log-likelihood (one width for every group and parameter: a handful of groups cannot pin down
 * more). Null when no candidate gives every group a proper approximation. The groups' data
 * must not include customers outside them (the pooled `center` may: it is estimated from all).
 *
 * Fitting every group at every one of the 17 widths cost 18 to 30 single fits at 200,000 and
 * 1,000,000 customers (BENCHMARKS.md). What the widths share is each group's likelihood: its
 * fit at one width gives it to second order ({@link Expansion}), and under a normal prior the
 * marginal of a quadratic likelihood is closed form. So the groups are fitted at the width
 * nearest 1, the profile over the whole grid is read from their expansions, and the groups are
 * fitted again at its best width (warm-started at their modes), until the best width is one
 * already fitted: usually two widths. The chosen width's figures are exact (from fits); a
 * width the expansion ranks best is always fitted before it is chosen.
 */
export function estimatePriorSd<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  groups: readonly D[],
  grid: readonly number[] = PRIOR_SD_GRID,
): PriorWidth | null {
  return priorSdWithFits(model, center, groups, grid)?.width ?? null;
}

/**
 * {@link estimatePriorSd} with the groups' fits at the chosen width: each group's posterior mode
 * under the prior N(log `center`, sd² I), fitted by maximum likelihood like any other fit (its
 * standard errors and covariance included). They are the group fits a caller would make next at
 * that width, already made (a caller fitting them again from another start gets the same mode
 * to the optimiser's tolerance, at the cost of one more fit of every group).
 */
export function priorSdWithFits<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  groups: readonly D[],
  grid: readonly number[] = PRIOR_SD_GRID,
): { width: PriorWidth; fits: FitResult[] } | null {
  if (grid.length === 0 || groups.length === 0) return null;
  const fitsAt = new Map<number, FitResult[]>();
  const logCenter = center.map(Math.log);
  const exact = new Map<number, number | null>();
  const profileOf = (expansions: readonly Expansion[]) =>
    grid.map((sd) => {
      let t = 0;
      const modes: Float64Array[] = [];
      for (const e of expansions) {
        const v = expandedLogMarginal(e, logCenter, sd);
        if (v === null) return null;
        t += v.value;
        modes.push(v.mode);
      }
      return { value: t, modes };
    });
  // first, each group's likelihood expanded at the width nearest 1, a large group's from a sample
  let approx = profileOf(sampledExpansions(model, center, grid[nearestIndex(grid, 1)]!, groups) ?? []);
  const starts: (Float64Array | undefined)[] = groups.map(() => undefined);
  let next = approx.length && approx.every((p) => p !== null) ? bestIndex(approx.map((p) => p!.value)) : -1;
  if (next < 0) next = nearestIndex(grid, 1);
  else approx[next]!.modes.forEach((m, g) => (starts[g] = m.map(Math.exp)));
  while (!exact.has(next) && exact.size < MAX_FITTED_WIDTHS) {
    const sd = grid[next]!;
    const expansions: Expansion[] = [];
    const fits: FitResult[] = [];
    let total: number | null = 0;
    for (let g = 0; g < groups.length && total !== null; g++) {
      const m = groupLogMarginal(model, center, sd, groups[g]!, starts[g]);
      if (!m) total = null;
      else {
        starts[g] = m.mode;
        total += m.logMarginal;
        fits.push(m.fit);
        if (m.expansion) expansions.push(m.expansion);
      }
    }
    exact.set(next, total);
    if (total !== null) fitsAt.set(next, fits);
    // no expansion for every group (no curvature at a mode): walk the grid fitting, as before
    if (total === null || expansions.length < groups.length) {
      const every = priorSdEveryWidth(model, center, groups, grid);
      return every === null ? null : { width: every, fits: [] };
    }
    approx = profileOf(expansions);
    next = bestIndex(grid.map((_, i) => (exact.has(i) ? exact.get(i)! : (approx[i]?.value ?? null))));
    if (next < 0) break;
  }
  const fittedBest = bestIndex(grid.map((_, i) => (exact.has(i) ? exact.get(i)! : null)));
  if (fittedBest < 0) return null;
  const profile = grid.map((sd, i) => ({
    sd,
    logMarginal: exact.has(i) ? exact.get(i)! : (approx[i]?.value ?? null),
    exact: exact.has(i),
  }));
  return { width: widthAt(grid, fittedBest, profile, exact.size), fits: fitsAt.get(fittedBest)! };
}

/**
 * Each group's likelihood expanded at its posterior mode under width `sd`: a group of more than
 * twice {@link SAMPLE_ROWS} rows from a systematic sample of about that many, its expansion
 * scaled to the whole group; null when a model has no sampling or some group has no expansion.
 */
function sampledExpansions<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  sd: number,
  groups: readonly D[],
): Expansion[] | null {
  const out: Expansion[] = [];
  for (const data of groups) {
    const rows = model.rows?.(data) ?? 0;
    const stride = model.subsample && rows > 2 * SAMPLE_ROWS ? Math.ceil(rows / SAMPLE_ROWS) : 1;
    const sample = stride > 1 ? model.subsample!(data, stride) : data;
    const m = groupLogMarginal(model, center, sd, sample);
    if (!m?.expansion) return null;
    out.push(stride > 1 ? scaled(m.expansion, stride) : m.expansion);
  }
  return out;
}

/**
 * The original search: every group fitted at every width (used when a group's likelihood cannot
 * be expanded; the benchmark and a test compare the shared search with it).
 */
export function priorSdEveryWidth<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  groups: readonly D[],
  grid: readonly number[] = PRIOR_SD_GRID,
): PriorWidth | null {
  const starts: (Float64Array | undefined)[] = groups.map(() => undefined);
  const profile = grid.map((sd) => {
    let total = 0;
    for (let g = 0; g < groups.length; g++) {
      const m = groupLogMarginal(model, center, sd, groups[g]!, starts[g]);
      if (!m) return { sd, logMarginal: null, exact: true };
      starts[g] = m.mode;
      total += m.logMarginal;
    }
    return { sd, logMarginal: total, exact: true };
  });
  const best = bestIndex(profile.map((p) => p.logMarginal));
  return best < 0 ? null : widthAt(grid, best, profile, grid.length);
}

function widthAt(
  grid: readonly number[],
  best: number,
  profile: PriorWidth['profile'],
  fitted: number,
): PriorWidth {
  return {
    sd: grid[best]!,
    logMarginal: profile[best]!.logMarginal!,
    edge: grid.length > 1 && best === 0 ? 'low' : grid.length > 1 && best === grid.length - 1 ? 'high' : null,
    profile,
    fitted,
  };
}

/** Index of the largest non-null value (the first of equals); -1 when none. */
function bestIndex(values: readonly (number | null)[]): number {
  let best = -1;
  values.forEach((v, i) => {
    if (v !== null && (best < 0 || v > values[best]!)) best = i;
  });
  return best;
}

/** Index of the grid point nearest `value` on a log scale. */
function nearestIndex(grid: readonly number[], value: number): number {
  let best = 0;
  grid.forEach((g, i) => {
    if (Math.abs(Math.log(g / value)) < Math.abs(Math.log(grid[best]! / value))) best = i;
  });
  return best;
}
