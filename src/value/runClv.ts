import {
  CLV_PURCHASE_COLUMNS,
  CLV_SPEND_COLUMNS,
  CLV_UNDETERMINED_COLUMN,
  CLV_UNDETERMINED_REASONS,
  type ClvUndeterminedReason,
  clvModelLabel,
  HOLDOUT_TIE,
  isPurchaseModelId,
  purchaseFit,
  typedParams,
  unreachable,
  WorthError,
  type Logger,
  silentLogger,
} from '../core/index.ts';
import {
  clvForModel,
  expectedSpend,
  fitModel,
  gammaGamma,
  clvIntervals,
  logCovariance,
  totalInterval,
  spendData,
  FORECASTERS,
  PURCHASE_LIKELIHOODS,
  type FitResult,
  type ClvCustomers,
  type ClvIntervals,
  type PriorWidth,
} from '../clv/index.ts';
import type { CostModel } from '../costing/index.ts';
import {
  cliWord,
  clvWarningText,
  modelChoiceText,
  textNumbers,
  type CliWord,
  type Lang,
} from '../words/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { clvDiagnostics, storeClvDiagnostics, type ClvDiagnosticRow } from './diagnostics.ts';
import { customerEconomics, type CustomerEconomics } from './economics.ts';
import { MARGIN_RATE_BOUNDS } from './marginRate.ts';
import {
  fitGroups,
  groupedData,
  noRepeatSegments,
  rowsOf,
  take,
  type FitGroups,
  type GroupFits,
} from './fitGroups.ts';
import { holdoutWarnings, readHoldout } from './holdout.ts';
import { leftOutCustomers, type LeftOutCustomers } from './leftOut.ts';
import {
  fewRepeatBuyersData,
  fitWarningData,
  groupFallbackData,
  holdoutMissData,
  runWarning,
  type ClvRunWarning,
} from './runWarnings.ts';
import { chooseModel, type ModelChoice } from './modelChoice.ts';
import { compareCovariates, readCovariates, type CovariateComparison } from './covariateFits.ts';
import {
  clvSectionSchema,
  groupRuleOf,
  PURCHASE_MODEL_IDS,
  type ClvSettings,
  type PurchaseModelId,
} from './settings.ts';
import { buildSummaries, SUMMARY_TABLE } from './summarySql.ts';
import {
  CLV_SEGMENTS_TABLE,
  segmentParts,
  storeSegmentTotals,
  type ClvSegmentTotal,
  type SegmentParts,
} from './segmentTotals.ts';

/** Table of per-customer CLV in the workspace database. */
export const CLV_TABLE = 'customer_clv';

/** Fewest customers with a purchase day that `worth clv` fits a model on (below it: one sentence, no fit). */
export const MIN_CUSTOMERS_TO_FIT = 10;
/** Table of the fitted models (one row per model). */
export const CLV_FIT_TABLE = 'clv_fit';

/** Table of the model choice: the model, why, and every candidate's figures (one row). */
export const CLV_CHOICE_TABLE = 'clv_model_choice';

/** Settings of a workspace CLV run. */
export interface ClvRunOptions {
  /** Purchase model forced by the user (bgnbd, mbgnbd or pareto-nbd); default: chosen on the holdout check. */
  model?: string;
  /** The workspace's `clv` section (grouping, minimum group size, holdout, candidates); default all defaults. */
  settings?: ClvSettings;
  /** Horizon in years (default 5, at most 10). */
  horizonYears?: number;
  /** Yearly discount rate (the workspace's cost of capital). */
  discountRate: number;
  /** End of the calibration period (yyyy-mm-dd): the analysis period's end. */
  calibrationEnd: string;
  /** Language of the run's warnings (worth.yaml's `language`; default English). */
  language?: Lang;
  logger?: Logger;
}

