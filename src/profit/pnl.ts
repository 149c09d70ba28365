/**
 * The customer P&L: one row per customer from gross sales down to the contribution after
 * cost to serve. Built as a union of per-source GROUP BYs summed per customer (no joins),
 * so every engine can run it. Unattributed rows (no customer) land in `pnl_unattributed`.
 */
import { createTableAs } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { costColumn } from './columns.ts';

const PARTS = 'pnl_parts';
const SUMS = 'pnl_sums';

/** Work tables of this stage (dropped at the end of the analysis). */
export const PNL_WORK_TABLES = [PARTS, SUMS];

/** Writes `customer_pnl` (customers only) and `pnl_unattributed` (one row: events without a customer). */
export async function buildCustomerPnl(engine: Engine, activityIds: string[]): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const costs = activityIds.map(costColumn);
  const parts = ['gross_sales', 'discounts', 'returns', 'rebates', 'cogs_sold', 'cogs_recovered', ...costs];
  const zero = 'CAST(0 AS DECIMAL(18,2))';
  // Every customer gets a row, even without sales.
  await createTableAs(engine, PARTS, `SELECT customer_id, ${parts.map((p) => `${zero} AS ${q(p)}`).join(', ')} FROM customers`);
  const add = async (cols: string[], select: string, params?: (string | number)[]) =>
    engine.run(`INSERT INTO ${PARTS} (customer_id, ${cols.map(q).join(', ')}) ${select}`, params);
  await add(['gross_sales', 'discounts', 'cogs_sold'], 'SELECT customer_id, sum(gross_amount), sum(discount_amount), sum(cogs_amount) FROM order_lines GROUP BY customer_id');
  await add(['returns', 'cogs_recovered'], 'SELECT customer_id, sum(credited_amount), sum(cogs_recovered) FROM returns GROUP BY customer_id');
  await add(['rebates'], 'SELECT customer_id, sum(amount) FROM rebates GROUP BY customer_id');
  for (const id of activityIds) {
    await add([costColumn(id)], 'SELECT customer_id, cost FROM activity_cost WHERE activity_id = $1', [id]);
  }
  const sum = (c: string) => `CAST(coalesce(sum(${q(c)}), 0) AS DECIMAL(18,2)) AS ${q(c)}`;
  await createTableAs(engine, SUMS, `SELECT customer_id, ${parts.map(sum).join(', ')} FROM ${PARTS} GROUP BY customer_id`);
  const net = 'gross_sales - discounts - returns - rebates';
  const cogs = 'cogs_sold - cogs_recovered';
  const cts = costs.length ? costs.map(q).join(' + ') : zero;
  const dec = (e: string, name: string) => `CAST(${e} AS DECIMAL(18,2)) AS ${q(name)}`;
  const select = [
    'customer_id',
    'gross_sales',
    'discounts',
    'returns',
    'rebates',
    dec(net, 'net_sales'),
    dec(cogs, 'cogs'),
    dec(`(${net}) - (${cogs})`, 'gross_margin'),
    ...costs.map(q),
    dec(cts, 'cost_to_serve'),
    dec(`(${net}) - (${cogs}) - (${cts})`, 'contribution'),
  ].join(', ');
  await createTableAs(engine, 'customer_pnl', `SELECT ${select} FROM ${SUMS} WHERE customer_id IS NOT NULL ORDER BY customer_id`);
  await createTableAs(engine, 'pnl_unattributed', `SELECT ${select} FROM ${SUMS} WHERE customer_id IS NULL`);
}
