/**
 * Purchase-model fits per group of customers (a segment, channel or any customer column):
 * customers differ by segment more than one gamma/beta mixture can carry (on the demo one
 * pooled BG/NBD under-predicts repeat purchases by 15%), so each group big enough gets a fit
 * of its own; smaller groups, and customers without a value, keep the pooled fit over all
 * customers.
 */
import {
  compressRfm,
  dataWeights,
  logCovariance,
  priorSdWithFits,
  shrunkToward,
  fitModel,
  PARAM_EDGE,
  PURCHASE_LIKELIHOODS,
  type FitIssue,
  type FitResult,
  type LikelihoodModel,
  type PriorWidth,
  type RfmData,
} from '../clv/index.ts';
import type { PurchaseModelId } from './settings.ts';

/** Customers split into fit groups; `pooled` is every customer. */
export interface FitGroups {
  /** Names of the groups that get a fit of their own, in a stable order. */
  names: string[];
  /** Per customer (summary order): index into `names`, or -1 for the pooled fit. */
  groupOf: Int32Array;
  /** Prior standard deviation of a group's log-parameters around the pooled fit's ({@link GroupRule.priorSd}). */
  priorSd: PriorSdRule;
}

/** A fixed prior standard deviation, `estimate` (from the data: empirical Bayes, see src/clv/priorWidth.ts), or null: no shrinkage. */
export type PriorSdRule = number | 'estimate' | null;

/** Minimum sizes for a group's own fit, and how far it is shrunk toward the pooled fit. */
export interface GroupRule {
  minCustomers: number;
  minRepeatBuyers: number;
  /** Prior standard deviation of a group's log-parameters around the pooled fit's (see {@link fitPerGroup}); `estimate`: chosen from the data; null: no shrinkage. */
  priorSd: PriorSdRule;
}

/** Groups from each customer's value of the grouping column (null: none); too small groups fall back to pooled. */
export function fitGroups(values: readonly (string | null)[], x: Float64Array, rule: GroupRule): FitGroups {
  const counts = groupCounts(values, x);
  const names = [...counts.entries()]
    .filter(([, c]) => c.n >= rule.minCustomers && c.repeat >= rule.minRepeatBuyers)
    .map(([k]) => k);
  names.sort();
  // Every customer in one own group is no grouping at all: the pooled fit is that fit.
  if (names.length === 1 && counts.size === 1 && !values.includes(null)) names.length = 0;
  const index = new Map(names.map((n, i) => [n, i]));
  const groupOf = Int32Array.from(values, (v) => (v === null ? -1 : (index.get(v) ?? -1)));
  return { names, groupOf, priorSd: rule.priorSd };
}

/** Customers and repeat buyers (x > 0) per value of the grouping column (null: in no group). */
function groupCounts(
  values: readonly (string | null)[],
  x: Float64Array,
): Map<string, { n: number; repeat: number }> {
  const counts = new Map<string, { n: number; repeat: number }>();
  values.forEach((v, i) => {
    if (v === null) return;
    const c = counts.get(v) ?? { n: 0, repeat: 0 };
    c.n++;
    if (x[i]! > 0) c.repeat++;
    counts.set(v, c);
  });
  return counts;
}

/**
 * How unlikely a segment's lack of repeat buyers must be under the pooled fit before it is taken
 * as the segment's own behaviour (5%): see {@link noRepeatSegments}.
 */
export const NO_REPEAT_CHANCE = 0.05;

/**
 * The segments (values of the grouping column) without one repeat buyer where the data say so
 * for sure: under the pooled fit (`model` at `pooled`) the chance that none of its customers
 * bought again by their own age T is below {@link NO_REPEAT_CHANCE}. For a customer without
 * repeat purchases each purchase model's likelihood is exactly that probability,
 * P(X(T) = 0) (BG/NBD: (α / (α + T))^r), and the customers are independent given the
 * parameters, so the chance for the segment is the product: the likelihood of its customers'
 * rows (x = 0, t_x = 0, T). Such a segment buys again less than the other customers do, and
 * nothing in its data says how much less: its lifetime value is undetermined (`noRepeatBuyers`),
 * not guessed. A segment where the chance is not small (a handful of young one-off customers)
 * is too small to say: it keeps the pooled fit, as every group too small for its own fit does.
 * Returns each such segment with its chance.
 */
export function noRepeatSegments(
  values: readonly (string | null)[],
  x: Float64Array,
  T: Float64Array,
  model: LikelihoodModel<RfmData>,
  pooled: Float64Array,
): Map<string, number> {
  const counts = groupCounts(values, x);
  // the ages of each segment without a repeat buyer, gathered in one pass (a column with a
  // value per customer makes as many segments as customers)
  const ages = new Map<string, number[]>();
  for (const [segment, c] of counts) if (c.repeat === 0) ages.set(segment, []);
  values.forEach((v, i) => {
    if (v !== null) ages.get(v)?.push(T[i]!);
  });
  const out = new Map<string, number>();
  for (const [segment, t] of ages) {
    const zeros = new Float64Array(t.length);
    const chance = Math.exp(model.logLik(pooled, compressRfm(zeros, zeros, Float64Array.from(t))));
    if (chance < NO_REPEAT_CHANCE) out.set(segment, chance);
  }
  return out;
}