/** What a CLV run produced, for people and for `--json`. */
export interface ClvRunResult {
  model: string;
  horizonYears: number;
  discountRate: number;
  customers: number;
  purchaseFit: Pick<
    FitResult,
    'params' | 'standardErrors' | 'logLikelihood' | 'converged' | 'iterations' | 'degenerate' | 'warnings'
  >;
  spendFit: Pick<
    FitResult,
    'params' | 'standardErrors' | 'logLikelihood' | 'converged' | 'customers' | 'degenerate' | 'warnings'
  >;
  /**
   * Whether the CLV is a figure to act on: false when the purchase or the spend fit is
   * degenerate (then the CLI prints no CLV figure; the values below are the arithmetic only).
   */
  determined: boolean;
  /**
   * Customers whose CLV rests on an undetermined (degenerate) fit: all of them when
   * `determined` is false, else those of a group whose own fit is degenerate. Their figures are
   * stored empty with the reason (`customer_clv.clv_undetermined`) and are in no total below.
   */
  undeterminedCustomers: number;
  /** Why those customers' CLV is undetermined: each stored reason once (empty when every customer's is determined). */
  undeterminedReasons: ClvUndeterminedReason[];
  /**
   * Customers the totals below are over: those whose CLV is determined (`customers` −
   * `undeterminedCustomers`). 0: no total exists, and the totals are null, not zero.
   */
  totalsCustomers: number;
  /** Sum of profit CLV over the determined customers, each rounded to cents first (so the total is the same on every run); null when none is determined. */
  totalProfitClv: string | null;
  /** Sum of revenue CLV over the determined customers; null when none is determined. */
  totalRevenueClv: string | null;
  /** Determined customers whose expected profit over the horizon is negative; null when none is determined. */
  lossMakingCustomers: number | null;
  /** Their summed (negative) profit CLV; null when none is determined. */
  lossMakingClv: string | null;
  /** How the margin rates were made credible (see marginRate.ts). */
  marginRates: MarginRateSummary;
  /** Which purchase model, why, and every candidate's AIC, BIC and holdout check. */
  choice: ModelChoice;
  /** 90% interval of the total profit CLV from the purchase model's parameter uncertainty (null when no fit has a covariance); per customer in customer_clv. */
  totalProfitInterval: { level: number; lo: string; hi: string } | null;
  /** The customer column the segments below are its values of (`clv.segment_by`); null when customers have none. */
  segmentBy: string | null;
  /** Per segment (each value of `segmentBy`, then customers without one): total and mean CLV and expected purchases with 90% intervals; empty without `segmentBy`. */
  segments: ClvSegmentTotal[];
  /** The column customers were grouped by, and each group's own fit (the rest use `purchaseFit`, the pooled one). */
  groupedBy: string | null;
  groups: {
    name: string;
    customers: number;
    params: Record<string, number>;
    degenerate: boolean;
    warnings: string[];
    pooledFallback: boolean;
    /** Per parameter: the share of the estimate resting on the group's own data (0-1; the rest is the pooled fit's); null without shrinkage or covariance. */
    dataWeights: Record<string, number> | null;
  }[];
  /** Prior standard deviation of the groups' log-parameters around the pooled fit's (the purchase model's, as used); null: each group's own maximum-likelihood fit, or no groups. */
  shrinkageSd: number | null;
  /** How that width was estimated from the data (`shrinkage_sd: estimate`); null when fixed, off or not estimable. */
  shrinkageEstimate: PriorWidth | null;
  /** The P&L's customers the fit leaves out (no purchase day to summarise), per reason; `customers` + `leftOut.total` = `leftOut.pnlCustomers`. */
  leftOut: LeftOutCustomers;
  /** Every warning of the run once, with a stable code, in the run's language (the fits' `warnings` stay English for the stored record). */
  warnings: ClvRunWarning[];
  /**
   * `clv.covariates`: each candidate that takes covariates (Pareto/NBD, BG/NBD) fitted with and
   * without them, the coefficients with standard errors, and which fits better and why; empty when
   * none are set. The lifetime values stay on the chosen model's fits.
   */
  covariates: CovariateComparison[];
}

/** The margin rates used for CLV on profit, in brief. */
export interface MarginRateSummary {
  /** K: the invoice revenue at which a customer's own rate gets half the weight; null when the data show no difference between customers (every customer gets its segment's rate). */
  halfWeightRevenue: number | null;
  /** Customers whose rate was held at a bound of MARGIN_RATE_BOUNDS. */
  bounded: number;
  /** Customers whose own rate moved by more than 0.10 toward their segment's. */
  shrunkOverTenPoints: number;
}

/**
 * The workspace CLV run: per-customer summaries from the order lines (SQL), a purchase model
 * and Gamma-Gamma fitted in TypeScript, and CLV on profit from the customer P&L's margin
 * rate and costs to serve; stored in `customer_clv`, `clv_fit` and `clv_diagnostics`. Needs `worth analyze` first.
 */
export function runWorkspaceClv(
  engine: Engine,
  costModel: CostModel,
  o: ClvRunOptions,
): Promise<ClvRunResult> {
  // Without transactions (ClickHouse) the whole run is one Engine.transaction: a run that fails
  // anywhere (a server gone halfway) puts back every table it had replaced (clv_summary too) and
  // drops those it made. With them, the results are written in one transaction below.
  return engine.dialect.supportsTransactions
    ? clvRun(engine, costModel, o)
    : engine.transaction(() => clvRun(engine, costModel, o));
}

