/**
 * Voice of the customer: satisfaction (mean feedback score / its scale, 0-1) against
 * contribution. Quadrants: champions (profitable, satisfied), at risk (profitable, not
 * satisfied), over-served (unprofitable, satisfied), and the rest (unprofitable, not
 * satisfied). Profitable means a positive contribution after cost to serve.
 */
import { createTableAs, createWorkTable, type CustomerPart } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** A feedback score as a share of its scale (0-1), as an exact decimal. */
function score(engine: Engine): string {
  return `CAST(least(greatest(score / scale_max, 0), 1) AS ${engine.dialect.decimalType(18, 12)})`;
}

/** The quadrant labels. */
export const VOC_QUADRANTS = ['champions', 'at risk', 'over-served', 'rest', 'no feedback'] as const;

/** The work table of feedback per customer that {@link vocScoresPart} joins into `pnl_attributes`. */
export const VOC_SCORES = 'voc_scores';

/** The names the scores carry in `pnl_attributes` (underscored: customer attributes keep their own names). */
const RESPONSES = '_voc_responses';
const SATISFACTION = '_voc_satisfaction';

/**
 * Writes the work table of responses and mean satisfaction per customer and returns it as a
 * part for the P&L to join: the voice of the customer then reads one table, no second join.
 */
export async function vocScoresPart(engine: Engine): Promise<CustomerPart> {
  await createWorkTable(
    engine,
    VOC_SCORES,
    // Each score / scale to 12 decimals, averaged exactly: a mean of DOUBLEs depends on the order
    // the threads add them in, and a mean right at satisfied_from could change quadrant between runs.
    `SELECT customer_id, count(*) AS responses, CAST(avg(${score(engine)}) AS DOUBLE) AS satisfaction ` +
      'FROM feedback WHERE customer_id IS NOT NULL AND scale_max > 0 GROUP BY customer_id',
  );
  return {
    table: VOC_SCORES,
    columns: [
      ['responses', RESPONSES],
      ['satisfaction', SATISFACTION],
    ],
  };
}

/**
 * Writes `voice_of_customer` (per customer) and `voice_of_customer_summary` (quadrant x
 * segment) from `pnl_attributes`, which holds the scores of {@link vocScoresPart}.
 */
export async function buildVoiceOfCustomer(
  engine: Engine,
  satisfiedFrom: number,
  hasSegment: boolean,
): Promise<void> {
  const segment = hasSegment ? "coalesce(segment, '(none)')" : "'(none)'";
  const quadrant =
    `CASE WHEN ${SATISFACTION} IS NULL THEN 'no feedback' WHEN contribution > 0 AND ${SATISFACTION} >= $1 THEN 'champions' ` +
    `WHEN contribution > 0 THEN 'at risk' WHEN ${SATISFACTION} >= $1 THEN 'over-served' ELSE 'rest' END`;
  await createTableAs(
    engine,
    'voice_of_customer',
    `SELECT customer_id, coalesce(${RESPONSES}, 0) AS responses, ${SATISFACTION} AS satisfaction, ` +
      'CAST(contribution AS DOUBLE) / NULLIF(CAST(net_sales AS DOUBLE), 0) AS contribution_margin_share, ' +
      `${quadrant} AS quadrant FROM pnl_attributes`,
    [satisfiedFrom],
  );
  await createTableAs(
    engine,
    'voice_of_customer_summary',
    'SELECT quadrant, segment, count(*) AS customers, sum(net_sales) AS net_sales, sum(contribution) AS contribution, ' +
      `CAST(avg(CAST(satisfaction AS ${engine.dialect.decimalType(18, 12)})) AS DOUBLE) AS mean_satisfaction ` +
      `FROM (SELECT ${segment} AS segment, net_sales, contribution, ${SATISFACTION} AS satisfaction, ${quadrant} AS quadrant FROM pnl_attributes) v ` +
      'GROUP BY quadrant, segment ORDER BY quadrant, segment',
    [satisfiedFrom],
  );
}
