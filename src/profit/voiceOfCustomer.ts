/**
 * Voice of the customer: satisfaction (mean feedback score / its scale, 0-1) against
 * contribution. Quadrants: champions (profitable, satisfied), at risk (profitable, not
 * satisfied), over-served (unprofitable, satisfied), and the rest (unprofitable, not
 * satisfied). Profitable means a positive contribution after cost to serve.
 */
import { createTableAs, createWorkTable } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** A feedback score as a share of its scale (0-1), as an exact decimal. */
const SCORE = 'CAST(least(greatest(score / scale_max, 0), 1) AS DECIMAL(18,12))';

/** The quadrant labels. */
export const VOC_QUADRANTS = ['champions', 'at risk', 'over-served', 'rest', 'no feedback'] as const;

/** Writes `voice_of_customer` (per customer) and `voice_of_customer_summary` (quadrant x segment). */
export async function buildVoiceOfCustomer(engine: Engine, satisfiedFrom: number, hasSegment: boolean): Promise<void> {
  await createWorkTable(
    engine,
    'voc_scores',
    // Each score / scale to 12 decimals, averaged exactly: a mean of DOUBLEs depends on the order
    // the threads add them in, and a mean right at satisfied_from could change quadrant between runs.
    `SELECT customer_id, count(*) AS responses, CAST(avg(${SCORE}) AS DOUBLE) AS satisfaction ` +
      'FROM feedback WHERE customer_id IS NOT NULL AND scale_max > 0 GROUP BY customer_id',
  );
  const segment = hasSegment ? "coalesce(p.segment, '(none)')" : "'(none)'";
  await createWorkTable(
    engine,
    'voc_work',
    `SELECT p.customer_id, ${segment} AS segment, p.net_sales, p.contribution, ` +
      'CAST(p.contribution AS DOUBLE) / NULLIF(CAST(p.net_sales AS DOUBLE), 0) AS contribution_margin_share, ' +
      'coalesce(s.responses, 0) AS responses, s.satisfaction, ' +
      "CASE WHEN s.satisfaction IS NULL THEN 'no feedback' WHEN p.contribution > 0 AND s.satisfaction >= $1 THEN 'champions' " +
      "WHEN p.contribution > 0 THEN 'at risk' WHEN s.satisfaction >= $1 THEN 'over-served' ELSE 'rest' END AS quadrant " +
      'FROM pnl_attributes p LEFT JOIN voc_scores s ON s.customer_id = p.customer_id',
    [satisfiedFrom],
  );
  await engine.run('DROP TABLE voc_scores');
  await createTableAs(
    engine,
    'voice_of_customer',
    'SELECT customer_id, responses, satisfaction, contribution_margin_share, quadrant FROM voc_work',
  );
  await createTableAs(
    engine,
    'voice_of_customer_summary',
    'SELECT quadrant, segment, count(*) AS customers, sum(net_sales) AS net_sales, sum(contribution) AS contribution, CAST(avg(CAST(satisfaction AS DECIMAL(18,12))) AS DOUBLE) AS mean_satisfaction ' +
      'FROM voc_work GROUP BY quadrant, segment ORDER BY quadrant, segment',
  );
  await engine.run('DROP TABLE voc_work');
}