async function clvRun(engine: Engine, costModel: CostModel, o: ClvRunOptions): Promise<ClvRunResult> {
  const logger = o.logger ?? silentLogger;
  const forced = o.model === undefined ? undefined : purchaseModelId(o.model);
  const settings = o.settings ?? clvSectionSchema.parse({});
  const horizon = o.horizonYears ?? 5;
  if (!(horizon > 0 && horizon <= 10))
    throw new WorthError('input', { path: '--horizon' }, horizon, '0 < years <= 10');
  if (!(await engine.tableExists('customer_pnl'))) {
    throw new WorthError(
      'workspace',
      { path: 'customer_pnl' },
      undefined,
      'an analysed workspace',
      'the customer P&L is missing (run `worth analyze` first)',
    );
  }
  const say = (key: CliWord, vars: Record<string, string> = {}) => cliWord(o.language ?? 'en', key, vars);
  logger.info(say('clvSummaries'));
  await buildSummaries(engine, o.calibrationEnd);
  const s = await engine.queryNumericColumns(
    `SELECT x, t_x, "T", monetary FROM ${SUMMARY_TABLE} ORDER BY customer_id`,
  );
  const ids = (await engine.query(`SELECT customer_id FROM ${SUMMARY_TABLE} ORDER BY customer_id`)).map((r) =>
    String(r.customer_id),
  );
  const leftOut = await leftOutCustomers(engine, o.calibrationEnd);
  const x = s.x!;
  const tx = s.t_x!;
  const T = s.T!;
  const m = s.monetary!;
  if (ids.length < MIN_CUSTOMERS_TO_FIT)
    throw new WorthError(
      'input',
      {},
      ids.length,
      `at least ${MIN_CUSTOMERS_TO_FIT} customers with purchases to fit a model`,
      undefined,
      { key: 'clvTooFewCustomers', vars: { n: { int: ids.length }, min: { int: MIN_CUSTOMERS_TO_FIT } } },
    );

  const lang = o.language ?? 'en';
  const fewRepeat = fewRepeatBuyers(x);
  const groupColumn = await groupingColumn(engine, settings.segment_by);
  const rule = groupRuleOf(settings);
  const values = await groupValues(engine, groupColumn);
  const groups = fitGroups(values, x, rule);
  const holdout = await readHoldout(engine, o.calibrationEnd, groupColumn, settings.holdout_weeks);
  // read (and refused, when a column is wrong) before any fit
  const covariateColumns = await readCovariates(engine, settings.covariates, rule.minCustomers, holdout);
  logger.info(
    say('clvFitting', {
      models: (forced ? [forced] : settings.models).map(clvModelLabel).join(', '),
      n: textNumbers(lang).int(ids.length),
      own: groups.names.length
        ? say('clvOwnFits', { column: groupColumn ?? '', groups: groups.names.join(', ') })
        : '',
      checked: holdout
        ? say('clvCheckedOn', { weeks: textNumbers(lang).int(Math.round(holdout.weeks)) })
        : '',
    }),
  );
  const { choice, fits: allFits } = chooseModel(
    forced ? [forced] : settings.models,
    groups,
    { x, tx, T },
    holdout,
    rule,
    forced,
  );
  const modelId = choice.model;
  const chosen = allFits.get(modelId)!;
  const covariates = covariateColumns
    ? compareCovariates(forced ? [forced] : settings.models, covariateColumns, { x, tx, T }, holdout, {
        model: modelId,
        check: choice.candidates.find((c) => c.model === modelId)?.holdout ?? null,
      })
    : [];
  // segments without a repeat buyer where the pooled fit says that is no chance: undetermined
  const noRepeat = noRepeatSegments(values, x, T, PURCHASE_LIKELIHOODS[modelId], chosen.pooled.values);
  const usedCheck = choice.candidates.find((c) => c.model === modelId)?.holdout ?? null;
  // the stored fit keeps English (dashboard, report); a segment the model misses on the held-out weeks is said with its warnings
  const dataWarnings = fewRepeat
    ? [clvWarningText('en', fewRepeatBuyersData({ about: 'purchase', model: modelId }, fewRepeat))]
    : [];
  const holdoutDoubts = holdoutWarnings(usedCheck, groupColumn);
  const pooled =
    dataWarnings.length || holdoutDoubts.length
      ? {
          ...chosen.pooled,
          degenerate: chosen.pooled.degenerate || dataWarnings.length > 0,
          warnings: [...dataWarnings, ...chosen.pooled.warnings, ...holdoutDoubts],
        }
      : chosen.pooled;
  const purchase = pooled;
  logger.info(
    say('clvChoice', {
      model: clvModelLabel(choice.model),
      reason: modelChoiceText(lang, choice, clvModelLabel, HOLDOUT_TIE) ?? choice.reason,
    }),
  );
  // Gamma-Gamma on customers with repeat purchases of positive value.
  const positive = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) positive[i] = x[i]! > 0 && m[i]! > 0 ? x[i]! : 0;
  const spend = fitModel(gammaGamma, spendData(positive, m));
  // every warning once, in the workspace's language: the caller prints them (not the logger)
  // as data (stored with each fit, so every reader says them in its own language), then said in the workspace's
  const aboutPurchase = { about: 'purchase' as const, model: modelId };
  const pooledData = [
    ...(fewRepeat ? [fewRepeatBuyersData(aboutPurchase, fewRepeat)] : []),
    ...fitWarningData(aboutPurchase, chosen.pooled.issues),
  ];
  const groupData = groups.names.map((name, g) => {
    const about = { about: 'group' as const, model: modelId, column: groupColumn ?? '', group: name };
    return [
      ...(chosen.fellBack[g] ? [groupFallbackData(about)] : []),
      ...fitWarningData(about, chosen.ownIssues[g]!),
    ];
  });
  const missData = holdoutMissData(usedCheck, modelId, groupColumn);
  const spendData_ = fitWarningData({ about: 'spend', model: spend.model }, spend.issues);
  const warnings: ClvRunWarning[] = [...pooledData, ...groupData.flat(), ...missData, ...spendData_].map(
    (w) => runWarning(lang, w),
  );
  const expSpend = expectedSpend(spend.params, positive, m);

  const econ = await customerEconomics(engine, costModel, SUMMARY_TABLE);
  const clv = groupedClv(
    modelId,
    chosen,
    groups,
    { x, tx, T, spend: expSpend, econ },
    { discountRate: o.discountRate, horizonYears: horizon },
  );
  logger.info(say('clvIntervalsStep'));
  const covariances = fitCovariances(modelId, chosen, groups, { x, tx, T });
  const undetermined = undeterminedReasons(
    groups.groupOf,
    values.map((v) => v !== null && noRepeat.has(v)),
    chosen,
    purchase,
    spend,
  );
  // each segment's totals get intervals of their own (its customers whose value is determined)
  const parts = segmentParts(values, (i) => undetermined[i] === null);
  const iv = intervalsFor(
    modelId,
    chosen,
    groups,
    covariances,
    { x, tx, T, spend: expSpend, econ },
    { discountRate: o.discountRate, horizonYears: horizon },
    clv,
    undetermined,
    parts,
  );

  // the total (and its interval) is over the customers whose value is determined, as the stored sums are
  let profitSum = 0;
  for (let i = 0; i < clv.profit.length; i++) if (undetermined[i] === null) profitSum += clv.profit[i]!;
  const anyDetermined = undetermined.some((r) => r === null);
  const totalIv =
    iv.totalVariance === null || !anyDetermined ? null : totalInterval(profitSum, iv.totalVariance);

  logger.info(say('clvDiagnosticsStep'));
  const sets = paramSets(chosen, groups).map((set) => ({
    params: set.fit.params,
    x: take(x, set.rows),
    T: take(T, set.rows),
  }));
  const diagnostics = await typedDiagnostics(engine, modelId, sets, o.calibrationEnd);
  const fitGroupOf = Array.from(groups.groupOf, (g) =>
    g < 0 || chosen.fellBack[g] ? null : groups.names[g]!,
  );

  let segments: ClvSegmentTotal[] = [];
  await engine.transaction(async () => {
    await storeClvDiagnostics(engine, diagnostics);
    // The stored columns, in the table's order. A figure resting on an undetermined fit is no
    // figure: empty (NaN, stored as NULL), with the reason beside it; a customer whose fit has
    // no covariance has no interval (NaN: NULL). Emptied here, not by UPDATE afterwards: the
    // same rows on every engine (ClickHouse 18.16 has no UPDATE).
    const stored: [string, string, Float64Array | (string | null)[]][] = [
      ['customer_id', 'VARCHAR', ids],
      ['x', 'DOUBLE', x],
      ['t_x', 'DOUBLE', tx],
      ['"T"', 'DOUBLE', T],
      ['p_alive', 'DOUBLE', clv.aliveNow],
      ['p_alive_at_horizon', 'DOUBLE', clv.aliveAtHorizon],
      ['expected_purchases', 'DOUBLE', clv.purchases],
      ['expected_spend', 'DOUBLE', expSpend],
      ['margin_rate', 'DOUBLE', econ.marginRate],
      ['margin_rate_observed', 'DOUBLE', econ.observedMarginRate],
      ['margin_credibility', 'DOUBLE', econ.marginCredibility],
      ['variable_cost_per_order', 'DOUBLE', econ.variableCostPerOrder],
      ['fixed_cost_per_year', 'DOUBLE', econ.fixedCostPerYear],
      ['clv_revenue', 'DOUBLE', clv.revenue],
      ['clv_profit', 'DOUBLE', clv.profit],
      ['loss_making', 'DOUBLE', Float64Array.from(clv.lossMaking)],
      ['fit_group', 'VARCHAR', fitGroupOf],
      ['clv_profit_lo', 'DOUBLE', iv.profitLo],
      ['clv_profit_hi', 'DOUBLE', iv.profitHi],
      ['expected_purchases_lo', 'DOUBLE', iv.purchasesLo],
      ['expected_purchases_hi', 'DOUBLE', iv.purchasesHi],
      [CLV_UNDETERMINED_COLUMN, 'VARCHAR', undetermined],
    ];
    const columns = stored.map(([name, , values]) => {
      const emptied = (reason: ClvUndeterminedReason | null) =>
        reason !== null && (columnsLeftEmpty(reason) as readonly string[]).includes(name);
      if (!(values instanceof Float64Array) || !undetermined.some(emptied)) return values;
      return values.map((v, i) => (emptied(undetermined[i]!) ? NaN : v));
    });
    await engine.run(`DROP TABLE IF EXISTS ${CLV_TABLE}`);
    await engine.run(
      `CREATE TABLE ${CLV_TABLE} (${stored.map(([name, type]) => `${name} ${type}`).join(', ')})`,
    );
    await engine.appendColumns(CLV_TABLE, columns);
    // per segment of the grouping column: none without one (the run's total is the one figure)
    if (groupColumn === null) await engine.run(`DROP TABLE IF EXISTS ${CLV_SEGMENTS_TABLE}`);
    else
      segments = await storeSegmentTotals(engine, groupColumn, parts, {
        profit: iv.partProfitVariance,
        purchases: iv.partPurchasesVariance,
      });
    await engine.run(`DROP TABLE IF EXISTS ${CLV_CHOICE_TABLE}`);
    await engine.run(
      `CREATE TABLE ${CLV_CHOICE_TABLE} (model VARCHAR, basis VARCHAR, reason VARCHAR, grouped_by VARCHAR, candidates VARCHAR, total_profit_lo DOUBLE, total_profit_hi DOUBLE, left_out VARCHAR, covariates VARCHAR)`,
    );
    await engine.run(`INSERT INTO ${CLV_CHOICE_TABLE} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      choice.model,
      choice.basis,
      choice.reason,
      groupColumn,
      JSON.stringify(choice.candidates),
      totalIv?.lo ?? null,
      totalIv?.hi ?? null,
      JSON.stringify(leftOut),
      JSON.stringify(covariates),
    ]);
    await engine.run(`DROP TABLE IF EXISTS ${CLV_FIT_TABLE}`);
    await engine.run(
      `CREATE TABLE ${CLV_FIT_TABLE} (model VARCHAR, params VARCHAR, standard_errors VARCHAR, log_likelihood DOUBLE, customers DOUBLE, converged BOOLEAN, horizon_years DOUBLE, discount_rate DOUBLE, degenerate BOOLEAN, warnings VARCHAR, fit_group VARCHAR, log_covariance VARCHAR, warning_data VARCHAR)`,
    );
    // The pooled purchase fit first (readers that want one purchase model take the first), then each group's own, then spend.
    const own = groups.names.flatMap((name, g) =>
      chosen.fellBack[g]
        ? []
        : [{ fit: chosen.groups[g]!, group: name as string | null, data: groupData[g]! }],
    );
    for (const { fit: f, group, data } of [
      // the pooled fit carries the groups' holdout misses (the per-group check is the chosen model's)
      { fit: purchase, group: null, data: [...pooledData, ...missData] },
      ...own,
      { fit: spend, group: null, data: spendData_ },
    ]) {
      // the pooled fit may be a copy carrying the data warnings: its covariance is the original's
      const cov = covariances.get(f === purchase ? chosen.pooled : f);
      await engine.run(
        `INSERT INTO ${CLV_FIT_TABLE} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          f.model,
          JSON.stringify(f.params),
          JSON.stringify(f.standardErrors),
          f.logLikelihood,
          f.customers,
          f.converged,
          horizon,
          o.discountRate,
          f.degenerate,
          JSON.stringify(f.warnings),
          group,
          cov ? JSON.stringify(Array.from(cov)) : null,
          JSON.stringify(data),
        ],
      );
    }
  });
  // each customer to the cent as DuckDB's CAST rounds (ClickHouse's truncates), then summed exactly
  const cents = (e: string) => engine.dialect.decimalFromDouble(`round(${e}, 2)`, 18, 2);
  const totals = (
    await engine.query(
      `SELECT coalesce(sum(${cents('clv_profit')}), 0) AS p, coalesce(sum(${cents('clv_revenue')}), 0) AS r, CAST(sum(loss_making) AS BIGINT) AS n, coalesce(sum(CASE WHEN loss_making = 1 THEN ${cents('clv_profit')} END), 0) AS l FROM ${CLV_TABLE}`,
    )
  )[0]!;
  const totalsCustomers = undetermined.filter((r) => r === null).length;
  return {
    model: modelId,
    horizonYears: horizon,
    discountRate: o.discountRate,
    customers: ids.length,
    purchaseFit: pick(purchase),
    spendFit: { ...pick(spend), customers: spend.customers },
    determined: !purchase.degenerate && !spend.degenerate,
    undeterminedCustomers: ids.length - totalsCustomers,
    undeterminedReasons: CLV_UNDETERMINED_REASONS.filter((r) => undetermined.includes(r)),
    totalsCustomers,
    // a total of figures that do not exist is no figure (not 0.00): null, with the reasons above
    totalProfitClv: totalsCustomers ? String(totals.p) : null,
    totalRevenueClv: totalsCustomers ? String(totals.r) : null,
    lossMakingCustomers: totalsCustomers ? Number(totals.n) : null,
    lossMakingClv: totalsCustomers ? String(totals.l) : null,
    marginRates: summariseMarginRates(econ),
    choice,
    totalProfitInterval:
      totalIv === null
        ? null
        : { level: INTERVAL_LEVEL, lo: totalIv.lo.toFixed(2), hi: totalIv.hi.toFixed(2) },
    segmentBy: groupColumn,
    segments,
    groupedBy: groups.names.length ? groupColumn : null,
    groups: groups.names.map((name, g) => ({
      name,
      customers: rowsOf(groups, g).length,
      params: chosen.groups[g]!.params,
      degenerate: chosen.groups[g]!.degenerate,
      warnings: chosen.ownWarnings[g]!,
      pooledFallback: chosen.fellBack[g]!,
      dataWeights: weightsByName(chosen, g),
    })),
    shrinkageSd: chosen.priorSd,
    shrinkageEstimate: chosen.priorWidth,
    leftOut,
    warnings,
    covariates,
  };
}

