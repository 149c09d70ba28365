/**
 * Roll-ups of the waterfall: by decile of contribution, by every customer attribute
 * (segment, channel, region, ...), and the line-level sales side by product group and by
 * order channel. Cost to serve is per customer, so it rolls up by customer attributes only.
 */
import { createTableAs } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Customer columns that are identities or dates, not groupings. */
const NOT_ATTRIBUTES = new Set(['customer_id', 'name', 'acquired_on', '_line', '_source']);

/** The customer attributes the roll-ups group by (all text columns of customers but id, name, dates). */
export async function customerAttributes(engine: Engine): Promise<string[]> {
  return (await engine.columns('customers')).filter((c) => !NOT_ATTRIBUTES.has(c));
}

/** `pnl_attributes`: the customer P&L with the customer's attributes and decile (two stages, one JOIN each). */
export async function buildPnlAttributes(engine: Engine, attributes: string[], withDecile: boolean): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const attrs = attributes.map((a) => `CAST(c.${q(a)} AS VARCHAR) AS ${q(a)}`).join(', ');
  const target = withDecile ? 'pnl_attributes_0' : 'pnl_attributes';
  await createTableAs(engine, target, `SELECT p.*${attrs ? `, ${attrs}` : ''} FROM customer_pnl p LEFT JOIN customers c ON c.customer_id = p.customer_id`);
  if (withDecile) {
    await createTableAs(engine, 'pnl_attributes', `SELECT a.*, w.decile FROM ${target} a LEFT JOIN whale_curve w ON w.customer_id = a.customer_id`);
    await engine.run(`DROP TABLE ${target}`);
  }
}

/** SQL summing the waterfall columns, with the customer count and loss-makers. */
function waterfallSums(engine: Engine, columns: string[]): string {
  const q = engine.dialect.quoteIdent;
  return [
    'count(*) AS customers',
    'sum(CASE WHEN contribution < 0 THEN 1 ELSE 0 END) AS loss_making_customers',
    ...columns.map((c) => `sum(${q(c)}) AS ${q(c)}`),
    'CAST(sum(contribution) AS DOUBLE) / NULLIF(CAST(sum(net_sales) AS DOUBLE), 0) AS contribution_margin_share',
  ].join(', ');
}

/** `deciles`: decile 1 holds the most profitable tenth of customers. */
export async function buildDeciles(engine: Engine, columns: string[]): Promise<void> {
  await createTableAs(engine, 'deciles', `SELECT decile, ${waterfallSums(engine, columns)} FROM pnl_attributes GROUP BY decile ORDER BY decile`);
}

/** `rollup_customer_attribute`: one block of rows per attribute (attribute, value, waterfall). */
export async function buildAttributeRollups(engine: Engine, columns: string[], attributes: string[]): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const select = (a: string) =>
    `SELECT CAST($1 AS VARCHAR) AS attribute, coalesce(${q(a)}, '(none)') AS value, ${waterfallSums(engine, columns)} FROM pnl_attributes GROUP BY coalesce(${q(a)}, '(none)')`;
  if (!attributes.length) {
    await createTableAs(engine, 'rollup_customer_attribute', `SELECT CAST(NULL AS VARCHAR) AS attribute, CAST(NULL AS VARCHAR) AS value, ${waterfallSums(engine, columns)} FROM pnl_attributes WHERE 1 = 0`);
    return;
  }
  await createTableAs(engine, 'rollup_customer_attribute', select(attributes[0]!), [attributes[0]!]);
  for (const a of attributes.slice(1)) await engine.run(`INSERT INTO rollup_customer_attribute ${select(a)}`, [a]);
}

/** `rollup_product_group` and `rollup_order_channel`: invoiced sales and margin from the order lines (all lines, unattributed too). */
export async function buildLineRollups(engine: Engine): Promise<void> {
  const sums =
    'count(*) AS order_lines, count(DISTINCT order_id) AS orders, sum(gross_amount) AS gross_sales, sum(discount_amount) AS discounts, ' +
    'sum(gross_amount - discount_amount) AS invoiced_sales, sum(cogs_amount) AS cogs, sum(gross_amount - discount_amount - cogs_amount) AS invoiced_margin, ' +
    'CAST(sum(gross_amount - discount_amount - cogs_amount) AS DOUBLE) / NULLIF(CAST(sum(gross_amount - discount_amount) AS DOUBLE), 0) AS margin_share';
  await createTableAs(engine, 'rollup_product_group', `SELECT coalesce(product_group, '(none)') AS product_group, ${sums} FROM order_lines GROUP BY coalesce(product_group, '(none)') ORDER BY 1`);
  await createTableAs(engine, 'rollup_order_channel', `SELECT coalesce(channel, '(none)') AS channel, ${sums} FROM order_lines GROUP BY coalesce(channel, '(none)') ORDER BY 1`);
}
