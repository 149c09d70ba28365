/**
 * Trends over time from the tables `worth analyze` stores by month: the total and one
 * segment's (`pnl_monthly_segment`), one customer's (`pnl_monthly`) and the cohort table
 * (`cohort_monthly`). Months come from the engine as exact decimal strings; quarters are their
 * sums in integer cents, so a trend's periods add up to its total to the cent.
 */
import { fromScaled, toScaled, type MoneyString } from '../core/index.ts';
import { MONTHLY_COLUMNS, periodMonths } from '../profit/index.ts';
import type { Engine, Row } from '../warehouse/index.ts';
import type { Grain, TrendRequest } from './request.ts';

/** One money column of a trend (the waterfall by month: deductions positive). */
export type TrendColumn = (typeof MONTHLY_COLUMNS)[number];

/** The waterfall of one period: every {@link TrendColumn} as an exact decimal string. */
export type TrendFigures = Record<TrendColumn, MoneyString>;

/** One period of a trend: `2024-03` (month) or `2024-Q1` (quarter), with its figures. */
export interface TrendPeriod extends TrendFigures {
  period: string;
}

/** A trend: its periods (oldest first, only those with any figure) and their total. */
export interface Trend {
  grain: Grain;
  /** The segment it is about; null: every customer (or one customer's trend). */
  segment: string | null;
  periods: TrendPeriod[];
  total: TrendFigures;
}

/** The segments a trend can be asked for (absent when customers have no segment). */
export async function trendSegments(engine: Engine): Promise<string[]> {
  const rows = await engine.query(
    'SELECT DISTINCT segment FROM pnl_monthly_segment WHERE segment IS NOT NULL ORDER BY segment',
  );
  return rows.map((r) => String(r.segment));
}

/** The company's (or one segment's) trend; a segment that does not exist gives no periods. */
export async function readTrend(engine: Engine, request: TrendRequest): Promise<Trend> {
  const q = engine.dialect.quoteIdent;
  const sums = MONTHLY_COLUMNS.map((c) => `CAST(sum(${q(c)}) AS VARCHAR) AS ${q(c)}`).join(', ');
  const where = request.segment === undefined ? '' : 'WHERE segment = $1';
  const rows = await engine.query(
    `SELECT CAST(month AS VARCHAR) AS month, ${sums} FROM pnl_monthly_segment ${where} GROUP BY month ORDER BY month`,
    request.segment === undefined ? [] : [request.segment],
  );
  return { ...bucket(rows, request.grain), segment: request.segment ?? null };
}

/** The months a trend's axis must show (yyyy-mm-dd, first and last day of the analysed period). */
export interface TrendSpan {
  start: string;
  end: string;
}

/**
 * One customer's trend, or null when the customer is not in the customer P&L. With `span`, every
 * month of it is a period, zero where the customer had nothing (a month without orders is a
 * month on the axis, not a gap the line jumps over).
 */
export async function readCustomerTrend(
  engine: Engine,
  customerId: string,
  grain: Grain,
  span?: TrendSpan,
): Promise<Trend | null> {
  const q = engine.dialect.quoteIdent;
  const cols = MONTHLY_COLUMNS.map((c) => `CAST(${q(c)} AS VARCHAR) AS ${q(c)}`).join(', ');
  const rows = await engine.query(
    `SELECT CAST(month AS VARCHAR) AS month, ${cols} FROM pnl_monthly WHERE customer_id = $1 ORDER BY month`,
    [customerId],
  );
  // Only a customer without any month needs the second look: known (all zero) or not there.
  if (
    !rows.length &&
    !(await engine.query('SELECT 1 AS ok FROM customer_pnl WHERE customer_id = $1', [customerId])).length
  )
    return null;
  return customerTrendOfMonths(rows, grain, span);
}

/** One customer's trend from its rows of `pnl_monthly` (month as `YYYY-MM-DD`, money as decimal strings), as {@link readCustomerTrend} gives it. */
export function customerTrendOfMonths(rows: Row[], grain: Grain, span?: TrendSpan): Trend {
  return { ...bucket(rows, grain, span), segment: null };
}

/**
 * Monthly rows summed into periods of the grain, in integer cents. With `span`, every month
 * from the earlier of its start and the first row to the later of its end and the last row is
 * a period (zero when it has no row): rows outside the period still show, never dropped.
 */
