/**
 * What the Lifetime value page and the report show from `worth clv`'s tables: the fitted
 * models with standard errors, the headline CLV figures, the distribution (histogram,
 * deciles, P(alive)) and the stored fit diagnostics. Reads only; nothing is recomputed.
 */
import { CLV_UNDETERMINED_COLUMN, clvModelKind } from '../core/index.ts';
import type { ClvSegmentTotal, LeftOutCustomers } from '../value/index.ts';
import type { CovariateFacts, StoredClvWarning } from '../words/index.ts';
import type { Dialect, Engine, Row } from '../warehouse/index.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

/** One fitted model as stored in `clv_fit`. */
export interface FittedModel {
  /** Model id (one of src/core's `CLV_MODEL_IDS`). */
  model: string;
  params: { name: string; value: number; standardError: number | null }[];
  logLikelihood: number;
  /** Customers the model was fitted on. */
  customers: number;
  converged: boolean;
  /** The estimates should not be acted on (see `warnings`); false for runs stored before the flag. */
  degenerate: boolean;
  /** Why the fit is doubtful, in the model library's words (English). */
  warnings: string[];
  /** The same warnings as data (`{code, vars}` and what each is about), for a sentence in the reader's language; null for runs stored before they were kept. */
  warningData: StoredClvWarning[] | null;
  /** 2k - 2 LL (lower is better). */
  aic: number;
  /** k ln(n) - 2 LL (lower is better). */
  bic: number;
}

/** One bar of a histogram: values in [from, to); the first and last bars are open (they hold everything beyond). */
export interface HistogramBin {
  from: number;
  to: number;
  customers: number;
}

/** The Lifetime value page's data; `available: false` (with how to get it) when `worth clv` has not run. */
export type LifetimeValue =
  | { available: false; message: string }
  | {
      available: true;
      purchaseModel: FittedModel;
      spendModel: FittedModel | null;
      /** Horizon in years and yearly discount rate of the run (null when stored by an older run). */
      horizonYears: number | null;
      discountRate: number | null;
      customers: number;
      /**
       * Whether the lifetime value is a figure to act on: false when the purchase or the spend
       * fit is flagged degenerate (at the edge of its parameter space, or a parameter the data do
       * not pin down). Then readers show no CLV figure, only the reasons and `historicContribution`.
       */
      determined: boolean;
      /**
       * Customers whose lifetime value rests on an undetermined fit (`customer_clv.clv_undetermined`),
       * with the stored reasons: their figures are empty and in none of the totals, deciles or
       * histograms below (all customers when `determined` is false). Zero for older runs.
       */
      undetermined: { customers: number; reasons: string[] };
      /** What the valued customers brought in over the analysed period: their summed P&L contribution (exact cents, a decimal string). */
      historicContribution: string;
      /**
       * Sum of profit CLV over the determined customers, each rounded to cents (the same figure
       * `worth clv` prints). This and the figures below to `meanPAlive` are null, not zero, when
       * no customer's lifetime value is determined (as in `worth clv --json`): there is no total.
       */
      totalProfitClv: string | null;
      totalRevenueClv: string | null;
      /** Mean profit CLV per determined customer (cents). */
      meanProfitClv: string | null;
      /** Customers expected to lose money over the horizon, and their summed (negative) CLV. */
      lossMakingCustomers: number | null;
      lossMakingClv: string | null;
      /** Share of the total profit CLV held by the top 10% and 20% of customers (by CLV; above 1 when others are negative). */
      top10Share: number | null;
      top20Share: number | null;
      /** Mean P(alive) today over the determined customers. */
      meanPAlive: number | null;
      /** Profit CLV per decile (1 = highest CLV): customers, total (cents), mean P(alive). */
      deciles: { decile: number; customers: number; clvProfit: string; meanPAlive: number }[];
      /** Customers per band of profit CLV (about 20 bands between the 1st and 99th percentile). */
      histogram: HistogramBin[];
      /** Customers per tenth of P(alive) today. */
      pAlive: HistogramBin[];
      /** Customers with 0, 1, …, 7+ repeat purchases: actual and under the fitted model. */
      frequency: { x: number; actual: number; expected: number }[];
      /** Cumulative repeat purchases at the end of each week since the first purchase in the data: actual and model. */
      tracking: { week: number; actual: number; expected: number }[];
      /** 90% interval of the total profit CLV from the purchase model's parameter uncertainty (decimal strings; null when none). */
      totalProfitInterval: { lo: string; hi: string } | null;
      /** Which purchase model and why, with every candidate's figures (null when stored by an older run). */
      choice: ModelChoiceRead | null;
      /** The customer column with per-group fits, and each group's own purchase-model parameters (the rest use `purchaseModel`). */
      groupedBy: string | null;
      groupFits: {
        group: string;
        params: { name: string; value: number; standardError: number | null }[];
        warnings: string[];
        warningData: StoredClvWarning[] | null;
      }[];
      /** The P&L's customers the fit leaves out (no purchase day), per reason with a few ids; null for runs stored before it was kept. */
      leftOut: LeftOutCustomers | null;
      /** The customer column of `segments` (`clv.segment_by`); null without segments or for older runs. */
      segmentBy: string | null;
      /** Per segment: total and mean profit CLV and expected purchases, each with the 90% interval of that total ([] without segments or for runs stored before them). */
      segments: ClvSegmentTotal[];
    };

