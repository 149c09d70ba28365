/**
 * An export of grouped rows: an invoice's number (and its other fields) on its first line only,
 * its further lines with those cells empty, as Odoo exports an invoices list with its lines
 * (`Number`, `Partner`, ... on the first row; `Invoice lines/Product`, `Invoice lines/Quantity`
 * on every row). When the order number is missing on lines that carry line data, and the first
 * such line has one, each empty number is the nearest one above (worth.yaml's `group_heading` on
 * the order column, which ingest fills before `fill_down`). The profile's later reads see a copy
 * of the staged table with the numbers filled, so order-level fields are found as in a web-shop
 * export (filled down, an order's total on its first line).
 */
import type { Engine } from '../warehouse/index.ts';
import { initText, type Bilingual } from '../words/index.ts';
import { totalsLineSql } from './groupHeadings.ts';
import type { Recognised, Role } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';

/** The columns of a line (not of its invoice): one of them present marks a data line. */
const LINE_ROLES: Role[] = ['quantity', 'unit_price', 'product_id'];

/** At least this share of the data lines must lack the number (a few gaps are broken lines, not a shape). */
const MIN_SHARE = 0.05;

/** A grouped export: the order column, how many lines take their number from above, and the filled copy. */
export interface GroupedOrders {
  column: string;
  lines: number;
  /** The staged table with the numbers filled (for the rest of init's reads). */
  table: string;
  why: Bilingual;
}

/** The export's grouped order numbers; undefined when every data line has its own (or the shape is not there). */
export async function groupedOrders(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<GroupedOrders | undefined> {
  const order = r.columns.order_id;
  const cols = LINE_ROLES.flatMap((role) => (r.columns[role] ? [r.columns[role].name] : []));
  if (!order || !cols.length) return undefined;
  const d = engine.dialect;
  const q = d.quoteIdent;
  const t = q(p.table);
  // A report's totals lines (QuickBooks' `Total <item>`, its quantity summed) carry no order number
  // and are no data lines: ingest rejects them as totals.
  const totals = totalsLineSql(
    d,
    p.columns.map((c) => c.name),
  );
  const data = `(${cols.map((c) => `NOT ${missingSql(q(c))}`).join(' OR ')}) AND NOT ${totals}`;
  const none = missingSql(q(order.name));
  const row = (
    await engine.query(
      `SELECT ${d.countWhere(`(${data})`)} AS data, ${d.countWhere(`(${data}) AND ${none}`)} AS orphans,
         min(CASE WHEN ${data} THEN _rn END) AS first FROM ${t}`,
    )
  )[0]!;
  const lines = Number(row.orphans);
  if (lines < MIN_SHARE * Number(row.data) || lines === 0) return undefined;
  const first = (await engine.query(`SELECT ${none} AS none FROM ${t} WHERE _rn = ${Number(row.first)}`))[0];
  if (!first || first.none === true) return undefined;
  const table = `${p.table}__numbered`;
  const fills = `${p.table}__numbers_above`;
  // As ingest's group_heading: each line without a number takes the nearest one above it. Walked
  // here in file order (one pass over the record numbers, only for an export of this shape) and
  // joined back through a view, in plain SQL.
  const rows = await engine.query(
    `SELECT _rn, CASE WHEN ${missingSql(q(order.name))} THEN NULL ELSE ${q(order.name)} END AS v FROM ${t} ORDER BY _rn`,
  );
  const at: number[] = [];
  const values: string[] = [];
  let above: string | null = null;
  for (const x of rows) {
    if (x.v !== null && x.v !== undefined) above = String(x.v);
    else if (above !== null) {
      at.push(Number(x._rn));
      values.push(above);
    }
  }
  await engine.run(`CREATE TABLE ${q(fills)} (_rn DOUBLE, v VARCHAR)`);
  await engine.appendColumns(fills, [Float64Array.from(at), values]);
  const select = (await engine.columns(p.table)).map((c) =>
    c === order.name ? `coalesce(f.v, x.${q(c)}) AS ${q(c)}` : `x.${q(c)}`,
  );
  await engine.run(
    `CREATE VIEW ${q(table)} AS SELECT ${select.join(', ')} FROM ${t} x LEFT JOIN ${q(fills)} f ON f._rn = x._rn`,
  );
  return {
    column: order.name,
    lines,
    table,
    why: initText('groupedOrders', { column: order.name, lines: String(lines) }),
  };
}