/**
 * Why each customer's CLV is undetermined (summary order), or null: the purchase fit it used is
 * degenerate (the pooled one, which also makes every group's shrunk toward it doubtful, or its
 * group's own maximum-likelihood fit with `shrinkage_sd: off`), else the spend fit is. A shrunk
 * group fit is a posterior held inside by its prior: a parameter its own data hardly pin down (on
 * the demo, the 9 key accounts' b: standard error 12.8 on 10.1) has the prior's spread, which the
 * interval carries; it is not undetermined. (Fits with no maximum inside fall back to the pooled one.)
 * A customer of a segment with no repeat buyer at all ({@link noRepeatSegments}) is undetermined
 * with that reason when the purchase fit itself stands.
 */
function undeterminedReasons(
  groupOf: Int32Array,
  inNoRepeatSegment: readonly boolean[],
  fits: GroupFits,
  pooled: FitResult,
  spend: FitResult,
): (ClvUndeterminedReason | null)[] {
  return Array.from(groupOf, (g, i) => {
    const own = g >= 0 && !fits.fellBack[g] && fits.priorSd === null ? fits.groups[g]! : null;
    if (pooled.degenerate || (own?.degenerate ?? false)) return 'purchaseFit';
    if (inNoRepeatSegment[i]) return 'noRepeatBuyers';
    return spend.degenerate ? 'spendFit' : null;
  });
}

