/**
 * The line roll-ups (invoiced sales and margin by product group and by order channel) and a
 * product group's customers under the global filters. A period selects order lines by the month
 * of their order date (as `pnl_monthly` dates sales); segment, channel and region select the
 * lines of customers with that attribute (lines without a customer fall out of an attribute
 * filter, and stay in a period alone). The roll-ups are sums over the stored lines cube
 * (`lines_cube`, a few rows per product group, order channel, month and combination of
 * attributes), or over the same SELECT on the order lines in a workspace analysed before the
 * cube; unfiltered they equal the stored roll-ups to the cent (a test compares them).
 */
import {
  LINES_CUBE_ATTRIBUTES,
  LINES_CUBE_TABLE,
  linesCubeAttribute,
  linesCubeSelect,
  linesCubeSums,
} from '../profit/index.ts';
import { NamedBinder, type Engine, type NamedParams, type Row } from '../warehouse/index.ts';
import { FILTER_ATTRIBUTES, noAttribute, type FilterAttribute, type Filters } from './filters.ts';

/** The line roll-ups: per product group and per order channel, as `rollup_product_group` and `rollup_order_channel` hold them. */
export interface LineRollups {
  productGroups: Row[];
  channels: Row[];
}

/** The customer columns a workspace has (null: no customers table). */
export async function customerColumns(engine: Engine): Promise<string[] | null> {
  return (await engine.tableExists('customers')) ? await engine.columns('customers') : null;
}

/** Checks every attribute filtered on is a column of the customers (the other filtered reads say the same). */
export function checkAttributes(f: Filters, columns: string[] | null): void {
  for (const a of FILTER_ATTRIBUTES) {
    const v = f[a];
    if (v !== undefined && !(columns ?? []).includes(a)) throw noAttribute(a, v);
  }
}

// The cube's attribute columns are the filters' attributes, one for one.
const CUBE_ATTRIBUTE: Record<FilterAttribute, string> = Object.fromEntries(
  LINES_CUBE_ATTRIBUTES.map((a) => [a, linesCubeAttribute(a)]),
) as Record<FilterAttribute, string>;

/** The WHERE conditions of `f` on rows of the lines cube (months as first days, compared as text). */
function cubeWhere(engine: Engine, f: Filters, bind: (v: string) => string): string[] {
  const q = engine.dialect.quoteIdent;
  const where: string[] = [];
  if (f.from !== undefined) where.push(`CAST(month AS VARCHAR) >= ${bind(`${f.from}-01`)}`);
  if (f.to !== undefined) where.push(`CAST(month AS VARCHAR) <= ${bind(`${f.to}-01`)}`);
  for (const a of FILTER_ATTRIBUTES) {
    const v = f[a];
    if (v !== undefined) where.push(`${q(CUBE_ATTRIBUTE[a])} = ${bind(v)}`);
  }
  return where;
}

/** The roll-up key of each line roll-up: the stored table's first column. */
export type LineKey = 'product_group' | 'channel';

/**
 * The SELECT of one line roll-up under `f` (the columns of its stored table, largest margin
 * first) and its values, bound by name (`$l1`, ...): over the stored lines cube, or over the same
 * SELECT on the order lines in a workspace analysed before it. A filter on an attribute the
 * customers lack is a `WorthError` naming it.
 */
export async function filteredLinesSql(
  engine: Engine,
  f: Filters,
  key: LineKey,
): Promise<{ sql: string; params: NamedParams }> {
  const columns = await customerColumns(engine);
  checkAttributes(f, columns);
  const from = (await engine.tableExists(LINES_CUBE_TABLE))
    ? LINES_CUBE_TABLE
    : `(${linesCubeSelect(engine, columns)}) cube`;
  const binder = new NamedBinder('l');
  const where = cubeWhere(engine, f, binder.bind.bind(binder));
  return {
    sql:
      `SELECT ${key}, ${linesCubeSums()} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ` +
      `GROUP BY ${key} ORDER BY invoiced_margin DESC, ${key}`,
    params: binder.values,
  };
}

/** The line roll-ups under `f` (no filter: every line), largest margin first as the stored ones. */
export async function readFilteredLines(engine: Engine, f: Filters): Promise<LineRollups> {
  const by = async (key: LineKey) => {
    const { sql, params } = await filteredLinesSql(engine, f, key);
    return engine.query(sql, params);
  };
  return { productGroups: await by('product_group'), channels: await by('channel') };
}

/**
 * The conditions of `f` on order lines `l` joined to their customers `c` (LEFT JOIN: a line
 * without a customer has null attributes), for a product group's customers.
 */
export async function orderLineFilter(
  engine: Engine,
  f: Filters,
  bind: (v: string) => string,
): Promise<{ join: string; where: string[] }> {
  const columns = await customerColumns(engine);
  checkAttributes(f, columns);
  const d = engine.dialect;
  const q = d.quoteIdent;
  const where: string[] = [];
  const month = `CAST(${d.monthStart('l.order_date')} AS VARCHAR)`;
  if (f.from !== undefined) where.push(`${month} >= ${bind(`${f.from}-01`)}`);
  if (f.to !== undefined) where.push(`${month} <= ${bind(`${f.to}-01`)}`);
  let joined = false;
  for (const a of FILTER_ATTRIBUTES) {
    const v = f[a];
    if (v === undefined) continue;
    where.push(`c.${q(a)} = ${bind(v)}`);
    joined = true;
  }
  return { join: joined ? 'JOIN customers c ON c.customer_id = l.customer_id' : '', where };
}
