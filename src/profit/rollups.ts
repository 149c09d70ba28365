/**
 * Roll-ups of the waterfall: by decile of contribution, by every customer attribute
 * (segment, channel, region, ...), and the line-level sales side by product group and by
 * order channel. Cost to serve is per customer, so it rolls up by customer attributes only.
 */
import { createTableAs, createWorkTable } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Customer columns that are identities or dates, not groupings. */
const NOT_ATTRIBUTES = new Set(['customer_id', 'name', 'acquired_on', '_line', '_source']);

/** The customer attributes the roll-ups group by (all text columns of customers but id, name, dates). */
export async function customerAttributes(engine: Engine): Promise<string[]> {
  return (await engine.columns('customers')).filter((c) => !NOT_ATTRIBUTES.has(c));
}

/**
 * SQL summing the waterfall columns (of table alias `p`), with the customer count and
 * loss-makers, and the contribution margin share; each sum named `name(column)` (the column's
 * own name by default).
 */
function waterfallSums(engine: Engine, columns: string[], name = (c: string) => c, share = true): string {
  const q = engine.dialect.quoteIdent;
  return [
    'count(*) AS customers',
    'sum(CASE WHEN p.contribution < 0 THEN 1 ELSE 0 END) AS loss_making_customers',
    ...columns.map((c) => `sum(p.${q(c)}) AS ${q(name(c))}`),
    ...(share
      ? [
          'CAST(sum(p.contribution) AS DOUBLE) / NULLIF(CAST(sum(p.net_sales) AS DOUBLE), 0) AS contribution_margin_share',
        ]
      : []),
  ].join(', ');
}

/**
 * A grouped select of `head` (`[SQL, name]` pairs), the waterfall sums and `rest` (FROM ...
 * GROUP BY ...): one SELECT, or where an alias hides the column it sums (ClickHouse) the sums
 * named apart in a grouped sub-select and named and divided over it.
 */
function waterfallSelect(engine: Engine, head: [string, string][], columns: string[], rest: string): string {
  const q = engine.dialect.quoteIdent;
  const heads = head.map(([sql, name]) => `${sql} AS ${q(name)}`).join(', ');
  if (!engine.dialect.aliasesShadowColumns)
    return `SELECT ${heads}, ${waterfallSums(engine, columns)} ${rest}`;
  const apart = (c: string) => `__sum_${c}`;
  const outer = [
    ...head.map(([, name]) => q(name)),
    'customers',
    'loss_making_customers',
    ...columns.map((c) => `${q(apart(c))} AS ${q(c)}`),
    `CAST(${q(apart('contribution'))} AS DOUBLE) / NULLIF(CAST(${q(apart('net_sales'))} AS DOUBLE), 0) AS contribution_margin_share`,
  ];
  return `SELECT ${outer.join(', ')} FROM (SELECT ${heads}, ${waterfallSums(engine, columns, apart, false)} ${rest}) g`;
}

/** `deciles`: decile 1 holds the most profitable tenth of customers (deciles from `whale_curve`). */
export async function buildDeciles(engine: Engine, columns: string[]): Promise<void> {
  await createTableAs(
    engine,
    'deciles',
    waterfallSelect(
      engine,
      [['w.decile', 'decile']],
      columns,
      'FROM customer_pnl p JOIN whale_curve w ON w.customer_id = p.customer_id GROUP BY w.decile ORDER BY w.decile',
    ),
  );
}

/** `rollup_customer_attribute`: one block of rows per attribute (attribute, value, waterfall). */
export async function buildAttributeRollups(
  engine: Engine,
  columns: string[],
  attributes: string[],
): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const select = (a: string) =>
    waterfallSelect(
      engine,
      [
        ['CAST($1 AS VARCHAR)', 'attribute'],
        [`coalesce(p.${q(a)}, '(none)')`, 'value'],
      ],
      columns,
      `FROM pnl_attributes p GROUP BY coalesce(p.${q(a)}, '(none)')`,
    );
  if (!attributes.length) {
    await createTableAs(
      engine,
      'rollup_customer_attribute',
      waterfallSelect(
        engine,
        [
          ['CAST(NULL AS VARCHAR)', 'attribute'],
          ['CAST(NULL AS VARCHAR)', 'value'],
        ],
        columns,
        'FROM pnl_attributes p WHERE 1 = 0',
      ),
    );
    return;
  }
  await createTableAs(engine, 'rollup_customer_attribute', select(attributes[0]!), [attributes[0]!]);
  for (const a of attributes.slice(1))
    await engine.run(`INSERT INTO rollup_customer_attribute ${select(a)}`, [a]);
}

/**
 * `rollup_product_group` and `rollup_order_channel`: invoiced sales and margin from the order
 * lines (all lines, unattributed too), from one pass over the lines grouped by both.
 */
export async function buildLineRollups(engine: Engine): Promise<void> {
  const shadow = engine.dialect.aliasesShadowColumns;
  // Where an alias hides the column it sums (ClickHouse), the work table's sums are named apart.
  const w = shadow ? 'w_' : '';
  await createWorkTable(
    engine,
    'rollup_lines_work',
    `SELECT coalesce(product_group, '(none)') AS product_group, coalesce(channel, '(none)') AS channel, count(*) AS ${w}order_lines, ` +
      `sum(gross_amount) AS ${w}gross_sales, sum(discount_amount) AS ${w}discounts, sum(cogs_amount) AS ${w}cogs FROM order_lines ` +
      // grouped by the two coalesced values: by position, or where an alias stands for its
      // expression in GROUP BY too (ClickHouse; 18.16 reads GROUP BY 1 as a constant), by alias
      (shadow ? 'GROUP BY product_group, channel' : 'GROUP BY 1, 2'),
  );
  const sums =
    `sum(${w}order_lines) AS order_lines, sum(${w}gross_sales) AS gross_sales, sum(${w}discounts) AS discounts, sum(${w}gross_sales - ${w}discounts) AS invoiced_sales, ` +
    `sum(${w}cogs) AS cogs, sum(${w}gross_sales - ${w}discounts - ${w}cogs) AS invoiced_margin, ` +
    `CAST(sum(${w}gross_sales - ${w}discounts - ${w}cogs) AS DOUBLE) / NULLIF(CAST(sum(${w}gross_sales - ${w}discounts) AS DOUBLE), 0) AS margin_share`;
  await createTableAs(
    engine,
    'rollup_product_group',
    `SELECT product_group, ${sums} FROM rollup_lines_work GROUP BY product_group`,
  );
  await createTableAs(
    engine,
    'rollup_order_channel',
    `SELECT channel, ${sums} FROM rollup_lines_work GROUP BY channel`,
  );
  await engine.run('DROP TABLE rollup_lines_work');
}
