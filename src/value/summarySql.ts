import type { Engine } from '../warehouse/index.ts';

/** Table of per-customer purchase summaries for the CLV models (lifetimes conventions, weeks). */
export const SUMMARY_TABLE = 'clv_summary';
/** Temporary table of the purchase days behind the summaries (customer_id, day, revenue, orders), kept for the run's diagnostics. */
export const PURCHASE_DAYS_TABLE = 'clv_purchase_days';

/**
 * Builds the per-customer summaries from the warehouse's order lines, in SQL, for any size:
 * one transaction per customer and day (several orders on one day count once),
 * x = repeat purchase days, t_x = weeks from the first to the last purchase,
 * T = weeks from the first purchase to the end of the calibration period, and
 * monetary = mean invoice revenue (gross - discount) of the repeat purchase days (0 when x = 0).
 * Unattributed lines (no customer), orders after `calibrationEnd` and cancellations (orders
 * that returns naming them credit in full) are left out; a partial return keeps the purchase
 * (its effect on margin is in the customer's margin rate).
 */
export async function buildSummaries(engine: Engine, calibrationEnd: string): Promise<void> {
  const d = engine.dialect;
  await engine.run(`DROP TABLE IF EXISTS ${SUMMARY_TABLE}`);
  await engine.run(`DROP TABLE IF EXISTS ${PURCHASE_DAYS_TABLE}`);
  await engine.run('DROP TABLE IF EXISTS clv_orders');
  // An order credited in full by returns that name it (a cancellation) was not a purchase.
  await engine.run(
    `CREATE TEMPORARY TABLE clv_orders AS SELECT o.customer_id, o.order_id, o.day, o.revenue
     FROM (SELECT customer_id, order_id, order_date AS day, sum(gross_amount - discount_amount) AS revenue
           FROM order_lines WHERE customer_id IS NOT NULL AND order_date <= CAST($1 AS DATE) GROUP BY customer_id, order_id, order_date) o
     LEFT JOIN (SELECT customer_id, order_id, sum(credited_amount) AS credited FROM returns WHERE order_id IS NOT NULL AND customer_id IS NOT NULL GROUP BY customer_id, order_id) r
       ON r.customer_id = o.customer_id AND r.order_id = o.order_id
     WHERE r.credited IS NULL OR r.credited < o.revenue`,
    [calibrationEnd],
  );
  await engine.run(
    `CREATE TEMPORARY TABLE ${PURCHASE_DAYS_TABLE} AS SELECT customer_id, day, sum(revenue) AS revenue, count(*) AS orders FROM clv_orders GROUP BY customer_id, day`,
  );
  await engine.run('DROP TABLE clv_orders');
  await engine.run(
    `CREATE TEMPORARY TABLE clv_first AS SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS days, sum(revenue) AS revenue, sum(orders) AS orders FROM ${PURCHASE_DAYS_TABLE} GROUP BY customer_id`,
  );
  await engine.run(
    `CREATE TABLE ${SUMMARY_TABLE} AS SELECT f.customer_id,
       CAST(f.days - 1 AS DOUBLE) AS x,
       CAST(${d.dateDiffDays('f.first_day', 'f.last_day')} AS DOUBLE) / 7 AS t_x,
       CAST(${d.dateDiffDays('f.first_day', 'CAST($1 AS DATE)')} AS DOUBLE) / 7 AS "T",
       CASE WHEN f.days > 1 THEN CAST((f.revenue - fd.revenue) AS DOUBLE) / (f.days - 1) ELSE 0 END AS monetary,
       CAST(f.orders AS DOUBLE) AS orders
     FROM clv_first f JOIN ${PURCHASE_DAYS_TABLE} fd ON fd.customer_id = f.customer_id AND fd.day = f.first_day
     ORDER BY f.customer_id`,
    [calibrationEnd],
  );
  await engine.run('DROP TABLE clv_first');
}
