/**
 * Cost of goods recovered on returns, where it is estimated: when cost of goods is estimated
 * (worth.yaml `cogs`) and a returns source gives no `cogs_recovered`, a return takes back the
 * cost of goods of what came back at the rate of the sale, cost of goods / invoice revenue
 * (gross - discount): its order's rate (same order and customer), else its customer's over
 * all its order lines, else the company's. Without this a heavy returner pays the cost of
 * goods of everything it sent back and shows as a false loss-maker.
 */
import type { Engine } from '../warehouse/index.ts';

/**
 * Sets `cogs_recovered` and `cogs_estimated` of the returns loaded from `files` (the sources
 * without a cost of goods recovered) and returns how many got an estimate. Exact: the cents
 * are credited x cogs / revenue in integer arithmetic, rounded half up.
 */
export async function estimateReturnCogs(engine: Engine, files: string[]): Promise<number> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  if (files.length === 0) return 0;
  const revenue = 'gross_amount - coalesce(discount_amount, 0)';
  await engine.run(
    `${d.createTempTable('_rate_order')} AS SELECT order_id, customer_id, sum(cogs_amount) AS c, sum(${revenue}) AS r FROM order_lines GROUP BY order_id, customer_id HAVING sum(${revenue}) > 0`,
  );
  await engine.run(
    `${d.createTempTable('_rate_customer')} AS SELECT customer_id, sum(cogs_amount) AS c, sum(${revenue}) AS r FROM order_lines WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING sum(${revenue}) > 0`,
  );
  await engine.run(
    `${d.createTempTable('_rate_all')} AS SELECT sum(cogs_amount) AS c, sum(${revenue}) AS r FROM order_lines HAVING sum(${revenue}) > 0`,
  );
  const from = files.map((_, i) => `$${i + 1}`).join(', ');
  // The most specific rate that exists; its cost of goods and revenue come from the same level.
  await engine.run(
    `${d.createTempTable('_return_rate')} AS SELECT x._source, x._line, ` +
      'CASE WHEN o.r IS NOT NULL THEN o.c WHEN k.r IS NOT NULL THEN k.c ELSE a.c END AS c, ' +
      'CASE WHEN o.r IS NOT NULL THEN o.r WHEN k.r IS NOT NULL THEN k.r ELSE a.r END AS r ' +
      'FROM returns x LEFT JOIN _rate_order o ON o.order_id = x.order_id AND o.customer_id IS NOT DISTINCT FROM x.customer_id ' +
      `LEFT JOIN _rate_customer k ON k.customer_id = x.customer_id LEFT JOIN _rate_all a ON TRUE WHERE x._source IN (${from})`,
    files,
  );
  const cents = (e: string) => `CAST(round(${e} * 100) AS ${d.wideIntType})`;
  // (2 x credited x cogs + revenue) // (2 x revenue), all in cents: credited x rate rounded half up.
  const quotient = d.intDiv(
    `(${cents('x.credited_amount')} * ${cents('e.c')} * 2 + ${cents('e.r')})`,
    `(2 * ${cents('e.r')})`,
  );
  const recovered = `CAST(CAST(${quotient} AS ${d.decimalType(20, 0)}) * 0.01 AS ${d.decimalType(18, 2)})`;
  await engine.run(
    `UPDATE returns x SET cogs_recovered = ${recovered}, cogs_estimated = TRUE FROM _return_rate e WHERE x._source = e._source AND x._line = e._line AND e.r IS NOT NULL`,
  );
  const n = Number((await engine.query('SELECT count(*) AS n FROM returns WHERE cogs_estimated'))[0]!.n);
  for (const t of ['_rate_order', '_rate_customer', '_rate_all', '_return_rate'])
    await engine.run(`DROP TABLE ${q(t)}`);
  return n;
}
