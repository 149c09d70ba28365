/**
 * A customer column that holds one value on every line is no customer: Xero's "Receivable
 * Invoice Detail" has an `Account` column (the ledger account, `200 - Sales`) beside its
 * `Contact`. When the recognised customer id is one value throughout and a customer name
 * column holds several, the name is the customer (as in a report that names customers only).
 */
import type { Engine } from '../warehouse/index.ts';
import type { Recognised } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';
import { initText, type Bilingual } from '../words/index.ts';

/** Lines a column must fill before one value throughout says it is not a customer. */
const MIN_LINES = 20;

/**
 * The recognised columns with the name as the customer, and why; undefined when the id column
 * varies. The names are counted on lines with an order number, so a report's `Total <contact>`
 * rows (no invoice number) are not counted as customers.
 */
export async function constantCustomer(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<{ recognised: Recognised; why: Bilingual } | undefined> {
  const { customer_id: id, customer_name: name, order_id: order } = r.columns;
  if (!id || !name || id.distinct !== 1 || id.present < MIN_LINES || name.distinct < 2) return undefined;
  const q = engine.dialect.quoteIdent;
  const onOrders = order ? `AND NOT ${missingSql(q(order.name))}` : '';
  const row = (
    await engine.query(
      `SELECT count(DISTINCT trim(${q(name.name)})) AS n FROM ${q(p.table)} WHERE NOT ${missingSql(q(name.name))} ${onOrders}`,
    )
  )[0];
  const names = Number(row?.n ?? name.distinct);
  if (names < 2) return undefined;
  const { customer_name: _name, ...rest } = r.columns;
  return {
    recognised: { ...r, columns: { ...rest, customer_id: name }, unused: [...r.unused, id.name] },
    why: initText('constantCustomer', {
      column: id.name,
      value: JSON.stringify(id.examples[0] ?? ''),
      name: name.name,
      names: String(names),
    }),
  };
}
