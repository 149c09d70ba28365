/**
 * The customer table: one page of customers with their P&L headline columns, sorted,
 * filtered and searched in SQL. At open, the reader joins the P&L, the customer attributes
 * and the quadrants once into a temporary table ranked by contribution (the database itself
 * stays read-only), so each request reads one table; without a filter a page is a range of
 * ranks of its sort key, with a filter an integer sort of the matches. Sorts are enum keys mapped to known columns;
 * filter values and search terms are bound parameters.
 */
import type { Engine, Row, SqlValue } from '../warehouse/index.ts';
import { CUSTOMER_SORTS, type CustomersQuery } from './params.ts';

/** One row of the customer table. Money as exact decimal strings. */
export interface CustomerRow {
  customerId: string;
  name: string | null;
  segment: string | null;
  netSales: string;
  grossMargin: string;
  costToServe: string;
  contribution: string;
}

/** A page of the customer table with the number of customers that match. */
export interface CustomerPage {
  total: number;
  page: number;
  pageSize: number;
  rows: CustomerRow[];
}

/** Which optional customer columns the workspace has (`name`, `segment`, ...). */
export type CustomerColumns = ReadonlySet<string>;

/** The temporary table behind the customer table. */
export const CUSTOMER_LIST = 'serve_customer_list';

/** The rank column of the list for a sort key (1 = first in descending order). */
function rankColumn(sort: CustomersQuery['sort']): string {
  return `rank_${CUSTOMER_SORTS[sort]}`;
}

/**
 * Builds the temporary customer list (once per connection); `tables` are the analysis tables
 * present. Each sortable column gets a rank (descending, ties by customer id descending,
 * missing values last), so any sort reads a range of ranks and ascending is the exact reverse.
 */
export async function buildCustomerList(engine: Engine, has: CustomerColumns, tables: ReadonlySet<string>): Promise<void> {
  const id = engine.dialect.quoteIdent;
  const opt = (c: string) => (has.has(c) ? `c.${id(c)}` : 'CAST(NULL AS VARCHAR)');
  const joins = [
    has.size ? 'LEFT JOIN customers c ON c.customer_id = p.customer_id' : '',
    tables.has('voice_of_customer') ? 'LEFT JOIN voice_of_customer v ON v.customer_id = p.customer_id' : '',
    tables.has('profitability_matrix') ? 'LEFT JOIN profitability_matrix m ON m.customer_id = p.customer_id' : '',
  ].join(' ');
  const base = `${LIST_BASE}`;
  await engine.run(
    `CREATE TEMP TABLE ${base} AS SELECT p.customer_id, lower(p.customer_id) AS id_lc, ${opt('name')} AS name, lower(${opt('name')}) AS name_lc, ` +
      `${opt('segment')} AS segment, p.net_sales, p.gross_margin, p.cost_to_serve, p.contribution, ` +
      `${tables.has('voice_of_customer') ? 'v.quadrant' : 'CAST(NULL AS VARCHAR)'} AS voc_quadrant, ` +
      `${tables.has('profitability_matrix') ? 'm.quadrant' : 'CAST(NULL AS VARCHAR)'} AS matrix_quadrant ` +
      `FROM customer_pnl p ${joins}`,
  );
  const ranks = Object.values(CUSTOMER_SORTS)
    .map((col) => `row_number() OVER (ORDER BY ${col} DESC NULLS LAST, customer_id DESC) AS rank_${col}`)
    .join(', ');
  await engine.run(`CREATE TEMP TABLE ${CUSTOMER_LIST} AS SELECT *, ${ranks} FROM ${base} ORDER BY rank_contribution`);
  await engine.run(`DROP TABLE ${base}`);
}

const LIST_BASE = 'serve_customer_base';

const COLUMNS = 'customer_id, name, segment, net_sales, gross_margin, cost_to_serve, contribution';

/** Reads one page of the customer table from the temporary list; `counts` keeps the number of matches per filter (the data cannot change). */
export async function customerPage(engine: Engine, q: CustomersQuery, customers: number, counts: Map<string, number>): Promise<CustomerPage> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const bind = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.q) {
    const k = bind(q.q.toLowerCase());
    where.push(`(${engine.dialect.contains('id_lc', k)} OR ${engine.dialect.contains('name_lc', k)})`);
  }
  if (q.segment !== undefined) where.push(`segment = ${bind(q.segment)}`);
  if (q.lossMaking !== undefined) where.push(q.lossMaking ? 'contribution < 0' : 'contribution >= 0');
  if (q.vocQuadrant) where.push(`voc_quadrant = ${bind(q.vocQuadrant)}`);
  if (q.matrixQuadrant) where.push(`matrix_quadrant = ${bind(q.matrixQuadrant)}`);
  const offset = (q.page - 1) * q.pageSize;
  const rank = rankColumn(q.sort);
  let rows: Row[];
  let total = customers;
  if (!where.length) {
    // Every customer: a page is a range of ranks (no sort, no count).
    const [from, to] = q.dir === 'desc' ? [offset + 1, offset + q.pageSize] : [customers - offset - q.pageSize + 1, customers - offset];
    // Ordered here: sorting one page in SQL costs more than the range read itself.
    rows = await engine.query(`SELECT ${COLUMNS}, ${rank} AS page_rank FROM ${CUSTOMER_LIST} WHERE ${rank} BETWEEN $1 AND $2`, [from, to]);
    const sign = q.dir === 'desc' ? 1 : -1;
    rows.sort((a, b) => sign * (Number(a.page_rank) - Number(b.page_rank)));
  } else {
    const filter = ` WHERE ${where.join(' AND ')}`;
    const key = JSON.stringify([where, params]);
    let n = counts.get(key);
    if (n === undefined) {
      const [count] = await engine.query(`SELECT count(*) AS n FROM ${CUSTOMER_LIST}${filter}`, params);
      n = Number(count?.n ?? 0);
      if (counts.size > 10_000) counts.clear();
      counts.set(key, n);
    }
    total = n;
    rows = await engine.query(
      `SELECT ${COLUMNS} FROM ${CUSTOMER_LIST}${filter} ORDER BY ${rank} ${q.dir === 'desc' ? 'ASC' : 'DESC'} LIMIT ${bind(q.pageSize)} OFFSET ${bind(offset)}`,
      params,
    );
  }
  return { total, page: q.page, pageSize: q.pageSize, rows: rows.map(toCustomerRow) };
}

function toCustomerRow(r: Row): CustomerRow {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    customerId: String(r.customer_id),
    name: s(r.name),
    segment: s(r.segment),
    netSales: String(r.net_sales),
    grossMargin: String(r.gross_margin),
    costToServe: String(r.cost_to_serve),
    contribution: String(r.contribution),
  };
}
