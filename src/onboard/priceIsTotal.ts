/**
 * Whether a column named as a price holds the line's total (Amazon's `item-price` is quantity x
 * the unit price) rather than the price of one unit. The name cannot tell; the values can: a
 * product's price at quantity 1 is its unit price under either reading, and on its lines with
 * more units a line total is quantity x that price while a unit price stays that price.
 */
import type { Engine } from '../warehouse/index.ts';
import type { Recognised } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** The evidence that a price column is a line total: lines with more than one unit, and how many read so. */
export interface PriceIsTotal {
  column: string;
  /** Lines with more than one unit of a product also seen at quantity 1. */
  lines: number;
  /** Of those, lines whose price is quantity x the product's price at quantity 1 (and not that price itself). */
  totals: number;
  /** Of those, lines whose price is the product's price at quantity 1. */
  units: number;
}

/** Share of the compared lines that must read as totals. */
const MAJORITY = 0.8;

/**
 * Compares, per product, the price on lines with several units against the product's most
 * usual price at quantity 1; a line total when most such lines are quantity x that price.
 * Undefined when there is nothing to compare (no product column, no amount-less price, no
 * product seen both at 1 and at more units) or the lines read as unit prices.
 */
export async function priceIsTotal(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<PriceIsTotal | undefined> {
  const c = r.columns;
  if (!c.unit_price || !c.quantity || !c.product_id || c.amount || c.amount_incl) return undefined;
  const q = engine.dialect.quoteIdent;
  const price = numberValueSql(engine.dialect, q(c.unit_price.name), p.decimal);
  const qty = numberValueSql(engine.dialect, q(c.quantity.name), p.decimal);
  const product = `trim(${q(c.product_id.name)})`;
  const lines = `SELECT ${product} AS product, ${qty} AS qty, ${price} AS price FROM ${q(p.table)}`;
  const singles = `SELECT product, ${engine.dialect.mode('price')} AS unit FROM (${lines}) l WHERE qty = 1 AND price > 0 GROUP BY product`;
  const rows = await engine.query(
    `SELECT count(*) AS n,
       count(*) FILTER (WHERE abs(m.price - m.qty * s.unit) < 0.005) AS totals,
       count(*) FILTER (WHERE abs(m.price - s.unit) < 0.005) AS units
     FROM (${lines}) m JOIN (${singles}) s ON s.product = m.product
     WHERE m.qty > 1 AND m.price > 0`,
  );
  const n = Number(rows[0]?.n ?? 0);
  const totals = Number(rows[0]?.totals ?? 0);
  const units = Number(rows[0]?.units ?? 0);
  if (n === 0 || totals < MAJORITY * n) return undefined;
  return { column: c.unit_price.name, lines: n, totals, units };
}

/** The recognised columns with the price column read as the line's amount. */
export function priceAsAmount(r: Recognised): Recognised {
  const { unit_price: price, ...rest } = r.columns;
  return price ? { ...r, columns: { ...rest, amount: price } } : r;
}
