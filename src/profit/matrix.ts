/**
 * The profitability matrix (Shapiro et al., "Manage customers for profits (not just sales)"):
 * net price realisation (net sales / gross sales) against cost to serve as a share of net
 * sales. The dividing lines are the company's own ratios over all customers, so "high" means
 * above the company average:
 * - carriage trade: high price, high cost to serve;  passive: high price, low cost;
 * - bargain basement: low price, low cost;           aggressive: low price, high cost.
 * Customers without positive net sales have no ratio: quadrant `no net sales`.
 */
import { createTableAs } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** The quadrant labels, in display order. */
export const MATRIX_QUADRANTS = [
  'carriage trade',
  'passive',
  'bargain basement',
  'aggressive',
  'no net sales',
] as const;

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
  const price =
    'CASE WHEN net_sales > 0 AND gross_sales > 0 THEN CAST(net_sales AS DOUBLE) / CAST(gross_sales AS DOUBLE) END';
  const cost =
    'CASE WHEN net_sales > 0 AND gross_sales > 0 THEN CAST(cost_to_serve AS DOUBLE) / CAST(net_sales AS DOUBLE) END';
  const quadrant =
    "CASE WHEN NOT (net_sales > 0 AND gross_sales > 0) THEN 'no net sales' " +
    `WHEN ${price} >= $1 AND ${cost} >= $2 THEN 'carriage trade' WHEN ${price} >= $1 THEN 'passive' ` +
    `WHEN ${cost} < $2 THEN 'bargain basement' ELSE 'aggressive' END`;
  const bound = [thresholds.priceRealisation, thresholds.costToServeShare];
  // Both tables read customer_pnl directly: a copy of its rows for the summary cost more than a second scan.
  await createTableAs(
    engine,
    'profitability_matrix',
    `SELECT customer_id, ${price} AS net_price_realisation, ${cost} AS cost_to_serve_share, ${quadrant} AS quadrant FROM customer_pnl`,
    bound,
  );
  await createTableAs(
    engine,
    'profitability_matrix_summary',
    'SELECT quadrant, count(*) AS customers, sum(net_sales) AS net_sales, sum(cost_to_serve) AS cost_to_serve, sum(contribution) AS contribution ' +
      `FROM (SELECT net_sales, cost_to_serve, contribution, ${quadrant} AS quadrant FROM customer_pnl) m GROUP BY quadrant ORDER BY quadrant`,
    bound,
  );
  return thresholds;
}
