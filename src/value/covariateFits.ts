/**
 * The purchase models with covariates (worth.yaml `clv.covariates`, src/clv/covariates.ts) against
 * the same models without them: each candidate that takes covariates is fitted over all customers
 * with and without them (the nested pair: AIC, BIC and a likelihood-ratio statistic) and both are
 * checked on the held-out weeks (the covariate fit made on the calibration part, each customer
 * forecast with the parameters its covariates give). The comparison and its verdict are stored
 * with the model choice; the lifetime values themselves stay on the chosen per-segment fits (a
 * covariate fit scales only the rates, where a segment's own fit moves every parameter).
 */
import { closest, distance } from 'fastest-levenshtein';
import {
  covariateData,
  covariateLikelihood,
  effectiveParams,
  encodeCovariates,
  fitModel,
  FORECASTERS,
  PURCHASE_LIKELIHOODS,
  COVARIATE_LINKS,
  compressRfm,
  takesCovariates,
  type CovariateColumn,
  type CovariateModelId,
  type FitResult,
} from '../clv/index.ts';
import { HOLDOUT_TIE, typedParams, WorthError, type ParamsOf } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { HoldoutCheck, HoldoutData } from './holdout.ts';
import type { PurchaseModelId } from './settings.ts';
import { PURCHASE_DAYS_TABLE, SUMMARY_TABLE } from './summarySql.ts';

/** One fit's figures in the comparison. */
export interface CovariateFitFigures {
  logLikelihood: number;
  parameters: number;
  aic: number;
  bic: number;
  /** Expected minus actual held-out repeat purchases, as a share of actual; null without a holdout check or when nothing happened. */
  holdoutError: number | null;
  /**
   * The held-out gap group by group (the `clv.segment_by` column): Σ |expected − actual| over the
   * groups as a share of all actual purchases (a total can be right while every group is off);
   * null without a holdout check.
   */
  holdoutGroupGap: number | null;
  degenerate: boolean;
}

/** One model with and without the covariates. */
export interface CovariateComparison {
  model: CovariateModelId;
  /** The covariates' names as fitted: `column=level` dummies (against `reference`), standardised numbers by column name. */
  names: string[];
  /** Each level column's reference level (the one with most customers). */
  reference: Record<string, string>;
  /** Levels folded into the reference for having fewer customers than `clv.min_group_customers`. */
  folded: { column: string; level: string; customers: number }[];
  /** The coefficients (`trans:NAME`, `life:NAME`) and the base parameters, with standard errors. */
  params: Record<string, number>;
  standardErrors: Record<string, number>;
  /** The fit's warnings (English, as stored fits keep them). */
  warnings: string[];
  with: CovariateFitFigures;
  without: CovariateFitFigures;
  /**
   * The model in use (the chosen candidate's per-segment fits), for reference: its held-out gap
   * group by group, as above; null without a holdout check.
   */
  inUse: { model: PurchaseModelId; holdoutGroupGap: number | null };
  /** 2 (log L with − log L without): chi-squared with 2k degrees of freedom when the covariates do nothing. */
  likelihoodRatio: number;
  /** Which fits the data better: `covariates` only when its BIC is lower, its held-out group gap no worse (within the tie) and it is not degenerate. */
  better: 'covariates' | 'without';
  /** One sentence: why. */
  reason: string;
}

/** The covariates of the workspace's customers, read and encoded for the fit. */
export interface WorkspaceCovariates {
  columns: string[];
  /** Per summarised customer (summary order). */
  z: Float64Array;
  names: string[];
  reference: Record<string, string>;
  folded: { column: string; level: string; customers: number }[];
  scaling: Record<string, { mean: number; sd: number }>;
  /** Per held-out customer (the holdout's order), encoded the same way; null without a holdout. */
  holdoutZ: Float64Array | null;
}

const NUMBER = /^[-+]?(\d+([.]\d*)?|[.]\d+)([eE][-+]?\d+)?$/;
const NON_FINITE = /^[-+]?(nan|inf|infinity)$/i;

/**
 * Reads and encodes the customer columns named in `clv.covariates`: a column of numbers (every
 * value a number, `NaN` and `Infinity` included so they are refused with their customer) is
 * standardised, any other column is levels (dummies against the largest). An unknown column is
 * refused naming the customer columns there are, with the likely one it was meant to be.
 */