/** The `customer_clv` columns a reason leaves empty: what rests on the fit (or data) it names. */
function columnsLeftEmpty(reason: ClvUndeterminedReason): readonly string[] {
  switch (reason) {
    case 'purchaseFit':
    case 'noRepeatBuyers':
      return CLV_PURCHASE_COLUMNS;
    case 'spendFit':
      return CLV_SPEND_COLUMNS;
    default:
      return unreachable(reason, 'reason');
  }
}

function purchaseModelId(model: string): PurchaseModelId {
  if (!isPurchaseModelId(model))
    throw new WorthError('input', { path: '--model' }, model, `one of ${PURCHASE_MODEL_IDS.join(', ')}`);
  return model;
}

/** The grouping column when customers have it and some value in it; null otherwise (one pooled fit). */
async function groupingColumn(engine: Engine, column: string): Promise<string | null> {
  const columns = await engine.columns('customers');
  if (!columns.includes(column)) {
    if (column === 'segment') return null;
    throw new WorthError(
      'config',
      { path: 'clv.segment_by' },
      column,
      `a customer column (${columns.join(', ')})`,
    );
  }
  const q = engine.dialect.quoteIdent;
  const any = await engine.query(`SELECT count(*) AS n FROM customers WHERE ${q(column)} IS NOT NULL`);
  return Number(any[0]?.n ?? 0) > 0 ? column : null;
}

