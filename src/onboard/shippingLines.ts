/**
 * Shipping charged as a line of its own (PrestaShop, CCV Shop, Lightspeed eCom, WooCommerce's
 * line-item exports): a line whose description (or article number) is `Verzendkosten`,
 * `Bezorgkosten`, `Shipping`, ... is what the customer paid for delivery, no product sale. Like a
 * shipping column on an order's first line (orderLevel.ts), it is not loaded as sales: worth.yaml
 * leaves such lines out by an `exclude_when` rule (counted with their money, not rejects), in the
 * order lines and in the refunds over the same file, and the delivery cost stays with the cost
 * model's delivery activity.
 */
import type { Engine } from '../warehouse/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** Values (lower case, trimmed) that name a shipping line, Dutch and English. */
const SHIPPING_VALUES = [
  'verzendkosten',
  'verzending',
  'verzenden',
  'bezorgkosten',
  'bezorging',
  'verzend- en handelingskosten',
  'portokosten',
  'porto',
  'shipping',
  'shipping costs',
  'shipping cost',
  'shipping charge',
  'delivery',
  'delivery charge',
  'postage',
  'postage and packing',
  'freight',
];

/** The shipping lines of an export: the column and values that name them, their lines and the rule. */
export interface ShippingLines {
  column: string;
  values: string[];
  lines: number;
  rule: string;
}

/** The export's shipping lines; undefined when no description or article number names one. */
export async function shippingLines(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<ShippingLines | undefined> {
  const q = engine.dialect.quoteIdent;
  for (const col of [r.columns.description, r.columns.product_id]) {
    if (!col) continue;
    const v = `lower(trim(${q(col.name)}))`;
    const rows = await engine.query(
      `SELECT ${v} AS value, count(*) AS n FROM ${q(p.table)}
       WHERE ${v} IN (${SHIPPING_VALUES.map((_, i) => `$${i + 1}`).join(', ')}) GROUP BY 1 ORDER BY 1`,
      SHIPPING_VALUES,
    );
    if (!rows.length) continue;
    const values = rows.map((x) => String(x.value));
    return {
      column: col.name,
      values,
      lines: rows.reduce((a, x) => a + Number(x.n), 0),
      rule: `in_list(lower(trim(${term(col.name)})), ${values.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')})`,
    };
  }
  return undefined;
}
