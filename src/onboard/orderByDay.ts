/**
 * An export without an order number (a sales overview per customer, a counter's list of
 * deliveries): an order is a customer's lines on one day. worth.yaml writes that key as a
 * formula over the export's columns (`order_id: concat(Klantnummer, ' ', Datum)`); init's later
 * reads see a view of the staged table with the key as a column of that name, so the facts
 * (orders, order-level fields, the starter cost model's orders) are counted as ingest will load them.
 */
import type { Engine } from '../warehouse/index.ts';
import { initText, type Bilingual } from '../words/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';

/** The order key made of customer and day: the recognised columns with it, the formula and why. */
export interface OrderByDay {
  recognised: Recognised;
  /** worth.yaml's formula for `order_id`, also the name of the key's column in the view. */
  formula: string;
  /** The staged view with the key (for the rest of init's reads). */
  table: string;
  why: Bilingual;
}

/**
 * The key when the export has a customer and a date but no order number; undefined otherwise.
 * `dateFormula`: the date's formula where it is one (`excel_date(Datum)`), its column in `p`'s
 * table named so.
 */
export async function orderByDay(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  dateFormula?: string,
): Promise<OrderByDay | undefined> {
  const { order_id: order, customer_id: customer, order_date: date } = r.columns;
  if (order || !customer || !date) return undefined;
  const q = engine.dialect.quoteIdent;
  const formula = `concat(${term(customer.name)}, ' ', ${dateFormula ?? term(date.name)})`;
  const table = `${p.table}__by_day`;
  // As the formula reads: a missing customer leaves its part out (the line stays the day's).
  const part = (c: string) => `CASE WHEN ${missingSql(q(c))} THEN '' ELSE ${q(c)} END`;
  await engine.run(
    `CREATE VIEW ${q(table)} AS SELECT x.*, (${part(customer.name)} || ' ' || ${part(date.name)}) AS ${q(formula)} FROM ${q(p.table)} x`,
  );
  return {
    recognised: { ...r, columns: { ...r.columns, order_id: { ...customer, name: formula } } },
    formula,
    table,
    why: initText('orderByDay', { formula, customer: customer.name, date: date.name }),
  };
}