/** Each summarised customer's value of the grouping column (summary order). */
async function groupValues(engine: Engine, column: string | null): Promise<(string | null)[]> {
  if (column === null)
    return (await engine.query(`SELECT customer_id FROM ${SUMMARY_TABLE} ORDER BY customer_id`)).map(
      () => null,
    );
  const q = engine.dialect.quoteIdent;
  const rows = await engine.query(
    `SELECT CAST(c.${q(column)} AS VARCHAR) AS g FROM ${SUMMARY_TABLE} s LEFT JOIN customers c ON c.customer_id = s.customer_id ORDER BY s.customer_id`,
  );
  return rows.map((r) => (r.g === null || r.g === undefined ? null : String(r.g)));
}

/** The customers of each parameter set actually used: each group with its own fit, and the pooled rest. */
function paramSets(fits: GroupFits, groups: FitGroups): { fit: FitResult; rows: Int32Array }[] {
  const pooledRows: number[] = [...rowsOf(groups, -1)];
  const sets: { fit: FitResult; rows: Int32Array }[] = [];
  groups.names.forEach((_, g) => {
    if (fits.fellBack[g]) pooledRows.push(...rowsOf(groups, g));
    else sets.push({ fit: fits.groups[g]!, rows: rowsOf(groups, g) });
  });
  if (pooledRows.length) sets.unshift({ fit: fits.pooled, rows: Int32Array.from(pooledRows).sort() });
  return sets;
}

