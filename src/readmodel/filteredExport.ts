/**
 * `worth export --filter`: the analysis tables the dashboard shows under its global filters,
 * narrowed the same way, each written to a temporary table for the export to read. The
 * customers are the ones the dashboard's filtered reads count (`stageFilteredPnl`: the customer
 * P&L of the customers whose attributes match, with a period its months summed), and every
 * table here is made from them, so a filtered file adds up to the filtered customer P&L:
 * - `customer_pnl`: those customers' rows;
 * - `whale_curve`: ranked on their (filtered) contribution, shares of their total;
 * - `deciles`: ten groups of them by that contribution, as the dashboard's filtered deciles;
 * - `rollup_customer_attribute`: per attribute the stored table has, their sums per value;
 * - `pnl_monthly`: their months in the period; `pnl_monthly_segment`: those months per segment;
 * - `rollup_product_group`, `rollup_order_channel`: the order lines in the period of customers
 *   with the attributes, as the dashboard's line roll-ups (`lineFilters.ts`; a period alone keeps
 *   the lines without a customer, as the unfiltered tables do).
 * The other tables are the whole company on the dashboard too (its "not filtered" note): an
 * export of one with filters is refused rather than written unfiltered under a filtered name.
 */
import { WorthError } from '../core/index.ts';
import type { Engine, SqlValue } from '../warehouse/index.ts';
import { CONTRIBUTION_ORDER, stageFilteredPnl, type Filters } from './filters.ts';
import { filteredLinesSql } from './lineFilters.ts';

/** The analysis tables an export narrows by the global filters (the rest are the whole company). */
export const FILTERABLE_TABLES = [
  'customer_pnl',
  'whale_curve',
  'deciles',
  'rollup_customer_attribute',
  'pnl_monthly',
  'pnl_monthly_segment',
  'rollup_product_group',
  'rollup_order_channel',
] as const;

/** A table {@link stageFilteredTable} narrows. */
export type FilterableTable = (typeof FILTERABLE_TABLES)[number];

/** Whether `table` can be exported under filters. */
export function isFilterable(table: string): table is FilterableTable {
  return (FILTERABLE_TABLES as readonly string[]).includes(table);
}

/** The temporary table each filtered table is written to. */
const staged = (table: FilterableTable) => `worth_filtered_${table}`;

/**
 * Writes `table` under the filters `f` to a temporary table and returns its name; a table that
 * the filters do not narrow is a `WorthError` (`input`) naming it and the tables that can be.
 */
