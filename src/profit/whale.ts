/**
 * The whale curve (Kaplan): customers sorted by contribution, descending; cumulative
 * contribution as a share of the total. The headline figures need no ordering at all: the
 * curve peaks exactly when every profitable customer is in, so peak = sum of positive
 * contributions / total contribution.
 */
import { normaliseMoney, type MoneyString } from '../core/index.ts';
import { createTableAs } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Headline figures of the whale curve. Shares are fractions (0.25 = 25%). */
export interface Whale {
  /** Peak cumulative contribution / total contribution (1.8 = 180%); null when the total is not positive. */
  peak: number | null;
  /** Share of customers at the peak (the profitable ones). */
  peakCustomerShare: number;
  /** Share of customers with a negative contribution. */
  lossMakingShare: number;
  /** Contribution lost on the loss-making customers, as a positive amount. */
  valueDestroyed: MoneyString;
  /** Contribution of the profitable customers (the peak in money). */
  peakContribution: MoneyString;
}

/** Computes the headline figures from `customer_pnl` (no ordering needed); `total` is the total contribution. */
export async function whaleHeadline(
  engine: Engine,
): Promise<{ whale: Whale; customers: number; total: string }> {
  const [r] = await engine.query(
    'SELECT count(*) AS n, sum(CASE WHEN contribution > 0 THEN 1 ELSE 0 END) AS pos_n, sum(CASE WHEN contribution < 0 THEN 1 ELSE 0 END) AS neg_n, ' +
      'CAST(coalesce(sum(CASE WHEN contribution > 0 THEN contribution ELSE 0 END), 0) AS VARCHAR) AS pos, ' +
      'CAST(coalesce(sum(CASE WHEN contribution < 0 THEN contribution ELSE 0 END), 0) AS VARCHAR) AS neg, ' +
      'CAST(coalesce(sum(contribution), 0) AS VARCHAR) AS total FROM customer_pnl',
  );
  const n = Number(r!.n);
  const total = Number(r!.total);
  const share = (k: number) => (n ? round6(k / n) : 0);
  const whale: Whale = {
    peak: total > 0 ? round6(Number(r!.pos) / total) : null,
    peakCustomerShare: share(Number(r!.pos_n ?? 0)),
    lossMakingShare: share(Number(r!.neg_n ?? 0)),
    valueDestroyed: normaliseMoney(String(r!.neg).replace(/^-/, '')),
    peakContribution: normaliseMoney(String(r!.pos)),
  };
  return { whale, customers: n, total: String(r!.total) };
}

/**
 * Writes `whale_curve`: customers by contribution (descending, ties by id) with running sum,
 * shares and decile: one window where the engine has them, else over the dialect's
 * `rankedRunningSum` (ClickHouse).
 */
export async function buildWhaleCurve(engine: Engine, customers: number, total: string): Promise<void> {
  const d = engine.dialect;
  const params = [Math.max(customers, 1), Number(total)];
  if (!d.supportsWindowFunctions) {
    await createTableAs(
      engine,
      'whale_curve',
      `SELECT row_rank AS customer_rank, customer_id, contribution, CAST(running AS ${d.decimalType(18, 2)}) AS cumulative_contribution, ` +
        'CAST(row_rank AS DOUBLE) / $1 AS customer_share, CAST(running AS DOUBLE) / NULLIF(CAST($2 AS DOUBLE), 0) AS contribution_share, ' +
        // 10.0 is a Decimal there: ClickHouse would keep one decimal of the quotient (DuckDB divides in DOUBLE).
        `CAST(ceil(CAST(row_rank AS DOUBLE) * 10 / $1) AS INTEGER) AS decile FROM (${d.rankedRunningSum('customer_pnl', 'customer_id', 'contribution')}) r`,
      params,
    );
    return;
  }
  const w = 'OVER (ORDER BY contribution DESC, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
  const rank = `row_number() ${w}`;
  const cum = `sum(contribution) ${w}`;
  await createTableAs(
    engine,
    'whale_curve',
    `SELECT ${rank} AS customer_rank, customer_id, contribution, CAST(${cum} AS ${d.decimalType(18, 2)}) AS cumulative_contribution, ` +
      `CAST(${rank} AS DOUBLE) / $1 AS customer_share, CAST(${cum} AS DOUBLE) / NULLIF(CAST($2 AS DOUBLE), 0) AS contribution_share, ` +
      `CAST(ceil(${rank} * 10.0 / $1) AS INTEGER) AS decile FROM customer_pnl`,
    params,
  );
}

/** Rounds a ratio to 6 decimals for display and JSON (ratios are not money). */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