/** The per-customer columns a CLV computation reads, for the customers `rows` (summary order). */
function customersOf(c: ClvColumns, rows: Int32Array): ClvCustomers {
  return {
    x: take(c.x, rows),
    tx: take(c.tx, rows),
    T: take(c.T, rows),
    spend: take(c.spend, rows),
    marginRate: take(c.econ.marginRate, rows),
    variableCostPerOrder: take(c.econ.variableCostPerOrder, rows),
    fixedCostPerYear: take(c.econ.fixedCostPerYear, rows),
  };
}

/** Every summarised customer's purchase history, expected spend and economics (summary order). */
interface ClvColumns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  spend: Float64Array;
  econ: CustomerEconomics;
}

/** CLV per customer with the parameters of its set, scattered back into summary order. */
function groupedClv(
  model: PurchaseModelId,
  fits: GroupFits,
  groups: FitGroups,
  c: ClvColumns,
  s: { discountRate: number; horizonYears: number },
) {
  const n = c.x.length;
  const out = {
    profit: new Float64Array(n),
    revenue: new Float64Array(n),
    purchases: new Float64Array(n),
    aliveNow: new Float64Array(n),
    aliveAtHorizon: new Float64Array(n),
    lossMaking: new Uint8Array(n),
  };
  for (const set of paramSets(fits, groups)) {
    const r = set.rows;
    const part = clvForModel(purchaseFit(model, set.fit.params), customersOf(c, r), {
      discountRate: s.discountRate,
      horizonYears: s.horizonYears,
      unit: 'weeks',
    });
    for (let k = 0; k < r.length; k++) {
      const i = r[k]!;
      out.profit[i] = part.profit[k]!;
      out.revenue[i] = part.revenue[k]!;
      out.purchases[i] = part.purchases[k]!;
      out.aliveNow[i] = part.aliveNow[k]!;
      out.aliveAtHorizon[i] = part.aliveAtHorizon[k]!;
      out.lossMaking[i] = part.lossMaking[k]!;
    }
  }
  return out;
}

/** Level of the stored intervals (point ± 1.645 standard errors by the delta method). */
export const INTERVAL_LEVEL = 0.9;

/**
 * The covariance of each fit's log-parameters (the pooled fit on every customer, a group's own
 * fit on its group: the data each was made on), or null where the Hessian is not negative
 * definite. Stored in `clv_fit.log_covariance` so `worth clv predict` can give intervals.
 */
function fitCovariances(
  model: PurchaseModelId,
  fits: GroupFits,
  groups: FitGroups,
  c: { x: Float64Array; tx: Float64Array; T: Float64Array },
): Map<FitResult, Float64Array | null> {
  const lik = PURCHASE_LIKELIHOODS[model];
  const out = new Map<FitResult, Float64Array | null>();
  // the data the fits were made on (compressed once for every candidate)
  const data = groupedData(groups, c.x, c.tx, c.T);
  out.set(fits.pooled, logCovariance(lik, data.pooled, fits.pooled.values));
  groups.names.forEach((_, g) => {
    if (fits.fellBack[g]) return;
    const fit = fits.groups[g]!;
    // a shrunk fit's covariance is the posterior's: its likelihood with the prior toward the pooled fit
    out.set(fit, logCovariance(fits.ownModels[g]!, data.groups[g]!, fit.values));
  });
  return out;
}

/**
 * 90% intervals of each customer's profit CLV and expected purchases, and of the total profit
 * CLV, from the purchase model's parameter uncertainty by the delta method (src/clv/clvIntervals.ts),
 * for any number of customers; spend and margins held at their estimates. The fits are taken
 * as independent (their variances add), which ignores that the pooled fit shares the groups'
 * data. A set whose fit has no covariance gets NaN (stored as NULL) and leaves the total without one.
 */
function intervalsFor(
  model: PurchaseModelId,
  fits: GroupFits,
  groups: FitGroups,
  covariances: Map<FitResult, Float64Array | null>,
  c: ClvColumns,
  s: { discountRate: number; horizonYears: number },
  point: { profit: Float64Array; purchases: Float64Array },
  undetermined: readonly (ClvUndeterminedReason | null)[],
  parts: SegmentParts,
) {
  const n = c.x.length;
  const out = {
    profitLo: new Float64Array(n).fill(NaN),
    profitHi: new Float64Array(n).fill(NaN),
    purchasesLo: new Float64Array(n).fill(NaN),
    purchasesHi: new Float64Array(n).fill(NaN),
    totalVariance: 0 as number | null,
    /** Per segment part: the variance of its totals (a segment is within one fit's customers; NaN: that fit has no covariance). */
    partProfitVariance: new Float64Array(parts.names.length),
    partPurchasesVariance: new Float64Array(parts.names.length),
  };
  for (const set of paramSets(fits, groups)) {
    const cov = covariances.get(set.fit) ?? null;
    const r = set.rows;
    const setParts = Int32Array.from(r, (i) => parts.of[i]!);
    if (!cov) {
      out.totalVariance = null;
      for (const k of setParts) if (k >= 0) out.partProfitVariance[k] = out.partPurchasesVariance[k] = NaN;
      continue;
    }
    const part = typedIntervals(
      model,
      set.fit.params,
      cov,
      customersOf(c, r),
      { discountRate: s.discountRate, horizonYears: s.horizonYears, unit: 'weeks' },
      { profit: take(point.profit, r), purchases: take(point.purchases, r) },
      { of: setParts, count: parts.names.length },
    );
    // variances of independent fits add (a segment's customers are all on one fit: one term)
    for (let k = 0; k < parts.names.length; k++) {
      out.partProfitVariance[k] = out.partProfitVariance[k]! + part.partProfitVariance[k]!;
      out.partPurchasesVariance[k] = out.partPurchasesVariance[k]! + part.partPurchasesVariance[k]!;
    }
    for (let k = 0; k < r.length; k++) {
      const i = r[k]!;
      out.profitLo[i] = part.profitLo[k]!;
      out.profitHi[i] = part.profitHi[k]!;
      out.purchasesLo[i] = part.purchasesLo[k]!;
      out.purchasesHi[i] = part.purchasesHi[k]!;
    }
    // a set on an undetermined fit has no figures (they are stored empty), so no share of the total's variance
    if (out.totalVariance !== null && undetermined[r[0]!] === null)
      out.totalVariance += part.totalProfitVariance;
  }
  return out;
}

