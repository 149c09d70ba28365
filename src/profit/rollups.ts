/**
 * Roll-ups of the waterfall: by decile of contribution, by every customer attribute
 * (segment, channel, region, ...), and the line-level sales side by product group and by
 * order channel. Cost to serve is per customer, so it rolls up by customer attributes only.
 */
import { normaliseMoney } from '../core/index.ts';
import { createTableAs } from '../costing/index.ts';
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

/** The stored cube of the order lines the line roll-ups come from (absent in a workspace analysed before it). */
export const LINES_CUBE_TABLE = 'lines_cube';

/** The customer attributes the lines cube carries, as its columns name them (`c_segment`, ...). */
export const LINES_CUBE_ATTRIBUTES = ['segment', 'channel', 'region'] as const;

/** The lines cube's column for a customer attribute. */
export const linesCubeAttribute = (a: (typeof LINES_CUBE_ATTRIBUTES)[number]): string => `c_${a}`;

/**
 * The SELECT of the lines cube: every order line (unattributed ones too) grouped by product
 * group, order channel, month of the order date and the customer's segment, channel and region
 * (null where the line has no customer, or the customer not that attribute), with the count and
 * the exact DECIMAL sums of gross, discount and cost of goods. `customerColumns`: the columns of
 * `customers` (an attribute it lacks is null), or null without a customers table. The read model
 * reads it as a sub-select where a workspace has no stored cube.
 */
export function linesCubeSelect(engine: Engine, customerColumns: readonly string[] | null): string {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const joined = customerColumns !== null;
  const attrs = LINES_CUBE_ATTRIBUTES.map(
    (a) =>
      `${joined && customerColumns.includes(a) ? `c.${q(a)}` : 'CAST(NULL AS VARCHAR)'} AS ${q(linesCubeAttribute(a))}`,
  ).join(', ');
  const keys = ['product_group', 'channel', 'month', ...LINES_CUBE_ATTRIBUTES.map(linesCubeAttribute)];
  return (
    `SELECT coalesce(l.product_group, '(none)') AS product_group, coalesce(l.channel, '(none)') AS channel, ` +
    `${d.monthStart('l.order_date')} AS month, ${attrs}, count(*) AS line_count, sum(l.gross_amount) AS gross_sum, ` +
    `sum(coalesce(l.discount_amount, 0)) AS discount_sum, sum(coalesce(l.cogs_amount, 0)) AS cogs_sum FROM order_lines l` +
    (joined ? ' LEFT JOIN customers c ON c.customer_id = l.customer_id' : '') +
    // grouped by the coalesced values: by position, or where an alias stands for its expression
    // in GROUP BY too (ClickHouse; 18.16 reads GROUP BY 1 as a constant), by alias
    ` GROUP BY ${d.aliasesShadowColumns ? keys.map(q).join(', ') : keys.map((_, i) => i + 1).join(', ')}`
  );
}

/**
 * The line roll-ups' sums over rows of the lines cube: order lines, gross, discounts, invoiced
 * sales, cost of goods, invoiced margin and its share (the columns of `rollup_product_group`).
 */
export function linesCubeSums(): string {
  return (
    'sum(line_count) AS order_lines, sum(gross_sum) AS gross_sales, sum(discount_sum) AS discounts, sum(gross_sum - discount_sum) AS invoiced_sales, ' +
    'sum(cogs_sum) AS cogs, sum(gross_sum - discount_sum - cogs_sum) AS invoiced_margin, ' +
    'CAST(sum(gross_sum - discount_sum - cogs_sum) AS DOUBLE) / NULLIF(CAST(sum(gross_sum - discount_sum) AS DOUBLE), 0) AS margin_share'
  );
}

/**
 * `lines_cube`, then `rollup_product_group` and `rollup_order_channel` from it: invoiced sales
 * and margin from the order lines (all lines, unattributed too), from one pass over the lines
 * joined to their customers. The cube is kept: the dashboard answers the line roll-ups under the
 * global filters (period, segment, channel, region) from it. Its count and sums are checked
 * against the order lines themselves (a line lost or doubled by the join is a bug, thrown).
 */
export async function buildLineRollups(engine: Engine): Promise<void> {
  const customers = (await engine.tableExists('customers')) ? await engine.columns('customers') : null;
  await createTableAs(engine, LINES_CUBE_TABLE, linesCubeSelect(engine, customers));
  const total = (from: string, n: string, g: string, d: string, c: string) =>
    `SELECT CAST(${n} AS VARCHAR) AS n, CAST(coalesce(${g}, 0) AS VARCHAR) AS g, CAST(coalesce(${d}, 0) AS VARCHAR) AS d, CAST(coalesce(${c}, 0) AS VARCHAR) AS c FROM ${from}`;
  const [cube] = await engine.query(
    total(
      LINES_CUBE_TABLE,
      'coalesce(sum(line_count), 0)',
      'sum(gross_sum)',
      'sum(discount_sum)',
      'sum(cogs_sum)',
    ),
  );
  const [lines] = await engine.query(
    total('order_lines', 'count(*)', 'sum(gross_amount)', 'sum(discount_amount)', 'sum(cogs_amount)'),
  );
  const same = (k: string) =>
    k === 'n'
      ? String(cube?.[k]) === String(lines?.[k])
      : normaliseMoney(String(cube?.[k])) === normaliseMoney(String(lines?.[k]));
  if (!['n', 'g', 'd', 'c'].every(same))
    throw new Error(`lines cube does not reconcile: ${JSON.stringify({ cube, lines })}`);
  const sums = linesCubeSums();
  await createTableAs(
    engine,
    'rollup_product_group',
    `SELECT product_group, ${sums} FROM ${LINES_CUBE_TABLE} GROUP BY product_group`,
  );
  await createTableAs(
    engine,
    'rollup_order_channel',
    `SELECT channel, ${sums} FROM ${LINES_CUBE_TABLE} GROUP BY channel`,
  );
}