/**
 * Whether a group's own fit cannot stand: an estimate at the edge of the parameter space
 * (the likelihood has no maximum inside it), no finite standard error (the Hessian is not
 * positive definite: a flat or saddle point), or a non-finite log-likelihood. A standard
 * error larger than its estimate is not enough on a group of 50-100 customers: that is
 * uncertainty (kept, with its warning, and carried into the intervals), not a broken fit.
 */
export function ownFitFails(f: FitResult): boolean {
  if (!Number.isFinite(f.logLikelihood)) return true;
  return f.values.some(
    (v, i) =>
      v < PARAM_EDGE.min || v > PARAM_EDGE.max || !Number.isFinite(Object.values(f.standardErrors)[i]!),
  );
}

/** The fits of one model: pooled, and the one used per group (same order as `names`). */
export interface GroupFits {
  model: PurchaseModelId;
  pooled: FitResult;
  /** The fit used for each group: its own (degenerate only when at the edge), or the pooled one where its own fails ({@link ownFitFails}). */
  groups: FitResult[];
  /** Per group: true when its own fit failed and the pooled fit stands in. */
  fellBack: boolean[];
  /** Per group: its own fit's warnings (also when the pooled fit stands in: they say why). */
  ownWarnings: string[][];
  /** Per group: its own fit's issues (the same as `ownWarnings`, as data). */
  ownIssues: FitIssue[][];
  /** Per group: the likelihood its own fit maximised (shrunk toward the pooled fit when `priorSd` is set), for its covariance. */
  ownModels: LikelihoodModel<RfmData>[];
  /**
   * Per group, per parameter (model order): the share of the estimate that rests on the group's
   * own data, 1 − posterior variance / prior variance of the log-parameter (0: the pooled fit
   * alone, 1: the group alone); null without shrinkage or when the posterior has no covariance.
   */
  dataWeights: (Float64Array | null)[];
  /** The prior standard deviation used (estimated or fixed); null without shrinkage or groups. */
  priorSd: number | null;
  /** How the width was estimated (`priorSd: 'estimate'`); null when fixed, off, or no group. */
  priorWidth: PriorWidth | null;
}

/** Rows of group `g` (-1: the customers on the pooled fit). */
export function rowsOf(groups: FitGroups, g: number): Int32Array {
  let n = 0;
  for (let i = 0; i < groups.groupOf.length; i++) if (groups.groupOf[i] === g) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < groups.groupOf.length; i++) if (groups.groupOf[i] === g) out[k++] = i;
  return out;
}

/** Picks `rows` of a column. */
export function take(a: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]!]!;
  return out;
}

/**
 * Fits `model` on every customer and on each group. With `groups.priorSd` set, a group's fit is
 * the posterior mode under a normal prior on its log-parameters centred on the pooled fit's
 * (empirical Bayes: the pooled fit is estimated from the same customers), so a small group
 * borrows strength from all customers and a large one follows its own data; the weight of its
 * own data follows from its information against the prior's ({@link GroupFits.dataWeights}).
 * Each group fit's `logLikelihood` is its data's log-likelihood at the estimates (no prior term),
 * so AIC and BIC compare like with like.
 */
export function fitPerGroup(
  model: PurchaseModelId,
  groups: FitGroups,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  options: { dataWeights?: boolean } = {},
): GroupFits {
  const lik = PURCHASE_LIKELIHOODS[model];
  const { pooled: pooledData, groups: groupData } = groupedData(groups, x, tx, T);
  const pooled = fitModel(lik, pooledData);
  const estimate =
    groups.priorSd === 'estimate' && groups.names.length > 0 && !ownFitFails(pooled)
      ? priorSdWithFits(lik, pooled.values, groupData)
      : null;
  const priorWidth = estimate?.width ?? null;
  // an estimate that cannot be made (pooled fit at the edge, no curvature) falls back to the former fixed width
  const sd = groups.priorSd === 'estimate' ? (priorWidth?.sd ?? FALLBACK_PRIOR_SD) : groups.priorSd;
  const ownModels = groups.names.map(() => (sd === null ? lik : shrunkToward(lik, pooled.values, sd)));
  // the estimate fitted every group at the width it chose, with the very likelihood of ownModels: those are the fits
  const made = estimate && estimate.fits.length === groups.names.length ? estimate.fits : null;
  const own = groups.names.map((_, g) => {
    const data = groupData[g]!;
    const f = made?.[g] ?? fitModel(ownModels[g]!, data, { start: pooled.values });
    return sd === null ? f : { ...f, logLikelihood: lik.logLik(f.values, data) };
  });
  const weights =
    options.dataWeights === false || sd === null
      ? own.map(() => null)
      : groupDataWeights(ownModels, groupData, own, sd);
  const fellBack = own.map(ownFitFails);
  // a kept group fit is not degenerate: its wide standard errors stay as warnings
  const kept = own.map((f): FitResult => ({ ...f, degenerate: false }));
  return {
    model,
    pooled,
    groups: kept.map((f, g) => (fellBack[g] ? pooled : f)),
    fellBack,
    ownWarnings: own.map((f) => f.warnings),
    ownIssues: own.map((f) => f.issues),
    ownModels,
    dataWeights: weights,
    priorSd: groups.names.length ? sd : null,
    priorWidth,
  };
}