/** {@link clvIntervals} with a fit's parameters read as model `model`'s typed parameters. */
function typedIntervals<K extends PurchaseModelId>(
  model: K,
  params: Readonly<Record<string, number>>,
  ...rest: Parameters<typeof clvIntervals> extends [unknown, unknown, ...infer R] ? R : never
): ClvIntervals {
  return clvIntervals(FORECASTERS[model], typedParams(model, params), ...rest);
}

/** {@link clvDiagnostics} with each set's parameters read as model `model`'s typed parameters. */
function typedDiagnostics<K extends PurchaseModelId>(
  engine: Engine,
  model: K,
  sets: readonly { params: Readonly<Record<string, number>>; x: Float64Array; T: Float64Array }[],
  calibrationEnd: string,
): Promise<ClvDiagnosticRow[]> {
  const typed = sets.map((set) => ({ ...set, params: typedParams(model, set.params) }));
  return clvDiagnostics(engine, FORECASTERS[model], typed, calibrationEnd);
}

function summariseMarginRates(econ: CustomerEconomics): MarginRateSummary {
  let bounded = 0;
  let shrunk = 0;
  for (let i = 0; i < econ.marginRate.length; i++) {
    const r = econ.marginRate[i]!;
    if (r === MARGIN_RATE_BOUNDS.min || r === MARGIN_RATE_BOUNDS.max) bounded++;
    if (Math.abs(r - econ.observedMarginRate[i]!) > 0.1) shrunk++;
  }
  const k = econ.credibility.k;
  return {
    halfWeightRevenue: Number.isFinite(k) ? Math.round(k * 100) / 100 : null,
    bounded,
    shrunkOverTenPoints: shrunk,
  };
}

/** Group `g`'s data weights by parameter name (null when none, or when the pooled fit stands in). */
function weightsByName(fits: GroupFits, g: number): Record<string, number> | null {
  const w = fits.dataWeights[g];
  if (!w || fits.fellBack[g]) return null;
  return Object.fromEntries(PURCHASE_LIKELIHOODS[fits.model].paramNames.map((name, j) => [name, w[j]!]));
}

function pick(f: FitResult) {
  return {
    params: f.params,
    standardErrors: f.standardErrors,
    logLikelihood: f.logLikelihood,
    converged: f.converged,
    iterations: f.iterations,
    degenerate: f.degenerate,
    warnings: f.warnings,
  };
}

/** Below this share of repeat buyers a purchase model is fitted but marked degenerate. */
export const MIN_REPEAT_BUYER_SHARE = 0.05;
/** Below this many repeat buyers likewise. */
export const MIN_REPEAT_BUYERS = 30;

/**
 * What the purchase data allow: without any repeat buyer there is nothing to fit (a clear
 * refusal); with few, the figures for a warning (the fit comes back marked degenerate); null when enough.
 */
function fewRepeatBuyers(
  x: Float64Array,
): { repeat: number; customers: number; min: number; minShare: number } | null {
  let repeat = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) repeat++;
  if (repeat === 0) {
    throw new WorthError(
      'input',
      { path: 'order_lines' },
      `${x.length} customers, none with a repeat purchase`,
      'customers who bought on more than one day in the period',
      `no customer bought on more than one day in the period, so a purchase model cannot be fitted (${x.length.toLocaleString('en-US')} customers, each with one purchase day; a longer period or the full order history helps)`,
    );
  }
  const share = repeat / x.length;
  if (repeat < MIN_REPEAT_BUYERS || share < MIN_REPEAT_BUYER_SHARE)
    return { repeat, customers: x.length, min: MIN_REPEAT_BUYERS, minShare: MIN_REPEAT_BUYER_SHARE };
  return null;
}