export async function stageFilteredTable(engine: Engine, table: string, f: Filters): Promise<string> {
  if (!isFilterable(table))
    throw new WorthError(
      'input',
      { path: 'filter' },
      table,
      `a table the filters narrow (${FILTERABLE_TABLES.join(', ')})`,
      undefined,
      { key: 'filterTableWhole', vars: { table, tables: FILTERABLE_TABLES.join(', ') } },
    );
  const d = engine.dialect;
  const q = d.quoteIdent;
  if (table === 'rollup_product_group' || table === 'rollup_order_channel') {
    const lines = await filteredLinesSql(
      engine,
      f,
      table === 'rollup_product_group' ? 'product_group' : 'channel',
    );
    await engine.run(`DROP TABLE IF EXISTS ${q(staged(table))}`);
    await engine.run(`CREATE TEMPORARY TABLE ${q(staged(table))} AS ${lines.sql}`, lines.params);
    return staged(table);
  }
  const pnl = await stageFilteredPnl(engine, f);
  if (table === 'customer_pnl') return pnl;
  const have = new Set(await engine.columns(pnl));
  const out = staged(table);
  const write = async (select: string, params: SqlValue[] = []) => {
    await engine.run(`DROP TABLE IF EXISTS ${q(out)}`);
    await engine.run(`CREATE TEMPORARY TABLE ${q(out)} AS ${select}`, params);
    return out;
  };
  /** The stored table's money columns that the filtered P&L has, summed (of alias `p`). */
  const sums = async (stored: string, skip: string[]) =>
    (await engine.columns(stored))
      .filter((c) => have.has(c) && !skip.includes(c) && c !== 'customer_id')
      .map((c) => `sum(p.${q(c)}) AS ${q(c)}`);
  const share =
    'CAST(sum(p.contribution) AS DOUBLE) / NULLIF(CAST(sum(p.net_sales) AS DOUBLE), 0) AS contribution_margin_share';
  switch (table) {
    case 'whale_curve': {
      const [t] = await engine.query(
        `SELECT count(*) AS n, CAST(coalesce(sum(contribution), 0) AS DOUBLE) AS total FROM ${q(pnl)}`,
      );
      const rank = `row_number() ${CONTRIBUTION_ORDER}`;
      const cum = `sum(contribution) ${CONTRIBUTION_ORDER}`;
      return write(
        `SELECT ${rank} AS customer_rank, customer_id, contribution, CAST(${cum} AS ${d.decimalType(18, 2)}) AS cumulative_contribution, ` +
          `CAST(${rank} AS DOUBLE) / $1 AS customer_share, CAST(${cum} AS DOUBLE) / NULLIF(CAST($2 AS DOUBLE), 0) AS contribution_share, ` +
          `CAST(ceil(${rank} * 10.0 / $1) AS INTEGER) AS decile FROM ${q(pnl)}`,
        [Math.max(1, Number(t?.n ?? 0)), Number(t?.total ?? 0)],
      );
    }
    case 'deciles': {
      const [t] = await engine.query(`SELECT count(*) AS n FROM ${q(pnl)}`);
      const ranked = `SELECT CAST(ceil(row_number() ${CONTRIBUTION_ORDER} * 10.0 / $1) AS INTEGER) AS decile, * FROM ${q(pnl)}`;
      return write(
        `SELECT decile, count(*) AS customers, sum(CASE WHEN p.contribution < 0 THEN 1 ELSE 0 END) AS loss_making_customers, ` +
          `${(await sums('deciles', [])).join(', ')}, ${share} FROM (${ranked}) p GROUP BY decile ORDER BY decile`,
        [Math.max(1, Number(t?.n ?? 0))],
      );
    }
    case 'rollup_customer_attribute': {
      const attributes = (
        await engine.query(
          'SELECT DISTINCT attribute FROM rollup_customer_attribute WHERE attribute IS NOT NULL',
        )
      )
        .map((r) => String(r.attribute))
        .filter((a) => a !== '')
        .sort();
      const customerColumns = new Set(await engine.columns('customers'));
      const money = (await sums('rollup_customer_attribute', [])).join(', ');
      const select = (a: string, i: number) => {
        const value = customerColumns.has(a) ? `coalesce(CAST(c.${q(a)} AS VARCHAR), '(none)')` : "'(none)'";
        return (
          `SELECT CAST($${i + 1} AS VARCHAR) AS attribute, ${value} AS value, count(*) AS customers, ` +
          `sum(CASE WHEN p.contribution < 0 THEN 1 ELSE 0 END) AS loss_making_customers, ${money}, ${share} ` +
          `FROM ${q(pnl)} p LEFT JOIN customers c ON c.customer_id = p.customer_id GROUP BY ${value}`
        );
      };
      return attributes.length
        ? write(attributes.map(select).join(' UNION ALL '), attributes)
        : write('SELECT * FROM rollup_customer_attribute WHERE 1 = 0');
    }
    case 'pnl_monthly':
    case 'pnl_monthly_segment': {
      const params: string[] = [];
      const bounds: string[] = [];
      // Months are first days (yyyy-mm-01); as text they sort as dates.
      if (f.from !== undefined) bounds.push(`CAST(m.month AS VARCHAR) >= $${params.push(`${f.from}-01`)}`);
      if (f.to !== undefined) bounds.push(`CAST(m.month AS VARCHAR) <= $${params.push(`${f.to}-01`)}`);
      const where = bounds.length ? ` WHERE ${bounds.join(' AND ')}` : '';
      const from = `FROM pnl_monthly m JOIN ${q(pnl)} p ON p.customer_id = m.customer_id`;
      if (table === 'pnl_monthly') return write(`SELECT m.* ${from}${where}`, params);
      const money = (await engine.columns('pnl_monthly_segment'))
        .filter((c) => !['segment', 'month', 'customers'].includes(c))
        .map((c) => `CAST(sum(m.${q(c)}) AS ${d.decimalType(18, 2)}) AS ${q(c)}`)
        .join(', ');
      const segment = (await engine.columns('customers')).includes('segment')
        ? 'c.segment'
        : 'CAST(NULL AS VARCHAR)';
      // As analyze writes it: the months of customers in the customer table, per segment.
      return write(
        `SELECT ${segment} AS segment, m.month AS month, count(*) AS customers, ${money} ${from} ` +
          `JOIN customers c ON c.customer_id = m.customer_id${where} GROUP BY ${segment}, m.month`,
        params,
      );
    }
    default: {
      const never: never = table;
      throw new Error(`unknown filterable table ${String(never)}`);
    }
  }
}