/**
 * Per group, the share of each estimate resting on the group's own data
 * ({@link GroupFits.dataWeights}), from the posterior's covariance of the log-parameters (a
 * numerical Hessian over the group's data: the one `worth clv` stores for the intervals).
 */
function groupDataWeights(
  ownModels: readonly LikelihoodModel<RfmData>[],
  groupData: readonly RfmData[],
  own: readonly FitResult[],
  sd: number,
): (Float64Array | null)[] {
  return own.map((f, g) => {
    const cov = logCovariance(ownModels[g]!, groupData[g]!, f.values);
    return cov ? dataWeights(cov, f.values.length, sd) : null;
  });
}

/**
 * `fits` with each group's data weights (for a fit made with `dataWeights: false`): the chosen
 * model's only, where every candidate is fitted and one is used.
 */
export function withDataWeights(
  fits: GroupFits,
  groups: FitGroups,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
): GroupFits {
  if (fits.priorSd === null || fits.dataWeights.some((w) => w !== null)) return fits;
  const own = fits.groups.map((f, g) => (fits.fellBack[g] ? null : f));
  const data = groupedData(groups, x, tx, T).groups;
  const weights = own.map((f, g) => {
    if (f === null) return null;
    const cov = logCovariance(fits.ownModels[g]!, data[g]!, f.values);
    return cov ? dataWeights(cov, f.values.length, fits.priorSd!) : null;
  });
  return { ...fits, dataWeights: weights };
}

/** The compressed data of every customer and of each group, by the arrays they were made from. */
const compressed = new WeakMap<
  Float64Array,
  { tx: Float64Array; T: Float64Array; groupOf: Int32Array; pooled: RfmData; groups: RfmData[] }[]
>();

/**
 * Every customer's and each group's histories compressed ({@link compressRfm}), made once for
 * the same columns and grouping: every candidate model is fitted on the same data (at 1,000,000
 * customers each compression of all of them costs about 0.3 s, and there were three per model).
 */
export function groupedData(
  groups: FitGroups,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
): { pooled: RfmData; groups: RfmData[] } {
  const kept = compressed.get(x) ?? [];
  const hit = kept.find((k) => k.tx === tx && k.T === T && k.groupOf === groups.groupOf);
  if (hit) return hit;
  const made = {
    tx,
    T,
    groupOf: groups.groupOf,
    pooled: compressRfm(x, tx, T),
    groups: groups.names.map((_, g) => {
      const rows = rowsOf(groups, g);
      return compressRfm(take(x, rows), take(tx, rows), take(T, rows));
    }),
  };
  compressed.set(x, [...kept, made]);
  return made;
}

/** The prior width used when it is to be estimated but cannot be (the fixed default before estimation). */
export const FALLBACK_PRIOR_SD = 1;

/** The fit that holds for each customer: its group's, else the pooled one. */
export function fitFor(fits: GroupFits, groups: FitGroups, i: number): FitResult {
  const g = groups.groupOf[i]!;
  return g < 0 ? fits.pooled : fits.groups[g]!;
}

/** Log-likelihood and parameter count of the grouped model (each group's fit, the pooled fit for the rest). */
export function groupedLikelihood(
  fits: GroupFits,
  groups: FitGroups,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
): { logLikelihood: number; parameters: number } {
  const lik = PURCHASE_LIKELIHOODS[fits.model];
  let ll = 0;
  let sets = 0;
  const pooledRows: number[] = [];
  groups.names.forEach((_, g) => {
    if (fits.fellBack[g]) pooledRows.push(...rowsOf(groups, g));
    else {
      ll += fits.groups[g]!.logLikelihood;
      sets++;
    }
  });
  pooledRows.push(...rowsOf(groups, -1));
  if (pooledRows.length) {
    const rest = Int32Array.from(pooledRows);
    ll += lik.logLik(fits.pooled.values, compressRfm(take(x, rest), take(tx, rest), take(T, rest)));
    sets++;
  }
  const parameters = lik.paramNames.length * sets;
  return { logLikelihood: ll, parameters };
}
