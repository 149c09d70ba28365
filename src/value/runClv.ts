import { WorthError, type Logger, silentLogger } from '../core/index.ts';
import { bgnbd, clvForModel, compressRfm, expectedSpend, fitModel, gammaGamma, mbgnbd, paretoNbd, spendData, FORECASTERS, type FitResult, type GammaGammaParams } from '../clv/index.ts';
import type { CostModel } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { clvDiagnostics, storeClvDiagnostics } from './diagnostics.ts';
import { customerEconomics, type CustomerEconomics } from './economics.ts';
import { MARGIN_RATE_BOUNDS } from './marginRate.ts';
import { buildSummaries, SUMMARY_TABLE } from './summarySql.ts';

/** Table of per-customer CLV in the workspace database. */
export const CLV_TABLE = 'customer_clv';
/** Table of the fitted models (one row per model). */
export const CLV_FIT_TABLE = 'clv_fit';

/** The purchase models a workspace can be valued with (each has a forecaster for CLV). */
const PURCHASE_MODELS: Record<string, (rfm: ReturnType<typeof compressRfm>) => FitResult> = {
  bgnbd: (rfm) => fitModel(bgnbd, rfm),
  mbgnbd: (rfm) => fitModel(mbgnbd, rfm),
  'pareto-nbd': (rfm) => fitModel(paretoNbd, rfm),
};

/** Settings of a workspace CLV run. */
export interface ClvRunOptions {
  /** Purchase model: bgnbd (default), mbgnbd or pareto-nbd. */
  model?: string;
  /** Horizon in years (default 5, at most 10). */
  horizonYears?: number;
  /** Yearly discount rate (the workspace's cost of capital). */
  discountRate: number;
  /** End of the calibration period (yyyy-mm-dd): the analysis period's end. */
  calibrationEnd: string;
  logger?: Logger;
}

/** What a CLV run produced, for people and for `--json`. */
export interface ClvRunResult {
  model: string;
  horizonYears: number;
  discountRate: number;
  customers: number;
  purchaseFit: Pick<FitResult, 'params' | 'standardErrors' | 'logLikelihood' | 'converged' | 'iterations' | 'degenerate' | 'warnings'>;
  spendFit: Pick<FitResult, 'params' | 'standardErrors' | 'logLikelihood' | 'converged' | 'customers' | 'degenerate' | 'warnings'>;
  /** Sum of profit CLV over customers, each rounded to cents first (so the total is the same on every run). */
  totalProfitClv: string;
  /** Sum of revenue CLV over customers. */
  totalRevenueClv: string;
  /** Customers whose expected profit over the horizon is negative. */
  lossMakingCustomers: number;
  /** Their summed (negative) profit CLV. */
  lossMakingClv: string;
  /** How the margin rates were made credible (see marginRate.ts). */
  marginRates: MarginRateSummary;
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
export async function runWorkspaceClv(engine: Engine, costModel: CostModel, o: ClvRunOptions): Promise<ClvRunResult> {
  const logger = o.logger ?? silentLogger;
  const modelId = o.model ?? 'bgnbd';
  if (!FORECASTERS.has(modelId) || !PURCHASE_MODELS[modelId]) throw new WorthError('input', { path: '--model' }, modelId, `one of ${Object.keys(PURCHASE_MODELS).join(', ')}`);
  const horizon = o.horizonYears ?? 5;
  if (!(horizon > 0 && horizon <= 10)) throw new WorthError('input', { path: '--horizon' }, horizon, '0 < years <= 10');
  if (!(await engine.tableExists('customer_pnl'))) {
    throw new WorthError('workspace', { path: 'customer_pnl' }, undefined, 'an analysed workspace', 'the customer P&L is missing (run `worth analyze` first)');
  }
  logger.info('customer summaries from the order lines');
  await buildSummaries(engine, o.calibrationEnd);
  const s = await engine.queryNumericColumns(`SELECT x, t_x, "T", monetary FROM ${SUMMARY_TABLE} ORDER BY customer_id`);
  const ids = (await engine.query(`SELECT customer_id FROM ${SUMMARY_TABLE} ORDER BY customer_id`)).map((r) => String(r.customer_id));
  const x = s.x!;
  const tx = s.t_x!;
  const T = s.T!;
  const m = s.monetary!;
  if (ids.length < 10) throw new WorthError('input', { path: 'order_lines' }, ids.length, 'at least 10 customers with purchases to fit a model');

  const dataWarnings = purchaseDataWarnings(x);
  logger.info(`fitting ${modelId} on ${ids.length.toLocaleString('en-US')} customers`);
  const fitted = PURCHASE_MODELS[modelId]!(compressRfm(x, tx, T));
  const purchase = dataWarnings.length ? { ...fitted, degenerate: true, warnings: [...dataWarnings, ...fitted.warnings] } : fitted;
  for (const w of purchase.warnings) logger.warn(`${modelId}: ${w}`);
  // Gamma-Gamma on customers with repeat purchases of positive value.
  const positive = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) positive[i] = x[i]! > 0 && m[i]! > 0 ? x[i]! : 0;
  const spend = fitModel(gammaGamma, spendData(positive, m));
  for (const w of spend.warnings) logger.warn(`gamma-gamma: ${w}`);
  const gg = spend.params as unknown as GammaGammaParams;
  const expSpend = expectedSpend(gg, positive, m);