/** The stored model choice (`clv_model_choice`). */
export interface ModelChoiceRead {
  model: string;
  /** `holdout` (closest on the held-out weeks), `bic` (period too short for a holdout) or `option` (`--model`). */
  basis: string;
  /** One sentence (English), as `worth clv` prints it. */
  reason: string;
  /** Each candidate: AIC, BIC and the holdout check of total repeat purchases (error = (expected - actual) / actual). */
  candidates: {
    model: string;
    aic: number;
    bic: number;
    degenerate: boolean;
    holdout: {
      calibrationEnd: string;
      weeks: number;
      /** A group's error beyond ± this share is warned about (absent in runs before the per-segment warning). */
      warnAbove?: number;
      expected: number;
      actual: number;
      error: number | null;
      groups: {
        name: string;
        customers: number;
        expected: number;
        actual: number;
        error: number | null;
        /** Whether the gap is more than chance gives for the group's size (absent in runs before the chance band: compare with `warnAbove`). */
        warn?: boolean;
        /** The group's own limit (share) and the chance standard deviation of its count (absent in older runs). */
        warnAbove?: number;
        chanceSd?: number;
      }[];
    } | null;
  }[];
  /** `clv.covariates`: each model fitted with and without them, the coefficients and the verdict ([] for runs without covariates or stored before them). */
  covariates: CovariateFacts[];
}

const NO_CLV =
  'The workspace has no lifetime values yet: run `worth clv` on it (after `worth analyze`), then reload.';

function fitted(r: Row): FittedModel {
  const params = JSON.parse(String(r.params)) as Record<string, number>;
  const se = JSON.parse(String(r.standard_errors ?? '{}')) as Record<string, number | null>;
  const ll = Number(r.log_likelihood);
  const n = Number(r.customers);
  const k = Object.keys(params).length;
  return {
    model: String(r.model),
    params: Object.entries(params).map(([name, value]) => ({
      name,
      value,
      standardError: typeof se[name] === 'number' && Number.isFinite(se[name]) ? se[name] : null,
    })),
    logLikelihood: ll,
    customers: n,
    converged: Boolean(r.converged),
    degenerate: r.degenerate === true,
    warnings: typeof r.warnings === 'string' ? (JSON.parse(r.warnings) as string[]) : [],
    warningData:
      typeof r.warning_data === 'string' ? (JSON.parse(r.warning_data) as StoredClvWarning[]) : null,
    aic: 2 * k - 2 * ll,
    bic: k * Math.log(Math.max(1, n)) - 2 * ll,
  };
}

