/**
 * An order's summary row above its items (eBay's orders report: an order of several items is one
 * record, its first row the buyer, the order's quantity, shipping and total with no item, then a
 * row per item). The summary is no sale of its own (its goods are the items' below it): worth.yaml
 * leaves it out by an `exclude_when` rule (no product, no unit price), so ingest counts it instead of
 * rejecting it for a missing price. Only when every row without a product and a price is such a
 * summary: a row followed by an item of the same order.
 */
import type { Engine } from '../warehouse/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';

/** Summary rows: how many, the first's line in the file, and the rule that leaves them out. */
export interface OrderSummaries {
  lines: number;
  firstLine: number;
  rule: string;
}

/** The export's order summary rows; undefined when it has none, or a row without item that is no summary. */
export async function orderSummaries(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<OrderSummaries | undefined> {
  const q = engine.dialect.quoteIdent;
  const { order_id: order, product_id: product, unit_price: price, amount } = r.columns;
  if (!order || !product || !price) return undefined;
  const empty = [product.name, price.name, ...(amount ? [amount.name] : [])];
  const a = (c: string) => `a.${q(c)}`;
  const b = (c: string) => `b.${q(c)}`;
  // The next row (data rows are numbered 1, 2, ... in _rn) is an item of the same order.
  const summary = `b._rn IS NOT NULL AND trim(${b(order.name)}) = trim(${a(order.name)}) AND NOT ${missingSql(b(product.name))}`;
  const row = (
    await engine.query(
      `SELECT count(*) AS n, ${engine.dialect.countWhere(summary)} AS summaries, min(a._rn) AS first
       FROM ${q(p.table)} a LEFT JOIN ${q(p.table)} b ON b._rn = a._rn + 1
       WHERE NOT ${missingSql(a(order.name))} AND ${empty.map((c) => missingSql(a(c))).join(' AND ')}`,
    )
  )[0]!;
  const lines = Number(row.n);
  if (lines === 0 || Number(row.summaries) !== lines) return undefined;
  return {
    lines,
    // _rn counts data rows from 1; the header and skipped lines come before them.
    firstLine: Number(row.first) + (p.header ? 1 : 0) + p.skipLines,
    rule: empty.map((c) => `is_empty(${term(c)})`).join(' and '),
  };
}
