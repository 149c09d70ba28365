/**
 * The customer P&L: one row per customer from gross sales down to the contribution after
 * cost to serve. Sales and returns are summed per customer by costing in the same pass as
 * the activities on those tables ({@link PNL_SUMS}); rebates here. The sums and each
 * activity's cost are joined onto the customers on customer_id. Rows without a customer
 * (unattributed) go to `pnl_unattributed`.
 */
import type { MoneyString } from '../core/index.ts';
import {
  createTableAs,
  createWorkTable,
  joinOnCustomer,
  type CustomerPart,
  type MoneySums,
} from '../costing/index.ts';
import type { Engine, SqlValue } from '../warehouse/index.ts';
import { costColumn, SALES_COLUMNS } from './columns.ts';
import { COGS_ESTIMATED } from './cogsEstimate.ts';

/** The per-customer money sums the P&L takes from the event tables (costing sums them as DECIMAL(18,2)). */
export const PNL_SUMS: MoneySums = {
  order_lines: [
    { name: 'gross_sales', column: 'gross_amount' },
    { name: 'discounts', column: 'discount_amount' },
    { name: 'cogs_sold', column: 'cogs_amount' },
  ],
  returns: [
    { name: 'returns', column: 'credited_amount' },
    { name: 'cogs_recovered', column: 'cogs_recovered' },
  ],
};

/**
 * Rebates per customer as DECIMAL(18,2): exact, and 64-bit in every later step (a sum is
 * DECIMAL(38,2) otherwise, 128-bit arithmetic on a million rows); a customer's total beyond
 * 10^16 would be an overflow error, never a wrong figure.
 */
const REBATES = {
  table: 'pnl_rebates',
  sql: (engine: Engine) =>
    `SELECT customer_id, CAST(sum(amount) AS ${engine.dialect.decimalType(18, 2)}) AS rebates FROM rebates GROUP BY customer_id`,
};

/** Work tables of this stage (dropped at the end of the analysis). */
export const PNL_WORK_TABLES = [REBATES.table, 'pnl_attributes'];

/**
 * Writes `customer_pnl` (every customer), the work table `pnl_attributes` (the same with the
 * customer's `attributes` and the columns of the `extra` parts) and `pnl_unattributed` (one row: sales and costs without a
 * customer; `unattributed` holds costing's unattributed amount per activity, in order, and
 * the {@link PNL_SUMS} over the events without a customer, by name).
 */
export async function buildCustomerPnl(
  engine: Engine,
  activityIds: string[],
  costParts: CustomerPart[],
  unattributed: { costs: MoneyString[]; sums: Record<string, MoneyString> },
  attributes: string[],
  extra: CustomerPart[] = [],
): Promise<void> {
  const q = engine.dialect.quoteIdent;
  await createWorkTable(engine, REBATES.table, REBATES.sql(engine));
  const costs = activityIds.map(costColumn);
  const parts: CustomerPart[] = [
    ...costParts,
    { table: REBATES.table, columns: [['rebates', 'rebates']] },
    ...extra,
  ];
  const zero = (c: string) => `coalesce(${q(c)}, 0)`;
  const list = waterfall(
    engine,
    zero,
    costs.map((c) => ({ name: c, sql: zero(c) })),
  );
  // The waterfall with the customer's attributes and the `extra` columns (for the analyses), then the stored P&L from it.
  const carried = [...attributes, ...extra.flatMap((p) => p.columns.map(([, out]) => out))];
  await joinOnCustomer(
    engine,
    'pnl_attributes',
    'customers',
    parts,
    attributes,
    `${list}${carried.map((a) => `, ${q(a)}`).join('')}`,
  );
  // Last: whether the customer's cost of goods rests on an estimate (false when no part says so).
  const flag = extra.some((p) => p.columns.some(([, out]) => out === COGS_ESTIMATED))
    ? `coalesce(${q(COGS_ESTIMATED)}, FALSE)`
    : 'FALSE';
  await createTableAs(
    engine,
    'customer_pnl',
    `SELECT ${pnlColumnsSql(engine, costs)}, ${flag} AS ${q(COGS_ESTIMATED)} FROM pnl_attributes`,
  );
  // Unattributed: the NULL-customer sums of each source, and the unattributed cost per activity.
  const params: SqlValue[] = [...unattributed.costs];
  const bind = (value: MoneyString) => {
    params.push(value);
    return `CAST($${params.length} AS ${engine.dialect.decimalType(18, 2)})`;
  };
  const costSql = costs.map((c, i) => ({
    name: c,
    sql: `CAST($${i + 1} AS ${engine.dialect.decimalType(18, 2)})`,
  }));
  const rebates = `coalesce((SELECT rebates FROM ${REBATES.table} WHERE customer_id IS NULL), 0)`;
  const sums = new Map<string, string>();
  const byColumn = (c: string) => {
    if (c === 'rebates') return rebates;
    if (!sums.has(c)) sums.set(c, bind(unattributed.sums[c] ?? '0.00'));
    return sums.get(c)!;
  };
  const select = waterfall(engine, byColumn, costSql).replace(
    /^customer_id/,
    'CAST(NULL AS VARCHAR) AS customer_id',
  );
  await createTableAs(engine, 'pnl_unattributed', `SELECT ${select}`, params);
}

function pnlColumnsSql(engine: Engine, costs: string[]): string {
  return ['customer_id', ...SALES_COLUMNS, ...costs, 'cost_to_serve', 'contribution']
    .map(engine.dialect.quoteIdent)
    .join(', ');
}

/** The waterfall's SELECT list, given how to read each source column and each cost. */
function waterfall(
  engine: Engine,
  col: (c: string) => string,
  costs: { name: string; sql: string }[],
): string {
  const q = engine.dialect.quoteIdent;
  const dec = (e: string, name: string) => `CAST(${e} AS ${engine.dialect.decimalType(18, 2)}) AS ${q(name)}`;
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
