/**
 * The customer P&L: one row per customer from gross sales down to the contribution after
 * cost to serve. Each source is summed per customer once (order lines, returns, rebates);
 * the sums and costing's `activity_cost` are joined onto the customers on customer_id.
 * Rows without a customer (unattributed) go to `pnl_unattributed`.
 */
import type { MoneyString } from '../core/index.ts';
import { createTableAs, createWorkTable, joinOnCustomer, type CustomerPart } from '../costing/index.ts';
import type { Engine, SqlValue } from '../warehouse/index.ts';
import { costColumn, SALES_COLUMNS } from './columns.ts';

const SUMS: { table: string; sql: string; columns: string[] }[] = [
  {
    table: 'pnl_sales',
    sql: 'SELECT customer_id, sum(gross_amount) AS gross_sales, sum(discount_amount) AS discounts, sum(cogs_amount) AS cogs_sold FROM order_lines GROUP BY customer_id',
    columns: ['gross_sales', 'discounts', 'cogs_sold'],
  },
  {
    table: 'pnl_returns',
    sql: 'SELECT customer_id, sum(credited_amount) AS returns, sum(cogs_recovered) AS cogs_recovered FROM returns GROUP BY customer_id',
    columns: ['returns', 'cogs_recovered'],
  },
  { table: 'pnl_rebates', sql: 'SELECT customer_id, sum(amount) AS rebates FROM rebates GROUP BY customer_id', columns: ['rebates'] },
];

/** Work tables of this stage (dropped at the end of the analysis). */
export const PNL_WORK_TABLES = [...SUMS.map((s) => s.table), 'pnl_attributes'];

/**
 * Writes `customer_pnl` (every customer), the work table `pnl_attributes` (the same with the
 * customer's `attributes`) and `pnl_unattributed` (one row: sales and costs without a
 * customer; `unattributedCosts` are costing's unattributed amounts per activity).
 */
export async function buildCustomerPnl(
  engine: Engine,
  activityIds: string[],
  costParts: CustomerPart[],
  unattributedCosts: MoneyString[],
  attributes: string[],
): Promise<void> {
  const q = engine.dialect.quoteIdent;
  for (const s of SUMS) await createWorkTable(engine, s.table, s.sql);
  const costs = activityIds.map(costColumn);
  const parts: CustomerPart[] = [
    ...SUMS.map((s) => ({ table: s.table, columns: s.columns.map((c): [string, string] => [c, c]) })),
    ...costParts,
  ];
  const zero = (c: string) => `coalesce(${q(c)}, 0)`;
  const list = waterfall(engine, zero, costs.map((c) => ({ name: c, sql: zero(c) })));
  // The waterfall with the customer's attributes (for roll-ups), then the stored P&L from it.
  await joinOnCustomer(engine, 'pnl_attributes', 'customers', parts, attributes, `${list}${attributes.map((a) => `, ${q(a)}`).join('')}`);
  await createTableAs(engine, 'customer_pnl', `SELECT ${pnlColumnsSql(engine, costs)} FROM pnl_attributes`);
  // Unattributed: the NULL-customer sums of each source, and the unattributed cost per activity.
  const one = (s: (typeof SUMS)[number], c: string) => `coalesce((SELECT ${c} FROM ${s.table} WHERE customer_id IS NULL), 0)`;
  const byColumn = (c: string) => one(SUMS.find((s) => s.columns.includes(c))!, c);
  const params: SqlValue[] = [...unattributedCosts];
  const costSql = costs.map((c, i) => ({ name: c, sql: `CAST($${i + 1} AS DECIMAL(18,2))` }));
  await createTableAs(
    engine,
    'pnl_unattributed',
    `SELECT ${waterfall(engine, byColumn, costSql).replace(/^customer_id/, 'CAST(NULL AS VARCHAR) AS customer_id')}`,
    params,
  );
}

function pnlColumnsSql(engine: Engine, costs: string[]): string {
  return ['customer_id', ...SALES_COLUMNS, ...costs, 'cost_to_serve', 'contribution'].map(engine.dialect.quoteIdent).join(', ');
}

/** The waterfall's SELECT list, given how to read each source column and each cost. */
function waterfall(engine: Engine, col: (c: string) => string, costs: { name: string; sql: string }[]): string {
  const q = engine.dialect.quoteIdent;
  const dec = (e: string, name: string) => `CAST(${e} AS DECIMAL(18,2)) AS ${q(name)}`;
  const net = `${col('gross_sales')} - ${col('discounts')} - ${col('returns')} - ${col('rebates')}`;
  const cogs = `${col('cogs_sold')} - ${col('cogs_recovered')}`;
  const cts = costs.length ? costs.map((c) => c.sql).join(' + ') : '0';
  return [
    'customer_id',
    dec(col('gross_sales'), 'gross_sales'),
    dec(col('discounts'), 'discounts'),
    dec(col('returns'), 'returns'),
    dec(col('rebates'), 'rebates'),
    dec(net, 'net_sales'),
    dec(cogs, 'cogs'),
    dec(`(${net}) - (${cogs})`, 'gross_margin'),
    ...costs.map((c) => dec(c.sql, c.name)),
    dec(cts, 'cost_to_serve'),
    dec(`(${net}) - (${cogs}) - (${cts})`, 'contribution'),
  ].join(', ');
}