function bucket(
  rows: Row[],
  grain: Grain,
  span?: TrendSpan,
): { grain: Grain; periods: TrendPeriod[]; total: TrendFigures } {
  // null: a period of the span without a row (most of a customer's months), written as the one
  // all-zero figures instead of a column of zero sums formatted each time.
  const periods = new Map<string, bigint[] | null>();
  const total = MONTHLY_COLUMNS.map(() => 0n);
  if (span) {
    const months = rows.map((r) => String(r.month).slice(0, 10)).sort();
    const first = [span.start, months[0] ?? span.start].sort()[0]!;
    const last = [span.end, months.at(-1) ?? span.end].sort().at(-1)!;
    // In month order, so the periods come out oldest first whichever months have rows.
    for (const m of periodMonths(first, last)) {
      const key = periodOf(m, grain);
      if (!periods.has(key)) periods.set(key, null);
    }
  }
  for (const r of rows) {
    const key = periodOf(String(r.month), grain);
    const acc = periods.get(key) ?? MONTHLY_COLUMNS.map(() => 0n);
    MONTHLY_COLUMNS.forEach((c, i) => {
      const v = toScaled(String(r[c] ?? '0'));
      acc[i]! += v;
      total[i]! += v;
    });
    periods.set(key, acc);
  }
  return {
    grain,
    periods: [...periods].map(([period, acc]) => ({ period, ...(acc ? figures(acc) : ZERO_FIGURES) })),
    total: figures(total),
  };
}

function figures(cents: bigint[]): TrendFigures {
  return Object.fromEntries(MONTHLY_COLUMNS.map((c, i) => [c, fromScaled(cents[i]!)])) as TrendFigures;
}

/** The figures of a period without a row: every column zero. */
const ZERO_FIGURES: Readonly<TrendFigures> = Object.freeze(figures(MONTHLY_COLUMNS.map(() => 0n)));

/** `2024-03-01` -> `2024-03` (month) or `2024-Q1` (quarter). */
export function periodOf(monthStart: string, grain: Grain): string {
  const ym = monthStart.slice(0, 7);
  switch (grain) {
    case 'month':
      return ym;
    case 'quarter':
      return `${ym.slice(0, 4)}-Q${Math.floor((Number(ym.slice(5, 7)) - 1) / 3) + 1}`;
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}

/** One cell of the cohort table: the cohort's customers active, net sales and contribution in a month since their first order. */
export interface CohortCell {
  monthsSince: number;
  customers: number;
  netSales: MoneyString;
  contribution: MoneyString;
}

/** One cohort: the customers whose first order fell in `cohort` (`2024-03`), and its cells (month 0 first). */
export interface Cohort {
  cohort: string;
  /** Customers in the cohort (all are active in month 0, the month of their first order). */
  customers: number;
  cells: CohortCell[];
  /** Contribution over every month of the cohort. */
  contribution: MoneyString;
}

/** The cohort table: first-order month x months since, oldest cohort first. */
export async function readCohorts(engine: Engine): Promise<Cohort[]> {
  const rows = await engine.query(
    'SELECT CAST(cohort AS VARCHAR) AS cohort, months_since, customers, CAST(net_sales AS VARCHAR) AS net_sales, CAST(contribution AS VARCHAR) AS contribution ' +
      'FROM cohort_monthly ORDER BY cohort, months_since',
  );
  const cohorts = new Map<string, { cells: CohortCell[]; cents: bigint }>();
  for (const r of rows) {
    const key = String(r.cohort).slice(0, 7);
    const c = cohorts.get(key) ?? { cells: [], cents: 0n };
    c.cells.push({
      monthsSince: Number(r.months_since),
      customers: Number(r.customers),
      netSales: String(r.net_sales),
      contribution: String(r.contribution),
    });
    c.cents += toScaled(String(r.contribution));
    cohorts.set(key, c);
  }
  return [...cohorts].map(([cohort, c]) => ({
    cohort,
    customers: c.cells.find((x) => x.monthsSince === 0)?.customers ?? 0,
    cells: c.cells,
    contribution: fromScaled(c.cents),
  }));
}
