/**
 * Whether a column named as a cost price (`Kostprijs`, `Cost price`) holds the line's cost
 * (AFAS Profit's Verkooprealisatie: units x the item's cost price, beside `Marge`) rather than
 * the cost of one unit. The name cannot tell; the values can: on lines of several units a unit
 * cost stays below the unit price (else every such sale is a loss), while a line's cost rises
 * above it and stays below quantity x price.
 */
import type { Engine } from '../warehouse/index.ts';
import type { Recognised } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** The evidence that a cost column is the line's cost: lines with several units, and how many read so. */
export interface CostIsLineTotal {
  column: string;
  /** Lines with two or more units, a price and a cost. */
  lines: number;
  /** Of those, lines whose cost is above the unit price and at most quantity x that price. */
  totals: number;
}

/** Share of the compared lines that must read as line costs. */
const MAJORITY = 0.8;

/**
 * Undefined unless the export has a unit cost, a quantity and a unit price (or a line amount to
 * take one from), and the cost reads as the line's on most lines with several units.
 */
export async function costIsLineTotal(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<CostIsLineTotal | undefined> {
  const c = r.columns;
  if (!c.unit_cost || !c.quantity || (!c.unit_price && !c.amount)) return undefined;
  const q = engine.dialect.quoteIdent;
  const num = (name: string) => numberValueSql(engine.dialect, q(name), p.decimal);
  const qty = `abs(${num(c.quantity.name)})`;
  const price = c.unit_price ? `abs(${num(c.unit_price.name)})` : `abs(${num(c.amount!.name)}) / ${qty}`;
  const cost = `abs(${num(c.unit_cost.name)})`;
  const row = (
    await engine.query(
      `SELECT count(*) AS n,
         count(*) FILTER (WHERE cost > price + 0.005 AND cost <= qty * price + 0.005) AS totals
       FROM (SELECT ${qty} AS qty, ${price} AS price, ${cost} AS cost FROM ${q(p.table)}) l
       WHERE qty >= 2 AND price > 0 AND cost > 0`,
    )
  )[0];
  const lines = Number(row?.n ?? 0);
  const totals = Number(row?.totals ?? 0);
  if (lines === 0 || totals < MAJORITY * lines) return undefined;
  return { column: c.unit_cost.name, lines, totals };
}

/** The recognised columns with the cost column read as the line's cost of goods. */
export function costAsLineCost(r: Recognised): Recognised {
  const { unit_cost: cost, ...rest } = r.columns;
  return cost && !rest.cogs_amount ? { ...r, columns: { ...rest, cogs_amount: cost } } : r;
}
