/**
 * A customer column that holds one value on every line is no customer: Xero's "Receivable
 * Invoice Detail" has an `Account` column (the ledger account, `200 - Sales`) beside its
 * `Contact`. When the recognised customer id is one value throughout and a customer name
 * column holds several, the name is the customer (as in a report that names customers only).
 */
import type { Recognised } from './recognise.ts';
import { initText, type Bilingual } from '../words/index.ts';

/** Lines a column must fill before one value throughout says it is not a customer. */
const MIN_LINES = 20;

/** The recognised columns with the name as the customer, and why; undefined when the id column varies. */
export function constantCustomer(r: Recognised): { recognised: Recognised; why: Bilingual } | undefined {
  const { customer_id: id, customer_name: name } = r.columns;
  if (!id || !name || id.distinct !== 1 || id.present < MIN_LINES || name.distinct < 2) return undefined;
  const { customer_name: _name, ...rest } = r.columns;
  return {
    recognised: { ...r, columns: { ...rest, customer_id: name }, unused: [...r.unused, id.name] },
    why: initText('constantCustomer', {
      column: id.name,
      value: JSON.stringify(id.examples[0] ?? ''),
      name: name.name,
      names: String(name.distinct),
    }),
  };
}
