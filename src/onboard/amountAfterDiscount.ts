/**
 * Whether an export's line amount is already after its discount where no name says so
 * (Lightspeed X-Series' `Subtotal` beside `Discount`, `Sales Tax` and `Total`): on the lines with
 * a discount, another column of the export is the amount plus the tax (the tax is charged on what
 * the customer pays), never the amount less the discount plus the tax. Then the amount is the
 * line's net, and gross is it plus the discount; read as gross, every discount would count twice.
 */
import type { Engine } from '../warehouse/index.ts';
import type { Recognised } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** The evidence: the column that is amount + tax, and on how many discounted lines. */
export interface AmountAfterDiscount {
  amount: string;
  discount: string;
  tax: string;
  /** The column equal to amount + tax (the line's total the customer pays). */
  total: string;
  /** Lines with a discount other than zero. */
  discounted: number;
  /** Of those, lines whose `total` is amount + tax (to the cent). */
  taxedAmount: number;
}

/** Share of the discounted lines on which the total must be amount + tax. */
const WIN = 0.95;

/**
 * Undefined unless the export has an amount, a discount amount and a tax amount but no unit
 * price (with one, list price x quantity makes gross), and an unused column is amount + tax on
 * the discounted lines.
 */
export async function amountAfterDiscount(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<AmountAfterDiscount | undefined> {
  const c = r.columns;
  if (!c.amount || !c.discount_amount || !c.vat_amount || c.unit_price || !r.unused.length) return undefined;
  const q = engine.dialect.quoteIdent;
  const num = (name: string) => numberValueSql(engine.dialect, q(name), p.decimal);
  const [a, d, v] = [num(c.amount.name), num(c.discount_amount.name), num(c.vat_amount.name)];
  // Both readings are counted: a total that is also amount - discount + tax proves nothing.
  const counts = r.unused.flatMap((u, i) => [
    `count(CASE WHEN abs(${num(u)} - (${a} + ${v})) <= 0.005 THEN 1 END) AS t${i}`,
    `count(CASE WHEN abs(${num(u)} - (${a} - ${d} + ${v})) <= 0.005 THEN 1 END) AS b${i}`,
  ]);
  const [row] = await engine.query(
    `SELECT count(*) AS n, ${counts.join(', ')} FROM ${q(p.table)} WHERE coalesce(${d}, 0) <> 0`,
  );
  const discounted = Number(row?.n ?? 0);
  if (discounted === 0) return undefined;
  for (const [i, total] of r.unused.entries()) {
    const taxedAmount = Number(row?.[`t${i}`] ?? 0);
    const before = Number(row?.[`b${i}`] ?? 0);
    if (taxedAmount >= WIN * discounted && before === 0)
      return {
        amount: c.amount.name,
        discount: c.discount_amount.name,
        tax: c.vat_amount.name,
        total,
        discounted,
        taxedAmount,
      };
  }
  return undefined;
}