export async function readCovariates(
  engine: Engine,
  columns: readonly string[],
  minCustomers: number,
  holdout: HoldoutData | null,
): Promise<WorkspaceCovariates | null> {
  if (!columns.length) return null;
  const known = await engine.columns('customers');
  columns.forEach((c, i) => {
    if (known.includes(c)) return;
    const best = known.length ? closest(c, known) : undefined;
    const hint =
      best && distance(c, best) <= Math.max(1, Math.floor(c.length / 3)) ? ` (did you mean ${best}?)` : '';
    throw new WorthError(
      'config',
      { path: `clv.covariates[${i}]` },
      c,
      `a customer column${hint}: ${known.join(', ')}`,
    );
  });
  const q = engine.dialect.quoteIdent;
  const select = columns.map((c, k) => `CAST(c.${q(c)} AS VARCHAR) AS v${k}`).join(', ');
  const rows = await engine.query(
    `SELECT s.customer_id AS id, ${select} FROM ${SUMMARY_TABLE} s LEFT JOIN customers c ON c.customer_id = s.customer_id ORDER BY s.customer_id`,
  );
  const cols = columns.map((name, k) => column(name, rows, k));
  const enc = encodeCovariates(cols, rows.length, minCustomers, 'customers');
  let holdoutZ: Float64Array | null = null;
  if (holdout) {
    // the held-out customers are those first seen by the calibration end, in customer order (as readHoldout reads them)
    const held = await engine.query(
      `SELECT p.customer_id AS id FROM ${PURCHASE_DAYS_TABLE} p GROUP BY p.customer_id HAVING min(p.day) <= CAST($1 AS DATE) ORDER BY p.customer_id`,
      [holdout.calibrationEnd],
    );
    const at = new Map(rows.map((r, i) => [String(r.id), i]));
    const k = enc.names.length;
    holdoutZ = new Float64Array(held.length * k);
    held.forEach((r, j) => {
      const i = at.get(String(r.id));
      if (i === undefined) throw new Error(`held-out customer ${String(r.id)} is not summarised`);
      holdoutZ!.set(enc.z.subarray(i * k, (i + 1) * k), j * k);
    });
    if (held.length !== holdout.x.length)
      throw new Error(
        `holdout covariates: ${held.length} customers against ${holdout.x.length} in the check`,
      );
  }
  return { columns: [...columns], ...enc, holdoutZ };
}

/** One column's values: numbers when every present value is one (missing refused with its customer), else levels. */
function column(name: string, rows: Record<string, unknown>[], k: number): CovariateColumn {
  const text = rows.map((r) =>
    r[`v${k}`] === null || r[`v${k}`] === undefined ? null : String(r[`v${k}`]).trim(),
  );
  const present = text.filter((v): v is string => v !== null && v !== '');
  const numeric = present.length > 0 && present.every((v) => NUMBER.test(v) || NON_FINITE.test(v));
  if (!numeric) return { kind: 'level', name, values: text.map((v) => (v === '' ? null : v)) };
  const values = new Float64Array(rows.length);
  text.forEach((v, i) => {
    // a missing or non-finite number is refused here with its customer (the encoder's line would be the summary's row)
    const value = v === null || v === '' ? NaN : NON_FINITE.test(v) ? NaN : Number(v);
    if (!Number.isFinite(value)) {
      throw new WorthError(
        'input',
        { file: 'customers', column: name },
        `customer ${String(rows[i]!.id)}: ${v === null || v === '' ? '(empty)' : v}`,
        'a finite number for every customer (a numeric covariate)',
      );
    }
    values[i] = value;
  });
  return { kind: 'numeric', name, values };
}

