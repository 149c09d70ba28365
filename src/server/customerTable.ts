/**
 * The customer table: one page of customers with their P&L headline columns, sorted,
 * filtered and searched in SQL. Sorts are enum keys mapped to known columns; filter values
 * and search terms are bound parameters.
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

/** Reads one page of the customer table. */
export async function customerPage(engine: Engine, has: CustomerColumns, q: CustomersQuery): Promise<CustomerPage> {
  const id = engine.dialect.quoteIdent;
  const opt = (c: string) => (has.has(c) ? `c.${id(c)}` : 'CAST(NULL AS VARCHAR)');
  const where: string[] = [];
  const params: SqlValue[] = [];
  const bind = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  let joins = has.size ? ' LEFT JOIN customers c ON c.customer_id = p.customer_id' : '';
  if (q.q) {
    const k = bind(q.q.toLowerCase());
    const byName = has.has('name') ? ` OR ${engine.dialect.contains(`lower(${opt('name')})`, k)}` : '';
    where.push(`(${engine.dialect.contains('lower(p.customer_id)', k)}${byName})`);
  }
  if (q.segment !== undefined) where.push(`${opt('segment')} = ${bind(q.segment)}`);
  if (q.lossMaking !== undefined) where.push(q.lossMaking ? 'p.contribution < 0' : 'p.contribution >= 0');
  if (q.vocQuadrant) {
    joins += ' JOIN voice_of_customer v ON v.customer_id = p.customer_id';
    where.push(`v.quadrant = ${bind(q.vocQuadrant)}`);
  }
  if (q.matrixQuadrant) {
    joins += ' JOIN profitability_matrix m ON m.customer_id = p.customer_id';
    where.push(`m.quadrant = ${bind(q.matrixQuadrant)}`);
  }
  const from = `FROM customer_pnl p${joins}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const [count] = await engine.query(`SELECT count(*) AS n ${from}`, params);
  const sortCol = CUSTOMER_SORTS[q.sort];
  const sortExpr = sortCol === 'name' || sortCol === 'segment' ? opt(sortCol) : `p.${id(sortCol)}`;
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  const limit = bind(q.pageSize);
  const offset = bind((q.page - 1) * q.pageSize);
  const rows = await engine.query(
    `SELECT p.customer_id, ${opt('name')} AS name, ${opt('segment')} AS segment, p.net_sales, p.gross_margin, p.cost_to_serve, p.contribution ` +
      `${from} ORDER BY ${sortExpr} ${dir} NULLS LAST, p.customer_id ${dir} LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return { total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize, rows: rows.map(toCustomerRow) };
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