  const econ = await customerEconomics(engine, costModel, SUMMARY_TABLE);
  const clv = clvForModel(modelId, purchase.params, { x, tx, T, spend: expSpend, marginRate: econ.marginRate, variableCostPerOrder: econ.variableCostPerOrder, fixedCostPerYear: econ.fixedCostPerYear }, { discountRate: o.discountRate, horizonYears: horizon, unit: 'weeks' });

  logger.info('fit diagnostics: frequency histogram and tracking curve');
  const diagnostics = await clvDiagnostics(engine, FORECASTERS.get(modelId)!, purchase.params, { x, T }, o.calibrationEnd);

  await engine.transaction(async () => {
    await storeClvDiagnostics(engine, diagnostics);
    await engine.run(`DROP TABLE IF EXISTS ${CLV_TABLE}`);
    await engine.run(
      `CREATE TABLE ${CLV_TABLE} (customer_id VARCHAR, x DOUBLE, t_x DOUBLE, "T" DOUBLE, p_alive DOUBLE, p_alive_at_horizon DOUBLE, expected_purchases DOUBLE, expected_spend DOUBLE, margin_rate DOUBLE, margin_rate_observed DOUBLE, margin_credibility DOUBLE, variable_cost_per_order DOUBLE, fixed_cost_per_year DOUBLE, clv_revenue DOUBLE, clv_profit DOUBLE, loss_making DOUBLE)`,
    );
    const lossMaking = Float64Array.from(clv.lossMaking);
    await engine.appendColumns(CLV_TABLE, [ids, x, tx, T, clv.aliveNow, clv.aliveAtHorizon, clv.purchases, expSpend, econ.marginRate, econ.observedMarginRate, econ.marginCredibility, econ.variableCostPerOrder, econ.fixedCostPerYear, clv.revenue, clv.profit, lossMaking]);
    await engine.run(`DROP TABLE IF EXISTS ${CLV_FIT_TABLE}`);
    await engine.run(
      `CREATE TABLE ${CLV_FIT_TABLE} (model VARCHAR, params VARCHAR, standard_errors VARCHAR, log_likelihood DOUBLE, customers DOUBLE, converged BOOLEAN, horizon_years DOUBLE, discount_rate DOUBLE, degenerate BOOLEAN, warnings VARCHAR)`,
    );
    for (const f of [purchase, spend]) {
      await engine.run(`INSERT INTO ${CLV_FIT_TABLE} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
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
      ]);
    }
  });
  const totals = (await engine.query(`SELECT coalesce(sum(CAST(round(clv_profit, 2) AS DECIMAL(18,2))), 0) AS p, coalesce(sum(CAST(round(clv_revenue, 2) AS DECIMAL(18,2))), 0) AS r, CAST(sum(loss_making) AS BIGINT) AS n, coalesce(sum(CASE WHEN loss_making = 1 THEN CAST(round(clv_profit, 2) AS DECIMAL(18,2)) END), 0) AS l FROM ${CLV_TABLE}`))[0]!;
  return {
    model: modelId,
    horizonYears: horizon,
    discountRate: o.discountRate,
    customers: ids.length,
    purchaseFit: pick(purchase),
    spendFit: { ...pick(spend), customers: spend.customers },
    totalProfitClv: String(totals.p),
    totalRevenueClv: String(totals.r),
    lossMakingCustomers: Number(totals.n),
    lossMakingClv: String(totals.l),
    marginRates: summariseMarginRates(econ),
  };
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
  return { halfWeightRevenue: Number.isFinite(k) ? Math.round(k * 100) / 100 : null, bounded, shrunkOverTenPoints: shrunk };
}

function pick(f: FitResult) {
  return { params: f.params, standardErrors: f.standardErrors, logLikelihood: f.logLikelihood, converged: f.converged, iterations: f.iterations, degenerate: f.degenerate, warnings: f.warnings };
}

/** Below this share of repeat buyers a purchase model is fitted but marked degenerate. */
export const MIN_REPEAT_BUYER_SHARE = 0.05;
/** Below this many repeat buyers likewise. */
export const MIN_REPEAT_BUYERS = 30;

/**
 * What the purchase data allow: without any repeat buyer there is nothing to fit (a clear
 * refusal); with few, a fit comes back marked degenerate with the reason.
 */
function purchaseDataWarnings(x: Float64Array): string[] {
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
  if (repeat < MIN_REPEAT_BUYERS || share < MIN_REPEAT_BUYER_SHARE) {
    return [`only ${repeat.toLocaleString('en-US')} of ${x.length.toLocaleString('en-US')} customers (${(share * 100).toFixed(1)}%) bought more than once: too few repeat buyers to pin down the purchase model (at least ${MIN_REPEAT_BUYERS} and ${MIN_REPEAT_BUYER_SHARE * 100}% wanted)`];
  }
  return [];
}
