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

/** Computes the headline figures and, where the engine has window functions, the `whale_curve` table. */
export async function buildWhale(engine: Engine): Promise<{ whale: Whale; curve: boolean }> {
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
  if (!engine.dialect.supportsWindowFunctions) return { whale, curve: false };
  await createTableAs(
    engine,
    'whale_rank',
    'SELECT row_number() OVER (ORDER BY contribution DESC, customer_id) AS customer_rank, customer_id, contribution, ' +
      'sum(contribution) OVER (ORDER BY contribution DESC, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_contribution ' +
      'FROM customer_pnl',
  );
  await createTableAs(
    engine,
    'whale_curve',
    'SELECT customer_rank, customer_id, contribution, CAST(cumulative_contribution AS DECIMAL(18,2)) AS cumulative_contribution, ' +
      'CAST(customer_rank AS DOUBLE) / $1 AS customer_share, CAST(cumulative_contribution AS DOUBLE) / NULLIF(CAST($2 AS DOUBLE), 0) AS contribution_share, ' +
      'CAST(ceil(customer_rank * 10.0 / $1) AS INTEGER) AS decile FROM whale_rank ORDER BY customer_rank',
    [Math.max(n, 1), total],
  );
  await engine.run('DROP TABLE whale_rank');
  return { whale, curve: true };
}

/** Rounds a ratio to 6 decimals for display and JSON (ratios are not money). */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
