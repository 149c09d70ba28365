/**
 * Whether an export's line amount is taken before its discount column (Etsy's `Item Total` is
 * quantity x `Price`, with `Discount Amount` beside it): then the amount is no net amount, and
 * reading it as one would make every discount zero. Told from the values: on the lines with a
 * discount, the amount is still quantity x price.
 */
import type { Engine } from '../warehouse/index.ts';
import type { Recognised } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** The evidence: discounted lines, and how many of them carry the undiscounted amount. */
export interface AmountBeforeDiscount {
  amount: string;
  discount: string;
  /** Lines with a discount other than zero. */
  discounted: number;
  /** Of those, lines whose amount is quantity x price (to the cent). */
  undiscounted: number;
}

/** Share of the discounted lines whose amount must be quantity x price. */
const WIN = 0.95;

/** Undefined unless the export has quantity, price, amount and a discount amount, and the amount ignores the discount. */
export async function amountBeforeDiscount(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<AmountBeforeDiscount | undefined> {
  const c = r.columns;
  if (!c.amount || !c.unit_price || !c.quantity || !c.discount_amount) return undefined;
  const q = engine.dialect.quoteIdent;
  const num = (name: string) => numberValueSql(engine.dialect, q(name), p.decimal);
  const row = (
    await engine.query(
      `SELECT count(*) AS n,
         count(*) FILTER (WHERE abs(${num(c.amount.name)} - ${num(c.quantity.name)} * ${num(c.unit_price.name)}) <= 0.01) AS same
       FROM ${q(p.table)} WHERE coalesce(${num(c.discount_amount.name)}, 0) <> 0`,
    )
  )[0];
  const discounted = Number(row?.n ?? 0);
  const undiscounted = Number(row?.same ?? 0);
  if (discounted === 0 || undiscounted < WIN * discounted) return undefined;
  return { amount: c.amount.name, discount: c.discount_amount.name, discounted, undiscounted };
}

/** The recognised columns without the amount (the discount column then makes the discount). */
export function withoutAmount(r: Recognised): Recognised {
  const { amount, ...rest } = r.columns;
  return amount ? { ...r, columns: rest, unused: [...r.unused, amount.name] } : r;
}