/** A round bin width near `raw`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** The customers whose lifetime value is undetermined and why (none for a run stored before the column). */
async function undeterminedOf(engine: Engine): Promise<{ customers: number; reasons: string[] }> {
  if (!(await engine.columns('customer_clv')).includes(CLV_UNDETERMINED_COLUMN))
    return { customers: 0, reasons: [] };
  const c = engine.dialect.quoteIdent(CLV_UNDETERMINED_COLUMN);
  const rows = await engine.query(
    `SELECT ${c} AS reason, count(*) AS n FROM customer_clv WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return {
    customers: rows.reduce((s, r) => s + Number(r.n), 0),
    reasons: rows.map((r) => String(r.reason)),
  };
}

/** An amount rounded to the cent, as the engine's DECIMAL(18,2). */
const centsIn = (d: Dialect) => (expr: string) => `CAST(round(${expr}, 2) AS ${d.decimalType(18, 2)})`;

/** Reads the Lifetime value page's data (DuckDB SQL: the server opens DuckDB workspaces only). */
export async function readLifetimeValue(engine: Engine): Promise<LifetimeValue> {
  if (!(await engine.tableExists('customer_clv')) || !(await engine.tableExists('clv_fit')))
    return { available: false, message: NO_CLV };
  const CENTS = centsIn(engine.dialect);
  const fits = await engine.query('SELECT * FROM clv_fit');
  const purchaseRow = fits.find((r) => clvModelKind(String(r.model)) !== 'spend' && r.fit_group == null);
  if (!purchaseRow) return { available: false, message: NO_CLV };
  const spendRow = fits.find((r) => clvModelKind(String(r.model)) === 'spend');
  const [t] = await engine.query(
    `SELECT count(*) AS n, coalesce(sum(${CENTS('clv_profit')}), 0) AS p, coalesce(sum(${CENTS('clv_revenue')}), 0) AS r,
       CAST(coalesce(sum(loss_making), 0) AS BIGINT) AS losers, coalesce(sum(CASE WHEN loss_making = 1 THEN ${CENTS('clv_profit')} END), 0) AS l,
       coalesce(avg(p_alive), 0) AS mean_alive, ${engine.dialect.quantile('clv_profit', 0.01)} AS lo, ${engine.dialect.quantile('clv_profit', 0.99)} AS hi FROM customer_clv`,
  );
  const n = Number(t!.n);
  const total = String(t!.p);
  // an undetermined customer's figures are empty: it is in no decile, share or histogram (a figure is)
  const undetermined = await undeterminedOf(engine);
  const valued = n - undetermined.customers;
  const deciles = await engine.query(
    `SELECT decile, count(*) AS customers, sum(${CENTS('clv_profit')}) AS clv, avg(p_alive) AS alive
     FROM (SELECT clv_profit, p_alive, ntile(10) OVER (ORDER BY clv_profit DESC, customer_id) AS decile FROM customer_clv WHERE clv_profit IS NOT NULL) GROUP BY decile ORDER BY decile`,
  );
  const topShare = async (share: number): Promise<number | null> => {
    if (valued === 0 || Number(total) === 0) return null;
    const k = Math.max(1, Math.round(valued * share));
    const [r] = await engine.query(
      `SELECT sum(${CENTS('clv_profit')}) AS s FROM (SELECT clv_profit FROM customer_clv WHERE clv_profit IS NOT NULL ORDER BY clv_profit DESC, customer_id LIMIT $1)`,
      [k],
    );
    return Number(r!.s) / Number(total);
  };

  const lo = Number(t!.lo ?? 0);
  const hi = Number(t!.hi ?? 0);
  const step = niceStep((hi - lo) / 20);
  const start = Math.floor(lo / step) * step;
  const bins = Math.max(1, Math.ceil((hi - start) / step));
  const counts = await engine.query(
    'SELECT CAST(least(greatest(floor((clv_profit - $1) / $2), 0), $3) AS INTEGER) AS bin, count(*) AS n FROM customer_clv WHERE clv_profit IS NOT NULL GROUP BY 1 ORDER BY 1',
    [start, step, bins - 1],
  );
  const histogram: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({
    from: start + i * step,
    to: start + (i + 1) * step,
    customers: 0,
  }));
  for (const c of counts) histogram[Number(c.bin)]!.customers = Number(c.n);

  const alive = await engine.query(
    'SELECT CAST(least(floor(p_alive * 10), 9) AS INTEGER) AS bin, count(*) AS n FROM customer_clv WHERE p_alive IS NOT NULL GROUP BY 1 ORDER BY 1',
  );
  const pAlive: HistogramBin[] = Array.from({ length: 10 }, (_, i) => ({
    from: i / 10,
    to: (i + 1) / 10,
    customers: 0,
  }));
  for (const c of alive) pAlive[Number(c.bin)]!.customers = Number(c.n);

  const choice = await readChoice(engine);
  // By group, in the order `worth clv` fits them (JavaScript's sort of the names): a server engine's
  // table need not give back its rows in the order they were written.
  const groupRows = fits
    .filter((r) => r.model === purchaseRow.model && r.fit_group != null && r !== purchaseRow)
    .sort((a, b) =>
      String(a.fit_group) < String(b.fit_group) ? -1 : String(a.fit_group) > String(b.fit_group) ? 1 : 0,
    );
  const diag = (await engine.tableExists('clv_diagnostics'))
    ? await engine.query('SELECT kind, x, actual, expected FROM clv_diagnostics ORDER BY kind, x')
    : [];
  const num = (v: unknown) => (v == null ? null : Number(v));
  const purchaseModel = fitted(purchaseRow);
  const spendModel = spendRow ? fitted(spendRow) : null;
  const [history] = await engine.query(
    `SELECT coalesce(sum(p.contribution), 0) AS c FROM customer_pnl p WHERE p.customer_id IN (SELECT customer_id FROM customer_clv)`,
  );
  return {
    available: true,
    purchaseModel,
    spendModel,
    determined: !purchaseModel.degenerate && !(spendModel?.degenerate ?? false),
    undetermined,
    historicContribution: String(history!.c),
    horizonYears: num(purchaseRow.horizon_years),
    discountRate: num(purchaseRow.discount_rate),
    customers: n,
    // no determined customer: no total (null, as the run says), not a sum over nothing
    totalProfitClv: valued > 0 ? total : null,
    totalRevenueClv: valued > 0 ? String(t!.r) : null,
    meanProfitClv: valued > 0 ? centsOf(Number(total) / valued) : null,
    lossMakingCustomers: valued > 0 ? Number(t!.losers) : null,
    lossMakingClv: valued > 0 ? String(t!.l) : null,
    top10Share: await topShare(0.1),
    top20Share: await topShare(0.2),
    meanPAlive: valued > 0 ? Number(t!.mean_alive) : null,
    deciles: deciles.map((d) => ({
      decile: Number(d.decile),
      customers: Number(d.customers),
      clvProfit: String(d.clv),
      meanPAlive: Number(d.alive),
    })),
    histogram,
    pAlive,
    frequency: diag
      .filter((r) => r.kind === 'frequency')
      .map((r) => ({ x: Number(r.x), actual: Number(r.actual), expected: Number(r.expected) })),
    tracking: diag
      .filter((r) => r.kind === 'tracking')
      .map((r) => ({ week: Number(r.x), actual: Number(r.actual), expected: Number(r.expected) })),
    totalProfitInterval: choice?.interval ?? null,
    choice: choice?.choice ?? null,
    groupedBy: groupRows.length ? (choice?.groupedBy ?? null) : null,
    groupFits: groupRows.map((r) => {
      const f = fitted(r);
      return {
        group: String(r.fit_group),
        params: f.params,
        warnings: f.warnings,
        warningData: f.warningData,
      };
    }),
    leftOut: choice?.leftOut ?? null,
    ...(await readSegments(engine)),
  };
}

/** The stored per-segment totals (`clv_segments`); none for a run stored before them. */
async function readSegments(
  engine: Engine,
): Promise<{ segmentBy: string | null; segments: ClvSegmentTotal[] }> {
  if (!(await engine.tableExists('clv_segments'))) return { segmentBy: null, segments: [] };
  const rows = await engine.query('SELECT * FROM clv_segments ORDER BY segment IS NULL, segment');
  const num = (v: unknown) => (v == null ? null : Number(v));
  const money = (v: unknown) => (v == null ? null : String(v));
  const cents = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
  const segments = rows.map((r): ClvSegmentTotal => {
    const valued = Number(r.valued);
    const total = money(r.total_profit);
    const lo = money(r.total_profit_lo);
    const hi = money(r.total_profit_hi);
    const purchases = num(r.expected_purchases);
    const qLo = num(r.expected_purchases_lo);
    const qHi = num(r.expected_purchases_hi);
    const per = (v: number) => v / valued;
    return {
      segment: r.segment == null ? null : String(r.segment),
      customers: Number(r.customers),
      valued,
      totalProfitClv: total,
      totalProfitInterval: lo !== null && hi !== null ? { lo, hi } : null,
      meanProfitClv: total !== null && valued > 0 ? cents(per(Number(total))) : null,
      meanProfitInterval:
        lo !== null && hi !== null && valued > 0
          ? { lo: cents(per(Number(lo))), hi: cents(per(Number(hi))) }
          : null,
      expectedPurchases: purchases,
      expectedPurchasesInterval: qLo !== null && qHi !== null ? { lo: qLo, hi: qHi } : null,
      meanExpectedPurchases: purchases !== null && valued > 0 ? per(purchases) : null,
      meanExpectedPurchasesInterval:
        qLo !== null && qHi !== null && valued > 0 ? { lo: per(qLo), hi: per(qHi) } : null,
    };
  });
  return { segmentBy: rows.length ? String(rows[0]!.segment_by) : null, segments };
}

async function readChoice(engine: Engine): Promise<{
  choice: ModelChoiceRead;
  groupedBy: string | null;
  interval: { lo: string; hi: string } | null;
  leftOut: LeftOutCustomers | null;
} | null> {
  if (!(await engine.tableExists('clv_model_choice'))) return null;
  const CENTS = centsIn(engine.dialect);
  const columns = await engine.columns('clv_model_choice');
  const hasInterval = columns.includes('total_profit_lo');
  const [r] = await engine.query(
    `SELECT model, basis, reason, grouped_by, candidates${hasInterval ? `, ${CENTS('total_profit_lo')} AS lo, ${CENTS('total_profit_hi')} AS hi` : ', NULL AS lo, NULL AS hi'}${columns.includes('left_out') ? ', left_out' : ', NULL AS left_out'}${columns.includes('covariates') ? ', covariates' : ', NULL AS covariates'} FROM clv_model_choice`,
  );
  if (!r) return null;
  const candidates = (JSON.parse(String(r.candidates)) as ModelChoiceRead['candidates']).map((c) => ({
    model: c.model,
    aic: c.aic,
    bic: c.bic,
    degenerate: c.degenerate,
    holdout: c.holdout,
  }));
  const interval = r.lo == null || r.hi == null ? null : { lo: String(r.lo), hi: String(r.hi) };
  return {
    choice: {
      model: String(r.model),
      basis: String(r.basis),
      reason: String(r.reason),
      candidates,
      covariates: r.covariates == null ? [] : (JSON.parse(String(r.covariates)) as CovariateFacts[]),
    },
    groupedBy: r.grouped_by == null ? null : String(r.grouped_by),
    interval,
    leftOut: r.left_out == null ? null : (JSON.parse(String(r.left_out)) as LeftOutCustomers),
  };
}

const kept = new WeakMap<WorkspaceReader, Promise<LifetimeValue>>();

/** The Lifetime value data of the reader's workspace, read once (a workspace open read-only cannot change). */
export function lifetimeValueOf(reader: WorkspaceReader): Promise<LifetimeValue> {
  let p = kept.get(reader);
  if (!p) {
    p = reader.read(readLifetimeValue);
    kept.set(reader, p);
    p.catch(() => kept.delete(reader));
  }
  return p;
}

/** A double as a decimal string in cents (a mean of exact cents; display only). */
function centsOf(x: number): string {
  return (Math.round(x * 100) / 100).toFixed(2);
}
