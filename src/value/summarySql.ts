import type { Engine } from '../warehouse/index.ts';

/** Table of per-customer purchase summaries for the CLV models (lifetimes conventions, weeks). */
export const SUMMARY_TABLE = 'clv_summary';

/**
 * Builds the per-customer summaries from the warehouse's order lines, in SQL, for any size:
 * one transaction per customer and day (several orders on one day count once),
 * x = repeat purchase days, t_x = weeks from the first to the last purchase,
 * T = weeks from the first purchase to the end of the calibration period, and
 * monetary = mean invoice revenue (gross - discount) of the repeat purchase days (0 when x = 0).
 * Unattributed lines (no customer) and orders after `calibrationEnd` are left out.
 */
export async function buildSummaries(engine: Engine, calibrationEnd: string): Promise<void> {
  const d = engine.dialect;
  await engine.run(`DROP TABLE IF EXISTS ${SUMMARY_TABLE}`);
  await engine.run('DROP TABLE IF EXISTS clv_days');
  await engine.run(
    `CREATE TEMP TABLE clv_days AS SELECT customer_id, order_date AS day, sum(gross_amount - discount_amount) AS revenue, count(DISTINCT order_id) AS orders
     FROM order_lines WHERE customer_id IS NOT NULL AND order_date <= CAST($1 AS DATE) GROUP BY customer_id, order_date`,
    [calibrationEnd],
  );
  await engine.run(
    `CREATE TEMP TABLE clv_first AS SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS days, sum(revenue) AS revenue, sum(orders) AS orders FROM clv_days GROUP BY customer_id`,
  );
  await engine.run(
    `CREATE TABLE ${SUMMARY_TABLE} AS SELECT f.customer_id,
       CAST(f.days - 1 AS DOUBLE) AS x,
       CAST(${d.dateDiffDays('f.first_day', 'f.last_day')} AS DOUBLE) / 7 AS t_x,
       CAST(${d.dateDiffDays('f.first_day', 'CAST($1 AS DATE)')} AS DOUBLE) / 7 AS "T",
       CASE WHEN f.days > 1 THEN CAST((f.revenue - fd.revenue) AS DOUBLE) / (f.days - 1) ELSE 0 END AS monetary,
       CAST(f.orders AS DOUBLE) AS orders
     FROM clv_first f JOIN clv_days fd ON fd.customer_id = f.customer_id AND fd.day = f.first_day
     ORDER BY f.customer_id`,
    [calibrationEnd],
  );
  await engine.run('DROP TABLE clv_days');
  await engine.run('DROP TABLE clv_first');
}
