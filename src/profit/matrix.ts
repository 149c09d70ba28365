/**
 * The profitability matrix (Shapiro et al., "Manage customers for profits (not just sales)"):
 * net price realisation (net sales / gross sales) against cost to serve as a share of net
 * sales. The dividing lines are the company's own ratios over all customers, so "high" means
 * above the company average:
 * - carriage trade: high price, high cost to serve;  passive: high price, low cost;
 * - bargain basement: low price, low cost;           aggressive: low price, high cost.
 * Customers without positive net sales have no ratio: quadrant `no net sales`.
 */
import { createTableAs, createWorkTable } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** The quadrant labels, in display order. */
export const MATRIX_QUADRANTS = ['carriage trade', 'passive', 'bargain basement', 'aggressive', 'no net sales'] as const;

/** The dividing lines used. */
export interface MatrixThresholds {
  /** Company net sales / gross sales. */
  priceRealisation: number;
  /** Company cost to serve / net sales. */
  costToServeShare: number;
}

/** Writes `profitability_matrix` (per customer: the two ratios and the quadrant) and `profitability_matrix_summary` (per quadrant). */
export async function buildMatrix(engine: Engine): Promise<MatrixThresholds> {
  const [t] = await engine.query(
    'SELECT CAST(sum(net_sales) AS DOUBLE) / NULLIF(CAST(sum(gross_sales) AS DOUBLE), 0) AS p, ' +
      'CAST(sum(cost_to_serve) AS DOUBLE) / NULLIF(CAST(sum(net_sales) AS DOUBLE), 0) AS c FROM customer_pnl WHERE net_sales > 0',
  );
  const thresholds = { priceRealisation: Number(t?.p ?? 0), costToServeShare: Number(t?.c ?? 0) };
  const price = 'CASE WHEN net_sales > 0 AND gross_sales > 0 THEN CAST(net_sales AS DOUBLE) / CAST(gross_sales AS DOUBLE) END';
  const cost = 'CASE WHEN net_sales > 0 AND gross_sales > 0 THEN CAST(cost_to_serve AS DOUBLE) / CAST(net_sales AS DOUBLE) END';
  // The full rows stay in memory for the summary; the stored table keeps only what is new.
  await createWorkTable(
    engine,
    'matrix_work',
    `SELECT customer_id, gross_sales, net_sales, cost_to_serve, contribution, ${price} AS net_price_realisation, ${cost} AS cost_to_serve_share, ` +
      "CASE WHEN NOT (net_sales > 0 AND gross_sales > 0) THEN 'no net sales' " +
      `WHEN ${price} >= $1 AND ${cost} >= $2 THEN 'carriage trade' WHEN ${price} >= $1 THEN 'passive' ` +
      `WHEN ${cost} < $2 THEN 'bargain basement' ELSE 'aggressive' END AS quadrant FROM customer_pnl`,
    [thresholds.priceRealisation, thresholds.costToServeShare],
  );
  await createTableAs(engine, 'profitability_matrix', 'SELECT customer_id, net_price_realisation, cost_to_serve_share, quadrant FROM matrix_work');
  await createTableAs(
    engine,
    'profitability_matrix_summary',
    'SELECT quadrant, count(*) AS customers, sum(net_sales) AS net_sales, sum(cost_to_serve) AS cost_to_serve, sum(contribution) AS contribution ' +
      'FROM matrix_work GROUP BY quadrant ORDER BY quadrant',
  );
  await engine.run('DROP TABLE matrix_work');
  return thresholds;
}