/** Fits each candidate that takes covariates with and without them and compares the two. */
export function compareCovariates(
  candidates: readonly PurchaseModelId[],
  cov: WorkspaceCovariates,
  data: { x: Float64Array; tx: Float64Array; T: Float64Array },
  holdout: HoldoutData | null,
  inUse: { model: PurchaseModelId; check: HoldoutCheck | null },
): CovariateComparison[] {
  const c = inUse.check;
  const inUseGap =
    c && c.actual > 0 ? c.groups.reduce((s, g) => s + Math.abs(g.expected - g.actual), 0) / c.actual : null;
  const n = data.x.length;
  return candidates.filter(takesCovariates).map((model) => {
    const k = cov.names.length;
    const d = covariateData(data.x, data.tx, data.T, cov.z, cov.names);
    const base = PURCHASE_LIKELIHOODS[model];
    const plain = fitModel(base, compressRfm(data.x, data.tx, data.T));
    const withCov = fitModel(covariateLikelihood(model, cov.names), d, {
      start: Float64Array.from([...plain.values, ...Array<number>(2 * k).fill(0)]),
    });
    const figures = (
      f: FitResult,
      check: { error: number | null; gap: number | null },
    ): CovariateFitFigures => {
      const p = f.values.length;
      return {
        logLikelihood: f.logLikelihood,
        parameters: p,
        aic: 2 * p - 2 * f.logLikelihood,
        bic: p * Math.log(Math.max(1, n)) - 2 * f.logLikelihood,
        holdoutError: check.error,
        holdoutGroupGap: check.gap,
        degenerate: f.degenerate,
      };
    };
    const none = { error: null, gap: null };
    const errors =
      holdout && cov.holdoutZ ? holdoutErrors(model, cov, holdout) : { with: none, without: none };
    const w = figures(withCov, errors.with);
    const wo = figures(plain, errors.without);
    const holdoutNoWorse =
      w.holdoutGroupGap === null ||
      wo.holdoutGroupGap === null ||
      w.holdoutGroupGap <= wo.holdoutGroupGap + HOLDOUT_TIE;
    const better = !w.degenerate && w.bic < wo.bic && holdoutNoWorse ? 'covariates' : 'without';
    const pct = (e: number | null) => (e === null ? 'n/a' : `${e > 0 ? '+' : ''}${(e * 100).toFixed(1)}%`);
    const why = w.degenerate
      ? 'the fit with covariates is degenerate'
      : w.bic >= wo.bic
        ? 'the covariates do not lower BIC'
        : !holdoutNoWorse
          ? 'the covariates lower BIC but miss the held-out weeks group by group by more'
          : 'lower BIC and a held-out gap group by group no worse';
    return {
      model,
      names: cov.names,
      reference: cov.reference,
      folded: cov.folded,
      params: withCov.params,
      standardErrors: withCov.standardErrors,
      warnings: withCov.warnings,
      with: w,
      without: wo,
      inUse: { model: inUse.model, holdoutGroupGap: inUseGap },
      likelihoodRatio: 2 * (withCov.logLikelihood - plain.logLikelihood),
      better,
      reason: `${better === 'covariates' ? 'with' : 'without'} covariates: ${why} (BIC ${w.bic.toFixed(1)} with, ${wo.bic.toFixed(1)} without; holdout ${pct(w.holdoutError)} with, ${pct(wo.holdoutError)} without; group by group off by ${pct(w.holdoutGroupGap)} with, ${pct(wo.holdoutGroupGap)} without)`,
    };
  });
}

/** Holdout errors (total and group by group) of `model` fitted on the calibration part with and without the covariates (one pooled fit each). */
function holdoutErrors<K extends CovariateModelId>(
  model: K,
  cov: WorkspaceCovariates,
  h: HoldoutData,
): {
  with: { error: number | null; gap: number | null };
  without: { error: number | null; gap: number | null };
} {
  const k = cov.names.length;
  const z = cov.holdoutZ!;
  const base = PURCHASE_LIKELIHOODS[model];
  const plain = fitModel(base, compressRfm(h.x, h.tx, h.T), { standardErrors: false });
  const withCov = fitModel(
    covariateLikelihood(model, cov.names),
    covariateData(h.x, h.tx, h.T, z, cov.names),
    {
      start: Float64Array.from([...plain.values, ...Array<number>(2 * k).fill(0)]),
      standardErrors: false,
    },
  );
  const f = FORECASTERS[model];
  const names = base.paramNames;
  const plainParams = typedParams(model, plain.params);
  const byZ = new Map<string, ParamsOf<K>>();
  const times = Float64Array.of(h.weeks);
  const e = new Float64Array(1);
  const a = new Float64Array(1);
  let expWith = 0;
  let expWithout = 0;
  let actual = 0;
  const byGroup = new Map<string, { w: number; wo: number; a: number }>();
  for (let i = 0; i < h.x.length; i++) {
    const zi = z.subarray(i * k, (i + 1) * k);
    const key = zi.join(',');
    let p = byZ.get(key);
    if (!p) {
      const v = effectiveParams(names, COVARIATE_LINKS[model], withCov.values, zi);
      p = typedParams(model, Object.fromEntries(names.map((nm, j) => [nm, v[j]!])));
      byZ.set(key, p);
    }
    f.curves(p, h.x[i]!, h.tx[i]!, h.T[i]!, times, e, a);
    const ew = e[0]!;
    f.curves(plainParams, h.x[i]!, h.tx[i]!, h.T[i]!, times, e, a);
    const ewo = e[0]!;
    expWith += ew;
    expWithout += ewo;
    actual += h.actual[i]!;
    const name = h.group[i] ?? '';
    const g = byGroup.get(name) ?? { w: 0, wo: 0, a: 0 };
    g.w += ew;
    g.wo += ewo;
    g.a += h.actual[i]!;
    byGroup.set(name, g);
  }
  const err = (x: number) => (actual > 0 ? (x - actual) / actual : null);
  const gap = (pick: (g: { w: number; wo: number; a: number }) => number) => {
    if (!(actual > 0)) return null;
    let s = 0;
    for (const g of byGroup.values()) s += Math.abs(pick(g) - g.a);
    return s / actual;
  };
  return {
    with: { error: err(expWith), gap: gap((g) => g.w) },
    without: { error: err(expWithout), gap: gap((g) => g.wo) },
  };
}
