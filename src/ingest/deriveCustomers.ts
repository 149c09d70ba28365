/**
 * Customers without a customers file: every customer id seen in the loaded transactions is a
 * customer, acquired on its first transaction date; with `sources.customers.from: order_lines`
 * its name, segment, region and channel come from columns of the order lines' file (the value
 * on its latest line that has one; ties by the highest line). A missing id (empty, NA, ...) is
 * unattributed, never a customer: those rows have a NULL customer_id and are left out.
 */
import { TABLES, type TableName } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Work table of the attribute values of loaded order lines (temporary). */
const ATTRIBUTES_TABLE = 'customer_attribute_lines';

/** Each table's event date a customer can be first seen on (rebates have none: their customers are still derived). */
const FIRST_SEEN: Record<Exclude<TableName, 'customers'>, string | null> = {
  order_lines: 'order_date',
  returns: 'return_date',
  shipments: 'ship_date',
  service_contacts: 'contact_date',
  invoices: 'invoice_date',
  rebates: null,
  feedback: 'feedback_date',
};

/** Creates the work table for the attributes carried from the order lines (`names`: name, segment, ...). */
export async function createAttributeLines(engine: Engine, names: string[]): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const cols = names.map((n) => `${q(`_carry_${n}`)} VARCHAR`);
  await engine.run(
    `${engine.dialect.createTempTable(ATTRIBUTES_TABLE)} (customer_id VARCHAR, order_date DATE, _line BIGINT${cols.map((c) => `, ${c}`).join('')})`,
  );
}

/** Adds the attribute values of a route's loaded rows (no problem flags, not a duplicate) to the work table. */
export async function collectAttributeLines(
  engine: Engine,
  names: string[],
  typed: string,
  duplicates: string,
): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const cols = names.map((n) => q(`_carry_${n}`));
  await engine.run(
    `INSERT INTO ${ATTRIBUTES_TABLE} SELECT customer_id, order_date, _line${cols.map((c) => `, ${c}`).join('')} FROM ${q(typed)} WHERE _flags = 0 AND customer_id IS NOT NULL AND _rid NOT IN (SELECT _rid FROM ${q(duplicates)})`,
  );
}

/**
 * Fills the customers table from the loaded transactions; returns the number of customers.
 * `names` are the attributes collected with {@link collectAttributeLines} (none without `from:`).
 */
export async function deriveCustomers(engine: Engine, names: string[]): Promise<number> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const seen = (Object.entries(FIRST_SEEN) as [TableName, string | null][]).map(
    ([t, date]) =>
      `SELECT customer_id, ${date ? q(date) : 'CAST(NULL AS DATE)'} AS seen_on FROM ${q(t)} WHERE customer_id IS NOT NULL`,
  );
  const ids = `SELECT customer_id, min(seen_on) AS acquired_on FROM (${seen.join(' UNION ALL ')}) e GROUP BY customer_id`;
  const attrs = names.filter((n) => TABLES.customers.columns.some((c) => c.name === n));
  let select = `SELECT c.customer_id, c.acquired_on${attrs.map((n) => `, CAST(NULL AS VARCHAR) AS ${q(n)}`).join('')} FROM (${ids}) c`;
  if (attrs.length) {
    // Latest line first: a later date wins, then a higher line; a line without the value never wins.
    const rank = `(${d.dateDiffDays("DATE '1970-01-01'", 'order_date')} * CAST(10000000000 AS BIGINT) + _line)`;
    const picks = attrs.map((n) => {
      const v = q(`_carry_${n}`);
      return `${d.argMin(v, `CASE WHEN ${v} IS NULL THEN NULL ELSE -${rank} END`)} AS ${q(n)}`;
    });
    const latest = `SELECT customer_id, ${picks.join(', ')} FROM ${ATTRIBUTES_TABLE} GROUP BY customer_id`;
    select = `SELECT c.customer_id, c.acquired_on${attrs.map((n) => `, a.${q(n)}`).join('')} FROM (${ids}) c LEFT JOIN (${latest}) a ON a.customer_id = c.customer_id`;
  }
  await engine.run(
    `INSERT INTO customers (customer_id, acquired_on${attrs.map((n) => `, ${q(n)}`).join('')}, _line, _source) SELECT x.*, CAST(NULL AS BIGINT), $1 FROM (${select}) x`,
    ['(derived from the transactions)'],
  );
  return Number((await engine.query('SELECT count(*) AS n FROM customers'))[0]!.n);
}
