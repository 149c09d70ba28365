/**
 * The customer table: one page of customers with their P&L headline columns, sorted,
 * filtered and searched in SQL. At open, the reader joins the P&L, the customer attributes
 * and the quadrants once into a temporary table ranked by contribution (the database itself
 * stays read-only), so each request reads one table; the default order (by contribution)
 * reads a range of ranks instead of sorting. Sorts are enum keys mapped to known columns;
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

/** Builds the temporary customer list (once per connection); `tables` are the analysis tables present. */
export async function buildCustomerList(engine: Engine, has: CustomerColumns, tables: ReadonlySet<string>): Promise<void> {
  const id = engine.dialect.quoteIdent;
  const opt = (c: string) => (has.has(c) ? `c.${id(c)}` : 'CAST(NULL AS VARCHAR)');
  const joins = [
    has.size ? 'LEFT JOIN customers c ON c.customer_id = p.customer_id' : '',
    tables.has('voice_of_customer') ? 'LEFT JOIN voice_of_customer v ON v.customer_id = p.customer_id' : '',
    tables.has('profitability_matrix') ? 'LEFT JOIN profitability_matrix m ON m.customer_id = p.customer_id' : '',
  ].join(' ');
  await engine.run(
    `CREATE TEMP TABLE ${CUSTOMER_LIST} AS SELECT row_number() OVER (ORDER BY p.contribution DESC, p.customer_id DESC) AS contribution_rank, ` +
      `p.customer_id, lower(p.customer_id) AS id_lc, ${opt('name')} AS name, lower(${opt('name')}) AS name_lc, ${opt('segment')} AS segment, ` +
      'p.net_sales, p.gross_margin, p.cost_to_serve, p.contribution, ' +
      `${tables.has('voice_of_customer') ? 'v.quadrant' : 'CAST(NULL AS VARCHAR)'} AS voc_quadrant, ` +
      `${tables.has('profitability_matrix') ? 'm.quadrant' : 'CAST(NULL AS VARCHAR)'} AS matrix_quadrant ` +
      `FROM customer_pnl p ${joins} ORDER BY contribution_rank`,
  );
}

const COLUMNS = 'customer_id, name, segment, net_sales, gross_margin, cost_to_serve, contribution';

/** Reads one page of the customer table from the temporary list. */
export async function customerPage(engine: Engine, q: CustomersQuery, customers: number): Promise<CustomerPage> {
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
  let rows: Row[];
  let total = customers;
  if (!where.length && q.sort === 'contribution') {
    // The list is ranked by contribution: a page is a range of ranks (no sort, no count).
    const [from, to] = q.dir === 'desc' ? [offset + 1, offset + q.pageSize] : [customers - offset - q.pageSize + 1, customers - offset];
    rows = await engine.query(
      `SELECT ${COLUMNS} FROM ${CUSTOMER_LIST} WHERE contribution_rank BETWEEN $1 AND $2 ORDER BY contribution_rank ${q.dir === 'desc' ? 'ASC' : 'DESC'}`,
      [from, to],
    );
  } else {
    const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    if (where.length) {
      const [count] = await engine.query(`SELECT count(*) AS n FROM ${CUSTOMER_LIST}${filter}`, params);
      total = Number(count?.n ?? 0);
    }
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    const tie = q.sort === 'contribution' ? `contribution_rank ${q.dir === 'asc' ? 'DESC' : 'ASC'}` : `customer_id ${dir}`;
    rows = await engine.query(
      `SELECT ${COLUMNS} FROM ${CUSTOMER_LIST}${filter} ORDER BY ${CUSTOMER_SORTS[q.sort]} ${dir} NULLS LAST, ${tie} LIMIT ${bind(q.pageSize)} OFFSET ${bind(offset)}`,
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
